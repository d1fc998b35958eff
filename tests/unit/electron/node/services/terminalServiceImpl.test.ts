import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StepRun, TerminalOutput } from '../../../../../electron/common/services/terminalService';
import { exportIncident } from '../../../../../electron/node/report/exportIncident';
import { TerminalServiceImpl } from '../../../../../electron/node/services/terminalServiceImpl';
import { IncidentStore } from '../../../../../electron/node/store/incidentStore';
import { PtyHost } from '../../../../../electron/node/terminal/ptyHost';

const SIZE = { cols: 100, rows: 30 };

class Harness {
  readonly dir = mkdtempSync(join(tmpdir(), 'wr-termsvc-'));
  readonly home = join(this.dir, 'home');
  store = IncidentStore.open(join(this.dir, 'warroom.db'));
  ptys = new PtyHost({ tempRoot: this.dir });
  service: TerminalServiceImpl;
  readonly runs: StepRun[] = [];

  constructor() {
    rmSync(this.home, { recursive: true, force: true });
    mkdirSync(this.home);
    this.service = this.make();
  }

  make(): TerminalServiceImpl {
    const service = new TerminalServiceImpl({
      store: this.store,
      ptys: this.ptys,
      shell: '/bin/bash',
      env: { ...(process.env as Record<string, string>), HOME: this.home, KUBECONFIG: join(this.home, 'kubeconfig') },
      logError: (error) => {
        throw error;
      },
    });
    return service;
  }

  async incident(): Promise<string> {
    return (await this.store.createIncident({ title: 'Checkout is down', severity: 'SEV2' })).id;
  }

  async open(incidentId: string) {
    const tab = await this.service.openTab(incidentId, { ...SIZE, cwd: this.home });
    await until(async () => (await this.service.listTabs(incidentId)).find((t) => t.tabId === tab.tabId)?.state === 'idle');
    return tab;
  }

  /** Types a line like a user and waits for its record to be stored as finished. */
  async type(incidentId: string, sessionId: string, line: string) {
    const before = this.store.listCommands(incidentId).filter((c) => c.endedAt !== null).length;
    await this.service.write(sessionId, line + '\r');
    await until(() => this.store.listCommands(incidentId).filter((c) => c.endedAt !== null).length > before);
    return this.store.listCommands(incidentId).at(-1)!;
  }

  async dispose() {
    await this.service.settled();
    await this.service.dispose();
    await this.ptys.dispose();
    this.store.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

// Real shells on a loaded 2-core machine: a test here may wait long; a hang still ends it.
vi.setConfig({ testTimeout: 120_000 });

/** Waits for `condition`; the timeout is a hang detector (a 5 MB flood took over 10 s on 2 cores under a full suite). */
async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 40_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

let h: Harness;
afterEach(async () => {
  await h?.dispose();
});

describe('TerminalService with a real bash and a real store', () => {
  it('records typed commands on the timeline with exit codes, cwd and output', async () => {
    h = new Harness();
    const incidentId = await h.incident();
    const tab = await h.open(incidentId);
    expect(tab).toMatchObject({ title: 'Terminal 1', active: true, captureOn: true, cwd: h.home });
    const ok = await h.type(incidentId, tab.sessionId!, 'echo hello');
    expect(ok).toMatchObject({ commandLine: 'echo hello', exitCode: 0, output: 'hello', cwd: h.home, step: null });
    await h.type(incidentId, tab.sessionId!, 'cd /tmp');
    const failed = await h.type(incidentId, tab.sessionId!, 'ls /does-not-exist');
    expect(failed.exitCode).toBe(2);
    expect(failed.cwd).toBe('/tmp');
    const kinds = h.store.getEvents(incidentId).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'command.started')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'command.finished')).toHaveLength(3);
    // Each start records the tab and machine it ran in (the report states them).
    const started = h.store.getEvents(incidentId).filter((e) => e.kind === 'command.started');
    for (const e of started) expect(e.payload).toMatchObject({ terminal: 'Terminal 1', host: hostname() });
    // The tab layout (with the new cwd) is saved for a restart.
    await until(() => h.store.getTerminalTabs(incidentId)[0]?.cwd === '/tmp');
  });

