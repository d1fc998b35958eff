import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CATCH_UP_INTERVAL_MS,
  CATCH_UP_MAX_INTERVAL_MS,
  CATCH_UP_QUIET_MS,
  ClientOutputChannel,
  HIGH_WATERMARK_BYTES,
  type ClientMessage,
} from '../../../../../electron/node/terminal/clientOutputChannel';
import { BATCH_DURATION_MS, BATCH_MAX_CHARS, OutputBatcher } from '../../../../../electron/node/terminal/outputBatcher';
import { plainLastLines, plainTextTail, ScreenMirror } from '../../../../../electron/node/terminal/screenMirror';
import xtermHeadless from '@xterm/headless';
import serializeAddon from '@xterm/addon-serialize';

const { Terminal } = xtermHeadless;
const { SerializeAddon } = serializeAddon;

const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));

/** A message as text: the channel sends UTF-8 bytes. */
type TextMessage = { kind: ClientMessage['kind']; data: string };
const text = (data: Uint8Array) => Buffer.from(data).toString('utf8');
const collect = (messages: TextMessage[]) => (m: ClientMessage) => messages.push({ kind: m.kind, data: text(m.data) });

describe('OutputBatcher', () => {
  it('sends output after a quiet spell at once (a keystroke echo), and what follows it in one message per frame', async () => {
    const sent: string[] = [];
    const b = new OutputBatcher((d) => sent.push(d));
    b.push('a');
    expect(sent).toEqual(['a']);
    b.push('b');
    b.push('c');
    expect(sent).toEqual(['a']);
    await tick();
    expect(sent).toEqual(['a', 'bc']);
    await tick();
    b.push('d');
    expect(sent).toEqual(['a', 'bc', 'd']);
    b.dispose();
  });

  it('flushes at once past the size limit', () => {
    const sent: string[] = [];
    const b = new OutputBatcher((d) => sent.push(d));
    b.push('x'.repeat(BATCH_MAX_CHARS));
    expect(sent).toHaveLength(1);
    b.dispose();
  });

  it('never makes a message larger than BATCH_MAX_CHARS out of smaller chunks', async () => {
    const sent: string[] = [];
    const b = new OutputBatcher((d) => sent.push(d));
    for (let i = 0; i < 20; i++) b.push('y'.repeat(64 * 1024));
    await tick();
    expect(sent.join('')).toBe('y'.repeat(20 * 64 * 1024));
    expect(Math.max(...sent.map((m) => m.length))).toBeLessThanOrEqual(BATCH_MAX_CHARS);
  });

  it('never ends a message on half of a surrogate pair', async () => {
    const sent: string[] = [];
    const b = new OutputBatcher((d) => sent.push(d));
    const emoji = '😀';
    b.push('x'.repeat(BATCH_MAX_CHARS - 1) + emoji[0]);
    b.push(emoji[1] as string);
    await tick();
    expect(sent.join('')).toBe('x'.repeat(BATCH_MAX_CHARS - 1) + emoji);
    for (const m of sent) expect(m.charCodeAt(m.length - 1) >= 0xd800 && m.charCodeAt(m.length - 1) <= 0xdbff).toBe(false);
  });
});

describe('ClientOutputChannel', () => {
  it('stops sending past the high watermark and resumes with a snapshot after acks', async () => {
    const mirror = new ScreenMirror(80, 24);
    const messages: TextMessage[] = [];
    const channel = new ClientOutputChannel(collect(messages), () => mirror.snapshot());
    const push = (data: string) => {
      mirror.write(data);
      channel.push(data);
    };
    // A flood bigger than the watermark, in pty-sized chunks.
    for (let i = 0; i < 60; i++) push(`${'y'.repeat(4094)}\r\n`);
    await tick();
    const sentChars = messages.reduce((n, m) => n + m.data.length, 0);
    expect(channel.paused).toBe(true);
    expect(sentChars).toBeLessThan(HIGH_WATERMARK_BYTES + BATCH_MAX_CHARS + 4096);
    push('\r\nlast line\r\n');
    await tick();
    const whilePaused = messages.length;
    expect(whilePaused).toBeGreaterThan(0);
    // The client draws everything it got and acknowledges it.
    channel.ack(sentChars);
    for (let waited = 0; messages.length === whilePaused && waited < 3000; waited += 10) await tick(10);
    const snapshot = messages[whilePaused];
    expect(snapshot?.kind).toBe('snapshot');
    expect(snapshot?.data).toContain('last line');
    expect(channel.paused).toBe(false);
    push('live again');
    await tick();
    expect(messages.at(-1)).toEqual({ kind: 'data', data: 'live again' });
    channel.dispose();
    mirror.dispose();
  });
});

