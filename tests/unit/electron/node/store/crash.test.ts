/**
 * kill -9 at random moments: every event the store acknowledged must be there afterwards, and
 * the hash chain must still verify. (SIGKILL keeps what reached the OS; that an acknowledged
 * commit also reached the disk is what `synchronous=FULL` adds, which a process kill cannot
 * show.)
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { isUlid } from '../../../../../electron/common/ulid';
import { IncidentStore } from '../../../../../electron/node/store/incidentStore';
import { useTempDirs } from './tempDir';

const tempDir = useTempDirs();
const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = join(here, '../../../../..');
/** Kills per run: the brief asks for at least 20 random crash points. */
const KILLS = 24;

let childScript: string;
beforeAll(async () => {
  // Bundled once so each child starts in tens of milliseconds instead of compiling TypeScript.
  childScript = join(tempDir(), 'appendLoop.cjs');
  await build({
    entryPoints: [join(here, 'fixtures/appendLoop.ts')],
    outfile: childScript,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3'],
    logLevel: 'silent',
  });
});

interface Run {
  acked: string[];
  killedAt: { afterAcks: number } | { afterStartMs: number };
  exitSignal: NodeJS.Signals | null;
  stderr: string;
}

/**
 * `killAt`: after `afterAcks` acknowledged appends (the child goes on appending while the signal
 * is on its way, so the moment is random within the stream whatever the machine's speed), or,
 * with `afterAcks` null, `afterStartMs` after the spawn (opening, WAL recovery, the first commits).
 * Counting acknowledgements rather than milliseconds keeps "most kills land mid-stream" true on
 * a loaded machine, where the child may not append at all within a fixed number of milliseconds.
 */
function runAndKill(file: string, incidentId: string, killAt: { afterAcks: number } | { afterStartMs: number }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, file, incidentId], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // The bundle lives in a temp dir; let it find better-sqlite3 in the project.
      env: { ...process.env, NODE_PATH: join(repoRoot, 'node_modules') },
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    const kill = () => {
      killed = true;
      child.kill('SIGKILL');
    };
    if ('afterStartMs' in killAt) setTimeout(kill, killAt.afterStartMs);
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
      if (!killed && 'afterAcks' in killAt && stdout.split('\n').filter((line) => isUlid(line)).length >= killAt.afterAcks) kill();
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      // Only whole lines: a line cut by the kill was never fully printed.
      const lines = stdout.split('\n').slice(0, -1);
      resolve({ acked: lines.filter((line) => isUlid(line)), killedAt: killAt, exitSignal: signal, stderr });
    });
  });
}

describe('crash safety', () => {
  it(`keeps every acknowledged event through ${KILLS} SIGKILLs at random moments`, async () => {
    const file = join(tempDir(), 'warroom.db');
    const setup = IncidentStore.open(file);
    const incident = setup.createIncidentSync({ title: 'Crash test', severity: 'SEV1' });
    setup.close();

    const acked: string[] = [];
    const runs: Run[] = [];
    for (let i = 0; i < KILLS; i++) {
      // Most kills land while appending; every fourth lands anywhere from startup on
      // (opening, WAL recovery, the first commits).
      const run = await runAndKill(file, incident.id, i % 4 !== 3 ? { afterAcks: 50 + Math.floor(Math.random() * 150) } : { afterStartMs: Math.floor(Math.random() * 120) });
      expect(run.stderr).toBe('');
      expect(run.exitSignal).toBe('SIGKILL');
      runs.push(run);
      acked.push(...run.acked);
    }

    const store = IncidentStore.open(file);
    try {
      const stored = store.getEvents(incident.id);
      const storedIds = new Set(stored.map((e) => e.id));
      const lost = acked.filter((id) => !storedIds.has(id));
      expect({ lost, runs: runs.map((r) => [r.killedAt, r.acked.length]) }).toMatchObject({ lost: [] });
      expect(acked.length).toBeGreaterThan(1000);
      // Most kills hit a child that had already acknowledged appends, i.e. mid-stream.
      expect(runs.filter((r) => r.acked.length > 0).length).toBeGreaterThanOrEqual(KILLS / 2);
      expect(stored.map((e) => e.seq)).toEqual(stored.map((_, i) => i + 1));
      expect(store.verifyChains(incident.id)).toMatchObject([{ ok: true, events: stored.length }]);
      // A command whose start was acknowledged is on record even when the kill beat its finish.
      for (const command of store.listCommands(incident.id)) expect(command.commandLine).toMatch(/^echo \d+$/);
    } finally {
      store.close();
    }
  }, 120_000);
});
