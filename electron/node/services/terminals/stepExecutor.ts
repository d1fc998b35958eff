import { createHash } from 'node:crypto';
import { UserError } from '../../../common/errors';
import type { Disposable } from '../../../common/event';
import type { StepRef } from '../../../common/incident/model';
import { findPlaceholders } from '../../../common/runbook/shell/index';
import type { StepRun } from '../../../common/services/terminalService';
import { ulid } from '../../../common/ulid';
import type { PtyHost } from '../../terminal/ptyHost';
import type { CommandRecorder, RecordedCommand } from './commandRecorder';

/** A new shell's first prompt: rc files on a slow disk or NFS home can take a few seconds. */
const PROMPT_TIMEOUT_MS = 15_000;
/** Characters of a command's output a step shows as its preview (the tail, where errors are). */
const PREVIEW_CHARS = 2_000;

export interface StepTarget {
  tabId: string;
  sessionId: string;
}

export interface StepRunInput {
  incidentId: string;
  step: StepRef;
  commands: string[];
  /** Inputs to have in the shell's environment before the first command (names → values). */
  inputs: Record<string, string>;
}

/**
 * Runs a step's commands one at a time in one shell: each typed only once the shell is back
 * at its own prompt, each its own record linked to the step, stopping at the first non-zero
 * exit. The pty host refuses to type into a busy or nested shell (E_BUSY), which the client
 * turns into "Run in a new tab".
 */
export class StepExecutor {
  /** What each session has been given: input name → a digest of its value (never the value), so each loads once. */
  private readonly exported = new Map<string, Map<string, string>>();

  constructor(
    private readonly ptys: PtyHost,
    private readonly recorder: CommandRecorder,
    private readonly publish: (run: StepRun) => void,
  ) {}

  /** Validates, types the first command and resolves with the run; the rest continues. */
  async start(input: StepRunInput, target: StepTarget): Promise<StepRun> {
    for (const command of input.commands) {
      const missing = findPlaceholders(command, 'command');
      if (missing.length) {
        throw new UserError(`Cannot run "${oneLine(command)}": fill in ${missing.join(', ')} first.`, 'E_INVALID');
      }
    }
    await this.waitForPrompt(target.sessionId);
    await this.loadInputs(target.sessionId, inputsUsedBy(input.commands, input.inputs));

    const run: StepRun = {
      runId: ulid(),
      incidentId: input.incidentId,
      tabId: target.tabId,
      sessionId: target.sessionId,
      step: input.step,
      status: 'running',
      commands: input.commands.map((commandLine) => ({ commandLine, commandId: null, exitCode: null, startedAt: null, endedAt: null })),
      startedAt: Date.now(),
      endedAt: null,
      durationMs: null,
      exitCode: null,
      outputPreview: null,
      message: null,
    };
    // The first command is typed before resolving, so a refusal reaches the caller as an error.
    const first = this.typeCommand(run, 0);
    this.publish(structuredClone(run));
    void this.continueRun(run, first);
    return structuredClone(run);
  }

  private async continueRun(run: StepRun, first: Promise<CommandOutcome>): Promise<void> {
    let outcome = await first;
    for (let i = 0; ; ) {
      this.apply(run, i, outcome);
      if (outcome.kind !== 'finished' || outcome.recorded.captured.exitCode !== 0) {
        this.end(run, outcome.kind === 'finished' ? 'failed' : 'stopped', stopMessage(run, i, outcome));
        return;
      }
      i++;
      if (i >= run.commands.length) {
        this.end(run, 'succeeded', null);
        return;
      }
      this.publish(structuredClone(run));
      try {
        await this.waitForPrompt(run.sessionId, true);
        outcome = await this.typeCommand(run, i);
      } catch (error) {
        outcome = { kind: 'refused', reason: (error as Error).message };
      }
    }
  }

  /** Types command `i` and resolves with how it ended. Throws (synchronously) if refused. */
  private typeCommand(run: StepRun, i: number): Promise<CommandOutcome> {
    const text = run.commands[i]?.commandLine ?? '';
    const outcome = this.awaitOutcome(run.sessionId);
    try {
      this.ptys.runCommand(run.sessionId, text, run.step);
    } catch (error) {
      outcome.cancel();
      throw error;
    }
    const command = run.commands[i];
    if (command) command.startedAt = Date.now();
    return outcome.promise;
  }

  private awaitOutcome(sessionId: string): { promise: Promise<CommandOutcome>; cancel(): void } {
    const subs: Disposable[] = [];
    let settle: (o: CommandOutcome) => void = () => {};
    const promise = new Promise<CommandOutcome>((resolve) => {
      settle = (o) => {
        for (const s of subs.splice(0)) s.dispose();
        resolve(o);
      };
    });
    let started = false;
    subs.push(
      this.ptys.onDidStartCommand((s) => {
        if (s.sessionId === sessionId && s.origin === 'step') started = true;
      }),
      this.recorder.onDidRecordFinish((recorded) => {
        if (recorded.captured.sessionId === sessionId && recorded.captured.origin === 'step') settle({ kind: 'finished', recorded });
      }),
      this.ptys.onDidChangeState(({ sessionId: id, state }) => {
        // Back at the prompt without the command starting: the shell refused the line (a syntax error).
        if (id === sessionId && state === 'idle' && !started) settle({ kind: 'notStarted' });
      }),
      this.ptys.onDidExit(({ sessionId: id }) => {
        if (id === sessionId && !started) settle({ kind: 'exited' });
      }),
    );
    return { promise, cancel: () => settle({ kind: 'notStarted' }) };
  }

