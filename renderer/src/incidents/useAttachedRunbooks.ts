import type { RunbookDocument } from '../../../electron/common/services/runbookService';
import { useHost } from '../host/hostContext';
import { useHostData } from '../host/useHostData';

/** The attached runbooks' documents (checklists, templates, inputs, cadence); a vanished one is skipped. */
export function useAttachedRunbooks(runbookIds: readonly string[]): RunbookDocument[] {
  const host = useHost();
  const key = runbookIds.join('\n');
  const documents = useHostData(
    async () => (await Promise.all(runbookIds.map((id) => host.runbooks.getRunbook(id).catch(() => null)))).filter((d): d is RunbookDocument => d !== null),
    [host, key],
    (reload) => host.runbooks.onDidChangeLibrary(({ changedIds }) => changedIds.some((id) => runbookIds.includes(id)) && reload()),
  );
  return documents.data ?? [];
}
