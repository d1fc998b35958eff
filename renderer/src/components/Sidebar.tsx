import { IncidentList } from '../incidents/IncidentList';
import { RunbookNav } from '../runbooks/RunbookNav';

export function Sidebar({ onNewIncident, selectedRunbookId, onSelectRunbook }: { onNewIncident: () => void; selectedRunbookId: string | null; onSelectRunbook: (id: string) => void }) {
  return (
    <aside className="sidebar">
      <button type="button" className="button button--primary sidebar__new" onClick={onNewIncident}>
        New incident
      </button>
      <IncidentList />
      <RunbookNav selectedId={selectedRunbookId} onSelect={onSelectRunbook} />
    </aside>
  );
}
