import { afterEach, describe, expect, it } from 'vitest';
import { TerminalHarness } from './terminalHarness';

// Kept apart from ptyHost.test.ts so it runs beside the rest: ~12 s on 2 cores, nearly all of
// it the kernel's tty layer turning 25 million "y\n" into "y\r\n" (a bare node-pty reader
// takes as long).
let h: TerminalHarness;
afterEach(async () => {
  await h?.dispose();
});

describe('PtyHost under a flood', () => {
  it('runs a 50 MB output to completion with bounded memory', async () => {
    // Without the test's own copy of the screen: what is measured is the host.
    h = new TerminalHarness({}, { keepScreen: false });
    const t = await h.open();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const r = await h.type(t.id, 'yes | head -c 50000000', 60_000);
    clearInterval(timer);
    expect(r.exitCode).toBe(0);
    // The tty turns each \n into \r\n: 25 M lines "y\n" reach us as 75 MB.
    expect(r.outputBytes).toBe(75_000_000);
    expect(r.outputTruncated).toBe(true);
    expect(peak - rssBefore).toBeLessThan(100 * 1024 * 1024);
  }, 60_000);

});
