import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { Emitter } from '../../common/event';
import { UserError } from '../../common/errors';
import type { StepRef } from '../../common/incident/model';
import type {
  CapturedCommand,
  CommandStart,
  TerminalCwdChange,
  TerminalDataChunk,
  TerminalExit,
  TerminalSessionInfo,
  TerminalStateChange,
} from '../../common/terminal/model';
import { collectGarbageSoon } from '../memory';
import type { SnapshotScope } from './clientOutputChannel';
import { createPtySpawner } from './ptyThread';
import { ShellIntegration } from './shellIntegration';
import { TerminalSession } from './terminalSession';

export interface CreateTerminalOptions {
  incidentId: string;
  /** Defaults to the user's home directory. */
  cwd?: string;
  /** Defaults to `$SHELL`, then /bin/bash. */
  shell?: string;
  /** The shell's environment; defaults to the host's. */
  env?: Record<string, string>;
  cols: number;
  rows: number;
}

/** Shell used when `$SHELL` is unset (a service manager, a container). */
const FALLBACK_SHELL = '/bin/bash';
/** Environment names a shell can export: anything else cannot be an input. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/**
 * Final screens kept for sessions that ended, newest first: a client that was catching up
 * when the shell exited still gets the last screen instead of an empty one. A screen with
 * its scrollback is ~100–300 KB, and a responder rarely has more tabs than this.
 */
const ENDED_SCREENS_KEPT = 16;

/** A command that printed this much was a flood: the host collects its garbage once it ends (see memory.ts). */
const RECLAIM_AFTER_BYTES = 16 * 1024 * 1024;

/**
 * The one owner of every terminal. Sessions live in a map from id until their shell exits;
 * any call with an id it does not hold throws. Events carry the session id.
 */
export class PtyHost {
  private readonly sessions = new Map<string, TerminalSession>();
  private readonly integration: ShellIntegration;
  private readonly thread = createPtySpawner();
  private readonly endedScreens = new Map<string, Promise<string>>();
  private counter = 0;

  private readonly dataEmitter = new Emitter<TerminalDataChunk>();
  private readonly startEmitter = new Emitter<CommandStart>();
  private readonly finishEmitter = new Emitter<CapturedCommand>();
  private readonly cwdEmitter = new Emitter<TerminalCwdChange>();
  private readonly exitEmitter = new Emitter<TerminalExit>();
  private readonly stateEmitter = new Emitter<TerminalStateChange>();
  /** Raw output (integration sequences removed) as it arrives; for clients and asciicast. */
  readonly onDidData = this.dataEmitter.event;
  readonly onDidStartCommand = this.startEmitter.event;
  /** A finished command's record, fired in order per session. */
  readonly onDidFinishCommand = this.finishEmitter.event;
  readonly onDidChangeCwd = this.cwdEmitter.event;
  /** The shell ended; fired after the record of a command it was running. */
  readonly onDidExit = this.exitEmitter.event;
  readonly onDidChangeState = this.stateEmitter.event;

  constructor(options: { tempRoot?: string } = {}) {
    this.integration = new ShellIntegration(options.tempRoot);
  }

  create(options: CreateTerminalOptions): TerminalSessionInfo {
    const shell = options.shell || process.env.SHELL || FALLBACK_SHELL;
    const cwd = options.cwd ?? homedir();
    if (!isDirectory(cwd)) throw new UserError(`Cannot open a terminal in ${cwd}: it is not a directory. Choose another working directory.`);
    const env = terminalEnv(options.env ?? (process.env as Record<string, string>));
    const id = `t${++this.counter}-${Date.now().toString(36)}`;
    let session: TerminalSession;
    try {
      session = new TerminalSession({
        id,
        incidentId: options.incidentId,
        shell,
        cwd,
        cols: options.cols,
        rows: options.rows,
        launch: this.integration.launch(shell, env),
        thread: this.thread,
      });
    } catch (error) {
      throw new UserError(`Cannot start the shell ${shell}: ${(error as Error).message}. Set $SHELL to a shell that exists.`);
    }
    this.sessions.set(id, session);
    session.onDidData((e) => this.dataEmitter.fire(e));
    session.onDidStartCommand((e) => this.startEmitter.fire(e));
    session.onDidFinishCommand((record) => {
      this.finishEmitter.fire(record);
      if (record.outputBytes >= RECLAIM_AFTER_BYTES) collectGarbageSoon();
    });
    session.onDidChangeCwd((cwd) => this.cwdEmitter.fire({ sessionId: id, cwd }));
    session.onDidChangeState((state) => this.stateEmitter.fire({ sessionId: id, state }));
    session.onDidExit(({ exitCode, signal }) => {
      this.sessions.delete(id);
      const screen = session.mirror.snapshot();
      this.endedScreens.set(id, screen);
      for (const old of [...this.endedScreens.keys()].slice(0, -ENDED_SCREENS_KEPT)) this.endedScreens.delete(old);
      this.exitEmitter.fire({ sessionId: id, incidentId: session.incidentId, exitCode, signal });
      void screen.finally(() => session.dispose());
    });
    return session.info();
  }

