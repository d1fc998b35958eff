import { describe, expect, it } from 'vitest';
import { AsciicastWriter } from '../../../../../electron/node/terminal/asciicastWriter';

describe('AsciicastWriter', () => {
  it('writes an asciicast v2 header without env and timed output events', () => {
    const start = 1_700_000_000;
    const cast = AsciicastWriter.write({ width: 100, height: 30, timestamp: start, title: 'db-01' }, [
      { time: start * 1000 + 5, data: 'ls\r\n' },
      { time: start * 1000 + 1500, data: '\x1b[31mred\x1b[0m "q"\r\n' },
    ]);
    const lines = cast.trimEnd().split('\n').map((l) => JSON.parse(l) as unknown);
    expect(lines[0]).toEqual({ version: 2, width: 100, height: 30, timestamp: start, title: 'db-01' });
    expect(lines[1]).toEqual([0.005, 'o', 'ls\r\n']);
    expect(lines[2]).toEqual([1.5, 'o', '\x1b[31mred\x1b[0m "q"\r\n']);
    expect(cast.endsWith('\n')).toBe(true);
    expect(cast).not.toContain('"env"');
  });
});
