import { describe, expect, it } from 'vitest';
import { createUlidGenerator, isUlid, ulid, ulidTime } from '../../../../electron/common/ulid';

describe('ulid', () => {
  it('makes 26-character Crockford ids carrying the time', () => {
    const id = ulid(1_700_000_000_123);
    expect(isUlid(id)).toBe(true);
    expect(ulidTime(id)).toBe(1_700_000_000_123);
  });

  it('is monotonic within a millisecond and when the clock steps back', () => {
    const next = createUlidGenerator();
    const ids = [next(5000), next(5000), next(5000), next(4000), next(4000), next(6000)];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ulidTime(ids[4]!)).toBe(5000);
  });

  it('carries into the next digit when the random part ends in the top digit', () => {
    const next = createUlidGenerator((bytes) => bytes.fill(31));
    const a = next(1);
    const b = next(1);
    expect(a < b).toBe(true);
    expect(ulidTime(b)).toBe(2); // all 80 random bits were set: borrows the next millisecond
  });

  it('sorts in creation order across many ids', () => {
    const next = createUlidGenerator();
    const ids = Array.from({ length: 10_000 }, () => next());
    expect([...ids].sort()).toEqual(ids);
  });
});
