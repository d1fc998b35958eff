import { median, round } from './benchMath';
import type { BenchResult } from './benchResult';
/**
 * What a responder feels during an output flood, in the real browser: the served console in
 * the system Chromium (Playwright), three floods typed into its terminal —
 * - `cat` of a 100 MB log file (written first),
 * - `yes | head -c 100000000`,
 * - `head -c 100000000 /dev/urandom | base64` —
 * each beside a plain xterm.js page fed by a bare node-pty with xterm.js's documented flow
 * control (bench/plainXtermPage.ts) and beside `script -q -c CMD /dev/null`, in the same run:
 * - command throughput: the output's bytes over the time from Enter to the command's end;
 * - the longest main-thread task of the page from Enter until the page settled (long-task
 *   entries of a PerformanceObserver installed before the page loads);
 * - a note typed one second into the flood: click on Note, type 12 chars, until the box holds them;
 * - Ctrl+C to the prompt: the endless form of the flood (`while :; do cat F; done`, `yes`,
 *   `base64 /dev/urandom`) interrupted two seconds in, until the terminal shows its prompt;
 * - the host's peak RSS during the floods.
 * `WARROOM_BENCH_PROFILE=1` also prints, for War Room's first flood of each kind, where the
 * page's main thread went (Chromium's sampling profiler through CDP: self time per function
 * and per script).
 *
 * Needs the build (`npm run build`) and the system Chromium (`CHROMIUM_PATH` or /usr/bin/chromium).
 * Run: `npx tsx bench/floodPage.bench.ts` (prints JSON), or `npm run bench -- floodPage`.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { connectToServed, type ServedClient } from '../tests/e2e/hostClient';
import { startServedConsole, type ServedConsole } from '../tests/e2e/startServedConsole';
import { sampleRss, untilQuiet } from './processStats';
import { scriptRun, writeFloodFile } from './ptyBaselines';
import { startPlainXtermServer, type PlainXtermServer } from './plainXtermPage';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const MB = 1024 * 1024;
const NOTE = 'flooding now';
/** Rounds per flood and side (each takes up to ~20 s in the plain page): medians of these. */
const ROUNDS = Number(process.env.WARROOM_BENCH_FLOOD_ROUNDS ?? 2);
const PROFILE = Boolean(process.env.WARROOM_BENCH_PROFILE);
/** What base64 prints for 100 MB: 4 chars per 3 bytes plus CRLF every 76 chars. */
const BASE64_CHARS = Math.ceil(100_000_000 / 3) * 4;
const BASE64_OUTPUT_BYTES = BASE64_CHARS + 2 * Math.ceil(BASE64_CHARS / 76);

interface Flood {
  label: string;
  command: string;
  /** The same flood without an end, for Ctrl+C. */
  endless: string;
  outputBytes: number;
}

interface FloodFigures {
  ms: number;
  longestTaskMs: number;
  noteMs: number;
  /** The slowest of the note's input events, from the event to the paint after it (Event Timing). */
  noteInputMs: number;
}

/** Long tasks of the page, in Date.now() time, from before its first script. */
const LONG_TASK_OBSERVER = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ at: performance.timeOrigin + e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  window.__inputs = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__inputs.push({ at: performance.timeOrigin + e.startTime, ms: e.duration });
  }).observe({ type: 'event', durationThreshold: 16, buffered: true });
