import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { TerminalTabView } from '../../../electron/common/services/terminalService';
import { useConnectionState, useHost } from '../host/hostContext';
import { useIncidentTerminals } from './incidentTerminals';
import { TerminalView } from './TerminalView';
import './terminals.css';

/**
 * The incident's terminals: a tablist named "Terminals" with New terminal, each tab saying
 * where it points (cwd, host, Kubernetes context) so nobody runs a command against the wrong
 * place, whether something runs in it, and "capture off" where commands cannot be recorded.
 */
const NO_SEARCH = { text: '', seq: 0 };

export function TerminalsPane() {
  const host = useHost();
  const terminals = useIncidentTerminals();
  const { incidentId, tabs, active, loaded, error, setError } = terminals;
  const [renaming, setRenaming] = useState<string | null>(null);
  // Each tab has its own Find text: a search typed in one tab is not carried to the next.
  const [finds, setFinds] = useState<Record<string, { text: string; seq: number }>>({});
  const opening = useRef(false);
  const fail = (e: unknown) => setError((e as Error).message);

  const openTab = () => {
    if (opening.current) return;
    opening.current = true;
    host.terminals
      .openTab(incidentId, terminals.preferredSize())
      .catch(fail)
      .finally(() => (opening.current = false));
  };

  // An incident opened for the first time gets a terminal as soon as the page is idle: right
  // after the workspace and its timeline are drawn, not competing with them (xterm.js's start
  // costs tens of milliseconds of layout).
  const autoOpened = useRef(false);
  const autoOpen = useRef<() => void>(() => {});
  useEffect(() => {
    if (loaded && tabs.length === 0 && !autoOpened.current) {
      autoOpened.current = true;
      const idle = requestIdleCallback(openTab, { timeout: 500 });
      autoOpen.current = () => cancelIdleCallback(idle);
    }
  });
  // Left before it opened (another incident chosen): none opens here.
  useEffect(() => () => autoOpen.current(), []);

  const onTabKey = (e: KeyboardEvent, index: number) => {
    const next = e.key === 'ArrowRight' ? index + 1 : e.key === 'ArrowLeft' ? index - 1 : null;
    if (next === null) return;
    const tab = tabs[(next + tabs.length) % tabs.length];
    if (tab) terminals.activate(tab.tabId);
  };

  return (
    <section className="terminals workspace__terminals" aria-label="Terminal">
      <div className="terminals__bar">
        <div role="tablist" aria-label="Terminals" className="terminals__tabs">
          {tabs.map((tab, index) => (
            <button
              key={tab.tabId}
              type="button"
              role="tab"
              id={`terminal-tab-${tab.tabId}`}
              aria-selected={tab.tabId === active?.tabId}
              aria-controls={`terminal-panel-${tab.tabId}`}
              tabIndex={tab.tabId === active?.tabId ? 0 : -1}
              className="terminals__tab"
              onClick={() => terminals.activate(tab.tabId)}
              onDoubleClick={() => setRenaming(tab.tabId)}
              onKeyDown={(e) => onTabKey(e, index)}
              title={tabTitle(tab)}
            >
              <StateDot tab={tab} />
              <span className="terminals__tab-title">{tab.title}</span>
              {tab.sessionId && !tab.captureOn && <span className="badge badge--warn">capture off</span>}
              {tab.capturePaused && <span className="badge badge--warn">capture paused</span>}
            </button>
          ))}
        </div>
        <button type="button" className="button button--small" onClick={openTab}>
          New terminal
        </button>
        {/* The tabs, New terminal and the where-bar share one row (wrapping when the column is narrow): rows for the shell. */}
        {active && (
          <WhereBar
            key={active.tabId}
            tab={active}
            findText={finds[active.tabId]?.text ?? ''}
            renaming={renaming === active.tabId}
            onRenameStart={() => setRenaming(active.tabId)}
            onRenameEnd={(title) => {
              setRenaming(null);
              if (title && title !== active.title) void host.terminals.renameTab(active.tabId, title).catch(fail);
            }}
            onFind={(text) => setFinds((all) => ({ ...all, [active.tabId]: { text, seq: (all[active.tabId]?.seq ?? 0) + 1 } }))}
          />
        )}
      </div>
      {error && (
        <p className="terminals__error" role="alert">
          {error}{' '}
          <button type="button" className="button button--small" onClick={() => setError(null)}>
            Dismiss
          </button>
        </p>
      )}
      <div className="terminals__panels">
        {tabs.map((tab) => (
          <div
            key={tab.tabId}
            role="tabpanel"
            id={`terminal-panel-${tab.tabId}`}
            aria-labelledby={`terminal-tab-${tab.tabId}`}
            hidden={tab.tabId !== active?.tabId}
            className="terminals__panel"
          >
            {tab.sessionId ? (
              <TerminalView key={tab.sessionId} sessionId={tab.sessionId} visible={tab.tabId === active?.tabId} search={finds[tab.tabId] ?? NO_SEARCH} />
            ) : (
              <div className="terminals__ended">
                <p>{tab.ended}</p>
                <button
                  type="button"
                  className="button button--primary"
                  onClick={() => void host.terminals.restartTab(tab.tabId, terminals.preferredSize()).catch(fail)}
                >
                  Open a new shell here
                </button>
                {tab.cwd && <p className="terminals__ended-cwd">in {tab.cwd}</p>}
              </div>
            )}
          </div>
        ))}
        {loaded && tabs.length === 0 && <p className="pane-message">Opening a terminal…</p>}
      </div>
    </section>
  );
}

