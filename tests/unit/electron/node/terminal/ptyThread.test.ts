import { afterEach, describe, expect, it } from 'vitest';
import { createPtySpawner, InThreadPtys, PtyThread, type PtyExit, type PtyOutput, type PtyProcess, type PtySpawner } from '../../../../../electron/node/terminal/ptyThread';

const env = { ...(process.env as Record<string, string>), LANG: 'C.UTF-8', TERM: 'xterm-256color' };
const size = { name: 'xterm-256color', cols: 100, rows: 30, cwd: process.cwd(), env };

/** Runs `script` under sh on the thread; resolves with everything it printed and its exit. */
function runToExit(p: PtyProcess, onData?: (output: PtyOutput) => void): Promise<{ text: string; exit: PtyExit }> {
  let text = '';
  p.onData((d) => {
    text += d.text;
    onData?.(d);
  });
  return new Promise((resolve) => p.onExit((exit) => resolve({ text, exit })));
}

let thread: PtySpawner | undefined;
afterEach(async () => {
  await thread?.dispose();
  thread = undefined;
});

describe.each([
  ['the pty thread', () => new PtyThread({ limits: { batchMaxBytes: 1001 } })],
  ['the calling thread', () => new InThreadPtys()],
])('ptys read on %s', (_name, make: () => PtySpawner) => {
  it('runs a program and hands over its output, then its exit code', async () => {
    thread = make();
    const p = thread.spawn('/bin/sh', ['-c', 'printf "hello from the pty\\n"; exit 3'], size);
    expect(p.pid).toBeGreaterThan(0);
    const { text, exit } = await runToExit(p);
    expect(text).toContain('hello from the pty');
    expect(exit.exitCode).toBe(3);
  });

  it('echoes what is written to it, and resizes', async () => {
    thread = make();
    const p = thread.spawn('/bin/sh', ['-c', 'read line; echo "got:$line"; stty size'], size);
    const done = runToExit(p);
    p.resize(91, 17);
    await new Promise((r) => setTimeout(r, 50));
    p.write('ping\r');
    const { text } = await done;
    expect(text).toContain('got:ping');
    expect(text).toContain('17 91');
  });

  it('never splits a character, however the reads fall', async () => {
    thread = make();
    // 3- and 4-byte characters in odd-sized batches: every batch boundary cuts one.
    const p = thread.spawn('/bin/sh', ['-c', 'i=0; while [ $i -lt 4000 ]; do printf "€😀"; i=$((i+1)); done; sleep 0.2'], size);
    const mismatched: string[] = [];
    let withBytes = 0;
    const { text } = await runToExit(p, ({ text, bytes }) => {
      if (!bytes) return;
      withBytes++;
      // The bytes handed over are exactly the text's: the recorder stores them as they are.
      if (!Buffer.from(bytes).equals(Buffer.from(text, 'utf8'))) mismatched.push(text);
    });
    expect(text).not.toContain('\uFFFD');
    expect(text.replace(/[\r\n]/g, '')).toBe('€😀'.repeat(4000));
    expect(mismatched).toEqual([]);
    if (thread instanceof PtyThread) expect(withBytes).toBeGreaterThan(1);
  });

  it('never splits a character in a flood either, where the thread reads ahead by itself', async () => {
    thread = make();
    // Fast enough to count as a flood: the pty thread then reads what the pty holds straight
    // into its batch, and every batch boundary (1001 bytes) falls somewhere in a character.
    const p = thread.spawn('/bin/sh', ['-c', 'yes "€😀é" | head -n 150000; sleep 0.2'], size);
    let mismatched = 0;
    const { text } = await runToExit(p, ({ text, bytes }) => {
      if (bytes && !Buffer.from(bytes).equals(Buffer.from(text, 'utf8'))) mismatched++;
    });
    expect(mismatched).toBe(0);
    expect(text).toBe('€😀é\r\n'.repeat(150_000));
  });

  it('hands over every byte before the exit', async () => {
    thread = make();
    // The pause before exiting: Linux may drop what a pty's last process wrote just before
    // it exited, before any reader sees it (node-pty on the main thread loses it too).
    const p = thread.spawn('/bin/sh', ['-c', 'head -c 3000000 /dev/zero | tr "\\0" x; printf END; sleep 0.2'], size);
    const { text, exit } = await runToExit(p);
    expect(exit.exitCode).toBe(0);
    expect(text.replace(/[\r\n]/g, '')).toBe('x'.repeat(3_000_000) + 'END');
  });

});

describe('PtyThread', () => {
  it('hands over a character the program never finished, as U+FFFD with its byte', async () => {
    thread = new PtyThread();
    const outputs: PtyOutput[] = [];
    const { text } = await runToExit(thread.spawn('/bin/sh', ['-c', 'printf "ok \\342"; sleep 0.2'], size), (o) => outputs.push(o));
    expect(text).toBe('ok \uFFFD');
    expect(Buffer.concat(outputs.map((o) => o.bytes ?? new Uint8Array())).toString('latin1')).toBe('ok \xe2');
  });

  it('is what a host uses unless WARROOM_PTY_THREAD=off', async () => {
    expect(createPtySpawner({})).toBeInstanceOf(PtyThread);
    expect(createPtySpawner({ WARROOM_PTY_THREAD: 'off' })).toBeInstanceOf(InThreadPtys);
  });

  it('stops reading while the host falls behind, and resumes once it catches up', async () => {
    const slowHost = new PtyThread({ limits: { pauseBytes: 64 * 1024, resumeBytes: 16 * 1024, consumedReportBytes: 48 * 1024 } });
    thread = slowHost;
    const changes: boolean[] = [];
    slowHost.onDidChangeReading((e) => changes.push(e.paused));
    const p = slowHost.spawn('/bin/sh', ['-c', 'head -c 2000000 /dev/zero | tr "\\0" y; sleep 0.2'], size);
    // A host whose every batch takes 5 ms: far slower than the pty.
    const { text } = await runToExit(p, () => {
      const until = Date.now() + 5;
      while (Date.now() < until);
    });
    expect(text.replace(/[\r\n]/g, '')).toBe('y'.repeat(2_000_000));
    // Paused and resumed again and again: 2 MB through a 64 KB allowance.
    expect(changes.filter((paused) => paused).length).toBeGreaterThan(3);
    expect(changes.filter((paused) => !paused).length).toBeGreaterThan(3);
  });

  it('ends its worker on dispose once its ptys are gone, and starts a new one on the next spawn', async () => {
    const pausing = new PtyThread({ limits: { pauseBytes: 16 * 1024, resumeBytes: 4 * 1024, consumedReportBytes: 8 * 1024 } });
    thread = pausing;
    const reading: boolean[] = [];
    pausing.onDidChangeReading(({ paused }) => reading.push(paused));
    await runToExit(pausing.spawn('/bin/true', [], size));
    await pausing.dispose();
    // The new worker still tells its listeners when it stops reading a pty that floods.
    const { exit } = await runToExit(pausing.spawn('/bin/sh', ['-c', 'head -c 2000000 /dev/zero | tr "\\0" x; exit 5'], size));
    expect(exit.exitCode).toBe(5);
    expect(reading).toContain(true);
  });
});
