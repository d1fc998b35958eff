import { Emitter, type Event } from '../../common/event';
import type {
  CapturedCommand,
  CommandStart,
  ShellKind,
  TerminalDataChunk,
  TerminalSessionInfo,
  TerminalState,
} from '../../common/terminal/model';
import { CommandCapture, type ExpectedCommand } from './commandCapture';
import { Osc633Parser, type Osc633Sink } from './osc633Parser';
import { killTerminalProcesses, shellHoldsTerminal } from './processTree';
import { PromptReadiness } from './promptReadiness';
import type { PtyProcess, PtySpawner } from './ptyThread';
import { ScreenMirror } from './screenMirror';
import type { ShellLaunch } from './shellIntegration';

export interface SessionSpawn {
  id: string;
  incidentId: string;
  shell: string;
  cwd: string;
  cols: number;
  rows: number;
  launch: ShellLaunch;
  /** Starts the pty on the thread that reads it (see ptyThread.ts). */
  thread: PtySpawner;
}

/**
 * One pty and everything read from it: the integration parser, the command capture and
 * the screen mirror. The pty itself is read on the pty thread, at full speed whatever this
 * thread is doing; its output arrives here in batches and is handled synchronously.
 */
export class TerminalSession {
  readonly id: string;
  readonly incidentId: string;
  readonly shell: string;
  readonly shellKind: ShellKind;
  readonly captureOn: boolean;
  readonly createdAt = Date.now();
  readonly mirror: ScreenMirror;
  readonly capture: CommandCapture | undefined;

  private readonly dataEmitter = new Emitter<TerminalDataChunk>();
  private readonly exitEmitter = new Emitter<{ exitCode: number; signal: number | undefined }>();
  private readonly stateEmitter = new Emitter<TerminalState>();
  readonly onDidData = this.dataEmitter.event;
  readonly onDidExit = this.exitEmitter.event;
  readonly onDidChangeState = this.stateEmitter.event;
  readonly onDidStartCommand: Event<CommandStart>;
  readonly onDidFinishCommand: Event<CapturedCommand>;
  readonly onDidChangeCwd: Event<string>;

  private readonly pty: PtyProcess;
  private readonly parser: Osc633Parser | undefined;
  private cols: number;
  private rows: number;
  private startCwd: string;
  private exited = false;
  /** Whether the user's keys have been dealt with, so a step is not appended to them. */
  private readonly readiness: PromptReadiness | undefined;
  private readonly exitPromise: Promise<void>;

  constructor(spawn: SessionSpawn) {
    this.id = spawn.id;
    this.incidentId = spawn.incidentId;
    this.shell = spawn.shell;
    this.shellKind = spawn.launch.kind;
    this.cols = spawn.cols;
    this.rows = spawn.rows;
    this.startCwd = spawn.cwd;
    this.captureOn = spawn.launch.nonce !== undefined;
    this.mirror = new ScreenMirror(spawn.cols, spawn.rows);
    if (spawn.launch.nonce) {
      this.parser = new Osc633Parser(spawn.launch.nonce);
      this.capture = new CommandCapture({
        sessionId: spawn.id,
        incidentId: spawn.incidentId,
        cwd: spawn.cwd,
        cols: spawn.cols,
        rows: spawn.rows,
      });
      this.capture.onDidChangeState((state) => this.stateEmitter.fire(state));
      const capture = this.capture;
      this.readiness = new PromptReadiness({
        // A drawn prompt or, when the terminal dropped the sequences saying so (it drops
        // unread output on Ctrl+C), the kernel's word that no job of the shell's runs. Never
        // before the first prompt: the user's start-up files are running.
        atPrompt: () => capture.state !== 'starting' && (capture.atPrompt || shellHoldsTerminal(this.pty.pid) === true),
        commandOpen: () => capture.commandOpen,
        interrupt: () => this.interruptShell(),
      });
      capture.onDidShowPrompt((prompt) => this.readiness?.promptShown(prompt));
    }
    const never = () => ({ dispose() {} });
    this.onDidStartCommand = this.capture?.onDidStartCommand ?? never;
    this.onDidFinishCommand = this.capture?.onDidFinishCommand ?? never;
    this.onDidChangeCwd = this.capture?.onDidChangeCwd ?? never;

    this.pty = spawn.thread.spawn(spawn.launch.file, spawn.launch.args, {
      name: 'xterm-256color',
      cols: spawn.cols,
      rows: spawn.rows,
      cwd: spawn.cwd,
      env: spawn.launch.env,
    });
    let chunkParts: string[] = [];
    const sink: Osc633Sink = {
      data: (text) => {
        chunkParts.push(text);
        this.readiness?.text(text);
        this.capture?.handleData(text);
      },
      sequence: (seq) => {
        this.readiness?.sequenceSeen(seq.code);
        this.capture?.handleSequence(seq, Date.now());
      },
    };
    this.pty.onData(({ text: raw, bytes }) => {
      const time = Date.now();
      if (!this.parser) return this.emitData(raw, time, bytes);
      chunkParts = [];
      this.readiness?.output();
      this.parser.write(raw, sink);
      if (chunkParts.length === 1 && chunkParts[0] === raw) return this.emitData(raw, time, bytes);
      // Sequences were taken out (or held back): the bytes no longer match the text.
      if (chunkParts.length) this.emitData(chunkParts.length === 1 ? (chunkParts[0] as string) : chunkParts.join(''), time);
    });
    this.exitPromise = new Promise((resolve) => {
      this.pty.onExit(({ exitCode, signal }) => {
        this.exited = true;
        this.readiness?.dispose();
        chunkParts = [];
        this.parser?.flush(sink);
        if (chunkParts.length) this.emitData(chunkParts.join(''), Date.now());
        const ended = this.capture ? this.capture.sessionEnded(Date.now()) : Promise.resolve();
        void ended.then(() => {
          if (!this.capture) this.stateEmitter.fire('exited');
          this.exitEmitter.fire({ exitCode, signal: signal || undefined });
          resolve();
        });
      });
    });
  }

