/**
 * Times in a report: wall-clock time in one named time zone, stated once in the report's
 * header (a report read the next morning in another office must not be ambiguous). Uses Intl,
 * so it runs the same in Node and in a browser.
 */

export interface ReportClock {
  /** The IANA zone, e.g. `Europe/Berlin` or `UTC`. */
  timeZone: string;
  /** `Europe/Berlin (UTC+01:00)`: what the header states. */
  zoneLabel: string;
  /** `2026-11-23 03:12:04`. */
  dateTime(ms: number): string;
  /** `2026-11-23`. */
  date(ms: number): string;
  /** `03:12:04`. */
  time(ms: number): string;
  /** `03:12`. */
  hoursMinutes(ms: number): string;
}

/** The zone this process (host or browser) runs in: the default when a caller names none. */
export function hostTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Throws a one-line error for a zone Intl does not know (`--time-zone Mars/Olympus`). */
export function createReportClock(timeZone: string = hostTimeZone(), referenceMs: number = Date.now()): ReportClock {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
  } catch {
    throw new RangeError(`Unknown time zone "${timeZone}" — use an IANA name such as UTC or Europe/Berlin.`);
  }
  const zone = format.resolvedOptions().timeZone;
  // Formatting the same second twice is common (start/finish pairs); a tiny cache saves Intl calls.
  let cachedSecond = NaN;
  let cachedParts = { date: '', time: '' };
  const parts = (ms: number) => {
    const second = Math.floor(ms / 1000);
    if (second === cachedSecond) return cachedParts;
    const p: Record<string, string> = {};
    for (const part of format.formatToParts(new Date(ms))) p[part.type] = part.value;
    cachedSecond = second;
    cachedParts = { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}:${p.second}` };
    return cachedParts;
  };
  const offsetMinutes = (ms: number) => {
    const { date, time } = parts(ms);
    const wall = Date.parse(`${date}T${time}Z`);
    return Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000);
  };
  const offset = offsetMinutes(referenceMs);
  const sign = offset < 0 ? '−' : '+';
  const abs = Math.abs(offset);
  const offsetText = `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return {
    timeZone: zone,
    zoneLabel: zone === 'UTC' || zone === 'Etc/UTC' ? 'UTC' : `${zone} (${offsetText})`,
    dateTime: (ms) => {
      const p = parts(ms);
      return `${p.date} ${p.time}`;
    },
    date: (ms) => parts(ms).date,
    time: (ms) => parts(ms).time,
    hoursMinutes: (ms) => parts(ms).time.slice(0, 5),
  };
}

/** Durations read alike in the console and the report (see incident/clockWords.ts). */
export { formatDuration } from '../incident/clockWords';
