import { describe, expect, it } from 'vitest';
import { deriveMilestones, milestonesClearedBy } from '../../../../../electron/common/incident/milestones';
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

  it('keeps "detected" where it is when a note is backdated, and moves it when a responder says so', () => {
    const events = [created(10 * MIN), ev('note', 2 * MIN, { text: 'alert fired' }), status(40 * MIN, 'investigating', 'resolved')];
    expect(deriveMilestones(events).detected).toMatchObject({ at: 10 * MIN, source: 'derived' });
    const m = deriveMilestones([...events, ev('milestone.set', 41 * MIN, { milestone: 'detected', at: 2 * MIN })]);
    expect(m.detected).toMatchObject({ at: 2 * MIN, source: 'set' });
    expect(m.timeToAcknowledgeMs).toBe(8 * MIN);
    // Straight to resolved: identified and mitigated then too.
    expect([m.identified.at, m.mitigated.at]).toEqual([40 * MIN, 40 * MIN]);
    expect(m.timeToResolveMs).toBe(38 * MIN);
  });

  it('identifies at the first move off Investigating', () => {
    const m = deriveMilestones([created(0), status(7 * MIN, 'investigating', 'identified'), status(9 * MIN, 'identified', 'mitigating')]);
    expect([m.identified.at, m.timeToIdentifyMs, m.mitigated.at]).toEqual([7 * MIN, 7 * MIN, null]);
  });

  it('clears what a reopen has not reached again, hand-set times too, and takes the next ones', () => {
    const events = [
      created(0),
      status(5 * MIN, 'investigating', 'identified'),
      status(10 * MIN, 'identified', 'resolved'),
      ev('milestone.set', 11 * MIN, { milestone: 'mitigated', at: 8 * MIN }),
      status(15 * MIN, 'resolved', 'mitigating'),
    ];
    const reopened = deriveMilestones(events);
    expect([reopened.identified.at, reopened.mitigated.at, reopened.resolved.at, reopened.timeToResolveMs]).toEqual([5 * MIN, null, null, null]);
    const again = deriveMilestones([...events, status(40 * MIN, 'mitigating', 'monitoring'), status(50 * MIN, 'monitoring', 'resolved')]);
    expect([again.mitigated.at, again.resolved.at]).toEqual([40 * MIN, 50 * MIN]);
    expect(milestonesClearedBy('resolved', 'investigating')).toEqual(['identified', 'mitigated', 'resolved']);
    expect(milestonesClearedBy('monitoring', 'mitigating')).toEqual(['mitigated']);
    expect(milestonesClearedBy('identified', 'monitoring')).toEqual([]);
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