  get(id: string): TerminalSessionInfo {
    return this.session(id).info();
  }

  list(incidentId?: string): TerminalSessionInfo[] {
    return [...this.sessions.values()].filter((s) => !incidentId || s.incidentId === incidentId).map((s) => s.info());
  }

  write(id: string, data: string): void {
    this.session(id).write(data);
  }

  resize(id: string, cols: number, rows: number): void {
    if (!(cols > 0 && rows > 0)) throw new Error(`Terminal size must be positive, got ${cols}x${rows}.`);
    this.session(id).resize(Math.floor(cols), Math.floor(rows));
  }

  /**
   * Types `text` and Enter into the session, only when its shell sits idle at its own
   * prompt. Throws a UserError saying why otherwise (the UI offers "Run in a new tab").
   * One command per call: running a multi-command step one at a time is the caller's job.
   * The command the shell starts from this line carries `step` in its CommandStart; a line
   * refused here, or rejected by the shell, takes it nowhere.
   */
  runCommand(id: string, text: string, step?: StepRef): void {
    const session = this.readySession(id, 'run the step');
    if (!text.trim()) throw new UserError('Cannot run an empty command.');
    session.typeLine(text, step ? { origin: 'step', text, step } : { origin: 'step', text });
  }

  /**
   * Exports incident inputs into the shell without their values ever reaching the screen,
   * the history or a command record: they go into a 0600 file the shell sources and deletes.
   * What is typed (and recorded, with `origin: 'inputs'`) is `. 'FILE' # War Room inputs: NAMES`.
   */
  exportInputs(id: string, vars: Record<string, string>): void {
    const names = Object.keys(vars);
    const bad = names.find((n) => !ENV_NAME.test(n));
    if (bad !== undefined) throw new UserError(`Cannot export the input "${bad}": a shell variable name is letters, digits and _, not starting with a digit.`);
    if (!names.length) return;
    const session = this.readySession(id, 'load the inputs');
    const body = names.map((n) => `export ${n}=${shellQuote(vars[n] ?? '')}`).join('\n');
    // The file removes itself first: even if an export fails, no value stays on disk.
    const file = this.integration.writePrivateFile('inputs', (path) => `command rm -f -- ${shellQuote(path)}\n${body}\n`);
    const line = `. ${shellQuote(file)} # War Room inputs: ${names.join(' ')}`;
    session.typeLine(line, { origin: 'inputs', text: line, inputNames: names });
  }

  /**
   * The session's screen as escape sequences, for a client that attaches or fell behind
   * (`screen`: without the scrollback, for a catch-up during a flood); for a session that
   * ended lately, its last screen.
   */
  snapshot(id: string, scope: SnapshotScope = 'full'): Promise<string> {
    const ended = this.sessions.has(id) ? undefined : this.endedScreens.get(id);
    if (ended) return ended;
    const mirror = this.session(id).mirror;
    return scope === 'screen' ? mirror.screenSnapshot() : mirror.snapshot();
  }

  /** Ends the shell and everything it started (no orphans); resolves once it has exited. */
  async kill(id: string): Promise<void> {
    await this.session(id).kill();
  }

  async disposeIncident(incidentId: string): Promise<void> {
    await Promise.all([...this.sessions.values()].filter((s) => s.incidentId === incidentId).map((s) => s.kill()));
  }

  /** On quit: every shell ended, the integration's temp dir removed. */
  async dispose(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((s) => s.kill()));
    await this.thread.dispose();
    this.integration.dispose();
    for (const emitter of [this.dataEmitter, this.startEmitter, this.finishEmitter, this.cwdEmitter, this.exitEmitter, this.stateEmitter]) {
      emitter.dispose();
    }
  }

  private session(id: string): TerminalSession {
    const session = this.sessions.get(id);
    if (!session) throw new UserError(`Terminal ${id} does not exist (it may have ended); open a new terminal.`, 'E_NOT_FOUND');
    return session;
  }

  private readySession(id: string, what: string): TerminalSession {
    const session = this.session(id);
    const reason = session.notReadyReason();
    if (reason) throw new UserError(`Cannot ${what} in terminal ${id}: ${reason}. Use "Run in a new tab" or wait for its prompt.`, 'E_BUSY');
    return session;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The host's environment minus what must not leak into a user's shell, plus terminal basics. */
function terminalEnv(base: Record<string, string | undefined>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) {
    if (v === undefined) continue;
    // Electron's switches would turn any electron-based tool the user runs into plain Node.
    if (k === 'ELECTRON_RUN_AS_NODE' || k === 'ELECTRON_NO_ATTACH_CONSOLE') continue;
    env[k] = v;
  }
  env.TERM = 'xterm-256color';
  env.COLORTERM = 'truecolor';
  env.TERM_PROGRAM = 'WarRoom';
  // Without a UTF-8 locale, shells mangle non-ASCII input and output.
  if (!env.LANG && !env.LC_ALL && !env.LC_CTYPE) env.LANG = 'C.UTF-8';
  return env;
}

/** Single-quoted for POSIX shells: nothing inside is expanded. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
