import { median, round } from './benchMath';
import type { BenchResult } from './benchResult';
/**
 * What a responder waits for before doing anything, each beside a baseline taken in the same
 * run (alternated round by round, medians):
 * - `warroom --version`, beside `node -e 0`: what loading the CLI costs beyond Node itself;
 * - `warroom serve` until it prints its URL, beside `node -e 0`;
 * - launch: `warroom serve` started, then Chromium opened on its URL, until the incidents list
 *   shows, beside the same Chromium launched onto a static page of the same shape;
 * - opening an incident of 10 000 events in that console until its newest event is on screen,
 *   measured in the page from the click, beside opening an incident of one event.
 * Uses the build (`npm run build`) and the system Chromium (`CHROMIUM_PATH` or /usr/bin/chromium).
 *
 * Run: `npx tsx bench/startup.bench.ts` (prints JSON), or through `npm run bench`.
 * `STARTUP_PARTS=open` (or `process`, `launch`, comma-separated) runs only those parts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { IncidentStore } from '../electron/node/store/incidentStore';
import { DATABASE_FILE_NAME } from '../electron/node/store/openDatabase';
import { seedLargeIncident } from '../tests/e2e/seedStore';
import { startServedConsole } from '../tests/e2e/startServedConsole';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'bin/warroom.js');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The e2e tests' flags (playwright.config.ts): no sandbox in a container, nothing phoning home. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** Process starts per figure: cheap, so enough for a steady median on a busy machine. */
const PROCESS_ROUNDS = 15;
/** Browser launches per side: each costs a second or more. */
const LAUNCH_ROUNDS = 5;
/** Incident opens per size. */
const OPEN_ROUNDS = 7;
const BIG_INCIDENT_EVENTS = 10_000;
const LIST_ENTRY = 'Checkout latency';

