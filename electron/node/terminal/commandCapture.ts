import { Emitter } from '../../common/event';
import type { StepRef } from '../../common/incident/model';
import type { CommandOrigin, CapturedCommand, CommandStart, TerminalState } from '../../common/terminal/model';
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

/** A line War Room types: what it is for travels with it, and dies with it at the next prompt. */
export interface ExpectedCommand {
  origin: CommandOrigin;
  text: string;
  step?: StepRef;
  inputNames?: string[];
}

interface OpenCommand {
  start: CommandStart;
  output: CommandOutputRecorder;
  expected: ExpectedCommand | undefined;
  /** The shell's number for it (C's argument); undefined from scripts that send none. */
  seq: number | undefined;
}

/** A prompt as the shell scripts describe it in A's arguments (see shell/bashIntegration.sh, shell/zshIntegration.zsh). */
export interface PromptInfo {
  /** The prompt's number: a redraw of the same prompt (Ctrl+L, a resize) repeats it. */
  seq: number;
  /** The last command the shell saw finish (0: none yet), and its status. */
  doneSeq: number;
  doneStatus: number | undefined;
  /**
   * Epoch ms (fractional, the shell's clock) at which its prompt hooks (PROMPT_COMMAND,
   * precmd) started and ended; undefined without a sub-second clock (bash < 5, zsh without
   * zsh/datetime).
   */
  hooksStartedAt: number | undefined;
  hooksEndedAt: number | undefined;
  /**
   * No command ran since the previous prompt: an empty line, or a Ctrl+C (at the prompt, or
   * one that cut the hooks short). Known to the shell even when the previous A was lost.
   */
  reprompt: boolean;
}

/**
 * Builds command records from one session's integration sequences and output, and tracks
 * where the shell stands. It trusts only ordering the shell scripts produce (E, C, output,
 * D, P, A, B), so a user command that somehow replays our prompt sequences cannot end the
 * command it runs in. One exception, by number: a prompt whose A says the shell already saw
 * the open command finish ends it, since its D can be lost (a Ctrl+C makes the terminal drop
 * output not yet read). A replayed prompt inside command N still says N - 1.
 */
export class CommandCapture {
  private readonly startEmitter = new Emitter<CommandStart>();
  private readonly finishEmitter = new Emitter<CapturedCommand>();
  private readonly cwdEmitter = new Emitter<string>();
  private readonly stateEmitter = new Emitter<TerminalState>();
  private readonly promptEmitter = new Emitter<PromptInfo | undefined>();
  readonly onDidStartCommand = this.startEmitter.event;
  readonly onDidFinishCommand = this.finishEmitter.event;
  readonly onDidChangeCwd = this.cwdEmitter.event;
  readonly onDidChangeState = this.stateEmitter.event;
  /**
   * A new prompt (not a redraw of the last one) began outside any command. Undefined for a
   * bare A (scripts without numbers), where every A counts as new.
   */
  readonly onDidShowPrompt = this.promptEmitter.event;

  private stateValue: TerminalState = 'starting';
  private cwdValue: string;
  private cols: number;
  private rows: number;
  private pendingCommandLine: string | undefined;
  private open: OpenCommand | undefined;
  private expected: ExpectedCommand | undefined;
  private counter = 0;
  private lastPromptSeq: number | undefined;
  /** A prompt was drawn since the last command started or ended. */
  private promptShown = false;
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

  /** A command the shell started is still open (between its C and its end). */
  get commandOpen(): boolean {
    return this.open !== undefined;
  }

  /** The shell drew its prompt after the last command started or ended, and none is open. */
  get atPrompt(): boolean {
    return this.promptShown && !this.open;
  }

  /** War Room is about to type `text`: the command it starts gets `origin`. Sets state running. */
  expectCommand(expected: ExpectedCommand): void {
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
      case 'A': {
        const prompt = parsePrompt(seq.args);
        if (this.open) {
          const openSeq = this.open.seq;
          if (!prompt || openSeq === undefined || prompt.doneSeq < openSeq) return;
          this.finishCommand(time, prompt.doneSeq === openSeq ? prompt.doneStatus : undefined, 'prompt');
        }
        this.promptShown = true;
        this.expected = undefined;
        this.setState('idle');
        if (!prompt || prompt.seq !== this.lastPromptSeq) {
          this.lastPromptSeq = prompt?.seq;
          this.promptEmitter.fire(prompt);
        }
        return;
      }
      case 'B':
        if (this.open) return;
        this.expected = undefined;
        this.setState('idle');
        return;
      case 'E':
        if (!this.open) this.pendingCommandLine = unescapeOsc633Value(seq.args.join(';'));
        return;
      case 'C':
        if (!this.open) this.startCommand(time, parseCount(seq.args[0]));
        return;
      case 'D': {
        if (!this.open) return;
        const doneSeq = parseCount(seq.args[1]);
        const openSeq = this.open.seq;
        // Below the open command: a stale repeat. Above it: this command's own D was lost
        // and so was the next one's C; the status is the later command's, not this one's.
        if (doneSeq !== undefined && openSeq !== undefined && doneSeq < openSeq) return;
        const same = doneSeq === undefined || openSeq === undefined || doneSeq === openSeq;
        this.finishCommand(time, same ? parseCount(seq.args[0]) : undefined, 'prompt');
        return;
      }
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
    this.promptEmitter.dispose();
  }

  private startCommand(time: number, seq: number | undefined): void {
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
      step: expected?.step ?? null,
      nested,
    };
    this.open = { start, output: new CommandOutputRecorder(this.cols, this.rows), expected, seq };
    this.promptShown = false;
    this.setState(nested ? 'nested' : 'running');
    this.startEmitter.fire(start);
  }

  private finishCommand(time: number, exitCode: number | undefined, endedBy: CapturedCommand['endedBy']): void {
    const open = this.open;
    if (!open) return;
    this.open = undefined;
    this.promptShown = false;
    this.finishing = this.finishing
      .then(async () => {
        const output = await open.output.finish();
        const record: CapturedCommand = {
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

/** A non-negative decimal integer field, or undefined. */
function parseCount(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,15}$/.test(value)) return undefined;
  return Number(value);
}

/** A's arguments: prompt number, last finished command, its status, hooks' start and end, reprompt. */
function parsePrompt(args: string[]): PromptInfo | undefined {
  const seq = parseCount(args[0]);
  const doneSeq = parseCount(args[1]);
  if (seq === undefined || doneSeq === undefined) return undefined;
  return {
    seq,
    doneSeq,
    doneStatus: parseCount(args[2]),
    hooksStartedAt: parseEpoch(args[3]),
    hooksEndedAt: parseEpoch(args[4]),
    reprompt: args[5] === '1',
  };
}

/** `$EPOCHREALTIME` (seconds, with the locale's decimal separator) in ms, or undefined. */
function parseEpoch(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,12}[.,]\d{1,12}$/.test(value)) return undefined;
  return Number(value.replace(',', '.')) * 1000;
}
