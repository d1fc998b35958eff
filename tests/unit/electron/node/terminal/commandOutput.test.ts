import { describe, expect, it } from 'vitest';
import { CommandOutputRecorder, OUTPUT_CAP_CHARS, safeCut } from '../../../../../electron/node/terminal/commandOutput';

describe('CommandOutputRecorder', () => {
  it('keeps output under the cap whole', async () => {
    const r = new CommandOutputRecorder(80, 24);
    r.write('one\r\ntwo\r\n');
    r.write('thr');
    r.write('ee\r\n');
    expect(await r.finish()).toEqual({ text: 'one\ntwo\nthree', bytes: 17, truncated: false });
  });

  it('keeps head and tail with a byte count past the cap, in bounded memory', async () => {
    const r = new CommandOutputRecorder(80, 24);
    const line = (i: number) => `${String(i).padStart(7, '0')} ${'x'.repeat(90)}\r\n`; // 100 chars
    const lines = 60_000; // 6 MB
    for (let i = 0; i < lines; i++) r.write(line(i));
    const out = await r.finish();
    expect(out.truncated).toBe(true);
    expect(out.bytes).toBe(lines * 100);
    const text = out.text.split('\n');
    expect(text[0]).toBe(line(0).trimEnd());
    expect(text.at(-1)).toBe(line(lines - 1).trimEnd());
    const marker = out.text.match(/\n… \[(\d+) bytes omitted\] …\n/);
    expect(marker).not.toBeNull();
    const omitted = Number(marker?.[1]);
    expect(omitted).toBeGreaterThan(lines * 100 - OUTPUT_CAP_CHARS - 200);
    expect(omitted).toBeLessThanOrEqual(lines * 100 - OUTPUT_CAP_CHARS);
    expect(out.text.length).toBeLessThan(OUTPUT_CAP_CHARS + 100);
    // Lines on both sides of the marker are whole lines, in order.
    const at = text.findIndex((l) => l.startsWith('… ['));
    expect(Number(text[at - 1]?.slice(0, 7)) + 1).toBeLessThan(Number(text[at + 1]?.slice(0, 7)));
    expect(text[at + 1]).toMatch(/^\d{7} x{90}$/);
  });

  it('counts UTF-8 bytes', async () => {
    const r = new CommandOutputRecorder(80, 24);
    r.write('é😀\r\n');
    expect((await r.finish()).bytes).toBe(2 + 4 + 2);
  });
});

describe('safeCut', () => {
  it('never splits a surrogate pair', () => {
    expect(safeCut('a😀b', 2)).toBe(3);
    expect(safeCut('a😀b', 1)).toBe(1);
    expect(safeCut('ab', 5)).toBe(2);
  });
});
