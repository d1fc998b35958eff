import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { AppHeader } from './components/AppHeader';
import { whenFirstScreenIdle } from './firstScreen';
import { useHost } from './host/hostContext';
import { useMenuCommands } from './host/useMenuCommands';
import { ConnectionBanner } from './components/ConnectionBanner';
import { Sidebar } from './components/Sidebar';
import { TimeDisplayProvider } from './incidents/displayPrefs';
import { IncidentWorkspace } from './incidents/IncidentWorkspace';
import { NewIncidentDialog } from './incidents/NewIncidentDialog';
import { OpenIncidentProvider, useRememberedIncident, type OpenIncident } from './incidents/openIncident';
import { StoreStatusBanner } from './incidents/StoreStatusBanner';
import { PlaceholderValuesProvider } from './runbooks/placeholderValues';
import { SyncPanel } from './sync/SyncPanel';
import { IncidentTerminalsProvider } from './terminals/incidentTerminals';
import { IncidentStepRunner } from './terminals/IncidentStepRunner';
import './incidents/incidents.css';

// The terminals (xterm.js) and the runbook reader (markdown-it, DOMPurify, the shell lexer)
// are most of the console's code and neither is on its first screen: chunks of their own,
// fetched once that screen is drawn (firstScreen.ts), so the incidents list shows without waiting for them.
const loadTerminalsPane = () => import('./terminals/TerminalsPane');
const loadRunbookPane = () => import('./runbooks/RunbookPane');
const TerminalsPane = lazy(() => loadTerminalsPane().then((m) => ({ default: m.TerminalsPane })));
const RunbookPane = lazy(() => loadRunbookPane().then((m) => ({ default: m.RunbookPane })));
const loading = <p className="pane-message">Loading…</p>;

/**
 * The console's frame. Layout (when an incident is open):
 *   header   brand · incident header (title, severity, status, clocks) · connection
 *   sidebar  New incident · incidents · Runbooks (search)
 *   main     runbook beside [terminals over timeline]
 */
export function App() {
  const [runbookId, setRunbookId] = useState<string | null>(null);
  const [incidentId, setIncidentId] = useRememberedIncident();
  const [creating, setCreating] = useState(false);
  const openIncident = useMemo<OpenIncident>(() => ({ incidentId, open: setIncidentId }), [incidentId]);
  const closeDialog = useCallback(() => setCreating(false), []);
  const host = useHost();
  // After the incidents list is drawn, at the first idle moment: not competing with it.
  useEffect(() => whenFirstScreenIdle(() => void Promise.all([loadTerminalsPane(), loadRunbookPane()]).catch(() => {})), []);

  // The native menu (Electron only) does what the on-screen controls do; the component that
  // owns a control takes its command (ThemeToggle, ExportReportMenu), these are the app's.
  useMenuCommands({
    'new-incident': () => setCreating(true),
    'open-runbook-folder': () =>
      void window.warroomBridge
        ?.showOpenFolderDialog({ title: 'Add a folder of runbooks' })
        .then((folder) => (folder ? host.runbooks.addFolder(folder) : null))
        .catch(() => {}),
  });

  return (
    <OpenIncidentProvider value={openIncident}>
      <TimeDisplayProvider>
      <PlaceholderValuesProvider>
        <div className="app">
          <AppHeader />
          <ConnectionBanner />
          <StoreStatusBanner />
          <div className="app__body">
            <Sidebar
              onNewIncident={() => setCreating(true)}
              selectedRunbookId={runbookId}
              onSelectRunbook={setRunbookId}
            />
            <main className={incidentId ? 'main main--workspace' : 'main'} aria-label="Incident">
              {incidentId ? (
                <IncidentTerminalsProvider incidentId={incidentId} key={incidentId}>
                  <IncidentWorkspace
                    key={incidentId}
                    incidentId={incidentId}
                    selectedRunbookId={runbookId}
                    onSelectRunbook={setRunbookId}
                    runbook={
                      runbookId ? (
                        <IncidentStepRunner>
                          <Suspense fallback={loading}>
                            <RunbookPane runbookId={runbookId} />
                          </Suspense>
                        </IncidentStepRunner>
                      ) : (
                        <p className="pane-message">Pick a runbook on the left to read it beside the terminal.</p>
                      )
                    }
                    terminals={
                      <Suspense fallback={loading}>
                        <TerminalsPane />
                      </Suspense>
                    }
                  />
                </IncidentTerminalsProvider>
              ) : runbookId ? (
                <Suspense fallback={loading}>
                  <RunbookPane runbookId={runbookId} />
                </Suspense>
              ) : (
                <section className="welcome">
                  <h1>Ready when you are.</h1>
                  <p>
                    Pick a runbook on the left, or start a <strong>New incident</strong>. Every command you run here lands on the incident's timeline,
                    with its exit code and output, on this machine.
                  </p>
                  <h2 className="welcome__subheading">Team sync</h2>
                  <SyncPanel incidentId={null} />
                </section>
              )}
            </main>
          </div>
          {creating && (
            <NewIncidentDialog
              defaultRunbookId={runbookId}
              onClose={closeDialog}
              onCreated={(id) => {
                setCreating(false);
                setIncidentId(id);
              }}
            />
          )}
        </div>
      </PlaceholderValuesProvider>
      </TimeDisplayProvider>
    </OpenIncidentProvider>
  );
}