`;

export async function run(): Promise<BenchResult[]> {
  if (!existsSync(join(ROOT, 'out/electron/node/cli.js'))) throw new Error('not built: run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), 'wr-bench-flood-'));
  const home = join(dir, 'home');
  mkdirSync(home);
  const file = join(dir, 'flood.log');
  const { terminalBytes } = writeFloodFile(file);
  const floods: Flood[] = [
    { label: 'cat 100 MB log', command: `cat ${file}`, endless: `while :; do cat ${file}; done`, outputBytes: terminalBytes },
    { label: 'yes | head -c 100000000', command: 'yes | head -c 100000000', endless: 'yes', outputBytes: 100_000_000 + 50_000_000 },
    { label: 'head -c 100000000 /dev/urandom | base64', command: 'head -c 100000000 /dev/urandom | base64', endless: 'base64 /dev/urandom', outputBytes: BASE64_OUTPUT_BYTES },
  ];
  // `WARROOM_BENCH_FLOOD_ONLY=yes` runs the floods whose label holds that text (when profiling one).
  const only = process.env.WARROOM_BENCH_FLOOD_ONLY;
  if (only) floods.splice(0, floods.length, ...floods.filter((f) => f.label.includes(only)));
  const shellEnv = { HOME: home, SHELL: '/bin/bash' };
  const env = { ...(process.env as Record<string, string>), ...shellEnv };
  const served = await startServedConsole([], join(dir, 'data'), shellEnv);
  const plain = await startPlainXtermServer(env);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  let client: ServedClient | undefined;
  try {
    client = await connectToServed(served);
    const console_ = await openConsole(browser, served, client, home);
    const plainPage = await openPlainPage(browser, plain);
    const results: BenchResult[] = [];
    let peakRssMb = 0;
    for (const flood of floods) {
      const ours: FloodFigures[] = [];
      const theirs: FloodFigures[] = [];
      const scripts: number[] = [];
      const oursStop: number[] = [];
      const theirsStop: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const rss = sampleRss(served.process.pid as number);
        ours.push(await console_.flood(flood.command, PROFILE && i === 0 ? flood.label : undefined));
        oursStop.push(await console_.interrupt(flood.endless));
        peakRssMb = Math.max(peakRssMb, rss.stop());
        theirs.push(await plainFlood(plainPage, flood.command));
        theirsStop.push(await plainInterrupt(plainPage, flood.endless));
        scripts.push(await scriptRun(flood.command, env));
      }
      const rate = (ms: number) => round(flood.outputBytes / MB / (ms / 1000), 2);
      const med = (figures: FloodFigures[], key: keyof FloodFigures) => round(median(figures.map((f) => f[key])), 0);
      const worst = (figures: FloodFigures[], key: keyof FloodFigures) => round(Math.max(...figures.map((f) => f[key])), 0);
      const ourRate = rate(median(ours.map((f) => f.ms)));
      results.push(
        { name: `${flood.label}: command throughput, page attached`, value: ourRate, unit: 'MB/s', baseline: { name: 'plain xterm.js page', value: rate(median(theirs.map((f) => f.ms))) }, target: '≥ 1× the plain page' },
        { name: `${flood.label}: command throughput vs script(1)`, value: ourRate, unit: 'MB/s', baseline: { name: 'script -q -c CMD /dev/null', value: rate(median(scripts)) }, target: flood.label.startsWith('cat') ? '≥ 0.8× script' : undefined },
        { name: `${flood.label}: longest main-thread task (worst of ${ROUNDS})`, value: worst(ours, 'longestTaskMs'), unit: 'ms', baseline: { name: 'plain xterm.js page', value: worst(theirs, 'longestTaskMs') }, target: '≤ 150 ms' },
        { name: `${flood.label}: a note typed during the flood (median of ${ROUNDS})`, value: med(ours, 'noteMs'), unit: 'ms', baseline: { name: 'plain xterm.js page', value: med(theirs, 'noteMs') }, target: '≤ 300 ms' },
        { name: `${flood.label}: the note's slowest input, event to paint (worst of ${ROUNDS})`, value: worst(ours, 'noteInputMs'), unit: 'ms', baseline: { name: 'plain xterm.js page', value: worst(theirs, 'noteInputMs') } },
        { name: `${flood.label}: Ctrl+C to the prompt (median of ${ROUNDS})`, value: round(median(oursStop), 0), unit: 'ms', baseline: { name: 'plain xterm.js page (to the pty exit)', value: round(median(theirsStop), 0) }, target: '≤ 1000 ms' },
      );
    }
    results.push({ name: 'host peak RSS during the floods', value: Math.round(peakRssMb), unit: 'MB', target: '≤ 250 MB' });
    // Last, and on its own: a failure here must not throw away the floods' figures above.
    try {
      const echo = await console_.echoBesideFlood();
      results.push({ name: `keystroke echo in another tab while \`yes\` floods, p95 of ${ECHO_KEYS}`, value: echo.flooding, unit: 'ms', baseline: { name: 'the same keystrokes, no flood', value: echo.quiet }, target: '≤ 50 ms' });
    } catch (error) {
      process.stderr.write(`floodPage: the keystroke-echo part failed, its figure is missing: ${(error as Error).message.split('\n')[0]}\n`);
    }
    return results;
  } finally {
    client?.close();
    await browser.close();
    await plain.close();
    await served.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function openConsole(browser: Browser, served: ServedConsole, client: ServedClient, home: string) {
  const incident = await client.incidents.create({ title: 'Flood bench', severity: 'SEV3' });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.addInitScript(LONG_TASK_OBSERVER);
  await page.goto(served.url);
  await page.getByRole('navigation', { name: 'Incidents' }).getByRole('button', { name: /Flood bench/ }).click();
  await page.locator('.state-dot[data-state="idle"]').first().waitFor({ timeout: 30_000 });
  // The terminal's shell starts in the bench's home, like the baselines'.
  await typeLine(page, `cd ${home}`);
  let finished: (() => void) | undefined;
  client.terminals.onDidChangeCommand(incident.id)((event) => {
    if (event.phase === 'finished') finished?.();
  });
  const nextFinish = () => new Promise<void>((resolve) => (finished = resolve));
  await nextFinish();
  const idle = () => page.locator('.state-dot[data-state="idle"]').first().waitFor({ timeout: 120_000 });
  return {
    async flood(command: string, profileLabel?: string): Promise<FloodFigures> {
      await untilQuiet(served.process.pid as number);
      const profiler = profileLabel ? await startProfile(page) : undefined;
      const done = nextFinish();
      const start = await typeLine(page, command);
      const figures = await duringFlood(page, start, done);
      await idle();
      await page.waitForTimeout(500); // The last redraw.
      if (profiler) await printProfile(profiler, profileLabel!);
      return { ...figures, longestTaskMs: await longestTaskSince(page, start) };
    },
    /**
     * Keystrokes typed at the prompt of a second tab, each until its echo is on the screen
     * (p95), with no flood and while `yes` floods the first tab. Last: it leaves two tabs.
     */
    async echoBesideFlood(): Promise<{ quiet: number; flooding: number }> {
      const tabs = page.getByRole('tablist', { name: 'Terminals' });
      await page.getByRole('button', { name: 'New terminal' }).click();
      await tabs.getByRole('tab', { name: /Terminal 2/ }).waitFor();
      await page.locator('.state-dot[data-state="idle"]').nth(1).waitFor({ timeout: 30_000 });
      const quiet = await echoes(page);
      await tabs.getByRole('tab', { name: /Terminal 1/ }).click();
      await typeLine(page, 'yes');
      await tabs.getByRole('tab', { name: /Terminal 2/ }).click();
      await page.waitForTimeout(1_000);
      const flooding = await echoes(page);
      await tabs.getByRole('tab', { name: /Terminal 1/ }).click();
      await page.locator('.terminals__panel:not([hidden]) .xterm').click();
      await page.keyboard.press('Control+c');
      await idle();
      return { quiet, flooding };
    },
    async interrupt(command: string): Promise<number> {
      await untilQuiet(served.process.pid as number);
      const done = nextFinish();
      await typeLine(page, command);
      await page.waitForTimeout(2_000);
      await page.locator('.xterm').first().click();
      const pressed = Date.now();
      await page.keyboard.press('Control+c');
      await done;
      await idle();
      return Date.now() - pressed;
    },
  };
}

const ECHO_KEYS = 30;

/**
 * p95 of ECHO_KEYS keystrokes into the visible terminal, each timed in the page: from the
 * keydown event until the terminal's rows hold the echo (a MutationObserver, which runs in
 * the frame that paints it). Playwright's own round trip stays out of the figure.
 */
async function echoes(page: Page): Promise<number> {
  await page.locator('.terminals__panel:not([hidden]) .xterm').click();
  const letters = 'qzxjkvwqzxjkvwqzxjkvwqzxjkvwqzxjkvw';
  const times: number[] = [];
  for (let i = 0; i < ECHO_KEYS; i++) {
    await page.evaluate(`(${IN_PAGE_ECHO_WATCH})(${JSON.stringify(letters.slice(0, i + 1))})`);
    await page.keyboard.press(letters[i]!);
    times.push((await page.evaluate('window.__echo')) as number);
  }
  await page.keyboard.press('Control+u');
  times.sort((a, b) => a - b);
  return times[Math.min(times.length - 1, Math.floor(times.length * 0.95))]!;
}

/** Arms `window.__echo`: a promise of the ms from the next keydown until the visible terminal shows `typed`. */
const IN_PAGE_ECHO_WATCH = `(typed) => {
  const rows = document.querySelector('.terminals__panel:not([hidden]) .xterm-rows');
  let pressed;
  window.addEventListener('keydown', () => (pressed = performance.now()), { capture: true, once: true });
  window.__echo = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (pressed === undefined || !rows.textContent.includes(typed)) return;
      observer.disconnect();
      resolve(performance.now() - pressed);
    });
    observer.observe(rows, { childList: true, subtree: true, characterData: true });
  });
}`;

/** Types a line into the console's terminal; returns when Enter went (Date.now()). */
async function typeLine(page: Page, line: string): Promise<number> {
  await page.locator('.terminals__panel:not([hidden]) .xterm').click();
  await page.keyboard.type(line);
  const at = Date.now();
  await page.keyboard.press('Enter');
  return at;
}

/** One second in, a note; then the flood's end. */
async function duringFlood(page: Page, start: number, done: Promise<unknown>): Promise<Omit<FloodFigures, 'longestTaskMs'>> {
  let end = 0;
  const ended = done.then(() => (end = Date.now()));
  await page.waitForTimeout(1_000);
  const note = page.getByRole('textbox', { name: 'Note' });
  const noteStart = Date.now();
  await note.click();
  await page.keyboard.type(NOTE);
  await page.waitForFunction((text) => (document.activeElement as HTMLInputElement | null)?.value === text, NOTE, { polling: 'raf' });
  const noteMs = Date.now() - noteStart;
  // Entries come after the paint: the last key's, a frame or two later.
  await page.waitForTimeout(100);
  const noteInputMs = (await page.evaluate(`window.__inputs.filter((e) => e.at >= ${noteStart}).reduce((max, e) => Math.max(max, e.ms), 0)`)) as number;
  await note.fill('');
  await ended;
  return { ms: end - start, noteMs, noteInputMs };
}

async function longestTaskSince(page: Page, since: number): Promise<number> {
  return page.evaluate((t) => {
    const tasks = (window as unknown as { __longTasks: { at: number; ms: number }[] }).__longTasks;
    return tasks.filter((task) => task.at >= t).reduce((max, task) => Math.max(max, task.ms), 0);
  }, since);
}

async function openPlainPage(browser: Browser, server: PlainXtermServer): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.addInitScript(LONG_TASK_OBSERVER);
  await page.goto(server.url);
  await page.evaluate(() => (window as unknown as { ready: Promise<void> }).ready);
  return page;
}

