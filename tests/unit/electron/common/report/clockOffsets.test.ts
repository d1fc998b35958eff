import { describe, expect, it } from 'vitest';
import type { Bundle, BundleEvent } from '../../../../../electron/common/report/bundle';
import { estimateClockOffsets } from '../../../../../electron/common/report/clockOffsets';

let n = 0;
function ev(deviceId: string, kind: BundleEvent['kind'], recordedAt: number, payload: Record<string, unknown> = {}): BundleEvent {
  n++;
  return { id: `e${n}`, seq: n, kind, occurredAt: recordedAt, recordedAt, deviceId, actor: deviceId, payload, salt: null, digest: '0'.repeat(64), chainHead: '0'.repeat(64), redacted: false };
}
const bundleOf = (deviceId: string, events: BundleEvent[]) => ({ deviceId, events, commands: [] }) as unknown as Bundle;
const other = (bundle: Bundle, id: string) => estimateClockOffsets(bundle).devices.find((d) => d.deviceId === id)!;

describe('estimateClockOffsets', () => {
  it('one device: nothing to reconcile', () => {
    const estimate = estimateClockOffsets(bundleOf('A', [ev('A', 'incident.created', 1000), ev('A', 'note', 2000)]));
    expect(estimate).toEqual({ contradictory: false, devices: [{ deviceId: 'A', events: 2, thisDevice: true, low: null, high: null }] });
  });

  it('bounds a clock from both sides when bundles went both ways (export before import)', () => {
    // True time t; B's clock reads t + 300 000 (5 min ahead). A opens at t=1000, exports at 2000;
    // B imports at t=3000 (reads 303 000), notes at t=4000, exports at t=5000 (305 000); A imports at t=6000.
    const created = ev('A', 'incident.created', 1000);
    const bImports = ev('B', 'bundle.imported', 303_000, { fromDeviceId: 'A', exportedAt: 2000, eventsAdded: 1, latestRecordedAt: { A: 1000 } });
    const bNote = ev('B', 'note', 304_000, { text: 'b' });
    const aImports = ev('A', 'bundle.imported', 6000, { fromDeviceId: 'B', exportedAt: 305_000, eventsAdded: 2, latestRecordedAt: { A: 1000, B: 304_000 } });
    const b = other(bundleOf('A', [created, bImports, bNote, aImports]), 'B');
    // B − A: more than 305 000 − 6000 = 299 000, less than 303 000 − 2000 = 301 000 (each widened
    // by the 1 ms the readings may have been rounded down by).
    expect(b).toMatchObject({ events: 2, thisDevice: false, low: 298_999, high: 301_001 });
  });

  it('a one-way import proves only a one-sided bound, and usually nothing at all', () => {
    const created = ev('A', 'incident.created', 1000);
    const bNote = ev('B', 'note', 50_000);
    // B's bundle reached A an hour after it was written: B could be anything up to an hour ahead.
    const aImports = ev('A', 'bundle.imported', 3_650_000, { fromDeviceId: 'B', exportedAt: 60_000, eventsAdded: 1, latestRecordedAt: { B: 50_000 } });
    const b = other(bundleOf('A', [created, bNote, aImports]), 'B');
    // Only B's first event coming after the creation bounds it: B − A < 50 000 − 1000.
    expect(b).toMatchObject({ low: -3_590_001, high: 49_001 });
  });

  it('events that name one another bound the clocks (a star of a teammate’s note, an action item closed on another device)', () => {
    const created = ev('A', 'incident.created', 1000);
    const aNote = ev('A', 'note', 10_000);
    // B's clock is behind: B stars A's note at B-time 8000, which must be after A's 10 000.
    const bStar = ev('B', 'star', 8000, { eventId: aNote.id });
    const b = other(bundleOf('A', [created, aNote, bStar]), 'B');
    expect(b.high).toBe(-1999);
    expect(b.low).toBeNull();
  });

  it('order that no steady clocks can explain is reported as contradictory, with no bounds', () => {
    const created = ev('A', 'incident.created', 1000);
    const aNote = ev('A', 'note', 10_000);
    const bStar = ev('B', 'star', 8000, { eventId: aNote.id }); // B at least 2 s behind…
    const aStar = ev('A', 'star', 20_000, { eventId: 'later' });
    const bNote = { ...ev('B', 'note', 30_000), id: 'later' }; // …and A stars B's 30 000 at 20 000: B at least 10 s ahead.
    const estimate = estimateClockOffsets(bundleOf('A', [created, aNote, bStar, bNote, aStar]));
    expect(estimate.contradictory).toBe(true);
    expect(estimate.devices.every((d) => d.low === null && d.high === null)).toBe(true);
  });
});
