/** Times as the responder reads them: local time with the zone stated, or UTC on request. */

export function zoneLabel(utc: boolean, at = Date.now()): string {
  if (utc) return 'UTC';
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const offset = offsetLabel(at);
  // A machine set to UTC says so once, and that it is the local zone.
  return zone === offset || zone === 'Etc/UTC' ? `local ${offset}` : `${zone} (${offset})`;
}

/** `UTC+01:00`, `UTC−05:30`, `UTC` for the local offset at that moment. */
export function offsetLabel(at: number): string {
  const minutes = -new Date(at).getTimezoneOffset();
  if (minutes === 0) return 'UTC';
  const sign = minutes > 0 ? '+' : '−';
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

function parts(at: number, utc: boolean) {
  const d = new Date(at);
  return utc
    ? { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds() }
    : { y: d.getFullYear(), mo: d.getMonth() + 1, d: d.getDate(), h: d.getHours(), mi: d.getMinutes(), s: d.getSeconds() };
}

/** `14:03:27` */
export function formatClockTime(at: number, utc: boolean): string {
  const p = parts(at, utc);
  return `${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}`;
}

/** `2026-11-23 14:03` */
export function formatDateTime(at: number, utc: boolean): string {
  const p = parts(at, utc);
  return `${p.y}-${pad(p.mo)}-${pad(p.d)} ${pad(p.h)}:${pad(p.mi)}`;
}

/** `2026-11-23` */
export function formatDate(at: number, utc: boolean): string {
  const p = parts(at, utc);
  return `${p.y}-${pad(p.mo)}-${pad(p.d)}`;
}

/** For the template's `[Start time]`: `2026-11-23 14:03 UTC+01:00`, unambiguous to any reader. */
export function formatStamp(at: number, utc: boolean): string {
  return `${formatDateTime(at, utc)} ${utc ? 'UTC' : offsetLabel(at)}`;
}

/** The value a `datetime-local` input shows for a time (local, to the second). */
export function toLocalInputValue(at: number): string {
  const p = parts(at, false);
  return `${p.y}-${pad(p.mo)}-${pad(p.d)}T${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}`;
}

/** Reads a `datetime-local` value as local time; null when empty or invalid. */
export function fromLocalInputValue(value: string): number | null {
  if (!value) return null;
  const at = new Date(value).getTime();
  return Number.isFinite(at) ? at : null;
}
