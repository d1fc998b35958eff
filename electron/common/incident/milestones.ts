/**
 * The report's milestones, derived from the timeline so they can never disagree with it:
 *
 * - detected: the earliest time on the timeline — the incident's creation, or an earlier
 *   "happened at" a responder gave a note (the alert that fired before anyone opened War Room).
 * - acknowledged: when the incident was opened here; opening it is the acknowledgement.
 * - mitigated: the first time the status reached `monitoring` (a fix is in and being watched)
 *   or went straight to `resolved`.
 * - resolved: the move to `resolved` that is still in force; a reopened incident is unresolved
 *   until it is resolved again.
 *
 * A `milestone.set` event overrides one milestone (the latest such event wins; `at: null`
 * returns it to the derived time). Time-to-X is measured from `detected`.
 *
 * Events must be in storage (seq) order. Only these kinds matter: `incident.created`,
 * `status.changed`, `milestone.set`, and the event with the earliest `occurredAt`; a caller
 * holding a long timeline may pass just those.
 */
import type { Milestone, MilestoneName, Milestones, TimelineEvent } from './model';

export function deriveMilestones(events: readonly TimelineEvent[]): Milestones {
  const derived: Record<MilestoneName, { at: number | null; eventId: string | null }> = {
    detected: { at: null, eventId: null },
    acknowledged: { at: null, eventId: null },
    mitigated: { at: null, eventId: null },
    resolved: { at: null, eventId: null },
  };
  const overrides = new Map<MilestoneName, { at: number | null; eventId: string }>();

  for (const event of events) {
    if (derived.detected.at === null || event.occurredAt < derived.detected.at) {
      derived.detected = { at: event.occurredAt, eventId: event.id };
    }
    switch (event.kind) {
      case 'incident.created':
        derived.acknowledged = { at: event.occurredAt, eventId: event.id };
        break;
      case 'status.changed': {
        const to = event.payload.to;
        if (derived.mitigated.at === null && (to === 'monitoring' || to === 'resolved')) {
          derived.mitigated = { at: event.occurredAt, eventId: event.id };
        }
        derived.resolved = to === 'resolved' ? { at: event.occurredAt, eventId: event.id } : { at: null, eventId: null };
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
  const mitigated = pick('mitigated');
  const resolved = pick('resolved');
  const since = (end: Milestone): number | null =>
    end.at === null || detected.at === null ? null : end.at - detected.at;

  return {
    detected,
    acknowledged,
    mitigated,
    resolved,
    timeToAcknowledgeMs: since(acknowledged),
    timeToMitigateMs: since(mitigated),
    timeToResolveMs: since(resolved),
  };
}
