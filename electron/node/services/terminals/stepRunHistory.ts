import type { CommandRecord } from '../../../common/incident/model';
import type { StepRun } from '../../../common/services/terminalService';

/** Characters of output a stored run previews (the tail, where errors are). */
const PREVIEW_CHARS = 2_000;

/**
 * The latest run of each step as far as the stored records tell (after a host restart): the
 * step's most recent consecutive commands in one session.
 */
export function lastRunsFromRecords(
  incidentId: string,
  commands: CommandRecord[],
  tabOf: (sessionId: string) => string,
  isLive: (sessionId: string) => boolean,
): StepRun[] {
  const latest = new Map<string, CommandRecord[]>();
  let previous: CommandRecord | undefined;
  for (const command of commands) {
    const step = command.step;
    if (!step) {
      previous = command;
      continue;
    }
    const key = `${step.runbookId}\u0000${step.stepId}`;
    const sameRun = previous?.step?.stepId === step.stepId && previous.step.runbookId === step.runbookId && previous.sessionId === command.sessionId;
    if (sameRun) latest.get(key)?.push(command);
    else latest.set(key, [command]);
    previous = command;
  }
  return [...latest.values()].map((group) => {
    const first = group[0] as CommandRecord;
    const last = group[group.length - 1] as CommandRecord;
    // An unfinished command of a shell that is gone (a host restart) will never finish.
    const running = last.endedAt === null && isLive(last.sessionId);
    const failed = !running && last.exitCode !== 0;
    const endedAt = last.endedAt ?? (running ? null : last.startedAt);
    const output = last.output ?? '';
    return {
      runId: `stored-${first.id}`,
      incidentId,
      tabId: tabOf(first.sessionId),
      sessionId: first.sessionId,
      step: first.step!,
      status: running ? 'running' : failed ? (last.exitCode === null ? 'stopped' : 'failed') : 'succeeded',
      commands: group.map((c) => ({ commandLine: c.commandLine, commandId: c.id, exitCode: c.exitCode, startedAt: c.startedAt, endedAt: c.endedAt })),
      startedAt: first.startedAt,
      endedAt,
      durationMs: endedAt === null ? null : endedAt - first.startedAt,
      exitCode: last.exitCode,
      outputPreview: output.length > PREVIEW_CHARS ? '…' + output.slice(-PREVIEW_CHARS) : output,
      message: failed ? (last.exitCode === null ? 'The shell ended before the command finished.' : `Stopped: the command exited with ${last.exitCode}.`) : null,
    };
  });
}
