import { useMemo, useState } from 'react';
import { AppHeader } from './components/AppHeader';
import { ConnectionBanner } from './components/ConnectionBanner';
import { Sidebar } from './components/Sidebar';
import { OpenIncidentProvider, type OpenIncident } from './incidents/openIncident';
import { PlaceholderValuesProvider } from './runbooks/placeholderValues';
import { RunbookPane } from './runbooks/RunbookPane';

/**
 * The console's frame. Layout (when an incident is open):
 *   header   brand · incident header (title, severity, status, clocks) · connection
 *   sidebar  New incident · incidents · Runbooks (search)
 *   main     runbook beside [terminals over timeline]
 */
export function App() {
  const [notice, setNotice] = useState<string | null>(null);
  const [runbookId, setRunbookId] = useState<string | null>(null);
  const [incidentId, setIncidentId] = useState<string | null>(null);
  const openIncident = useMemo<OpenIncident>(() => ({ incidentId, open: setIncidentId }), [incidentId]);

  return (
    <OpenIncidentProvider value={openIncident}>
      <PlaceholderValuesProvider>
        <div className="app">
          <AppHeader />
          <ConnectionBanner />
          <div className="app__body">
            <Sidebar
              onNewIncident={() => setNotice('Incidents arrive with the incident store; this build shows the console shell.')}
              selectedRunbookId={runbookId}
              onSelectRunbook={setRunbookId}
            />
            <main className="main" aria-label="Incident">
              {runbookId ? (
                <RunbookPane runbookId={runbookId} />
              ) : (
                <section className="welcome">
                  <h1>Ready when you are.</h1>
                  <p>
                    Pick a runbook on the left, or start a <strong>New incident</strong>. Every command you run here lands on the incident's timeline,
                    with its exit code and output, on this machine.
                  </p>
                  {notice && (
                    <p className="welcome__notice" role="status">
                      {notice}
                    </p>
                  )}
                </section>
              )}
            </main>
          </div>
        </div>
      </PlaceholderValuesProvider>
    </OpenIncidentProvider>
  );
}
