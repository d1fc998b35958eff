import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../../../../electron/common/incident/model';
import { mergeTimeline } from '../../../../../renderer/src/incidents/mergeTimeline';

function ev(id: string, occurredAt: number): TimelineEvent {
  return { id, incidentId: 'i', seq: 0, occurredAt, recordedAt: occurredAt, deviceId: 'd', actor: 'a', digest: '', chainHead: '', redacted: false, kind: 'note', payload: { text: id } };
}
const ids = (events: TimelineEvent[]) => events.map((e) => e.id);

describe('mergeTimeline', () => {
  it('appends newer events, prepends older pages, and merges events that land in between, each once', () => {
    const known = new Set<string>();
    let events = mergeTimeline([], [ev('c', 30), ev('b', 20)], known);
    expect(ids(events)).toEqual(['b', 'c']);
    events = mergeTimeline(events, [ev('d', 40)], known);
    expect(ids(events)).toEqual(['b', 'c', 'd']);
    events = mergeTimeline(events, [ev('a', 10)], known);
    expect(ids(events)).toEqual(['a', 'b', 'c', 'd']);
    // An import from another device: events between the ones we have, a tie broken by id, one we hold already.
    events = mergeTimeline(events, [ev('x2', 35), ev('b', 20), ev('bb', 20), ev('x1', 15), ev('x1', 15)], known);
    expect(ids(events)).toEqual(['a', 'x1', 'b', 'bb', 'c', 'x2', 'd']);
    expect(known.size).toBe(7);
  });

  it('returns the same array when nothing is new (a memo on it does no work)', () => {
    const known = new Set<string>();
    const events = mergeTimeline([], [ev('a', 1)], known);
    expect(mergeTimeline(events, [ev('a', 1)], known)).toBe(events);
  });
});
