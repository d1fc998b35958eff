import { describe, expect, it } from 'vitest';
import { formatClockDuration, formatDuration } from '../../../../../electron/common/incident/clockWords';

describe('formatDuration: a duration never reads like a time of day', () => {
  it.each([
    [0, '0 ms'],
    [105, '105 ms'],
    [4_100, '4.1 s'],
    [59_960, '1 min 00 s'],
    [22 * 60_000 + 27_000, '22 min 27 s'],
    [17 * 60_000 + 45_400, '17 min 45 s'],
    [3 * 3_600_000 + 5 * 60_000, '3 h 05 min'],
    [50 * 3_600_000, '2 d 2 h'],
    [-5, '0 ms'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
    expect(text).not.toMatch(/\d:\d/);
  });

  it('ticks in whole seconds for live clocks', () => {
    expect(formatClockDuration(42_900)).toBe('42 s');
    expect(formatClockDuration(8 * 60_000 + 14_700)).toBe('8 min 14 s');
  });
});
