import { describe, expect, it } from 'vitest';
import { coalesceLatest, UI_UPDATE_INTERVAL_MS } from '../../../../../renderer/src/host/coalesce';
import { FakeClock } from '../fakeClock';

describe('coalesceLatest', () => {
  it('applies a single change at once', () => {
    const clock = new FakeClock();
    const applied: number[] = [];
    coalesceLatest((v: number) => applied.push(v), UI_UPDATE_INTERVAL_MS, clock).push(1);
    expect(applied).toEqual([1]);
  });

  it('applies a stream of changes at most once per interval, always ending on the latest', () => {
    const clock = new FakeClock();
    const applied: { at: number; value: number }[] = [];
    const updates = coalesceLatest((value: number) => applied.push({ at: clock.now(), value }), UI_UPDATE_INTERVAL_MS, clock);
    // A thousand changes over two seconds, one every 2 ms.
    for (let i = 1; i <= 1000; i++) {
      updates.push(i);
      clock.advance(2);
    }
    clock.advance(UI_UPDATE_INTERVAL_MS);
    expect(applied.length).toBeLessThanOrEqual(Math.ceil(2000 / UI_UPDATE_INTERVAL_MS) + 1);
    for (let i = 1; i < applied.length; i++) expect(applied[i]!.at - applied[i - 1]!.at).toBeGreaterThanOrEqual(UI_UPDATE_INTERVAL_MS);
    expect(applied.at(-1)!.value).toBe(1000);
  });

  it('applies nothing after dispose', () => {
    const clock = new FakeClock();
    const applied: number[] = [];
    const updates = coalesceLatest((v: number) => applied.push(v), UI_UPDATE_INTERVAL_MS, clock);
    updates.push(1);
    updates.push(2);
    updates.dispose();
    clock.advance(1000);
    expect(applied).toEqual([1]);
  });
});
