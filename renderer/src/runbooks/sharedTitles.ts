import type { RunbookSummary } from '../../../electron/common/services/runbookService';

/**
 * The titles more than one runbook has (two teams' "Incident Response Runbook"): where the
 * console lists runbooks, those say which file each is ({@link runbookFileName}).
 */
export function sharedTitles(runbooks: readonly Pick<RunbookSummary, 'title'>[]): Set<string> {
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const { title } of runbooks) (seen.has(title) ? shared : seen).add(title);
  return shared;
}

/** The file name of a runbook's path (`compose-stack-incident-response.md`). */
export function runbookFileName(filePath: string): string {
  return filePath.slice(Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\')) + 1);
}