  it('runs a step one command at a time, linked to the step, stopping at the first failure', async () => {
    h = new Harness();
    const incidentId = await h.incident();
    await h.open(incidentId);
    h.service.onDidChangeStepRun(incidentId)((run) => h.runs.push(run));
    const run = await h.service.runStep({
      incidentId,
      runbookId: 'rb-1',
      stepId: 'check-disk',
      runbookHash: 'abc123',
      commands: ['echo one', 'sh -c "exit 3"', 'echo never'],
    });
    expect(run.status).toBe('running');
    await until(() => h.runs.some((r) => r.status !== 'running'));
    const done = h.runs.at(-1)!;
    expect(done).toMatchObject({ status: 'failed', exitCode: 3 });
    expect(done.message).toContain('command 2 of 3 exited with 3');
    expect(done.commands.map((c) => c.exitCode)).toEqual([0, 3, null]);
    const commands = h.store.listCommands(incidentId);
    expect(commands.map((c) => c.commandLine)).toEqual(['echo one', 'sh -c "exit 3"']);
    expect(commands[0]!.step).toEqual({ runbookId: 'rb-1', stepId: 'check-disk', runbookHash: 'abc123' });
    expect((await h.service.listStepRuns(incidentId))[0]).toMatchObject({ status: 'failed', exitCode: 3 });
  });

  it('refuses a command that still holds a placeholder, and types nothing', async () => {
    h = new Harness();
    const incidentId = await h.incident();
    await h.open(incidentId);
    await expect(
      h.service.runStep({ incidentId, runbookId: 'rb', stepId: 's', runbookHash: 'h', commands: ['kubectl logs <pod-name>'] }),
    ).rejects.toMatchObject({ name: 'UserError', code: 'E_INVALID', message: expect.stringContaining('pod-name') });
    await new Promise((r) => setTimeout(r, 200));
    expect(h.store.listCommands(incidentId)).toHaveLength(0);
  });

  it('never types into a busy shell, and runs in a new tab when asked', async () => {
    h = new Harness();
    const incidentId = await h.incident();
    const tab = await h.open(incidentId);
    await h.service.write(tab.sessionId!, 'sleep 30\r');
    await until(async () => (await h.service.listTabs(incidentId))[0]?.state === 'running');
    const step = { incidentId, runbookId: 'rb', stepId: 's', runbookHash: 'h', commands: ['echo in-new-tab'] };
    await expect(h.service.runStep(step)).rejects.toMatchObject({ code: 'E_BUSY' });
    h.service.onDidChangeStepRun(incidentId)((run) => h.runs.push(run));
    const run = await h.service.runStep({ ...step, newTab: true });
    expect(run.tabId).not.toBe(tab.tabId);
    await until(() => h.runs.some((r) => r.status === 'succeeded'));
    const tabs = await h.service.listTabs(incidentId);
    expect(tabs.map((t) => [t.title, t.active, t.runningCommand])).toEqual([
      ['Terminal 1', false, 'sleep 30'],
      ['Terminal 2', true, null],
    ]);
  });

  it('exports step inputs into the shell without recording their values', async () => {
    h = new Harness();
    const incidentId = await h.incident();
    const tab = await h.open(incidentId);
    h.service.onDidChangeStepRun(incidentId)((run) => h.runs.push(run));
    const secret = 'hunter2-very-secret';
    await h.service.runStep({
      incidentId,
      runbookId: 'rb',
      stepId: 's',
      runbookHash: 'h',
      commands: ['test -n "$API_TOKEN" && echo "token-is-set, ${#API_TOKEN} chars"'],
      inputs: { API_TOKEN: secret },
    });
    await until(() => h.runs.some((r) => r.status !== 'running'));
    expect(h.runs.at(-1)).toMatchObject({ status: 'succeeded', outputPreview: `token-is-set, ${secret.length} chars` });
    // Only the step's own command is a record; loading inputs is not.
    expect(h.store.listCommands(incidentId)).toHaveLength(1);
    await h.service.settled();
    h.store.flush();
    const everything = JSON.stringify([h.store.getEvents(incidentId), h.store.listCommands(incidentId)]);
    const raw = [...h.store.iterateOutputChunks(tab.sessionId!)].map((c) => Buffer.from(c.data).toString()).join('');
    expect(everything).not.toContain(secret);
    expect(raw).not.toContain(secret);
    expect(raw).toContain('War Room inputs: API_TOKEN');
    // The recording leaves through the one export path (the same redactor as every format).
    const cast = (await exportIncident(h.store, incidentId, 'cast', async () => null)).files[0]!.content as string;
    expect(cast).not.toContain(secret);
    expect(cast).toContain('token-is-set');
    const header = JSON.parse(cast.split('\n')[0]!);
    expect(header).toMatchObject({ version: 2, title: 'Checkout is down — terminal 1' });
    expect(header.env).toBeUndefined();
  });

  it('stores a flood of multi-byte text byte for byte, and replays it whole', async () => {
    h = new Harness();
    const incidentId = await h.incident();
    const tab = await h.open(incidentId);
    // ~1 MB of 2-, 3- and 4-byte characters: the pty thread's batches cut through them.
    await h.type(incidentId, tab.sessionId!, 'for i in $(seq 1 12000); do echo "é€😀 line $i"; done');
    await h.service.settled();
    h.store.flush();
    const expected = Array.from({ length: 12000 }, (_, i) => `é€😀 line ${i + 1}\r\n`).join('');
    const raw = Buffer.concat([...h.store.iterateOutputChunks(tab.sessionId!)].map((c) => Buffer.from(c.data))).toString('utf8');
    expect(raw).toContain(expected);
    expect(raw).not.toContain('\uFFFD');
    const cast = (await exportIncident(h.store, incidentId, 'cast', async () => null)).files[0]!.content as string;
    const replayed = cast.trim().split('\n').slice(1).map((line: string) => JSON.parse(line)[2] as string).join('');
    expect(replayed).toContain(expected);
  });

