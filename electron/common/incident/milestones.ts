/**
 * The report's milestones, derived from the timeline so they can never disagree with it:
 *
 * - detected: when the incident was opened, unless a responder moved it (a `milestone.set`;
 *   the console offers that when a note is backdated before it). A backdated note alone never
 *   moves it: the clocks that count from it (elapsed, the response window) would jump silently.
 * - acknowledged: when the incident was opened here; opening it is the acknowledgement.
 * - identified: the first move off `investigating` — someone has a handle on it.
 * - mitigated: the first time the status reached `monitoring` (a fix is in and being watched)
 *   or went straight to `resolved`.
 * - resolved: the move to `resolved` that is still in force.
 *
 * Moving the status back (a reopen, or a fix that did not hold) clears the milestones the new
 * status has not reached — reopened to Investigating clears identified, mitigated and resolved —
 * including times set by hand before the move; they are set again when the status gets there.
 *
 * A `milestone.set` event overrides one milestone (the latest such event wins; `at: null`
 * returns it to the derived time). Time-to-X is measured from `detected`.
 *
 * Events must be in storage (seq) order. Only these kinds matter: `incident.created`,
 * `status.changed`, `milestone.set`; a caller holding a long timeline may pass just those.
 */
import { INCIDENT_STATUSES, type IncidentStatus, type Milestone, type MilestoneName, type Milestones, type TimelineEvent } from './model';

const rank = (status: IncidentStatus) => INCIDENT_STATUSES.indexOf(status);

/** The milestones a status has reached by itself being in force. */
function reached(status: IncidentStatus): Set<MilestoneName> {
  const names = new Set<MilestoneName>();
  if (rank(status) >= rank('identified')) names.add('identified');
  if (rank(status) >= rank('monitoring')) names.add('mitigated');
  if (status === 'resolved') names.add('resolved');
  return names;
}

/** Status changes clear (or set) only these. */
const STATUS_MILESTONES: readonly MilestoneName[] = ['identified', 'mitigated', 'resolved'];

/** The milestones a move from `from` back to `to` clears (none for a forward move). */
export function milestonesClearedBy(from: IncidentStatus, to: IncidentStatus): MilestoneName[] {
  if (rank(to) >= rank(from)) return [];
  const before = reached(from);
  const after = reached(to);
  return STATUS_MILESTONES.filter((name) => before.has(name) && !after.has(name));
}

export function deriveMilestones(events: readonly TimelineEvent[]): Milestones {
  const derived: Record<MilestoneName, { at: number | null; eventId: string | null }> = {
    detected: { at: null, eventId: null },
    acknowledged: { at: null, eventId: null },
    identified: { at: null, eventId: null },
    mitigated: { at: null, eventId: null },
    resolved: { at: null, eventId: null },
  };
  const overrides = new Map<MilestoneName, { at: number | null; eventId: string }>();

  for (const event of events) {
    switch (event.kind) {
      case 'incident.created':
        derived.detected = { at: event.occurredAt, eventId: event.id };
        derived.acknowledged = { at: event.occurredAt, eventId: event.id };
        break;
      case 'status.changed': {
        const now = reached(event.payload.to);
        const back = rank(event.payload.to) < rank(event.payload.from);
        for (const name of STATUS_MILESTONES) {
          if (!now.has(name)) {
            derived[name] = { at: null, eventId: null };
            // A time set by hand goes too when the status moves back past it; a forward move keeps it.
            if (back) overrides.delete(name);
          } else if (derived[name].at === null) {
            derived[name] = { at: event.occurredAt, eventId: event.id };
          }
        }
        break;
      }
      case 'milestone.set':
        if (event.payload.at === null) overrides.delete(event.payload.milestone);
        else overrides.set(event.payload.milestone, { at: event.payload.at, eventId: event.id });
        break;
      default:
        break;
    }
  }

  const pick = (name: MilestoneName): Milestone => {
    const override = overrides.get(name);
    if (override) return { name, at: override.at, source: 'set', eventId: override.eventId };
    return { name, at: derived[name].at, source: 'derived', eventId: derived[name].eventId };
  };
  const detected = pick('detected');
  const acknowledged = pick('acknowledged');
  const identified = pick('identified');
  const mitigated = pick('mitigated');
  const resolved = pick('resolved');
  const since = (end: Milestone): number | null => (end.at === null || detected.at === null ? null : end.at - detected.at);

  return {
    detected,
    acknowledged,
    identified,
    mitigated,
    resolved,
    timeToAcknowledgeMs: since(acknowledged),
    timeToIdentifyMs: since(identified),
    timeToMitigateMs: since(mitigated),
    timeToResolveMs: since(resolved),
  };
}
