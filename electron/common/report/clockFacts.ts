/**
 * The report's header facts about clocks, for a timeline merged from several devices (see
 * clockOffsets.ts for what is proved and how).
 */
import type { ClockEstimate } from './clockOffsets';
import { formatDuration } from './reportClock';
import type { Inline } from './reportModel';

/**
 * For a timeline merged from several devices: which devices recorded it, and how far each
 * one's clock is from this (the exporting) device's where the record's own order proves a
 * bound (clockOffsets.ts) — else that their clocks are not reconciled. Nothing for one device.
 */
export function clockFacts({ devices, contradictory }: ClockEstimate, deviceName: (deviceId: string) => string): { label: string; value: Inline[] }[] {
  const others = devices.filter((d) => !d.thisDevice && d.events > 0);
  if (others.length === 0) return [];
  const list: Inline[] = [];
  for (const d of devices.filter((x) => x.events > 0 || x.thisDevice)) {
    if (list.length > 0) list.push(', ');
    list.push({ code: deviceName(d.deviceId) }, ` (${d.thisDevice ? 'this device, ' : ''}${d.events} event${d.events === 1 ? '' : 's'})`);
  }
  const rows = [{ label: 'Recording devices', value: list }];
  const unreconciled = 'not reconciled: each event’s time is as its own device’s clock read it';
  if (contradictory) {
    rows.push({ label: 'Clocks', value: [`${unreconciled} — the order of the record cannot be squared with steady clocks (was a clock changed during the incident?).`] });
    return rows;
  }
  const words = others.map((d) => ({ d, text: offsetWords(d.low, d.high) }));
  if (words.every((w) => w.text === null)) {
    rows.push({ label: 'Clocks', value: [`${unreconciled}; nothing in the record bounds how far apart they are.`] });
    return rows;
  }
  for (const { d, text } of words) {
    rows.push({
      label: `Clock of ${deviceName(d.deviceId)}`,
      value: [text === null ? `${unreconciled} (nothing in the record bounds it)` : `${text} (from the record’s order, if each clock ran steadily)`],
    });
  }
  return rows;
}

/**
 * Widest bound around zero still worth calling a match: within it, the merged order of events
 * recorded a minute or more apart on different devices is certain. A looser bound proves only
 * that the clocks are not further apart than that, so they count as not reconciled.
 */
const AGREEMENT_MS = 60_000;

/** Bounds on (that device's clock − this device's), in words; null when they prove nothing. */
export function offsetWords(low: number | null, high: number | null): string | null {
  const inner = (ms: number) => formatDuration(roundTo(ms, Math.floor));
  const outer = (ms: number) => formatDuration(roundTo(ms, Math.ceil));
  if (low !== null && low > 0) return high !== null ? `${inner(low)} to ${outer(high)} ahead of this device’s` : `at least ${inner(low)} ahead of this device’s`;
  if (high !== null && high < 0) return low !== null ? `${inner(-high)} to ${outer(-low)} behind this device’s` : `at least ${inner(-high)} behind this device’s`;
  if (low !== null && high !== null) {
    const range = `between ${outer(-low)} behind and ${outer(high)} ahead of this device’s`;
    return high - low <= AGREEMENT_MS ? `no offset measurable: ${range}` : `not reconciled; the record only bounds it ${range}`;
  }
  return null;
}

/**
 * Rounds a bound to the precision formatDuration shows it at, in the direction that keeps it
 * true (an "at least" down, an "at most" up): a bound must never be printed tighter than proved.
 */
function roundTo(ms: number, round: (x: number) => number): number {
  const step = ms < 1000 ? 1 : ms < 60_000 ? 100 : ms < 3_600_000 ? 1000 : ms < 48 * 3_600_000 ? 60_000 : 3_600_000;
  return round(ms / step) * step;
}