describe('ClientOutputChannel past the watermark', () => {
  it('sends no output once paused, even what arrives while the pausing batch is flushed', async () => {
    const messages: TextMessage[] = [];
    const channel = new ClientOutputChannel(collect(messages), async () => 'screen');
    await tick(); // The attach snapshot.
    const chunk = (c: string) => c.repeat(64 * 1024);
    channel.push('a'.repeat(91_000));
    await tick(BATCH_DURATION_MS + 10); // Sent by the batch timer: under the watermark.
    // Three chunks fill a batch; the fourth flushes it (still allowed: 91 000 behind).
    for (const c of 'bcde') channel.push(chunk(c));
    // The eighth flushes the next batch, which finds the client too far behind and pauses it;
    // the chunk that caused that flush must not go out later on its own.
    for (const c of 'fghi') channel.push(chunk(c));
    await tick(BATCH_DURATION_MS + 10);
    expect(channel.paused).toBe(true);
    const data = messages.filter((m) => m.kind === 'data').map((m) => m.data[0]);
    expect(data).toEqual(['a', 'b']);
    channel.dispose();
  });
});

describe('ClientOutputChannel during a long flood', () => {
  // Simulated time: these tests are about the channel's pacing decisions over seconds of flood;
  // with real timers a loaded machine fires them late and changes what is being tested.
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'Date', 'performance'] }));
  afterEach(() => vi.useRealTimers());
  const tick = (ms: number) => vi.advanceTimersByTimeAsync(ms);

  /** A client drawing at ~10 MB/s while the pty floods at ~30 MB/s for `ms`; then silence for `quietMs`. */
  async function floodSlowClient(ms: number, quietMs: number): Promise<{ kind: string; at: number; scope?: string }[]> {
    const messages: { kind: string; at: number; scope?: string }[] = [];
    let unacked = 0;
    const channel = new ClientOutputChannel(
      (m) => {
        messages.push({ kind: m.kind, at: Date.now(), ...(m.kind === 'snapshot' ? { scope: text(m.data) } : {}) });
        unacked += m.data.length;
      },
      async (scope) => scope,
    );
    const started = Date.now();
    const drawSome = () => {
      const drawn = Math.min(unacked, 50_000);
      channel.ack(drawn);
      unacked -= drawn;
    };
    while (Date.now() - started < ms) {
      for (let i = 0; i < 40; i++) channel.push('z'.repeat(4096));
      await tick(5);
      drawSome();
    }
    messages.push({ kind: 'flood over', at: Date.now() });
    while (Date.now() - started < ms + quietMs) {
      await tick(5);
      drawSome();
    }
    channel.dispose();
    return messages;
  }

  it('redraws a client that keeps falling behind at most every CATCH_UP_INTERVAL_MS', async () => {
    const messages = await floodSlowClient(1000, 0);
    const snapshots = messages.filter((m) => m.kind === 'snapshot').map((m) => m.at);
    expect(snapshots.length).toBeGreaterThan(1);
    expect(snapshots.length).toBeLessThanOrEqual(Math.ceil(1000 / CATCH_UP_INTERVAL_MS) + 1);
    for (let i = 1; i < snapshots.length; i++) expect((snapshots[i] as number) - (snapshots[i - 1] as number)).toBeGreaterThanOrEqual(CATCH_UP_INTERVAL_MS - 5);
  });

  it('redraws less often the longer a flood goes on, at least every CATCH_UP_MAX_INTERVAL_MS', async () => {
    const messages = await floodSlowClient(3000, 0);
    const snapshots = messages.filter((m) => m.kind === 'snapshot').map((m) => m.at);
    const gaps = snapshots.slice(1).map((at, i) => at - (snapshots[i] as number));
    // 250, 500, then 1000 ms apart: four or five redraws in three seconds, not twelve.
    expect(snapshots.length).toBeGreaterThanOrEqual(3);
    expect(snapshots.length).toBeLessThanOrEqual(6);
    expect(gaps[0]).toBeGreaterThanOrEqual(CATCH_UP_INTERVAL_MS - 5);
    expect(Math.max(...gaps)).toBeGreaterThanOrEqual(CATCH_UP_MAX_INTERVAL_MS - 5);
    expect(Math.max(...gaps)).toBeLessThan(CATCH_UP_MAX_INTERVAL_MS + 200);
  });

  it('redraws the screen alone while the flood goes on, and with its scrollback once it is over', async () => {
    const messages = await floodSlowClient(1200, 300);
    const over = messages.findIndex((m) => m.kind === 'flood over');
    const during = messages.slice(0, over).filter((m) => m.kind === 'snapshot');
    const after = messages.slice(over + 1).filter((m) => m.kind === 'snapshot');
    expect(during.length).toBeGreaterThan(1);
    expect(during.every((m) => m.scope === 'screen')).toBe(true);
    expect(after.map((m) => m.scope)).toEqual(['full']);
  });

  it('gives a client that caught up during the flood its scrollback once output is quiet', async () => {
    const messages: TextMessage[] = [];
    const channel = new ClientOutputChannel(collect(messages), async (scope) => scope);
    // Far behind during a flood: paused, then redrawn (the screen alone) after it drew enough.
    channel.push('x'.repeat(HIGH_WATERMARK_BYTES + BATCH_MAX_CHARS));
    channel.push('x'.repeat(BATCH_MAX_CHARS));
    expect(channel.paused).toBe(true);
    await tick(CATCH_UP_INTERVAL_MS + 20);
    channel.push('y'.repeat(1000));
    channel.ack(channel.unackedBytes);
    await tick(10);
    expect(messages.at(-1)).toEqual({ kind: 'snapshot', data: 'screen' });
    // It keeps up with the rest of the flood, live, acknowledging as it draws.
    for (let i = 0; i < 5; i++) {
      channel.push('z'.repeat(1000));
      await tick(BATCH_DURATION_MS + 5);
      channel.ack(channel.unackedBytes);
    }
    expect(channel.paused).toBe(false);
    expect(messages.filter((m) => m.kind === 'snapshot').map((m) => m.data)).toEqual(['screen']);
    // The flood stops: the scrollback follows without the client asking.
    await tick(3 * CATCH_UP_QUIET_MS);
    expect(messages.filter((m) => m.kind === 'snapshot').map((m) => m.data)).toEqual(['screen', 'full']);
    channel.dispose();
  });

  it('redraws a paused client as soon as the flood stops, whatever the interval', async () => {
    const messages = await floodSlowClient(2000, 400);
    const over = messages.findIndex((m) => m.kind === 'flood over');
    const after = messages.slice(over + 1).find((m) => m.kind === 'snapshot');
    expect(after).toBeDefined();
    // Within the quiet time and a few draws, not a whole (by now 1 s) interval later.
    expect((after as { at: number }).at - (messages[over] as { at: number }).at).toBeLessThan(CATCH_UP_QUIET_MS + 150);
  });
});

