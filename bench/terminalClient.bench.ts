import { median, round } from './benchMath';
import type { BenchResult } from './benchResult';
/**
 * Capture throughput through the whole pipeline, as the terminals issue defines it: the
 * bytes per second a connected client receives while `head -c 100000000 /dev/urandom |
 * base64` runs in a terminal of a real `warroom serve` (the built host, in its own process):
 * pty → OSC 633 parser → command record and raw output rows in SQLite → per-client batching
 * and watermark → RPC over the WebSocket → this process, a client that acknowledges each
 * message when it arrives (a renderer that draws instantly). Beside it, in the same run and
 * alternated with it, the same command under `script -q -c CMD /dev/null` (util-linux) and
 * under a bare node-pty reader. Each figure is the median of ROUNDS runs. The host's peak
 * RSS is the kernel's high-water mark for its process (VmHWM).
 *
 * Needs the build (`npm run build`, which `npm install` runs).
 * Run: `npx tsx bench/terminalClient.bench.ts` (prints JSON), or through `npm run bench`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as pty from 'node-pty';
import { WebSocket } from 'ws';
import { RpcClient } from '../electron/common/rpc/rpcClient';
import { IncidentServiceContract } from '../electron/common/services/incidentService';
import { TerminalServiceContract } from '../electron/common/services/terminalService';
import { wsConnection } from '../electron/node/server/wsConnection';
import { startServedConsole } from '../tests/e2e/startServedConsole';

export type { BenchResult } from './benchResult';

/** The command: 100 MB of random bytes as base64, ~135 MB of 76-char lines. */
const COMMAND = 'head -c 100000000 /dev/urandom | base64';
/** What base64 prints for 100 MB: 4 chars per 3 bytes plus a newline every 76 chars. */
const OUTPUT_BYTES = Math.ceil(100_000_000 / 3) * 4 + Math.ceil((Math.ceil(100_000_000 / 3) * 4) / 76);
const MB = 1024 * 1024;
/** Timed runs of each path, after one warm-up of the full path. */
const ROUNDS = 3;
const ROOT = fileURLToPath(new URL('..', import.meta.url));

export async function run(): Promise<BenchResult[]> {
  if (!existsSync(join(ROOT, 'out/electron/node/cli.js'))) throw new Error('the host is not built: run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), 'wr-bench-client-'));
  const home = join(dir, 'home');
  mkdirSync(home);
  const env = { ...(process.env as Record<string, string>), HOME: home, SHELL: '/bin/bash' };
  const served = await startServedConsole([], join(dir, 'data'), { HOME: home, SHELL: '/bin/bash' });
  const host = served.process;
  let client: RpcClient | undefined;
  try {
    const socket = new WebSocket(`${served.origin.replace('http', 'ws')}/rpc?token=${served.token}`);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    client = new RpcClient(wsConnection(socket));
    const incidents = client.getService(IncidentServiceContract);
    const terminals = client.getService(TerminalServiceContract);
    const incident = await incidents.create({ title: 'bench', severity: 'SEV3' });
    const tab = await terminals.openTab(incident.id, { cols: 120, rows: 30, cwd: home });
    const sessionId = tab.sessionId as string;
    for (let waited = 0; (await terminals.listTabs(incident.id))[0]?.state !== 'idle'; waited += 20) {
      if (waited > 10_000) throw new Error('the terminal never reached its prompt');
      await sleep(20);
    }

    let received = 0;
    terminals.onDidOutput({ sessionId, clientId: 'bench' })((message) => {
      if (message.kind === 'data') received += message.data.length;
      void terminals.ack(sessionId, 'bench', message.data.length);
    });
    let finished: (() => void) | undefined;
    terminals.onDidChangeCommand(incident.id)((event) => {
      if (event.phase === 'finished') finished?.();
    });
    const fullRun = async (): Promise<{ ms: number; received: number; cpuMs: number }> => {
      await sleep(300);
      const done = new Promise<void>((resolve) => (finished = resolve));
      received = 0;
      const cpu0 = cpuMs(host.pid as number);
      const start = performance.now();
      await terminals.write(sessionId, `${COMMAND}\r`);
      await done;
      return { ms: performance.now() - start, received, cpuMs: cpuMs(host.pid as number) - cpu0 };
    };

    await fullRun(); // Warm-up: JIT, page cache.
    const fulls: number[] = [];
    const bares: number[] = [];
    const scripts: number[] = [];
    let liveShare = 1;
    let hostCpuMs = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const full = await fullRun();
      fulls.push(full.ms);
      liveShare = Math.min(liveShare, full.received / OUTPUT_BYTES);
      hostCpuMs += full.cpuMs;
      bares.push(await bareNodePty(env));
      scripts.push(await scriptRun(env));
    }
    const rate = (ms: number) => round(OUTPUT_BYTES / MB / (ms / 1000), 2);
    const full = rate(median(fulls));
    return [
      {
        name: 'capture throughput to a connected client (head | base64, 135 MB)',
        value: full,
        unit: 'MB/s',
        baseline: { name: 'bare node-pty reader', value: rate(median(bares)) },
        target: '>= 0.8 of the bare reader',
      },
      {
        name: 'capture throughput to a connected client vs script(1)',
        value: full,
        unit: 'MB/s',
        baseline: { name: 'script -q -c CMD /dev/null', value: rate(median(scripts)) },
        target: '>= 0.8 of script',
      },
      { name: 'share of the output the client drew live (rest came as snapshots)', value: round(Math.min(1, liveShare), 2), unit: 'ratio' },
      { name: 'host CPU time per MB of output (all its threads)', value: round(hostCpuMs / ROUNDS / (OUTPUT_BYTES / MB), 1), unit: 'ms/MB' },
      { name: 'host peak RSS (its process, whole run)', value: Math.round(peakRssKb(host.pid as number) / 1024), unit: 'MB', target: '< 300 MB' },
    ];
  } finally {
    client?.dispose();
    await served.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The command read by node-pty and nothing else: what any pty-based terminal must pay. */
async function bareNodePty(env: Record<string, string>): Promise<number> {
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const p = pty.spawn('/bin/sh', ['-c', COMMAND], { cols: 120, rows: 30, env, encoding: 'utf8' });
    p.onData(() => {});
    p.onExit(() => resolve());
  });
  return performance.now() - start;
}

/** The command under util-linux `script`, whose output is read from a pipe. */
async function scriptRun(env: Record<string, string>): Promise<number> {
  const start = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn('script', ['-q', '-c', COMMAND, '/dev/null'], { env, stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.on('data', () => {});
    child.on('error', reject);
    child.on('exit', () => resolve());
  });
  return performance.now() - start;
}

/** User + system CPU of a process, all threads, in ms (/proc/PID/stat, clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function peakRssKb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
  return Number(line?.match(/\d+/)?.[0] ?? NaN);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await run(), null, 2));
}
