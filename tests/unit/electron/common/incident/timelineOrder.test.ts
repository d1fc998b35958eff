import { describe, expect, it } from 'vitest';
import { compareTimelineOrder } from '../../../../../electron/common/incident/timelineOrder';

describe('compareTimelineOrder', () => {
  it('orders by when it happened, then by id — never by where it was stored', () => {
    const events = [
      { occurredAt: 2000, id: '01B', seq: 1 },
      { occurredAt: 1000, id: '01Z', seq: 2 },
      { occurredAt: 2000, id: '01A', seq: 3 },
      { occurredAt: 1000, id: '01C', seq: 4 },
    ];
    expect([...events].sort(compareTimelineOrder).map((e) => e.id)).toEqual(['01C', '01Z', '01A', '01B']);
    expect(compareTimelineOrder({ occurredAt: 5, id: 'x' }, { occurredAt: 5, id: 'x' })).toBe(0);
  });
});