/** 30 000 lines of `line(i)` (then `end`) written to an 80 × 24 mirror, and all that was written. */
function floodMirror(line: (i: number) => string, end = ''): { mirror: ScreenMirror; all: string } {
  const mirror = new ScreenMirror(80, 24);
  let all = '';
  for (let i = 0; i < 30_000; i++) {
    const text = line(i);
    all += text;
    mirror.write(text);
  }
  mirror.write(end);
  return { mirror, all: all + end };
}

/** What a terminal that parsed all of `data` serialises (the mirror's size and scrollback). */
async function fullParse(data: string): Promise<string> {
  const reference = new Terminal({ cols: 80, rows: 24, scrollback: 1000, allowProposedApi: true });
  const serializer = new SerializeAddon();
  reference.loadAddon(serializer);
  await new Promise<void>((resolve) => reference.write(data, resolve));
  const serialized = serializer.serialize({ scrollback: 1000 });
  reference.dispose();
  return serialized;
}

describe('ScreenMirror', () => {
  it('shows the end of a flood in its snapshot without parsing all of it', async () => {
    const mirror = new ScreenMirror(80, 24);
    for (let i = 0; i < 2000; i++) mirror.write(`${String(i).padStart(6, '0')} ${'z'.repeat(4000)}\r\n`);
    mirror.write('the end\r\n');
    const snap = await mirror.snapshot();
    expect(snap).toContain('the end');
    expect(snap).toContain('001999');
    mirror.dispose();
  });

  it.each([
    ['plain lines (only the last lines are parsed)', (i: number) => `line ${i}\r\n`],
    ['coloured lines', (i: number) => `\x1b[3${i % 8}mline ${i}\x1b[0m\r\n`],
    ['lines with progress redrawn over', (i: number) => `${i}%\r${'-'.repeat(i % 70)}\r\n`],
  ])('after a flood of %s, snapshots what a terminal that parsed all of it shows', async (_kind, line) => {
    const { mirror, all } = floodMirror(line);
    expect(await mirror.snapshot()).toBe(await fullParse(all));
    mirror.dispose();
  });
});

