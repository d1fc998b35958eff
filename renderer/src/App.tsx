import { useState } from 'react';
import { AppHeader } from './components/AppHeader';
import { ConnectionBanner } from './components/ConnectionBanner';
import { Sidebar } from './components/Sidebar';
import { PlaceholderValuesProvider } from './runbooks/placeholderValues';
import { RunbookPane } from './runbooks/RunbookPane';

export function App() {
  const [notice, setNotice] = useState<string | null>(null);
  const [runbookId, setRunbookId] = useState<string | null>(null);
  return (
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
  );
}
