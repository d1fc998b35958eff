/**
 * What the incidents list shows, shared by the console's list (renderer IncidentList.tsx) and
 * the first screen the served console draws into its HTML (node/server/firstScreen.ts), so both
 * group and word an incident the same way.
 */
import { STATUS_LABELS } from './clockWords';
import type { Incident } from './model';
import { formatDateTime } from './timeFormat';

/** Active incidents first, then the resolved ones (folded away while any is active). */
export function splitIncidentList(incidents: readonly Incident[]): { active: Incident[]; resolved: Incident[] } {
  return { active: incidents.filter((i) => i.status !== 'resolved'), resolved: incidents.filter((i) => i.status === 'resolved') };
}

/** The line under an incident's title, after its severity: `Investigating · 2026-11-23 14:03`. */
export function incidentListDetail(incident: Incident, utc: boolean): string {
  return `${STATUS_LABELS[incident.status]} · ${formatDateTime(incident.createdAt, utc)}`;
}

/** The folded group's label. */
export function resolvedGroupLabel(count: number): string {
  return `Resolved (${count})`;
}
