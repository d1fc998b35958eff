import type { RunningCommandsAnswer } from '../common/bridge';

export interface QuitGuardDeps {
  /** What runs now; resolves to `{ running: 0 }` when that cannot be known. */
  askRunning(): Promise<RunningCommandsAnswer>;
  /** Shows the "commands are still running" dialog; true to quit anyway. */
  confirmQuit(answer: RunningCommandsAnswer): Promise<boolean>;
}

/**
 * Decides whether the app may quit: at once when nothing runs, after the user
 * agrees when commands still run in the incidents' terminals. Electron asks
 * twice per quit (the window's `close`, then `before-quit`), and a user may hit
 * Cmd+Q twice: every caller during one check shares its answer. No Electron here,
 * so it is unit-tested.
 */
export class QuitGuard {
  private allowed = false;
  private checking: Promise<boolean> | null = null;

  constructor(private readonly deps: QuitGuardDeps) {}

  /** True once the user (or an empty answer) allowed quitting; every later close goes through. */
  get mayQuit(): boolean {
    return this.allowed;
  }

  check(): Promise<boolean> {
    if (this.allowed) return Promise.resolve(true);
    this.checking ??= this.run().finally(() => (this.checking = null));
    return this.checking;
  }

  private async run(): Promise<boolean> {
    const answer = await this.deps.askRunning().catch(() => ({ running: 0 }));
    this.allowed = answer.running === 0 || (await this.deps.confirmQuit(answer));
    return this.allowed;
  }
}

/** The dialog's words, kept here so they are tested with the rule they explain. */
export function quitWarning(answer: RunningCommandsAnswer): { message: string; detail: string } {
  const count = answer.running === 1 ? 'A command is' : `${answer.running} commands are`;
  const quoted = (answer.examples ?? []).map((line) => `  $ ${line}`).join('\n');
  return {
    message: `${count} still running. Quit War Room anyway?`,
    detail: `${quoted ? `${quoted}\n\n` : ''}Quitting ends their shells. What they printed so far stays in the incident's timeline.`,
  };
}