export async function run(): Promise<BenchResult[]> {
  if (!existsSync(join(ROOT, 'out/electron/node/cli.js'))) throw new Error('not built: run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), 'wr-bench-startup-'));
  try {
    const parts = new Set((process.env.STARTUP_PARTS ?? 'process,launch,open').split(','));
    return [
      ...(parts.has('process') ? processStarts() : []),
      ...(parts.has('launch') ? await launches(dir) : []),
      ...(parts.has('open') ? await incidentOpens(dir) : []),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function timeProcess(args: string[]): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr}`);
  return performance.now() - start;
}

function processStarts(): BenchResult[] {
  const node: number[] = [];
  const version: number[] = [];
  for (let i = 0; i < PROCESS_ROUNDS; i++) {
    node.push(timeProcess(['-e', '0']));
    version.push(timeProcess([CLI, '--version']));
  }
  return [
    {
      name: `warroom --version (median of ${PROCESS_ROUNDS})`,
      value: round(median(version), 1),
      unit: 'ms',
      baseline: { name: 'node -e 0', value: round(median(node), 1) },
      target: '≤ 2× node -e 0',
    },
  ];
}

async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

async function waitForListEntry(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Incidents' }).getByRole('button', { name: new RegExp(LIST_ENTRY) }).waitFor({ timeout: 60_000 });
}

async function launches(dir: string): Promise<BenchResult[]> {
  const dataDir = join(dir, 'launch-data');
  const store = IncidentStore.open(join(mkdirp(dataDir), DATABASE_FILE_NAME));
  await store.createIncident({ title: LIST_ENTRY, severity: 'SEV2' });
  store.close();
  // The baseline: the same shape (a navigation named Incidents holding one entry), static.
  const staticPage = join(dir, 'static.html');
  writeFileSync(staticPage, `<!doctype html><title>War Room</title><nav aria-label="Incidents"><button>${LIST_ENTRY}</button></nav>`);

  const ours: number[] = [];
  const serveToUrl: number[] = [];
  const node: number[] = [];
  const staticLaunch: number[] = [];
  for (let i = 0; i < LAUNCH_ROUNDS; i++) {
    node.push(timeProcess(['-e', '0']));
    {
      const start = performance.now();
      const browser = await launchChromium();
      const page = await browser.newPage();
      await page.goto(pathToFileURL(staticPage).href, { waitUntil: 'commit' });
      await waitForListEntry(page);
      staticLaunch.push(performance.now() - start);
      await browser.close();
    }
    {
      const start = performance.now();
      // The real path: the `warroom` command, its one line, then a browser on that URL.
      const served = await startServedConsole([], dataDir);
      serveToUrl.push(performance.now() - start);
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        await page.goto(served.url, { waitUntil: 'commit' });
        await waitForListEntry(page);
        ours.push(performance.now() - start);
      } finally {
        await browser.close();
        await served.stop();
      }
    }
  }
  return [
    {
      name: `warroom serve until its URL is printed (median of ${LAUNCH_ROUNDS})`,
      value: round(median(serveToUrl), 0),
      unit: 'ms',
      baseline: { name: 'node -e 0', value: round(median(node), 0) },
      target: '≤ 300 ms',
    },
    {
      name: `launch: serve + Chromium until the incidents list shows (median of ${LAUNCH_ROUNDS})`,
      value: round(median(ours), 0),
      unit: 'ms',
      baseline: { name: 'the same Chromium launched onto a static page', value: round(median(staticLaunch), 0) },
      target: '≤ 1.25× the static page',
    },
  ];
}

async function incidentOpens(dir: string): Promise<BenchResult[]> {
  const dataDir = mkdirp(join(dir, 'open-data'));
  const big = await seedLargeIncident(dataDir, BIG_INCIDENT_EVENTS);
  const store = IncidentStore.open(join(dataDir, DATABASE_FILE_NAME));
  await store.createIncident({ title: 'One event', severity: 'SEV3' });
  store.close();
  const served = await startServedConsole([], dataDir);
  const browser = await launchChromium();
  try {
    const bigTimes: number[] = [];
    const smallTimes: number[] = [];
    for (let i = 0; i < OPEN_ROUNDS; i++) {
      bigTimes.push(await openIncident(browser, served.url, 'Fifty thousand events', `\\b${big.newestNote}(?!\\d)`));
      smallTimes.push(await openIncident(browser, served.url, 'One event', 'Incident opened'));
    }
    return [
      {
        name: `open an incident of ${BIG_INCIDENT_EVENTS.toLocaleString('en')} events until its newest event shows, in Chromium (median of ${OPEN_ROUNDS})`,
        value: round(median(bigTimes), 0),
        unit: 'ms',
        baseline: { name: 'the same for an incident of one event', value: round(median(smallTimes), 0) },
        target: '≤ 200 ms',
      },
    ];
  } finally {
    await browser.close();
    await served.stop();
  }
}

/**
 * Loads the console in a fresh context (nothing remembered), then clicks the incident and
 * times, in the page, until a timeline row matching `rowPattern` is laid out on screen and a
 * frame has been drawn with it.
 */
async function openIncident(browser: Browser, url: string, title: string, rowPattern: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.getByRole('navigation', { name: 'Incidents' }).getByRole('button', { name: new RegExp(title) }).waitFor({ timeout: 60_000 });
    // Page code as text: tsx's transpiler would wrap named functions in a helper the page lacks.
    return (await page.evaluate(`(${IN_PAGE_OPEN})(${JSON.stringify(title)}, ${JSON.stringify(rowPattern)})`)) as number;
  } finally {
    await context.close();
  }
}

/** Clicks the incident `title`; resolves with the ms until a row matching `rowPattern` is drawn on screen. */
const IN_PAGE_OPEN = `async (title, rowPattern) => {
  const button = [...document.querySelectorAll('nav[aria-label="Incidents"] button')].find((b) => b.textContent.includes(title));
  if (!button) throw new Error('no incident ' + title);
  const pattern = new RegExp(rowPattern);
  const onScreen = () => [...document.querySelectorAll('section[aria-label="Timeline"] li')].some((row) => {
    if (!pattern.test(row.textContent || '')) return false;
    const box = row.getBoundingClientRect();
    return box.height > 0 && box.bottom > 0 && box.top < window.innerHeight;
  });
  const start = performance.now();
  button.click();
  await new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!onScreen()) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  // On screen means drawn: the next frame.
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return performance.now() - start;
}`;

function mkdirp(path: string): string {
  mkdirSync(path, { recursive: true });
  return path;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await run(), null, 2));
}
