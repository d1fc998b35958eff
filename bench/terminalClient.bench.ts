import { median, round } from './benchMath';
import type { BenchResult } from './benchResult';
/**
 * Capture throughput through the whole pipeline: the bytes per second a connected client
 * receives while a command floods a terminal of a real `warroom serve` (the built host, in
 * its own process): pty → OSC 633 parser → command record and raw output rows in SQLite →
 * per-client batching and watermark → RPC over the WebSocket → this process, a client that
 * acknowledges each message when it arrives (a renderer that draws instantly).
 *
 * Two commands, each beside the same command under a bare node-pty reader and under
 * `script -q -c CMD /dev/null` (util-linux), alternated in the same run, medians of the rounds:
 * - the brief's: `cat` of a 100 MB file written first, so the pipeline is what is measured;
 * - the terminals issue's: `head -c 100000000 /dev/urandom | base64`, where the generator
 *   (base64 and the kernel's pty writes) takes about 1.5 of this machine's 2 cores, so the
 *   host competes with it for the CPU.
 * The host's peak RSS is the kernel's high-water mark for its process (VmHWM).
 *
 * Needs the build (`npm run build`, which `npm install` runs).
 * Run: `npx tsx bench/terminalClient.bench.ts` (prints JSON), or through `npm run bench`.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { connectToServed, type ServedClient } from '../tests/e2e/hostClient';
import { startServedConsole } from '../tests/e2e/startServedConsole';
import { cpuMs, peakRssKb, untilQuiet } from './processStats';
import { bareNodePty, scriptRun, writeFloodFile } from './ptyBaselines';

export type { BenchResult } from './benchResult';

interface Workload {
  label: string;
  command: string;
  /** What the terminal receives: the throughput's numerator. */
  outputBytes: number;
  rounds: number;
}

/** What base64 prints for 100 MB: 4 chars per 3 bytes plus a newline (a CRLF on a pty) every 76 chars. */
const BASE64_CHARS = Math.ceil(100_000_000 / 3) * 4;
const BASE64_OUTPUT_BYTES = BASE64_CHARS + 2 * Math.ceil(BASE64_CHARS / 76);
const MB = 1024 * 1024;
const ROOT = fileURLToPath(new URL('..', import.meta.url));

export async function run(): Promise<BenchResult[]> {
  if (!existsSync(join(ROOT, 'out/electron/node/cli.js'))) throw new Error('the host is not built: run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), 'wr-bench-client-'));
  const home = join(dir, 'home');
  mkdirSync(home);
  const file = join(dir, 'flood.txt');
  const { terminalBytes } = writeFloodFile(file);
  const workloads: Workload[] = [
    { label: 'cat 100 MB file', command: `cat ${file}`, outputBytes: terminalBytes, rounds: 9 },
    { label: 'head | base64, 135 MB', command: 'head -c 100000000 /dev/urandom | base64', outputBytes: BASE64_OUTPUT_BYTES, rounds: 3 },
  ];
  // The same shell and home for the host's terminal and for the baselines.
  const shellEnv = { HOME: home, SHELL: '/bin/bash' };
  const env = { ...(process.env as Record<string, string>), ...shellEnv };
  const served = await startServedConsole([], join(dir, 'data'), shellEnv);
  const host = served.process;
  let client: ServedClient | undefined;
  try {
    client = await connectToServed(served);
    const { incidents, terminals } = client;
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
      // An ack still on its way when the client closes has nothing left to tell.
      terminals.ack(sessionId, 'bench', message.data.length).catch(() => {});
    });
    let finished: (() => void) | undefined;
    terminals.onDidChangeCommand(incident.id)((event) => {
      if (event.phase === 'finished') finished?.();
    });
    const fullRun = async (command: string): Promise<{ ms: number; received: number }> => {
      await untilQuiet(host.pid as number);
      const done = new Promise<void>((resolve) => (finished = resolve));
      received = 0;
      const start = performance.now();
      await terminals.write(sessionId, `${command}\r`);
      await done;
      return { ms: performance.now() - start, received };
    };

    const results: BenchResult[] = [];
    for (const workload of workloads) {
      await fullRun(workload.command); // Warm-up: JIT, page cache.
      const fulls: number[] = [];
      const bares: number[] = [];
      const scripts: number[] = [];
      let liveShare = 1;
      let hostCpuMs = 0;
      for (let i = 0; i < workload.rounds; i++) {
        const cpuBefore = cpuMs(host.pid as number);
        const full = await fullRun(workload.command);
        fulls.push(full.ms);
        liveShare = Math.min(liveShare, full.received / workload.outputBytes);
        // What the host left for later (its checkpoint of the flood) counts in its CPU, and
        // must not run during the baselines: wait until it is quiet.
        await untilQuiet(host.pid as number);
        hostCpuMs += cpuMs(host.pid as number) - cpuBefore;
        bares.push(await bareNodePty(workload.command, env));
        scripts.push(await scriptRun(workload.command, env));
      }
      const rate = (ms: number) => round(workload.outputBytes / MB / (ms / 1000), 2);
      const full = rate(median(fulls));
      results.push(
        {
          name: `${workload.label}: throughput to a connected client`,
          value: full,
          unit: 'MB/s',
          baseline: { name: 'bare node-pty reader', value: rate(median(bares)) },
          target: '>= 0.8 of the bare reader',
        },
        {
          name: `${workload.label}: throughput to a connected client vs script(1)`,
          value: full,
          unit: 'MB/s',
          baseline: { name: 'script -q -c CMD /dev/null', value: rate(median(scripts)) },
          target: '>= 0.8 of script',
        },
        { name: `${workload.label}: share the client drew live (rest came as snapshots)`, value: round(Math.min(1, liveShare), 2), unit: 'ratio' },
        { name: `${workload.label}: host CPU per MB (all its threads, until quiet)`, value: round(hostCpuMs / workload.rounds / (workload.outputBytes / MB), 1), unit: 'ms/MB' },
      );
    }
    results.push({ name: 'host peak RSS (its process, whole run)', value: Math.round(peakRssKb(host.pid as number) / 1024), unit: 'MB', target: '< 300 MB' });
    return results;
  } finally {
    client?.close();
    await served.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await run(), null, 2));
}
