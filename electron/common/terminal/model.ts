/**
 * Terminal shapes shared by the host (electron/node/terminal) and the renderer.
 * Pure data: no Node, no DOM. Times are epoch milliseconds.
 */
import type { StepRef } from '../incident/model';

/**
 * Where a session's shell stands, as far as shell integration tells us.
 * - `starting`: spawned, its first prompt not drawn yet.
 * - `idle`: sitting at its own prompt; a step may be typed.
 * - `running`: a command runs in it.
 * - `nested`: the running command is an interactive session of its own (ssh, psql,
 *   kubectl exec -it …); its output belongs to that one outer command, and steps are
 *   not typed into it.
 * - `unknown`: no shell integration (a shell other than bash or zsh): capture is off and
 *   the host cannot tell a prompt from a running program.
 * - `exited`: the shell ended.
 */
export type TerminalState = 'starting' | 'idle' | 'running' | 'nested' | 'unknown' | 'exited';

export type ShellKind = 'bash' | 'zsh' | 'other';

export interface TerminalSessionInfo {
  id: string;
  incidentId: string;
  /** Absolute path of the shell executable. */
  shell: string;
  shellKind: ShellKind;
  pid: number;
  cols: number;
  rows: number;
  /** Last working directory the shell reported (its spawn cwd until the first prompt). */
  cwd: string;
  /** False when the shell runs without integration: no command records, UI says "capture off". */
  captureOn: boolean;
  state: TerminalState;
  createdAt: number;
}

/** How a command got into the shell. */
export type CommandOrigin =
  /** Typed (or pasted) by the user. */
  | 'typed'
  /** Typed by War Room for a runbook step (`runCommand`). */
  | 'step'
  /** War Room loading incident inputs into the shell (`exportInputs`); never holds values. */
  | 'inputs';

export interface CommandStart {
  sessionId: string;
  incidentId: string;
  /** Unique per host: `<sessionId>:<n>`. */
  commandId: string;
  commandLine: string;
  cwd: string;
  startedAt: number;
  origin: CommandOrigin;
  /**
   * The runbook step War Room typed it for (`origin: 'step'`), carried with the typed line
   * itself, so a line the shell refused or never ran cannot pass its step on to a later one.
   */
  step: StepRef | null;
  /** The command opened an interactive session of its own (ssh, psql, …). */
  nested: boolean;
}

/**
 * A finished command as the shell integration captured it (the terminal engine's view: origin,
 * raw byte count, how it ended). The store keeps it as a CommandRecord
 * (common/incident/model.ts), which is what everything after the recorder reads.
 */
export interface CapturedCommand extends CommandStart {
  endedAt: number;
  durationMs: number;
  /**
   * The shell's `$?`. Undefined when the shell never reported one: the session ended (or
   * was killed) while the command ran.
   */
  exitCode: number | undefined;
  /** `exit` when the session ended mid-command, else `prompt`. */
  endedBy: 'prompt' | 'exit';
  /**
   * What the user saw, as lines joined by `\n`, trailing blank lines trimmed. Past
   * `outputCapBytes` of raw output it is head + `… [N bytes omitted] …` + tail.
   */
  output: string;
  /** Raw bytes the command printed (escape sequences included). */
  outputBytes: number;
  outputTruncated: boolean;
  /** For `origin: 'inputs'`: the names exported (never the values). */
  inputNames?: string[];
}

/** One raw pty chunk, integration sequences removed, as the user's screen receives it. */
export interface TerminalDataChunk {
  sessionId: string;
  data: string;
  /** Arrival time at the host. */
  time: number;
  /**
   * The UTF-8 bytes of `data` when the pty reader handed them over and nothing was taken out
   * of them (host side only, never sent to a client): the recorder stores them as they are,
   * and they move to the store's writer thread. Read them only while handling the event.
   */
  bytes?: Uint8Array;
}

export interface TerminalCwdChange {
  sessionId: string;
  cwd: string;
}

export interface TerminalStateChange {
  sessionId: string;
  state: TerminalState;
}

export interface TerminalExit {
  sessionId: string;
  incidentId: string;
  exitCode: number;
  signal: number | undefined;
}
