import { describe, expect, it } from 'vitest';
import { castForSession } from '../../../../../../electron/node/services/terminals/castExport';

const chunk = (at: number, text: string) => ({ sessionId: 's', commandId: null, at, data: new TextEncoder().encode(text) });

describe('castForSession', () => {
  it('writes an asciicast v2 header without env, and timed output lines', () => {
    const cast = castForSession([chunk(1_000_000, '$ ls\r\n'), chunk(1_000_500, 'a b\r\n')], { cols: 80, rows: 24, title: 'Drill', secrets: [] });
    const [header, ...events] = cast.trim().split('\n').map((l) => JSON.parse(l));
    expect(header).toEqual({ version: 2, width: 80, height: 24, timestamp: 1000, title: 'Drill' });
    expect(events.map((e) => e[1])).toEqual(['o', 'o']);
    expect(events.map((e) => e[2]).join('')).toBe('$ ls\r\na b\r\n');
    expect(events[1][0]).toBeCloseTo(0.5);
  });

  it('masks a secret value even when it is split across two stored rows', () => {
    const cast = castForSession([chunk(1000, 'token=hunt'), chunk(1010, 'er2-xyz done\r\n')], { cols: 80, rows: 24, secrets: ['hunter2-xyz'] });
    expect(cast).not.toContain('hunter2');
    const text = cast.trim().split('\n').slice(1).map((l) => JSON.parse(l)[2]).join('');
    expect(text).toBe('token=******** done\r\n');
  });
});
