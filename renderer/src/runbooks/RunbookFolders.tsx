import { useState, type FormEvent } from 'react';
import { useHost } from '../host/hostContext';
import { useHostData } from '../host/useHostData';

/**
 * The folders the runbook library reads: the bundled one plus any the user adds
 * here (remembered in the data folder). In the browser console a folder is typed
 * as a path on the host; the Electron app also offers File › Open runbook folder….
 */
export function RunbookFolders() {
  const host = useHost();
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  const folders = useHostData(() => host.runbooks.listFolders(), [host], (reload) => host.runbooks.onDidChangeLibrary(reload));

  const add = (e: FormEvent) => {
    e.preventDefault();
    if (!path.trim()) return;
    host.runbooks.addFolder(path.trim()).then(
      () => {
        setPath('');
        setError(null);
      },
      (failure: Error) => setError(failure.message),
    );
  };

  return (
    <details className="runbook-folders">
      <summary>Runbook folders</summary>
      <ul className="runbook-folders__list">
        {(folders.data ?? []).map((folder) => (
          <li key={folder.path} className="runbook-folders__item">
            <span className="runbook-folders__path" title={folder.path}>
              {folder.path}
            </span>
            {folder.source === 'bundled' ? (
              <span className="badge">bundled</span>
            ) : (
              <button type="button" className="button button--small" aria-label={`Remove folder ${folder.path}`} onClick={() => void host.runbooks.removeFolder(folder.path).catch((f: Error) => setError(f.message))}>
                Remove
              </button>
            )}
            {folder.problem && <span className="badge badge--danger">{folder.problem}</span>}
          </li>
        ))}
      </ul>
      <form className="runbook-folders__add" onSubmit={add}>
        <input className="input" aria-label="Runbook folder path" placeholder="/path/to/runbooks" value={path} onChange={(e) => setPath(e.target.value)} spellCheck={false} />
        <button type="submit" className="button button--small">
          Add folder
        </button>
      </form>
      {error && (
        <p className="runbook-folders__error" role="alert">
          {error}
        </p>
      )}
    </details>
  );
}
