import { describe, expect, it } from 'vitest';
import { parseDurationMinutes } from '../../../../../electron/common/runbook/duration';

describe('parseDurationMinutes', () => {
  it.each([
    ['15 minutes', 15],
    ['Response Time: 15 minutes', 15],
    ['(Response: 1 hour)', 60],
    ['Immediate (< 15 minutes)', 15],
    ['< 30 minutes', 30],
    ['24 hours', 1440],
    ['4 business hours', 240],
    ['1-2 hours', 120],
    ['15m', 15],
    ['2h', 120],
    ['1 day', 1440],
    ['30 sec', 0.5],
    ['Immediate', 0],
  ])('%s → %s minutes', (text, minutes) => {
    expect(parseDurationMinutes(text)).toBe(minutes);
  });

  it('returns null where no duration is given', () => {
    expect(parseDurationMinutes('Best effort')).toBeNull();
    expect(parseDurationMinutes('Next release')).toBeNull();
  });
});
