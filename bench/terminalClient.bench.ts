import type { BenchResult } from './benchResult';
/**
 * End-to-end client throughput: bytes per second a connected client receives and
 * acknowledges while `cat FILE` runs, through the whole path — pty → integration parser →
 * command and output rows in SQLite → per-client batching and watermark → the RPC (JSON
 * over a connection) → a client that acknowledges each message as soon as it arrives (a
 * renderer that draws instantly; a real xterm is slower and gets snapshots instead).
 * Beside it, a bare node-pty reader of the same file, alternated with it in the same run
 * (medians of ROUNDS).
 *
 * Run: `npx tsx bench/terminalClient.bench.ts` (prints JSON), or through `npm run bench`.
 */
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as pty from 'node-pty';
import { createMemoryConnectionPair } from '../electron/common/rpc/memoryConnection';
import { RpcClient } from '../electron/common/rpc/rpcClient';
import { RpcServer } from '../electron/common/rpc/rpcServer';
import { TerminalServiceContract } from '../electron/common/services/terminalService';
import { TerminalServiceImpl } from '../electron/node/services/terminalServiceImpl';
import { IncidentStore } from '../electron/node/store/incidentStore';
import { PtyHost } from '../electron/node/terminal/ptyHost';

export type { BenchResult } from './benchResult';

/** Enough to dwarf start-up costs, small enough to keep the bench short on a slow pty. */
const FILE_BYTES = 20 * 1024 * 1024;
/** Like a log line. */
const LINE_CHARS = 120;
const MB = 1024 * 1024;
/** Timed runs of each path. */
const ROUNDS = 3;

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'wr-bench-client-'));
  const home = join(dir, 'home');
  mkdirSync(home);
  const file = join(dir, 'flood.txt');
  writeFile(file);
  const env = { ...(process.env as Record<string, string>), HOME: home };
  try {
    const bare = await bareReader(file, env);
    const store = IncidentStore.open(join(dir, 'warroom.db'));
    const ptys = new PtyHost({ tempRoot: dir });
    const service = new TerminalServiceImpl({ store, ptys, shell: '/bin/bash', env });
    const server = new RpcServer();
    server.register(TerminalServiceContract, service);
    const [hostEnd, clientEnd] = createMemoryConnectionPair();
    server.connect(hostEnd);
    const client = new RpcClient(clientEnd).getService(TerminalServiceContract);
    try {
      const incidentId = (await store.createIncident({ title: 'bench', severity: 'SEV3' })).id;
      const tab = await client.openTab(incidentId, { cols: 120, rows: 30, cwd: home });
      const sessionId = tab.sessionId as string;
      while (ptys.get(sessionId).state !== 'idle') await sleep(10);
      let received = 0;
      let peakRss = 0;
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
      client.onDidOutput({ sessionId, clientId: 'bench' })((message) => {
        received += message.data.length;
        void client.ack(sessionId, 'bench', message.data.length);
      });
      const catOnce = async (): Promise<number> => {
        await sleep(200);
        const finished = new Promise<void>((resolve) => {
          const listener = client.onDidChangeCommand(incidentId)((e) => {
            if (e.phase !== 'finished') return;
            listener.dispose();
            resolve();
          });
        });
        received = 0;
        const start = performance.now();
        await client.write(sessionId, `cat ${file}\r`);
        await finished;
        return performance.now() - start;
      };
      // Warm-up (JIT, page cache), then the paths alternated: single runs on a shared
      // 2-core machine vary by 2x, so each figure is the median of ROUNDS.
      await catOnce();
      const fulls: number[] = [];
      const bares: number[] = [bare];
      let liveShare = 1;
      for (let i = 0; i < ROUNDS; i++) {
        fulls.push(await catOnce());
        liveShare = Math.min(liveShare, received / (FILE_BYTES * 1.0083));
        bares.push(await bareReader(file, env));
      }
      clearInterval(sampler);
      const full = FILE_BYTES / MB / (median(fulls) / 1000);
      return [
        {
          name: 'terminal client: cat through pty, store and RPC to an acknowledging client',
          value: round(full),
          unit: 'MB/s',
          baseline: { name: 'bare node-pty reader', value: round(FILE_BYTES / MB / (median(bares) / 1000)) },
          target: '>= 0.8 of the bare reader',
        },
        { name: 'terminal client: share of output the client drew live (rest came as snapshots)', value: round(Math.min(1, liveShare)), unit: 'ratio' },
        { name: 'terminal client: host peak RSS during the run', value: Math.round(peakRss / MB), unit: 'MB', target: '< 300 MB' },
      ];
    } finally {
      await service.settled();
      await service.dispose();
      await ptys.dispose();
      store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function writeFile(file: string): void {
  const line = 'x'.repeat(LINE_CHARS - 1) + '\n';
  const block = line.repeat(Math.floor((1024 * 1024) / LINE_CHARS));
  const fd = openSync(file, 'w');
  let written = 0;
  while (written < FILE_BYTES) written += writeSync(fd, block.slice(0, Math.min(block.length, FILE_BYTES - written)));
  closeSync(fd);
}

async function bareReader(file: string, env: Record<string, string>): Promise<number> {
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const p = pty.spawn('/bin/cat', [file], { cols: 120, rows: 30, env, encoding: 'utf8' });
    p.onData(() => {});
    p.onExit(() => resolve());
  });
  return performance.now() - start;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (n: number) => Math.round(n * 100) / 100;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await run(), null, 2));
}
