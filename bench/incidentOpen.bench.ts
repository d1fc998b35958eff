import { round } from './benchMath';
import type { BenchResult } from './benchResult';
/**
 * Opening an incident in the console, through the same IncidentService and RPC the page uses
 * (in-memory channel instead of a WebSocket): the details (header, clocks, checklist, inputs)
 * plus the newest page of the timeline, turned into rows — what stands between the click and
 * the first screen. 100 000 events on the incident. Baseline: fetching the whole timeline,
 * which a non-windowed console would have to do before showing anything.
 *
 * Run: `npx tsx bench/incidentOpen.bench.ts` (prints JSON), or through `npm run bench`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMemoryConnectionPair } from '../electron/common/rpc/memoryConnection';
import { RpcClient } from '../electron/common/rpc/rpcClient';
import { RpcServer } from '../electron/common/rpc/rpcServer';
import { IncidentServiceContract, MAX_EVENT_PAGE } from '../electron/common/services/incidentService';
import { IncidentServiceImpl } from '../electron/node/services/incidentServiceImpl';
import { IncidentStore } from '../electron/node/store/incidentStore';
import { buildRows } from '../renderer/src/incidents/timelineRows';

/** The size: an incident with 100 000 events. */
const EVENTS = 100_000;
/** The console's first page (renderer/src/incidents/useTimeline.ts FIRST_PAGE). */
const FIRST_PAGE = 500;
/** Opens measured; the median is reported. */
const RUNS = 15;

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'warroom-bench-open-'));
  try {
    const file = join(dir, 'warroom.db');
    const seed = IncidentStore.open(file, { actor: 'bench' });
    const incident = await seed.createIncident({ title: 'Bench', severity: 'SEV2' });
    const pending: Promise<unknown>[] = [];
    for (let i = 1; i < EVENTS; i++) {
      pending.push(seed.appendEvent(incident.id, { kind: 'note', payload: { text: `note ${i}: pods restarting in eu-west-1` } }));
      if (pending.length >= 5_000) await Promise.all(pending.splice(0));
    }
    await Promise.all(pending);
    seed.close();

    const store = IncidentStore.open(file);
    const service = new IncidentServiceImpl({ store, file }, { get: async (id) => Promise.reject(new Error(`no runbook ${id}`)) });
    const server = new RpcServer();
    server.register(IncidentServiceContract, service);
    const [a, b] = createMemoryConnectionPair();
    server.connect(a);
    const client = new RpcClient(b);
    const incidents = client.getService(IncidentServiceContract);

    const open = async () => {
      const start = performance.now();
      // The console's first page: the newest entries in timeline order (events_by_time).
      const [details, page] = await Promise.all([incidents.get(incident.id), incidents.getTimelineBefore(incident.id, null, FIRST_PAGE)]);
      const rows = buildRows(page.events);
      if (!details.incident || rows.length === 0) throw new Error('nothing loaded');
      return performance.now() - start;
    };
    const all = async () => {
      const start = performance.now();
      let events = 0;
      for (let after = 0; ; ) {
        const page = await incidents.getEvents(incident.id, after, MAX_EVENT_PAGE);
        if (page.events.length === 0) break;
        events += page.events.length;
        after = page.events.at(-1)!.seq;
      }
      if (events !== EVENTS) throw new Error(`read ${events} events`);
      return performance.now() - start;
    };
    await open(); // warm the statement cache and the JIT
    const opens = [];
    for (let i = 0; i < RUNS; i++) opens.push(await open());
    const whole = await all();
    client.dispose();
    service.dispose();
    store.close();
    const median = opens.sort((x, y) => x - y)[Math.floor(RUNS / 2)]!;
    return [
      {
        name: `open an incident of ${EVENTS.toLocaleString('en')} events: details + newest ${FIRST_PAGE} as rows (median of ${RUNS})`,
        value: round(median, 1),
        unit: 'ms',
        baseline: { name: 'fetch the whole timeline over the same RPC', value: round(whole, 0) },
        target: '< 200 ms',
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await run(), null, 2));
}