  it('types the inputs line only before a step that uses an input, and each value once per shell', async () => {
    h = new Harness();
    const incidentId = await h.incident();
    const tab = await h.open(incidentId);
    h.service.onDidChangeStepRun(incidentId)((run) => h.runs.push(run));
    const run = async (stepId: string, command: string) => {
      const before = h.runs.length;
      await h.service.runStep({ incidentId, runbookId: 'rb', stepId, runbookHash: 'h', commands: [command], inputs: { REGION: 'eu-west-1', API_TOKEN: 'hunter2-very-secret' } });
      await until(() => h.runs.slice(before).some((r) => r.status !== 'running'));
    };
    const inputLines = async () => {
      await h.service.settled();
      h.store.flush();
      const raw = [...h.store.iterateOutputChunks(tab.sessionId!)].map((c) => Buffer.from(c.data).toString()).join('');
      return raw.match(/War Room inputs: [A-Z_ ]+/g) ?? [];
    };
    await run('df', 'df -h /');
    expect(await inputLines()).toEqual([]);
    await run('region', 'echo "region=${REGION}"');
    expect(await inputLines()).toEqual(['War Room inputs: REGION']);
    await run('region-again', 'echo "again $REGION"');
    expect(await inputLines()).toEqual(['War Room inputs: REGION']);
    await run('token', 'test -n "$API_TOKEN" && echo token-set');
    expect(await inputLines()).toEqual(['War Room inputs: REGION', 'War Room inputs: API_TOKEN']);
    expect(h.runs.filter((r) => r.status !== 'running').map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
  });

  it('ignores a spoofed integration sequence printed by a program', async () => {
    h = new Harness();
    const incidentId = await h.incident();
    const tab = await h.open(incidentId);
    await h.type(incidentId, tab.sessionId!, "printf '\\033]633;E;rm -rf /\\007\\033]633;C\\007\\033]633;D;0\\007'; false");
    await new Promise((r) => setTimeout(r, 200));
    const commands = h.store.listCommands(incidentId);
    expect(commands).toHaveLength(1);
    expect(commands[0]).toMatchObject({ exitCode: 1 });
    expect(commands[0]!.commandLine).toContain('printf');
  });

  it('holds back a client that does not acknowledge, then sends it a snapshot', async () => {
    h = new Harness();
    const incidentId = await h.incident();
    const tab = await h.open(incidentId);
    const got: TerminalOutput[] = [];
    const sub = h.service.onDidOutput({ sessionId: tab.sessionId!, clientId: 'c1' })((o) => got.push(o));
    await until(() => got.length > 0);
    expect(got[0]!.kind).toBe('snapshot');
    let acked = got[0]!.data.length;
    await h.service.ack(tab.sessionId!, 'c1', acked);
    await h.type(incidentId, tab.sessionId!, 'yes | head -c 5000000');
    const sent = got.slice(1).reduce((n, o) => n + o.data.length, 0);
    // Past the high watermark (100 000) the client got nothing more: at most one batch over it.
    expect(sent).toBeLessThan(100_000 + 210_000);
    expect(got.slice(1).every((o) => o.kind === 'data')).toBe(true);
    const before = got.length;
    acked = got.slice(1).reduce((n, o) => n + o.data.length, 0);
    await h.service.ack(tab.sessionId!, 'c1', acked);
    await until(() => got.length > before);
    expect(got[before]!.kind).toBe('snapshot');
    expect(got[before]!.data.length).toBeLessThan(1_000_000);
    sub.dispose();
    // Recording did not wait for the client: the whole output is stored.
    await h.service.settled();
    h.store.flush();
    const stored = [...h.store.iterateOutputChunks(tab.sessionId!)].reduce((n, c) => n + c.data.length, 0);
    expect(stored).toBeGreaterThan(5_000_000);
  });

  it('brings tabs back after a restart saying their shell ended, and reopens one in the same cwd', async () => {
    h = new Harness();
    const incidentId = await h.incident();
    const tab = await h.open(incidentId);
    await h.service.renameTab(tab.tabId, 'db box');
    await h.type(incidentId, tab.sessionId!, 'cd /tmp');
    await until(() => h.store.getTerminalTabs(incidentId)[0]?.cwd === '/tmp');
    await h.service.dispose();
    await h.ptys.dispose();
    h.ptys = new PtyHost({ tempRoot: h.dir });
    h.service = h.make();
    const [back] = await h.service.listTabs(incidentId);
    expect(back).toMatchObject({ tabId: tab.tabId, title: 'db box', sessionId: null, state: 'exited', cwd: '/tmp' });
    expect(back!.ended).toContain('ended when the War Room host stopped');
    const again = await h.service.restartTab(tab.tabId, SIZE);
    expect(again).toMatchObject({ cwd: '/tmp', ended: null });
    expect(again.sessionId).not.toBeNull();
  });
});