  private apply(run: StepRun, i: number, outcome: CommandOutcome): void {
    const command = run.commands[i];
    if (!command || outcome.kind !== 'finished') return;
    const { captured: record, commandId } = outcome.recorded;
    command.commandId = commandId || null;
    command.exitCode = record.exitCode ?? null;
    command.startedAt = record.startedAt;
    command.endedAt = record.endedAt;
    run.exitCode = record.exitCode ?? null;
    run.outputPreview = record.output.length > PREVIEW_CHARS ? '…' + record.output.slice(-PREVIEW_CHARS) : record.output;
  }

  private end(run: StepRun, status: StepRun['status'], message: string | null): void {
    run.status = status;
    run.endedAt = Date.now();
    // The duration the timeline and the report show: the shell's own start/end markers of each
    // command, summed; the wall clock of the whole run (waiting for prompts, typing) only if
    // no command was recorded.
    const recorded = run.commands.filter((c) => c.startedAt !== null && c.endedAt !== null && c.commandId !== null);
    run.durationMs = recorded.length ? recorded.reduce((sum, c) => sum + ((c.endedAt as number) - (c.startedAt as number)), 0) : run.endedAt - run.startedAt;
    run.message = message;
    this.publish(structuredClone(run));
  }

  /** Resolves once the session sits idle at its prompt; a new tab's shell is still starting. */
  private async waitForPrompt(sessionId: string, betweenCommands = false): Promise<void> {
    const state = this.ptys.get(sessionId).state;
    // Otherwise idle, or busy: runCommand then refuses with the reason, at once.
    if (state !== 'starting' && !(betweenCommands && state === 'running')) return;
    await new Promise<void>((resolve) => {
      const subs: Disposable[] = [];
      const done = () => {
        clearTimeout(timer);
        for (const s of subs.splice(0)) s.dispose();
        resolve();
      };
      const timer = setTimeout(done, PROMPT_TIMEOUT_MS);
      subs.push(
        this.ptys.onDidChangeState(({ sessionId: id, state: next }) => id === sessionId && next !== 'starting' && next !== 'running' && done()),
        this.ptys.onDidExit(({ sessionId: id }) => id === sessionId && done()),
      );
    });
  }

  /**
   * Exports the inputs the session does not have yet (or has with another value), through the
   * pty host's private file (values never typed, echoed or recorded), and waits for the shell
   * to load them.
   */
  private async loadInputs(sessionId: string, inputs: Record<string, string>): Promise<void> {
    const given = this.exported.get(sessionId) ?? new Map<string, string>();
    const digestOf = (value: string) => createHash('sha256').update(value).digest('hex');
    const missing = Object.fromEntries(Object.entries(inputs).filter(([name, value]) => given.get(name) !== digestOf(value)));
    if (!Object.keys(missing).length) return;
    let resolveIdle: () => void = () => {};
    const idle = new Promise<void>((resolve) => (resolveIdle = resolve));
    const sub = this.ptys.onDidChangeState(({ sessionId: id, state }) => {
      if (id === sessionId && state !== 'running') {
        sub.dispose();
        resolveIdle();
      }
    });
    try {
      this.ptys.exportInputs(sessionId, missing);
    } catch (error) {
      sub.dispose();
      throw error;
    }
    await idle;
    for (const [name, value] of Object.entries(missing)) given.set(name, digestOf(value));
    this.exported.set(sessionId, given);
  }
}

/**
 * The inputs a step's commands name (`$NAME` or `${NAME…}`): a step that uses none, like
 * `df -h`, types no `. inputs` line before it. Read from the text, quotes and all: a name
 * inside single quotes is exported for nothing, which costs one line, never a wrong value.
 */
export function inputsUsedBy(commands: readonly string[], inputs: Record<string, string>): Record<string, string> {
  const text = commands.join('\n');
  return Object.fromEntries(Object.entries(inputs).filter(([name]) => new RegExp(`\\$(?:\\{)?${name}(?![A-Za-z0-9_])`).test(text)));
}

type CommandOutcome =
  | { kind: 'finished'; recorded: RecordedCommand }
  | { kind: 'notStarted' }
  | { kind: 'exited' }
  | { kind: 'refused'; reason: string };

function stopMessage(run: StepRun, i: number, outcome: CommandOutcome): string | null {
  const total = run.commands.length;
  const position = total > 1 ? `command ${i + 1} of ${total}` : 'the command';
  const rest = total - i - 1 > 0 ? `; the ${total - i - 1 === 1 ? 'next command was' : `other ${total - i - 1} commands were`} not run` : '';
  switch (outcome.kind) {
    case 'finished': {
      const code = outcome.recorded.captured.exitCode;
      if (code === 0) return null;
      return code === undefined ? `Stopped: the shell ended while ${position} ran${rest}.` : `Stopped: ${position} exited with ${code}${rest}.`;
    }
    case 'notStarted':
      return `Stopped: the shell did not run ${position} (check its syntax in the terminal)${rest}.`;
    case 'exited':
      return `Stopped: the shell ended before ${position} ran${rest}.`;
    case 'refused':
      return `Stopped before ${position}: ${outcome.reason}`;
  }
}

function oneLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 80 ? line.slice(0, 79) + '…' : line;
}
