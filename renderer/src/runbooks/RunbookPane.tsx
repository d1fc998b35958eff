import { useHost } from '../host/hostContext';
import { useHostData } from '../host/useHostData';
import { RunbookView } from './RunbookView';

/** Loads the selected runbook and keeps it fresh when its file changes on disk. */
export function RunbookPane({ runbookId }: { runbookId: string }) {
  const host = useHost();
  const document = useHostData(() => host.runbooks.getRunbook(runbookId), [host, runbookId], (reload) =>
    host.runbooks.onDidChangeLibrary(({ changedIds }) => changedIds.includes(runbookId) && reload()),
  );
  if (document.error) return <p className="pane-message" role="alert">{document.error}</p>;
  if (!document.data) return <p className="pane-message">Loading runbook…</p>;
  return <RunbookView document={document.data} />;
}
