import { mb, round } from './benchMath';
import type { BenchResult } from './benchResult';
/**
 * Report export and bundle import on a big incident: 10 000 timeline events and 50 MB of
 * command output (50 commands near the store's 1 Mi character cap, log lines with a secret
 * now and then). What the responder waits for after pressing Export, or `warroom import`.
 *
 * - md / html / json: collect + redact + render, each timed alone; target: the three < 2 s.
 *   Baseline: JSON.stringify of the unredacted bundle (the floor for any export).
 * - pdf: the HTML printed by the system Chromium; target < 10 s. Baseline: printing a
 *   one-line page (the browser's start-up cost).
 * - import: parse + verify + merge the JSON bundle into a new data dir; target < 3 s.
 *   Baseline: JSON.parse alone.
 *
 * Run: `npx tsx bench/reportExport.bench.ts` (prints JSON), or through `npm run bench`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseBundle } from '../electron/common/report/bundle';
import { collectBundle } from '../electron/node/report/collectBundle';
import { exportIncident } from '../electron/node/report/exportIncident';
import { printHtmlToPdf } from '../electron/node/report/printPdf';
import { findChromium } from '../electron/node/browser/findBrowser';
import { IncidentStore } from '../electron/node/store/incidentStore';

export type { BenchResult } from './benchResult';

/** The incident size. */
const EVENTS = 10_000;
const COMMANDS = 50;
/** 50 × 1 000 000 characters = 50 MB of output. */
const OUTPUT_CHARS = 1_000_000;
const lookup = async () => null;

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'warroom-bench-report-'));
  try {
    const store = IncidentStore.open(join(dir, 'warroom.db'), { actor: 'bench' });
    const incidentId = await seed(store);
    const results: BenchResult[] = [];

    const baselineStart = performance.now();
    const raw = JSON.stringify((await collectBundle(store, incidentId, lookup)).bundle);
    const baselineMs = performance.now() - baselineStart;

    const timings: Record<string, number> = {};
    let json = '';
    let html = '';
    for (const format of ['md', 'html', 'json'] as const) {
      const start = performance.now();
      const { files } = await exportIncident(store, incidentId, format, lookup, { timeZone: 'UTC' });
      timings[format] = performance.now() - start;
      if (format === 'json') json = files[0]!.content as string;
      if (format === 'html') html = files[0]!.content as string;
    }
    const textTotal = timings.md! + timings.html! + timings.json!;
    const baseline = { name: 'JSON.stringify of the unredacted bundle', value: round(baselineMs) };
    results.push(
      { name: 'export md (10k events, 50 MB output)', value: round(timings.md!), unit: 'ms', baseline },
      { name: 'export html (10k events, 50 MB output)', value: round(timings.html!), unit: 'ms', baseline },
      { name: 'export json (10k events, 50 MB output)', value: round(timings.json!), unit: 'ms', baseline },
      { name: 'export md + html + json', value: round(textTotal), unit: 'ms', target: '< 2000 ms' },
    );

    if (findChromium()) {
      const tinyStart = performance.now();
      await printHtmlToPdf('<!doctype html><p>baseline</p>');
      const tinyMs = performance.now() - tinyStart;
      const start = performance.now();
      const pdf = await printHtmlToPdf(html);
      results.push({
        name: `export pdf (print of the ${mb(html.length)} MB HTML, ${mb(pdf.length)} MB PDF)`,
        value: round(performance.now() - start),
        unit: 'ms',
        baseline: { name: 'print a one-line page', value: round(tinyMs) },
        target: '< 10000 ms',
      });
    }

    const parseStart = performance.now();
    JSON.parse(json);
    const parseMs = performance.now() - parseStart;
    const target = IncidentStore.open(join(dir, 'import.db'), { actor: 'bench' });
    const importStart = performance.now();
    const imported = target.importBundle(parseBundle(json));
    const importMs = performance.now() - importStart;
    target.close();
    if (imported.eventsAdded !== EVENTS) throw new Error(`imported ${imported.eventsAdded} events, expected ${EVENTS}`);
    results.push({
      name: `import the ${mb(json.length)} MB bundle into a new data dir`,
      value: round(importMs),
      unit: 'ms',
      baseline: { name: 'JSON.parse alone', value: round(parseMs) },
      target: '< 3000 ms',
    });
    results.push({ name: 'raw bundle size', value: round(raw.length / 1e6, 1), unit: 'MB' });
    store.close();
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function seed(store: IncidentStore): Promise<string> {
  const incident = await store.createIncident({ title: 'Bench: ten thousand events', severity: 'SEV2', commander: 'bench' });
  const line = (i: number) =>
    i % 5000 === 0
      ? `2026-11-23T03:12:${String(i % 60).padStart(2, '0')}Z retry with postgres://app:S3cret${i}@db/orders\n`
      : `2026-11-23T03:12:${String(i % 60).padStart(2, '0')}Z INFO GET /api/cart/${i} 200 12ms upstream=checkout-7d9f\n`;
  let block = '';
  for (let i = 0; block.length < OUTPUT_CHARS; i++) block += line(i);
  const output = block.slice(0, OUTPUT_CHARS);
  const pending: Promise<unknown>[] = [];
  let events = 1;
  for (let c = 0; c < COMMANDS; c++) {
    const { command } = await store.startCommand(incident.id, { sessionId: 'bench', commandLine: `kubectl logs deploy/checkout --since=1h # ${c}`, cwd: '/srv' });
    await store.finishCommand(command.id, { exitCode: c % 7 === 0 ? 1 : 0, output });
    events += 2;
  }
  for (let n = 0; events < EVENTS; n++, events++) {
    pending.push(store.appendEvent(incident.id, { kind: 'note', payload: { text: `note ${n}: pods restarting, p95 latency ${200 + (n % 50)} ms` } }));
  }
  await Promise.all(pending);
  return incident.id;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await run(), null, 2));
}