  get pid(): number {
    return this.pty.pid;
  }

  get state(): TerminalState {
    if (this.exited) return 'exited';
    return this.capture?.state ?? 'unknown';
  }

  info(): TerminalSessionInfo {
    return {
      id: this.id,
      incidentId: this.incidentId,
      shell: this.shell,
      shellKind: this.shellKind,
      pid: this.pty.pid,
      cols: this.cols,
      rows: this.rows,
      cwd: this.capture?.cwd ?? this.startCwd,
      captureOn: this.captureOn,
      state: this.state,
      createdAt: this.createdAt,
    };
  }

  /** Keystrokes or a paste from the user. */
  write(data: string): void {
    if (this.exited) return;
    this.readiness?.userInput(data);
    this.pty.write(data);
  }

  /** Text War Room types for a step or for inputs; the caller checked {@link readyForInput}. */
  typeLine(text: string, expected: ExpectedCommand): void {
    this.capture?.expectCommand(expected);
    this.pty.write(text + '\r');
  }

  /** Why War Room may not type into this session now, or undefined when it may. */
  notReadyReason(): string | undefined {
    if (this.exited) return 'its shell has ended';
    if (!this.capture) return 'it runs without shell integration (capture is off), so War Room cannot tell when it is at a prompt';
    const state = this.capture.state;
    if (state === 'starting') return 'its shell has not shown a prompt yet';
    if (state === 'nested') return 'an interactive session (ssh, psql, …) is open in it';
    if (state === 'running') return 'a command is still running in it';
    return this.readiness?.notReadyReason();
  }

  resize(cols: number, rows: number): void {
    if (this.exited) return;
    this.cols = cols;
    this.rows = rows;
    this.pty.resize(cols, rows);
    this.mirror.resize(cols, rows);
    this.capture?.resize(cols, rows);
  }

  /** Ends the shell and every process it started; resolves after onDidExit fired. */
  async kill(): Promise<void> {
    if (!this.exited) {
      await killTerminalProcesses(this.pty.pid);
      if (!this.exited) this.pty.kill('SIGKILL');
    }
    await this.exitPromise;
  }

  dispose(): void {
    this.readiness?.dispose();
    this.capture?.dispose();
    this.mirror.dispose();
    this.dataEmitter.dispose();
    this.exitEmitter.dispose();
    this.stateEmitter.dispose();
  }

  /** SIGINT straight to the shell: a Ctrl+C it lost is not sent through the tty again. */
  private interruptShell(): void {
    if (this.exited) return;
    try {
      process.kill(this.pty.pid, 'SIGINT');
    } catch {
      // Gone in the meantime: onExit follows.
    }
  }

  private emitData(data: string, time: number, bytes?: Uint8Array): void {
    this.mirror.write(data);
    this.dataEmitter.fire(bytes ? { sessionId: this.id, data, time, bytes } : { sessionId: this.id, data, time });
  }
}
