import { Emitter } from '../../common/event';
import type { CommandOrigin, CommandRecord, CommandStart, TerminalState } from '../../common/terminal/model';
import { CommandOutputRecorder } from './commandOutput';
import { isNestedSessionCommand } from './nestedSession';
import { unescapeOsc633Value, type Osc633Sequence } from './osc633Parser';

export interface CaptureOptions {
  sessionId: string;
  incidentId: string;
  cwd: string;
  cols: number;
  rows: number;
}

interface Expected {
  origin: CommandOrigin;
  text: string;
  inputNames?: string[];
}

interface OpenCommand {
  start: CommandStart;
  output: CommandOutputRecorder;
  expected: Expected | undefined;
}

/**
 * Builds command records from one session's integration sequences and output, and tracks
 * where the shell stands. It trusts only ordering the shell scripts produce (E, C, output,
 * D, P, A, B), so a user command that somehow replays our prompt sequences cannot end the
 * command it runs in.
 */
export class CommandCapture {
  private readonly startEmitter = new Emitter<CommandStart>();
  private readonly finishEmitter = new Emitter<CommandRecord>();
  private readonly cwdEmitter = new Emitter<string>();
  private readonly stateEmitter = new Emitter<TerminalState>();
  readonly onDidStartCommand = this.startEmitter.event;
  readonly onDidFinishCommand = this.finishEmitter.event;
  readonly onDidChangeCwd = this.cwdEmitter.event;
  readonly onDidChangeState = this.stateEmitter.event;

  private stateValue: TerminalState = 'starting';
  private cwdValue: string;
  private cols: number;
  private rows: number;
  private pendingCommandLine: string | undefined;
  private open: OpenCommand | undefined;
  private expected: Expected | undefined;
  private counter = 0;
  /** Records finish in order even though building the output text is asynchronous. */
  private finishing: Promise<void> = Promise.resolve();

  constructor(private readonly options: CaptureOptions) {
    this.cwdValue = options.cwd;
    this.cols = options.cols;
    this.rows = options.rows;
  }

  get state(): TerminalState {
    return this.stateValue;
  }

  get cwd(): string {
    return this.cwdValue;
  }

  /** War Room is about to type `text`: the command it starts gets `origin`. Sets state running. */
  expectCommand(expected: Expected): void {
    this.expected = expected;
    this.setState('running');
  }

  resize(cols: number, rows: number): void {
    this.cols = cols;
    this.rows = rows;
  }

  /** Output (integration sequences already removed), in stream order with the sequences. */
  handleData(data: string): void {
    this.open?.output.write(data);
  }

  handleSequence(seq: Osc633Sequence, time: number): void {
    switch (seq.code) {
      case 'A':
      case 'B':
        if (this.open) return;
        this.expected = undefined;
        this.setState('idle');
        return;
      case 'E':
        if (!this.open) this.pendingCommandLine = unescapeOsc633Value(seq.args.join(';'));
        return;
      case 'C':
        if (!this.open) this.startCommand(time);
        return;
      case 'D':
        if (this.open) this.finishCommand(time, parseExit(seq.args[0]), 'prompt');
        return;
      case 'P': {
        if (this.open) return;
        const prop = seq.args[0] ?? '';
        if (prop.startsWith('Cwd=')) {
          const cwd = unescapeOsc633Value(prop.slice(4));
          if (cwd && cwd !== this.cwdValue) {
            this.cwdValue = cwd;
            this.cwdEmitter.fire(cwd);
          }
        }
        return;
      }
      default:
        return;
    }
  }

  /** The shell ended: a command still open is finished without an exit code. */
  sessionEnded(time: number): Promise<void> {
    if (this.open) this.finishCommand(time, undefined, 'exit');
    this.setState('exited');
    return this.finishing;
  }

  /** Resolves when every record started so far has been emitted. */
  whenIdle(): Promise<void> {
    return this.finishing;
  }

  dispose(): void {
    this.open?.output.dispose();
    this.open = undefined;
    this.startEmitter.dispose();
    this.finishEmitter.dispose();
    this.cwdEmitter.dispose();
    this.stateEmitter.dispose();
  }

  private startCommand(time: number): void {
    const expected = this.expected;
    this.expected = undefined;
    const shellLine = this.pendingCommandLine ?? '';
    this.pendingCommandLine = undefined;
    // The shell's own copy of the line wins (it is what ran); ours fills in when history had none.
    const commandLine = shellLine.trim() ? shellLine : (expected?.text ?? shellLine);
    const nested = isNestedSessionCommand(commandLine);
    const start: CommandStart = {
      sessionId: this.options.sessionId,
      incidentId: this.options.incidentId,
      commandId: `${this.options.sessionId}:${++this.counter}`,
      commandLine,
      cwd: this.cwdValue,
      startedAt: time,
      origin: expected?.origin ?? 'typed',
      nested,
    };
    this.open = { start, output: new CommandOutputRecorder(this.cols, this.rows), expected };
    this.setState(nested ? 'nested' : 'running');
    this.startEmitter.fire(start);
  }

  private finishCommand(time: number, exitCode: number | undefined, endedBy: CommandRecord['endedBy']): void {
    const open = this.open;
    if (!open) return;
    this.open = undefined;
    this.finishing = this.finishing
      .then(async () => {
        const output = await open.output.finish();
        const record: CommandRecord = {
          ...open.start,
          endedAt: time,
          durationMs: Math.max(0, time - open.start.startedAt),
          exitCode,
          endedBy,
          output: output.text,
          outputBytes: output.bytes,
          outputTruncated: output.truncated,
        };
        if (open.expected?.inputNames) record.inputNames = open.expected.inputNames;
        this.finishEmitter.fire(record);
      })
      .catch((error: unknown) => {
        // A listener's bug must not stop later records of this session.
        console.error('[terminal] emitting a command record failed', error);
      });
  }

  private setState(state: TerminalState): void {
    if (state === this.stateValue || this.stateValue === 'exited') return;
    this.stateValue = state;
    this.stateEmitter.fire(state);
  }
}

function parseExit(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}
