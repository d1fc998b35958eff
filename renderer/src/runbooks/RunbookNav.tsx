import { useEffect, useState } from 'react';
import type { RunbookSearchHit } from '../../../electron/common/services/runbookService';
import { useHost } from '../host/hostContext';
import { useHostData } from '../host/useHostData';
import { RunbookFolders } from './RunbookFolders';
import { runbookFileName, sharedTitles } from './sharedTitles';
import { SearchInput } from '../components/SearchInput';

/** Why 120 ms: search as the user types without a request per keystroke. */
const SEARCH_DEBOUNCE_MS = 120;

export function RunbookNav({ selectedId, onSelect }: { selectedId: string | null; onSelect: (id: string) => void }) {
  const host = useHost();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<RunbookSearchHit[] | null>(null);
  const list = useHostData(() => host.runbooks.listRunbooks(), [host], (reload) => host.runbooks.onDidChangeLibrary(reload));

  useEffect(() => {
    if (!query.trim()) {
      setHits(null);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      host.runbooks.search(query).then(
        (result) => !cancelled && setHits(result),
        () => !cancelled && setHits([]),
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [host, query, list.data]);

  const runbooks = list.data ?? [];
  const shared = sharedTitles(runbooks);
  return (
    <nav aria-label="Runbooks" className="sidebar__section runbook-nav">
      <h2 className="sidebar__heading">Runbooks</h2>
      <SearchInput className="input runbook-nav__search" label="Search runbooks" placeholder="Search titles, headings, commands" value={query} onSearch={setQuery} />
      {hits ? (
        hits.length === 0 ? (
          <p className="sidebar__empty">No runbook matches “{query}”.</p>
        ) : (
          <ul className="runbook-nav__list">
            {hits.map((hit) => (
              <li key={hit.id}>
                <button
                  type="button"
                  className="runbook-nav__item"
                  aria-current={hit.id === selectedId ? 'page' : undefined}
                  aria-label={hit.title}
                  aria-describedby={`match-${hit.id}`}
                  onClick={() => onSelect(hit.id)}
                >
                  <span className="runbook-nav__title">{hit.title}</span>
                  <span id={`match-${hit.id}`}>
                    {hit.matches
                      .filter((m) => m.kind !== 'title')
                      .slice(0, 2)
                      .map((m) => (
                        <span key={`${m.kind}:${m.line}`} className={`runbook-nav__match runbook-nav__match--${m.kind}`}>
                          {m.text}
                        </span>
                      ))}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )
      ) : runbooks.length === 0 ? (
        <p className="sidebar__empty">{list.loading ? 'Loading runbooks…' : 'No runbooks found.'}</p>
      ) : (
        <ul className="runbook-nav__list">
          {runbooks.map((runbook) => (
            <li key={runbook.id}>
              <button type="button" className="runbook-nav__item" aria-current={runbook.id === selectedId ? 'page' : undefined} onClick={() => onSelect(runbook.id)} title={runbook.path}>
                <span className="runbook-nav__title">{runbook.title}</span>
                {/* Out of the accessible name, which stays the title; the path is its description (title). */}
                {shared.has(runbook.title) && (
                  <span className="runbook-nav__match" aria-hidden="true">
                    {runbookFileName(runbook.path)}
                  </span>
                )}
                {runbook.errorCount > 0 && <span className="badge badge--danger">{runbook.errorCount === 1 ? '1 error' : `${runbook.errorCount} errors`}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      <RunbookFolders />
    </nav>
  );
}
