import { describe, expect, it } from 'vitest';
import { deriveMilestones } from '../../../../../electron/common/incident/milestones';
import type { EventKind, EventPayloads, IncidentStatus, TimelineEvent } from '../../../../../electron/common/incident/model';

let seq = 0;
function ev<K extends EventKind>(kind: K, occurredAt: number, payload: EventPayloads[K]): TimelineEvent {
  seq += 1;
  return { id: `e${seq}`, incidentId: 'i', seq, kind, occurredAt, recordedAt: occurredAt, deviceId: 'd', actor: 'a', payload, digest: '', chainHead: '', redacted: false } as TimelineEvent;
}
const created = (at: number) => ev('incident.created', at, { title: 't', severity: 'SEV1', status: 'investigating', commander: null, impact: null, runbookIds: [] });
const status = (at: number, from: IncidentStatus, to: IncidentStatus) => ev('status.changed', at, { from, to });
const MIN = 60_000;

describe('deriveMilestones', () => {
  it('derives detected, acknowledged, mitigated and resolved with time-to-X from detected', () => {
    const m = deriveMilestones([
      created(10 * MIN),
      status(20 * MIN, 'investigating', 'mitigating'),
      status(35 * MIN, 'mitigating', 'monitoring'),
      status(70 * MIN, 'monitoring', 'resolved'),
    ]);
    expect([m.detected.at, m.acknowledged.at, m.mitigated.at, m.resolved.at]).toEqual([10 * MIN, 10 * MIN, 35 * MIN, 70 * MIN]);
    expect([m.timeToAcknowledgeMs, m.timeToMitigateMs, m.timeToResolveMs]).toEqual([0, 25 * MIN, 60 * MIN]);
    expect(m.mitigated.source).toBe('derived');
  });

  it('moves "detected" back to the earliest "happened at" on the timeline', () => {
    const m = deriveMilestones([created(10 * MIN), ev('note', 2 * MIN, { text: 'alert fired' }), status(40 * MIN, 'investigating', 'resolved')]);
    expect(m.detected).toMatchObject({ at: 2 * MIN, eventId: 'e' + (seq - 1) });
    expect(m.timeToAcknowledgeMs).toBe(8 * MIN);
    // Straight to resolved: mitigated then too.
    expect(m.mitigated.at).toBe(40 * MIN);
    expect(m.timeToResolveMs).toBe(38 * MIN);
  });

  it('unresolves a reopened incident and takes the last resolution', () => {
    const events = [created(0), status(10 * MIN, 'investigating', 'resolved'), status(15 * MIN, 'resolved', 'investigating')];
    expect(deriveMilestones(events).resolved.at).toBeNull();
    expect(deriveMilestones(events).timeToResolveMs).toBeNull();
    const again = deriveMilestones([...events, status(50 * MIN, 'investigating', 'resolved')]);
    expect(again.resolved.at).toBe(50 * MIN);
    expect(again.mitigated.at).toBe(10 * MIN);
  });

  it('lets milestone.set override a milestone and at: null restore the derived one', () => {
    const base = [created(10 * MIN), status(30 * MIN, 'investigating', 'monitoring')];
    const set = deriveMilestones([...base, ev('milestone.set', 60 * MIN, { milestone: 'mitigated', at: 25 * MIN }), ev('milestone.set', 61 * MIN, { milestone: 'acknowledged', at: 12 * MIN })]);
    expect(set.mitigated).toMatchObject({ at: 25 * MIN, source: 'set' });
    expect(set.timeToMitigateMs).toBe(15 * MIN);
    expect(set.timeToAcknowledgeMs).toBe(2 * MIN);
    const cleared = deriveMilestones([...base, ev('milestone.set', 60 * MIN, { milestone: 'mitigated', at: 25 * MIN }), ev('milestone.set', 62 * MIN, { milestone: 'mitigated', at: null })]);
    expect(cleared.mitigated).toMatchObject({ at: 30 * MIN, source: 'derived' });
  });

  it('reports nothing for an empty timeline', () => {
    const m = deriveMilestones([]);
    expect([m.detected.at, m.acknowledged.at, m.timeToResolveMs]).toEqual([null, null, null]);
  });
});
