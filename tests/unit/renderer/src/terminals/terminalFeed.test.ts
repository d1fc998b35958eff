import { describe, expect, it } from 'vitest';
import type { TerminalOutput } from '../../../../../electron/common/services/terminalService';
import { FRAME_MS, PARSE_BUDGET_MS, TerminalFeed } from '../../../../../renderer/src/terminals/terminalFeed';
import { FakeClock } from '../fakeClock';

/**
 * xterm.js as the feed sees it: a write is parsed later, in a task of its own (setTimeout 0),
 * taking `msPerKb` of simulated time per KB; the callback runs at the end of the parse.
 * Records the parse tasks, so the test can check how much parsing each frame holds.
 */
class FakeTerminal {
  written: number[] = [];
  resets: number[] = [];
  parses: { start: number; end: number }[] = [];
  constructor(
    private readonly clock: FakeClock,
    private readonly msPerKb: number,
  ) {}
  write(data: Uint8Array, parsed: () => void): void {
    const bytes = [...data];
    this.clock.setTimeout(() => {
      const start = this.clock.time;
      this.clock.time += (data.length / 1024) * this.msPerKb;
      this.parses.push({ start, end: this.clock.time });
      this.written.push(...bytes);
      parsed();
    }, 0);
  }
  reset(): void {
    this.resets.push(this.written.length);
    this.written = [];
  }
}

function setup(msPerKb: number) {
  const clock = new FakeClock();
  const terminal = new FakeTerminal(clock, msPerKb);
  let released = 0;
  let redraws = 0;
  const feed = new TerminalFeed(terminal, clock, {
    release: (n) => (released += n),
    requestRedraw: () => redraws++,
  });
  return { clock, terminal, feed, released: () => released, redraws: () => redraws };
}

const bytes = (n: number, fill = 0x79) => new Uint8Array(n).fill(fill);
const data = (n: number, fill?: number): TerminalOutput => ({ kind: 'data', data: bytes(n, fill) });

/** Parse time within each FRAME_MS window of simulated time. */
function parsePerFrame(parses: { start: number; end: number }[], until: number): number[] {
  const frames: number[] = [];
  for (let from = 0; from < until; from += FRAME_MS) {
    const to = from + FRAME_MS;
    frames.push(parses.reduce((sum, p) => sum + Math.max(0, Math.min(p.end, to) - Math.max(p.start, from)), 0));
  }
  return frames;
}

describe('TerminalFeed', () => {
  it('writes everything in order, in slices, when the page keeps up', () => {
    const { clock, terminal, feed, released } = setup(0.05); // 20 MB/s
    const chunks = [data(100, 0x61), data(50_000, 0x62), data(3, 0x63)];
    for (const c of chunks) feed.push(c);
    clock.advance(2_000);
    expect(terminal.written).toEqual(chunks.flatMap((c) => [...c.data]));
    expect(terminal.parses.length).toBeGreaterThan(3); // 50 KB never went in one write.
    expect(released()).toBe(50_103);
    expect(feed.backlog).toBe(0);
  });

  it('parses at most the budget per frame (plus one slice) during a flood, however big the writes', () => {
    const { clock, terminal, feed } = setup(1); // 1 MB/s: a slow page
    for (let i = 0; i < 20; i++) {
      feed.push(data(30_000));
      clock.advance(FRAME_MS);
    }
    clock.advance(10_000);
    const frames = parsePerFrame(terminal.parses, clock.time);
    // One slice sized for half the budget may start before the budget is spent.
    const longestSliceMs = Math.max(...terminal.parses.map((p) => p.end - p.start));
    expect(longestSliceMs).toBeLessThanOrEqual(PARSE_BUDGET_MS);
    for (const ms of frames) expect(ms).toBeLessThanOrEqual(PARSE_BUDGET_MS + longestSliceMs + 0.001);
    // The page was mostly left to the rest of the console.
    const busy = frames.reduce((a, b) => a + b, 0);
    expect(busy / clock.time).toBeLessThan(0.5);
  });

  it('drops a backlog it cannot draw in time, asks once for a redraw, and drops output older than it', () => {
    const { clock, terminal, feed, released, redraws } = setup(2); // 0.5 MB/s
    let pushed = 0;
    for (let i = 0; i < 30; i++) {
      feed.push(data(200_000));
      pushed += 200_000;
    }
    expect(redraws()).toBe(1);
    // Everything dropped counts as done for the host (its watermark), parsed or not.
    clock.advance(1_000);
    expect(released()).toBe(pushed);
    const before = terminal.written.length;
    expect(before).toBeLessThan(pushed);
    // The snapshot asked for: the terminal is reset and shows it.
    feed.push({ kind: 'snapshot', data: new TextEncoder().encode('screen') });
    feed.push(data(5, 0x7a));
    clock.advance(1_000);
    expect(new TextDecoder().decode(new Uint8Array(terminal.written))).toBe('screenzzzzz');
    expect(terminal.resets).toHaveLength(1);
    expect(redraws()).toBe(1);
  });

  it('lets a snapshot replace the output queued before it and never writes it whole', () => {
    const { clock, terminal, feed, released } = setup(0.5);
    feed.push(data(100_000, 0x61));
    const snapshot = new TextEncoder().encode('s'.repeat(300_000));
    feed.push({ kind: 'snapshot', data: snapshot });
    clock.advance(60_000);
    expect(terminal.resets).toHaveLength(1);
    expect(terminal.written).toHaveLength(snapshot.length);
    expect(Math.max(...terminal.parses.map((p) => p.end - p.start))).toBeLessThanOrEqual(PARSE_BUDGET_MS);
    expect(released()).toBe(400_000);
  });

  it('parses nothing while hidden, releases it all, and once shown asks once for the current screen', () => {
    const { clock, terminal, feed, released, redraws } = setup(1);
    feed.push(data(10, 0x61));
    clock.advance(100);
    feed.setVisible(false);
    let pushed = 10;
    for (let i = 0; i < 50; i++) {
      feed.push(data(100_000));
      pushed += 100_000;
    }
    clock.advance(5_000);
    expect(terminal.written).toHaveLength(10);
    expect(released()).toBe(pushed);
    expect(redraws()).toBe(0);
    feed.setVisible(true);
    expect(redraws()).toBe(1);
    feed.push(data(5)); // Older than the redraw: dropped.
    feed.push({ kind: 'snapshot', data: new TextEncoder().encode('now') });
    clock.advance(100);
    expect(new TextDecoder().decode(new Uint8Array(terminal.written))).toBe('now');
    feed.setVisible(false);
    feed.setVisible(true);
    expect(redraws()).toBe(1); // Nothing dropped meanwhile: the screen is current.
  });

  it('stops when disposed', () => {
    const { clock, terminal, feed } = setup(1);
    feed.push(data(50_000));
    clock.advance(1);
    feed.dispose();
    const written = terminal.written.length;
    clock.advance(10_000);
    expect(terminal.written.length).toBeLessThanOrEqual(written + 64 * 1024);
  });
});