const startPlain = (page: Page, command: string) =>
  page.evaluate((c) => {
    (window as unknown as { run: (c: string) => void }).run(c);
    return Date.now();
  }, command);
const plainExited = (page: Page) => page.waitForFunction(() => (window as unknown as { ptyExited: number | null }).ptyExited, undefined, { timeout: 300_000 }).then((h) => h.jsonValue() as Promise<number>);

async function plainFlood(page: Page, command: string): Promise<FloodFigures> {
  const start = await startPlain(page, command);
  const figures = await duringFlood(page, start, plainExited(page));
  await page.waitForTimeout(500);
  return { ...figures, longestTaskMs: await longestTaskSince(page, start) };
}

async function plainInterrupt(page: Page, command: string): Promise<number> {
  await startPlain(page, command);
  await page.waitForTimeout(2_000);
  await page.locator('.xterm').first().click();
  const pressed = Date.now();
  await page.keyboard.press('Control+c');
  const exited = await plainExited(page);
  return exited - pressed;
}

async function startProfile(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  return cdp;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** Self time per function and per script of the page's main thread, the top ones, to stderr. */
async function printProfile(cdp: CDPSession, label: string): Promise<void> {
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
  await cdp.detach();
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const byFunction = new Map<string, number>();
  const byScript = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const ms = selfMs.get(node.id) ?? 0;
    total += ms;
    const script = node.callFrame.url.split('/').pop() || `(${node.callFrame.functionName || 'native'})`;
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${script}:${node.callFrame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
    byScript.set(script, (byScript.get(script) ?? 0) + ms);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `    ${v.toFixed(0).padStart(7)} ms  ${k}`)
      .join('\n');
  // The busiest 250 ms of the flood (what a long task is made of): self time per function in it.
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const idle = (id: number) => nodes.get(id)?.callFrame.functionName === '(idle)';
  const at: number[] = [];
  profile.timeDeltas.reduce((t, d, i) => (at[i] = t + d), 0);
  let best = { from: 0, to: 0, busy: 0 };
  for (let from = 0, to = 0, busy = 0; to < profile.samples.length; to++) {
    if (!idle(profile.samples[to]!)) busy += (profile.timeDeltas[to] ?? 0) / 1000;
    while (at[to]! - at[from]! > 250_000) if (!idle(profile.samples[from++]!)) busy -= (profile.timeDeltas[from - 1] ?? 0) / 1000;
    if (busy > best.busy) best = { from, to, busy };
  }
  const inWindow = new Map<string, number>();
  for (let i = best.from; i <= best.to; i++) {
    const node = nodes.get(profile.samples[i]!)!;
    const key = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber + 1}`;
    inWindow.set(key, (inWindow.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  process.stderr.write(
    `\n  profile of the page during "${label}" (${total.toFixed(0)} ms sampled)\n  by script:\n${top(byScript, 8)}\n  by function:\n${top(byFunction, 15)}\n` +
      `  the busiest 250 ms (${best.busy.toFixed(0)} ms of script in it):\n${top(inWindow, 10)}\n`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await run(), null, 2));
}
