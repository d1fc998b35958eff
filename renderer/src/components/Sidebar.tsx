export function Sidebar({ onNewIncident }: { onNewIncident: () => void }) {
  return (
    <aside className="sidebar">
      <button type="button" className="button button--primary sidebar__new" onClick={onNewIncident}>
        New incident
      </button>
      <nav aria-label="Runbooks" className="sidebar__section">
        <h2 className="sidebar__heading">Runbooks</h2>
        <p className="sidebar__empty">No runbooks loaded yet.</p>
      </nav>
    </aside>
  );
}
