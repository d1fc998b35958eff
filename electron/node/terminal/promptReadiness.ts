import type { PromptInfo } from './commandCapture';

/**
 * How long the shell must sit silent at its prompt, with a Ctrl+C of the user's unanswered,
 * before War Room sends SIGINT again. A shell that handles a Ctrl+C prints "^C" and runs its
 * prompt hooks within milliseconds, so a tenth of a second of silence means it was lost.
 */
const RESEND_QUIET_MS = 100;
/**
 * SIGINTs sent per Ctrl+C before giving up. One is enough once the line editor waits for a
 * key; a shell that ignores SIGINT (`trap '' INT`) never answers, and has nothing pending.
 */
const MAX_RESENDS = 2;
/**
 * Longest we assume the kernel takes to turn a written Ctrl+C into a SIGINT. Measured on 2
 * busy cores: p99 8 ms, max 9 ms (write to handler). A prompt whose hooks ended later than
 * this after the Ctrl+C was written cannot have been drawn before the SIGINT arrived.
 */
const SIGNAL_LATENCY_MS = 50;
/** 128 + SIGINT: the status of a command that SIGINT killed. */
const KILLED_BY_SIGINT = 130;

export interface ReadinessShell {
  /** The shell sits at its prompt: no command of it runs (never signal it while one may). */
  atPrompt(): boolean;
  /** A command the shell started is still open. */
  commandOpen(): boolean;
  /** SIGINT to the shell process itself, not to the terminal's foreground group. */
  interrupt(): void;
}

interface Interrupt {
  /** When the Ctrl+C was written to the pty. */
  at: number;
  /** The terminal echoed "^C" while a command was open... */
  echoed: boolean;
  /** ...and the shell printed D after that: see settles(). */
  echoThenEnd: boolean;
  /** SIGINTs War Room sent the shell for it. */
  resends: number;
}

/**
 * Whether the keys the user sent to a shell have all been dealt with, so War Room may type a
 * line of its own at the prompt (docs/terminals.md, "Ctrl+C").
 *
 * bash (5.2, 5.3) and zsh lose a SIGINT that arrives after their prompt hooks and before the
 * line editor waits for a key, or while it works through keys typed ahead: the line is
 * dropped but no new prompt comes, and the pending interrupt then eats the first character
 * of the next line read ("sleep 1" runs as "leep 1"). So a Ctrl+C counts
 * as handled only when a prompt proves the shell saw it (see settles()); when the shell sits
 * silent at its prompt without such proof, War Room sends it SIGINT itself. The line editor
 * now waits for a key, handles it, and draws a new prompt.
 *
 * Keys typed at the prompt count as handled once a prompt starts after a key that ends the
 * line (Enter, Ctrl+C); redraws of the same prompt prove nothing.
 */
export class PromptReadiness {
  /** Time of the user's last key sent while no command was open; undefined once handled. */
  private inputAt: number | undefined;
  /** That key ended the line (Enter or Ctrl+C), so a later prompt can settle it. */
  private inputEndsLine = false;
  /** The user's last Ctrl+C, until a prompt proves the shell handled it. */
  private interrupt: Interrupt | undefined;
  private lastKeyAt = -Infinity;
  private lastOutputAt = -Infinity;
  private lastResendAt = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(
    private readonly shell: ReadinessShell,
    private readonly now: () => number = preciseNow,
  ) {}

  /** Call with the user's keys right before they are written to the pty. */
  userInput(data: string): void {
    const now = this.now();
    this.lastKeyAt = now;
    if (data.includes('\x03')) this.interrupt = { at: now, echoed: false, echoThenEnd: false, resends: 0 };
    // Keys sent while a command runs are its business (it may read them, like `q` in less).
    if (!this.shell.commandOpen()) {
      this.inputAt = now;
      this.inputEndsLine = /[\r\n\x03]$/.test(data);
    }
    this.schedule();
  }

  /** Call for every chunk read from the pty, before it is parsed. */
  output(): void {
    this.lastOutputAt = this.now();
    this.schedule();
  }