describe('ScreenMirror.screenSnapshot', () => {
  /** The screen a terminal shows after a reset and `data`, row by row. */
  async function screenOf(data: string, cols = 80, rows = 24): Promise<string[]> {
    const term = new Terminal({ cols, rows, scrollback: 1000, allowProposedApi: true });
    await new Promise<void>((resolve) => term.write(data, resolve));
    const buffer = term.buffer.active;
    const screen = Array.from({ length: rows }, (_, y) => buffer.getLine(buffer.baseY + y)?.translateToString(true) ?? '');
    term.dispose();
    return screen;
  }

  it.each([
    ['plain lines (taken as they are)', (i: number) => `line ${i} ${'w'.repeat(i % 90)}\r\n`],
    ['coloured lines (parsed)', (i: number) => `\x1b[3${i % 8}mline ${i}\x1b[0m\r\n`],
    ['lines with progress redrawn over', (i: number) => `${i}%\r${'-'.repeat(i % 70)}\r\n`],
  ])('during a flood of %s, shows the screen a terminal that parsed all of it shows', async (_kind, line) => {
    const { mirror, all } = floodMirror(line, 'prompt$ ');
    expect(await screenOf(await mirror.screenSnapshot())).toEqual(await screenOf(all));
    // The full snapshot after it is still the whole screen and scrollback.
    expect(await mirror.snapshot()).toBe(await fullParse(all));
    mirror.dispose();
  });
});

describe('plainLastLines', () => {
  it('takes the last lines across chunks, the line the cursor is on counting as one', () => {
    expect(plainLastLines(['a\r\nb\r', '\nc\r\nd'], 2)).toBe('c\r\nd');
    expect(plainLastLines(['a\r\nb\r\n', 'c\r\n'], 2)).toBe('c\r\n');
    expect(plainLastLines(['a\nb\n', '\n', 'c'], 3)).toBe('b\n\nc');
    expect(plainLastLines(['\n\n\n'], 2)).toBe('\n');
  });

  it('gives nothing for too few lines, or when a sequence is among the lines it would take', () => {
    expect(plainLastLines(['a\r\nb'], 2)).toBeUndefined();
    expect(plainLastLines([], 1)).toBeUndefined();
    expect(plainLastLines(['x\r\n\x1b[31mred\r\nb'], 2)).toBeUndefined();
    expect(plainLastLines(['\x1b[31mx\r\nred\r\nb'], 2)).toBe('red\r\nb');
    expect(plainLastLines(['x\r\ny\u009bA\r\nb'], 2)).toBeUndefined();
  });
});

describe('plainTextTail', () => {
  it('keeps the last lines of plain text, and all of a text with escape sequences or fewer lines', () => {
    expect(plainTextTail('a\nb\nc\nd\n', 2)).toBe('c\nd\n');
    expect(plainTextTail('a\nb\n', 2)).toBe('a\nb\n');
    expect(plainTextTail('a\nb\nc\x1b[Ad\n', 1)).toBe('a\nb\nc\x1b[Ad\n');
    expect(plainTextTail('a\nb\nc\u009bAd\n', 1)).toBe('a\nb\nc\u009bAd\n');
  });
});
