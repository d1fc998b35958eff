import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectToServed } from './hostClient';
import { expect, startServedConsole, test } from './servedConsole';

/** Processes whose command line holds `marker`, other than the pgrep itself. */
function processesWith(marker: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', marker], { encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

test('stopping warroom serve while a terminal floods ends its shells and exits cleanly, with its store closed', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-e2e-stop-'));
  // A background job with a unique command line, to tell whether anything outlives the host.
  const marker = `${1000 + Math.floor(Math.random() * 8000)}.123`;
  try {
    const served = await startServedConsole([], dataDir, { SHELL: '/bin/bash' });
    const { incidents, terminals, close } = await connectToServed(served);
    const incident = await incidents.create({ title: 'Stop drill', severity: 'SEV3' });
    const tab = await terminals.openTab(incident.id, { cols: 100, rows: 30, cwd: dataDir });
    // More shells, idle: each one's exit is on its way to the pty thread as the host stops.
    // (Four bash start-ups with the user's rc files can take seconds on 2 loaded cores.)
    for (let i = 0; i < 3; i++) await terminals.openTab(incident.id, { cols: 100, rows: 30, cwd: dataDir });
    await expect.poll(async () => (await terminals.listTabs(incident.id)).every((t) => t.state === 'idle'), { timeout: 30_000 }).toBe(true);
    await terminals.write(tab.sessionId as string, `sleep ${marker} & yes "stop drill"\r`);
    await expect.poll(() => processesWith(`sleep ${marker}`).length, { timeout: 5_000 }).toBe(1);
    // The flood is at full speed: the pty thread has output on its way when the stop comes.
    await new Promise((resolve) => setTimeout(resolve, 500));
    close();

    const exited = new Promise<number | null>((resolve) => served.process.once('exit', (code) => resolve(code)));
    served.process.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(served.output()).not.toMatch(/terminate called|FATAL ERROR|Aborted/);
    expect(processesWith(`sleep ${marker}`)).toEqual([]);
    // Closed as a whole: the last connection's close checkpointed the WAL and removed it.
    expect(fs.existsSync(path.join(dataDir, 'warroom.db-wal'))).toBe(false);
  } finally {
    for (const pid of processesWith(`sleep ${marker}`)) process.kill(Number(pid), 'SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('with no page, warroom serve loads its host by itself within seconds (team sync needs it), and stops at once before that', async () => {
  const logOf = (dataDir: string) => fs.readFileSync(path.join(dataDir, 'logs', 'warroom.log'), 'utf8');
  // Stopped before the host loaded: it exits at once, and never loads it.
  const early = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-e2e-nopage-'));
  try {
    const served = await startServedConsole([], early);
    await served.stop();
    // Exited by itself, not killed: stopped as soon as it printed its URL, it had its handlers.
    expect([served.process.exitCode, served.process.signalCode]).toEqual([0, null]);
    expect(logOf(early)).not.toContain('loading the host');
  } finally {
    fs.rmSync(early, { recursive: true, force: true });
  }
  // Left alone: the host loads (it creates the database) without any page asking.
  const alone = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-e2e-nopage-'));
  try {
    const served = await startServedConsole([], alone);
    await expect.poll(() => fs.existsSync(path.join(alone, 'warroom.db')), { timeout: 20_000 }).toBe(true);
    expect(logOf(alone)).toMatch(/loading the host: no page within 2 s/);
    await served.stop();
    expect(served.process.exitCode).toBe(0);
  } finally {
    fs.rmSync(alone, { recursive: true, force: true });
  }
});

test('a --runbooks folder that does not exist is named in a warning, and the console is served anyway', async () => {
  const missing = path.join(os.tmpdir(), `warroom-no-such-folder-${process.pid}`);
  const served = await startServedConsole(['--runbooks', missing]);
  try {
    await expect.poll(() => served.output()).toContain(`warroom serve: warning: no such runbook folder '${missing}'; serving without its runbooks.`);
    expect((await fetch(served.url)).status).toBe(200);
  } finally {
    await served.stop();
  }
});
