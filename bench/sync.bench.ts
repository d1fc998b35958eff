import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { round } from './benchMath';
import type { BenchResult } from './benchResult';
import { IncidentStore } from '../electron/node/store/incidentStore';
import { syncDataDir } from '../electron/node/sync/syncEngine';
/**
 * The team sync (docs/sync-format.md) against a local bare remote: an incident of 10 000
 * events recorded by 5 devices (2 000 each), synced into a fresh data dir; then 10 new events
 * on one device, pushed by it and pulled by the newcomer.
 *
 * - fresh: `warroom sync` of a new data dir: fetch, verify 5 chains, import 10 000 events;
 *   target ≤ 5 s. Baseline: git's own share, `git clone --bare` of the remote.
 * - incremental pull of 10 new events; target ≤ 500 ms plus git's own time. Baseline:
 *   `git fetch` of that one commit into a bare clone.
 * - incremental push of 10 new events by a device holding the whole incident (it redacts the
 *   incident through shareableIncident, the one way out). Same baseline.
 *
 * Run: `npx tsx bench/sync.bench.ts` (prints JSON), or through `npm run bench`.
 */

const DEVICES = 5;
const EVENTS_PER_DEVICE = 2_000;
const lookup = async () => null;

interface Laptop {
  dir: string;
  store: IncidentStore;
}

export async function run(): Promise<BenchResult[]> {
  const root = mkdtempSync(join(tmpdir(), 'warroom-bench-sync-'));
  const laptops: Laptop[] = [];
  try {
    const remote = join(root, 'remote.git');
    execFileSync('git', ['init', '--bare', '--quiet', remote]);
    const laptop = (name: string): Laptop => {
      const dir = join(root, name);
      mkdirSync(dir);
      const l = { dir, store: IncidentStore.open(join(dir, 'warroom.db'), { actor: name }) };
      laptops.push(l);
      return l;
    };
    const sync = (l: Laptop) => syncDataDir({ store: l.store, dataDir: l.dir, lookup, remote });

    // Five devices record 2 000 events each in one incident, each pushing its own.
    const first = laptop('device-1');
    const incident = await first.store.createIncident({ title: 'Bench: five laptops', severity: 'SEV2' });
    for (let d = 1; d <= DEVICES; d++) {
      const l = d === 1 ? first : laptop(`device-${d}`);
      if (d > 1) await sync(l);
      const pending: Promise<unknown>[] = [];
      const own = d === 1 ? 1 : 0;
      for (let n = own; n < EVENTS_PER_DEVICE; n++) pending.push(l.store.appendEvent(incident.id, { kind: 'note', payload: { text: `device ${d} note ${n}: p95 ${200 + (n % 50)} ms on checkout` } }));
      await Promise.all(pending);
      await sync(l);
    }

    const cloneDir = join(root, 'baseline-clone.git');
    const cloneStart = performance.now();
    execFileSync('git', ['clone', '--bare', '--quiet', remote, cloneDir]);
    const cloneMs = performance.now() - cloneStart;

    const fresh = laptop('newcomer');
    const freshStart = performance.now();
    const pulled = await sync(fresh);
    const freshMs = performance.now() - freshStart;
    if (pulled.pulled < DEVICES * EVENTS_PER_DEVICE) throw new Error(`pulled ${pulled.pulled} events, expected at least ${DEVICES * EVENTS_PER_DEVICE}`);

    // Ten new events on device 1, which holds the whole incident by now.
    await sync(first);
    for (let n = 0; n < 10; n++) await first.store.appendEvent(incident.id, { kind: 'note', payload: { text: `late note ${n}` } });
    const pushStart = performance.now();
    const pushed = await sync(first);
    const pushMs = performance.now() - pushStart;
    if (pushed.pushed < 10) throw new Error(`pushed ${pushed.pushed}`);

    const fetchStart = performance.now();
    execFileSync('git', ['--git-dir', cloneDir, 'fetch', '--quiet', remote, '+refs/heads/main:refs/heads/main']);
    const fetchMs = performance.now() - fetchStart;

    const pullStart = performance.now();
    const incremental = await sync(fresh);
    const pullMs = performance.now() - pullStart;
    if (incremental.pulled < 10) throw new Error(`pulled ${incremental.pulled}`);

    return [
      { name: `sync into a fresh data dir: ${DEVICES} devices × ${EVENTS_PER_DEVICE} events`, value: round(freshMs), unit: 'ms', baseline: { name: 'git clone --bare', value: round(cloneMs) }, target: '≤ 5000 ms' },
      { name: 'incremental sync pulling 10 new events', value: round(pullMs), unit: 'ms', baseline: { name: 'git fetch of that commit', value: round(fetchMs) }, target: '≤ 500 ms + git' },
      { name: 'incremental sync pushing 10 new events (10 010-event incident)', value: round(pushMs), unit: 'ms', baseline: { name: 'git fetch of that commit', value: round(fetchMs) } },
    ];
  } finally {
    for (const l of laptops) l.store.close();
    rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await run(), null, 2));
}