  /** Call for the text between integration sequences, in stream order with sequenceSeen(). */
  text(text: string): void {
    // The terminal echoes ^C (ECHOCTL) when it turns the key into SIGINT.
    if (this.interrupt && this.shell.commandOpen() && text.includes('^C')) this.interrupt.echoed = true;
  }

  /** Call for every integration sequence, in stream order with text(). */
  sequenceSeen(code: string): void {
    if (code === 'D' && this.interrupt?.echoed) this.interrupt.echoThenEnd = true;
  }

  /** A new prompt; `prompt` undefined for scripts that send a bare A. */
  promptShown(prompt: PromptInfo | undefined): void {
    if (this.interrupt && settles(this.interrupt, prompt)) this.interrupt = undefined;
    if (this.inputAt !== undefined && this.inputEndsLine) {
      const started = prompt?.hooksStartedAt;
      // Keys written before the hooks started may still be waiting for this prompt's editor.
      if (started === undefined || started > this.inputAt) this.inputAt = undefined;
    }
  }

  /** Why War Room may not type a line now, or undefined. */
  notReadyReason(): string | undefined {
    if (this.interrupt) return 'it has not shown a new prompt since Ctrl+C was pressed there';
    if (this.inputAt !== undefined) {
      return this.inputEndsLine
        ? 'it has not shown a new prompt since the last line typed there'
        : 'there is unsent text at its prompt (press Ctrl+C there to clear it)';
    }
    return undefined;
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.timer || this.disposed || !this.interrupt) return;
    const wait = Math.max(1, Math.ceil(this.quietSince() + RESEND_QUIET_MS - this.now()));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.check();
    }, wait);
  }

  private quietSince(): number {
    return Math.max(this.lastOutputAt, this.lastKeyAt, this.lastResendAt);
  }

  private check(): void {
    const interrupt = this.interrupt;
    if (this.disposed || !interrupt) return;
    // The user typed after their Ctrl+C: the Enter that ends that line settles it.
    if (this.lastKeyAt > interrupt.at) return;
    if (this.now() - this.quietSince() < RESEND_QUIET_MS) return this.schedule();
    // In a command, or in the prompt hooks: what it prints, or the prompt it ends with, calls
    // us again. Never signal the shell while a command may run: it would end a loop.
    if (!this.shell.atPrompt()) return;
    if (interrupt.resends >= MAX_RESENDS) {
      this.interrupt = undefined;
      return;
    }
    interrupt.resends++;
    this.lastResendAt = this.now();
    this.shell.interrupt();
    this.schedule();
  }
}

/**
 * Whether a new prompt proves the shell handled a Ctrl+C, so no interrupt is left pending.
 * Without the shell's clock, any new prompt has to do.
 */
function settles(interrupt: Interrupt, prompt: PromptInfo | undefined): boolean {
  const started = prompt?.hooksStartedAt;
  const ended = prompt?.hooksEndedAt;
  if (!prompt || started === undefined || ended === undefined) return true;
  // Drawn again with no command in between, after the Ctrl+C was sent: because of it (the
  // user pressing Enter on an empty line after it instead also clears a pending interrupt).
  if (prompt.reprompt && started > interrupt.at) return true;
  // The command the Ctrl+C was meant for died of it: the shell itself got no SIGINT.
  if (!prompt.reprompt && prompt.doneStatus === KILLED_BY_SIGINT && started > interrupt.at) return true;
  // The terminal made the SIGINT before the shell printed D (as when ping prints its summary).
  if (interrupt.echoThenEnd) return true;
  // Whenever the SIGINT came, it came before these hooks ended.
  return ended > interrupt.at + SIGNAL_LATENCY_MS;
}

/**
 * Wall-clock ms with a fraction, comparable with the shells' $EPOCHREALTIME: Date.now() has
 * whole ms, and a Ctrl+C and the prompt that answers it can fall in the same one.
 */
export function preciseNow(): number {
  const coarse = Date.now();
  const fine = performance.timeOrigin + performance.now();
  // The monotonic clock parts from the wall clock only when the latter is stepped.
  return fine >= coarse && fine < coarse + 1 ? fine : coarse;
}