describe('a step command is recorded against the step that typed it', () => {
  const stepA = { runbookId: 'rb', stepId: 'step-a', runbookHash: 'h1' };
  const stepB = { runbookId: 'rb', stepId: 'step-b', runbookHash: 'h1' };
  const stepC = { runbookId: 'rb', stepId: 'step-c', runbookHash: 'h1' };

  /** Runs a step to its end and returns the stored record of its last command. */
  async function runToEnd(incidentId: string, step: typeof stepA, commands: string[]) {
    const ended: StepRun[] = [];
    const sub = h.service.onDidChangeStepRun(incidentId)((run) => run.step.stepId === step.stepId && run.status !== 'running' && ended.push(run));
    // As a responder would: Run is pressed once the prompt is back.
    await until(async () => (await h.service.listTabs(incidentId)).find((t) => t.active)?.state === 'idle');
    await h.service.runStep({ incidentId, ...step, commands });
    await until(() => ended.length > 0);
    sub.dispose();
    return ended[0]!;
  }

  function stepOf(incidentId: string, commandLine: string) {
    const command = h.store.listCommands(incidentId).find((c) => c.commandLine === commandLine);
    return command ? command.step : 'not recorded';
  }

  it('after a step refused in a busy tab, the next step and a typed command are their own', async () => {
    h = new Harness();
    const incidentId = await h.incident();
    const tab = await h.open(incidentId);
    // Busy until Ctrl+C, however slowly the machine polls the tab's state.
    await h.service.write(tab.sessionId!, 'sleep 300\r');
    await until(async () => (await h.service.listTabs(incidentId))[0]?.state === 'running');
    await expect(h.service.runStep({ incidentId, ...stepA, commands: ['echo a'] })).rejects.toMatchObject({ code: 'E_BUSY' });
    await h.service.write(tab.sessionId!, '\x03');
    await until(async () => (await h.service.listTabs(incidentId))[0]?.state === 'idle');
    await h.type(incidentId, tab.sessionId!, 'echo typed-by-hand');
    expect(stepOf(incidentId, 'echo typed-by-hand')).toBeNull();
    expect(await runToEnd(incidentId, stepB, ['echo b'])).toMatchObject({ status: 'succeeded' });
    expect(stepOf(incidentId, 'echo b')).toEqual(stepB);
    expect(stepOf(incidentId, 'echo a')).toBe('not recorded');
  });

  it('after the shell rejects a step line, the next step is its own', async () => {
    h = new Harness();
    const incidentId = await h.incident();
    const tab = await h.open(incidentId);
    // An unbalanced parenthesis: bash prints a syntax error and runs nothing.
    const rejected = await runToEnd(incidentId, stepA, ['echo )']);
    expect(rejected).toMatchObject({ status: 'stopped' });
    expect(rejected.message).toContain('did not run');
    await h.type(incidentId, tab.sessionId!, 'echo typed-by-hand');
    expect(stepOf(incidentId, 'echo typed-by-hand')).toBeNull();
    await runToEnd(incidentId, stepB, ['echo b']);
    expect(stepOf(incidentId, 'echo b')).toEqual(stepB);
  });

  it('two steps racing for one tab: one runs, the other is refused, and neither takes the other\'s record', async () => {
    h = new Harness();
    const incidentId = await h.incident();
    await h.open(incidentId);
    const runs: StepRun[] = [];
    h.service.onDidChangeStepRun(incidentId)((run) => runs.push(run));
    const results = await Promise.allSettled([
      h.service.runStep({ incidentId, ...stepA, commands: ['echo a'] }),
      h.service.runStep({ incidentId, ...stepB, commands: ['echo b'] }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'E_BUSY' });
    await until(() => runs.some((r) => r.step.stepId === 'step-a' && r.status === 'succeeded'));
    expect(stepOf(incidentId, 'echo a')).toEqual(stepA);
    await runToEnd(incidentId, stepC, ['echo c']);
    expect(stepOf(incidentId, 'echo c')).toEqual(stepC);
    expect(h.store.listCommands(incidentId).map((c) => [c.commandLine, c.step?.stepId])).toEqual([
      ['echo a', 'step-a'],
      ['echo c', 'step-c'],
    ]);
  });
});
