import type { TerminalTabView } from '../../../electron/common/services/terminalService';


/**
 * The session a step that runs inside `opener` can be typed into: the active tab, while the
 * command it runs is that session (its program and verb, `oc rsh`, `ssh`, …). Otherwise an
 * error that says what to do; nothing is typed.
 */
export function sessionToTypeInto(active: TerminalTabView | undefined, opener: string, line: number): string {
  const where = `this step runs inside \`${opener}\` (opened on line ${line} of the runbook)`;
  if (!active?.sessionId) throw new Error(`Not run: ${where}, and no terminal is open. Run the step that opens the session first.`);
  const running = active.runningCommand;
  if (!running) {
    throw new Error(`Not run: ${where}, but ${active.title} is at this machine's prompt. Run the step that opens the session first; War Room will not type it into your own shell.`);
  }
  if (!sameSession(running, opener)) throw new Error(`Not run: ${where}, but ${active.title} is running \`${running}\`. Switch to the tab that is in that session.`);
  return active.sessionId;
}

/** The running command is the session: the same program and first word after it (`oc rsh`, `ssh core@node-1`). */
function sameSession(running: string, opener: string): boolean {
  const words = (text: string) => text.trim().replace(/^sudo\s+/, '').split(/\s+/).slice(0, 2).join(' ');
  return running.trim() === opener.trim() || words(running) === words(opener);
}
