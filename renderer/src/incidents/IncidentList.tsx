import { useEffect } from 'react';
import type { Incident } from '../../../electron/common/incident/model';
import { incidentListDetail, resolvedGroupLabel, splitIncidentList } from '../../../electron/common/incident/incidentList';
import { markFirstScreenDrawn } from '../firstScreen';
import { useTimeDisplay } from './displayPrefs';
import { useIncidentList } from './useIncidentData';
import { useOpenIncident } from './openIncident';

/** The incidents on this machine, active first, to re-open any of them. */
export function IncidentList() {
  const list = useIncidentList();
  const { incidentId, open } = useOpenIncident();
  const { utc } = useTimeDisplay();
  const incidents = list.data ?? [];
  const { active, resolved } = splitIncidentList(incidents);
  const settled = list.data !== undefined || list.error !== null;
  useEffect(() => {
    if (settled) markFirstScreenDrawn();
  }, [settled]);
  const item = (incident: Incident) => (
    <li key={incident.id}>
      <button type="button" className={`incident-item incident-item--${incident.status}`} aria-current={incident.id === incidentId ? 'page' : undefined} onClick={() => open(incident.id)}>
        <span className="incident-item__title">{incident.title}</span>
        <span className="incident-item__meta">
          <span className="incident-item__sev">{incident.severity}</span> · {incidentListDetail(incident, utc)}
        </span>
      </button>
    </li>
  );
  return (
    <nav aria-label="Incidents" className="sidebar__section incident-list">
      <h2 className="sidebar__heading">Incidents</h2>
      {list.error ? (
        <p className="sidebar__empty">Incidents unavailable.</p>
      ) : incidents.length === 0 ? (
        <p className="sidebar__empty">{list.loading ? 'Loading…' : 'None yet.'}</p>
      ) : (
        <>
          {active.length > 0 && <ul className="incident-list__items">{active.map(item)}</ul>}
          {resolved.length > 0 && (
            <details className="incident-list__resolved" open={active.length === 0}>
              <summary>{resolvedGroupLabel(resolved.length)}</summary>
              <ul className="incident-list__items">{resolved.map(item)}</ul>
            </details>
          )}
        </>
      )}
    </nav>
  );
}