function WhereBar({
  tab,
  renaming,
  onRenameStart,
  onRenameEnd,
  findText,
  onFind,
}: {
  tab: TerminalTabView;
  renaming: boolean;
  onRenameStart: () => void;
  onRenameEnd: (title: string | null) => void;
  findText: string;
  onFind: (text: string) => void;
}) {
  const host = useHost();
  const { setError } = useIncidentTerminals();
  const fail = (e: unknown) => setError((e as Error).message);
  return (
    <div className="terminals__where" aria-label="Where this terminal points">
      <span className="where__item" title="Working directory">
        <span className="where__label">cwd</span> {tab.cwd ?? '?'}
      </span>
      <span className="where__item" title="Machine">
        <span className="where__label">host</span> {tab.host}
      </span>
      {tab.kubeContext && (
        <span className="where__item" title="kubectl context (from the kubeconfig)">
          <span className="where__label">kube</span> {tab.kubeContext}
          {tab.kubeNamespace ? ` / ${tab.kubeNamespace}` : ''}
        </span>
      )}
      {tab.runningCommand && (
        <span className="where__item where__running" title="Running now">
          {tab.state === 'nested' ? 'session' : 'running'}: <code>{tab.runningCommand.split('\n')[0]}</code>
        </span>
      )}
      <span className="where__actions">
        {renaming ? (
          <input
            className="input input--small"
            aria-label="Tab name"
            defaultValue={tab.title}
            autoFocus
            onBlur={(e) => onRenameEnd(e.target.value.trim() || null)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') onRenameEnd(e.currentTarget.value.trim() || null);
              if (e.key === 'Escape') onRenameEnd(null);
            }}
          />
        ) : (
          <button type="button" className="button button--small" onClick={onRenameStart}>
            Rename
          </button>
        )}
        <input className="input input--small" type="search" aria-label="Find in terminal" placeholder="Find" defaultValue={findText} onChange={(e) => onFind(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && onFind(e.currentTarget.value)} />
        {tab.sessionId && tab.captureOn && (
          <button type="button" className="button button--small" onClick={() => void host.terminals.setCapturePaused(tab.tabId, !tab.capturePaused).catch(fail)}>
            {tab.capturePaused ? 'Resume capture' : 'Pause capture'}
          </button>
        )}
        <button type="button" className="button button--small" aria-label={`Close ${tab.title}`} onClick={() => void host.terminals.closeTab(tab.tabId).catch(fail)}>
          Close
        </button>
      </span>
    </div>
  );
}

function StateDot({ tab }: { tab: TerminalTabView }) {
  // Without the host nothing runs: its shells ended with it, whatever the last news said.
  const connected = useConnectionState() === 'connected';
  if (!connected) return <span className="state-dot state-dot--exited" aria-hidden="true" title="host stopped: shell ended" data-state="host stopped" />;
  const label = !tab.sessionId ? 'shell ended' : tab.state === 'running' ? 'running' : tab.state === 'nested' ? 'in a nested session' : tab.state === 'starting' ? 'starting' : 'idle';
  // The tab's name stays its title; the state is in its tooltip and the where-bar.
  return <span className={`state-dot state-dot--${tab.sessionId ? tab.state : 'exited'}`} aria-hidden="true" title={label} data-state={label} />;
}

function tabTitle(tab: TerminalTabView): string {
  const parts = [tab.runningCommand ? `running ${tab.runningCommand.split('\n')[0]}` : tab.sessionId ? 'at its prompt' : 'shell ended', tab.cwd ?? '', `on ${tab.host}`];
  if (tab.kubeContext) parts.push(`kube ${tab.kubeContext}`);
  if (!tab.captureOn && tab.sessionId) parts.push('capture off: this shell has no integration, so commands are not recorded');
  return parts.join(' · ');
}
