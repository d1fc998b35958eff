/**
 * The words and figures of the incident clocks, one vocabulary for the header, the
 * timeline and the report:
 *
 * - milestones: detected, acknowledged, identified, mitigated, resolved — and "time to
 *   acknowledge / identify / mitigate / resolve", each measured from detected;
 * - durations never look like a time of day: `22 min 27 s`, never `22:27`, which would
 *   read as the clock beside it (`Detected 22:55:00`).
 */
import type { IncidentStatus, MilestoneName, Milestones } from './model';

/** `850 ms`, `4.1 s`, `22 min 27 s`, `2 h 07 min`, `3 d 4 h`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) ms = 0;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  // 59.96 s would print as "60.0 s": from there on it is a minute.
  if (ms < 59_950) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** A ticking countdown or elapsed clock: whole seconds, so it does not flicker with tenths. */
export function formatClockDuration(ms: number): string {
  const seconds = Math.floor(Math.max(0, ms) / 1000);
  return seconds < 60 ? `${seconds} s` : formatDuration(seconds * 1000);
}

/** The status as the header, the timeline, the report and the CLI name it. */
export const STATUS_LABELS: Record<IncidentStatus, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  mitigating: 'Mitigating',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

/** How a milestone is named, everywhere. */
export const MILESTONE_LABELS: Record<MilestoneName, string> = {
  detected: 'Detected',
  acknowledged: 'Acknowledged',
  identified: 'Identified',
  mitigated: 'Mitigated',
  resolved: 'Resolved',
};

/** "time to acknowledge" … ; detected is where the others are measured from. */
export const TIME_TO_WORDS: Record<Exclude<MilestoneName, 'detected'>, string> = {
  acknowledged: 'time to acknowledge',
  identified: 'time to identify',
  mitigated: 'time to mitigate',
  resolved: 'time to resolve',
};

/** Time from detected to `name`, or null while either is unknown (or for detected itself). */
export function timeTo(milestones: Milestones, name: MilestoneName): number | null {
  const detected = milestones.detected?.at ?? null;
  const at = milestones[name]?.at ?? null;
  if (name === 'detected' || detected === null || at === null) return null;
  return at - detected;
}
