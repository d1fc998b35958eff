import { useEffect, useMemo, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { Splitter } from '../layout/Splitter';
import { clamp, MAX_SHARE, MIN_LEFT_WIDTH, MIN_RIGHT_WIDTH, MIN_SHARE, terminalsHeight as splitTerminalsHeight, useElementSize, useWorkspaceLayout } from '../layout/workspaceLayout';
import { useHost } from '../host/hostContext';
import { ActionItemsPanel } from './ActionItemsPanel';
import { ChecklistPanel } from './ChecklistPanel';
import { computeClocks } from './clocks';
import { CommsPanel } from './CommsPanel';
import { IncidentHeader } from './IncidentHeader';
import { IncidentPlaceholderValues } from './IncidentPlaceholderValues';
import { InputsPanel } from './InputsPanel';
import { MilestonesPanel } from './MilestonesPanel';
import { NoteBox } from './NoteBox';
import { SyncPanel } from '../sync/SyncPanel';
import { Timeline } from './Timeline';
import { useAttachedRunbooks } from './useAttachedRunbooks';
import { useIncidentDetails } from './useIncidentData';
import { useTimeline } from './useTimeline';

const TABS = [
  { id: 'runbook', label: 'Runbook' },
  { id: 'checklist', label: 'Checklist' },
  { id: 'updates', label: 'Status updates' },
  { id: 'actions', label: 'Action items' },
  { id: 'inputs', label: 'Inputs' },
  { id: 'milestones', label: 'Milestones' },
  { id: 'sync', label: 'Sync' },
] as const;
type TabId = (typeof TABS)[number]['id'];

/** How long an error from an action stays on screen before it clears itself. */
const ERROR_VISIBLE_MS = 12_000;

/**
 * The open incident: header with the clocks on top; the runbook (and the incident's panels) on
 * the left beside the terminals over the timeline on the right. The runbook and terminals come
 * from the frame (App.tsx), so each pane keeps one owner.
 */
export function IncidentWorkspace({
  incidentId,
  selectedRunbookId,
  onSelectRunbook,
  runbook,
  terminals,
}: {
  incidentId: string;
  selectedRunbookId: string | null;
  onSelectRunbook: (runbookId: string) => void;
  runbook: ReactNode;
  terminals: ReactNode;
}) {
  const host = useHost();
  const details = useIncidentDetails(incidentId);
  const timeline = useTimeline(incidentId);
  const runbooks = useAttachedRunbooks(details.data?.incident.runbookIds ?? []);
  const [tab, setTab] = useState<TabId>('runbook');
  const [error, setError] = useState<string | null>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const [layout, setLayout] = useWorkspaceLayout();
  const layoutRef = useRef(layout);
  layoutRef.current = layout;
  const [body, setBody] = useState<HTMLDivElement | null>(null);
  const [right, setRight] = useState<HTMLDivElement | null>(null);
  const bodySize = useElementSize(body);
  const rightSize = useElementSize(right);

  useEffect(() => {
    if (!error) return;
    const timer = setTimeout(() => setError(null), ERROR_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [error]);

  // Shortcuts for the frequent actions, only when the responder is not typing somewhere and
  // never behind a dialog (the dialog has the responder's attention, and maybe a Run anyway).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target) || dialogOpen()) return;
      if (e.key === 'n') {
        e.preventDefault();
        noteRef.current?.focus();
      } else if (e.key === '/') {
        e.preventDefault();
        searchRef.current?.focus();
      } else if (e.key === 'r') {
        e.preventDefault();
        // The steps must be on screen to walk to them.
        if (layoutRef.current.runbookHidden || layoutRef.current.terminalMaximized) {
          setLayout({ runbookHidden: false, terminalMaximized: false });
          setTab('runbook');
          requestAnimationFrame(() => requestAnimationFrame(focusNextStep));
        } else focusNextStep();
      } else if (e.key === 'm') {
        e.preventDefault();
        setLayout({ terminalMaximized: !layoutRef.current.terminalMaximized });
      } else if (e.key === 'b') {
        e.preventDefault();
        setLayout({ runbookHidden: !layoutRef.current.runbookHidden, terminalMaximized: false });
      }
    };
    // F6 / Shift+F6 move the keyboard between the workspace's areas, out of the terminal too
    // (Esc, Tab and the letters belong to the shell and the programs in it: vim, less, completion).
    const onCycleKey = (e: KeyboardEvent) => {
      if (e.key !== 'F6' || e.ctrlKey || e.metaKey || e.altKey || dialogOpen()) return;
      e.preventDefault();
      e.stopPropagation();
      cycleFocus(e.shiftKey ? -1 : 1);
    };
    window.addEventListener('keydown', onCycleKey, true);
    // Alt+1…9 picks a terminal tab even while a terminal has the keyboard (capture phase, before xterm).
    const onTerminalKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || dialogOpen() || !/^Digit[1-9]$/.test(e.code)) return;
      const tabs = document.querySelectorAll<HTMLElement>('[role="tablist"][aria-label="Terminals"] [role="tab"]');
      const target = tabs[Number(e.code.slice(5)) - 1];
      if (!target) return;
      e.preventDefault();
      e.stopPropagation();
      target.click();
    };
    window.addEventListener('keydown', onTerminalKey, true);
    const onEscape = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && (e.target === noteRef.current || e.target === searchRef.current)) (e.target as HTMLElement).blur();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('keydown', onEscape);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('keydown', onEscape);
      window.removeEventListener('keydown', onTerminalKey, true);
      window.removeEventListener('keydown', onCycleKey, true);
    };
  }, [setLayout]);

  const data = details.data;
  const attached = data?.incident.id === incidentId ? data.incident.runbookIds : null;
  // Opening an incident brings its runbook beside the terminal (unless one of its runbooks is
  // already shown) — once per incident: browsing another runbook afterwards is the user's choice.
  const broughtRunbookFor = useRef<string | null>(null);
  useEffect(() => {
    if (!attached || broughtRunbookFor.current === incidentId) return;
    broughtRunbookFor.current = incidentId;
    if (attached[0] && (!selectedRunbookId || !attached.includes(selectedRunbookId))) onSelectRunbook(attached[0]);
  }, [attached, incidentId, selectedRunbookId, onSelectRunbook]);
  const clocks = useMemo(
    () => (data ? computeClocks(data.incident, data.severityOptions, data.milestones, runbooks, timeline.events) : null),
    [data, runbooks, timeline.events],
  );

  if (!data || !clocks) {
    return <p className="pane-message" role={details.error ? 'alert' : undefined}>{details.error ?? 'Opening the incident…'}</p>;
  }
  if (data.incident.id !== incidentId) return null;

  const showLeft = !layout.runbookHidden && !layout.terminalMaximized;
  const maxLeft = Math.max(MIN_LEFT_WIDTH, bodySize.width - MIN_RIGHT_WIDTH);
  const leftWidth = clamp(layout.leftWidth, MIN_LEFT_WIDTH, maxLeft);
  // The terminals and the timeline share what the note box leaves of the right column.
  const noteHeight = right?.querySelector<HTMLElement>('.note-box')?.offsetHeight ?? 0;
  const splitSpan = Math.max(0, rightSize.height - noteHeight);
  const terminalsHeight = splitTerminalsHeight(layout, splitSpan);
  const layoutControls = (
    <div className="layout-controls" role="group" aria-label="Layout">
      <button type="button" className="button button--small button--ghost" aria-pressed={layout.runbookHidden} title="Hide or show the runbook pane (B)" onClick={() => setLayout({ runbookHidden: !layout.runbookHidden, terminalMaximized: false })}>
        {layout.runbookHidden ? 'Show runbook' : 'Hide runbook'}
      </button>
      <button type="button" className="button button--small button--ghost" aria-pressed={layout.terminalMaximized} title="The terminal takes the whole workspace; the note box stays (M)" onClick={() => setLayout({ terminalMaximized: !layout.terminalMaximized })}>
        {layout.terminalMaximized ? 'Restore terminal' : 'Maximize terminal'}
      </button>
    </div>
  );

  return (
    <IncidentPlaceholderValues incidentId={incidentId} variables={data.variables}>
      <div className="workspace">
        <IncidentHeader details={data} clocks={clocks} onError={setError} controls={layoutControls} />
        {error && (
          <p className="workspace__error" role="alert">
            {error}
          </p>
        )}
        <div className="workspace__body" ref={setBody} style={{ gridTemplateColumns: showLeft ? `${leftWidth}px auto minmax(0, 1fr)` : 'minmax(0, 1fr)' }}>
          {showLeft && (
          <div className="workspace__left">
            <div role="tablist" aria-label="Incident panels" className="tabs">
              {TABS.map((t) => (
                <button key={t.id} type="button" role="tab" id={`tab-${t.id}`} aria-selected={tab === t.id} aria-controls={`panel-${t.id}`} className="tabs__tab" onClick={() => setTab(t.id)}>
                  {t.label}
                </button>
              ))}
            </div>
            <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="workspace__panel">
              {tab === 'runbook' && selectedRunbookId && !data.incident.runbookIds.includes(selectedRunbookId) && (
                <p className="attach-bar">
                  This runbook is not attached to the incident: its checklist, templates and severity scale are not used.{' '}
                  <button type="button" className="button button--small" onClick={() => void host.incidents.attachRunbook(incidentId, selectedRunbookId).catch((e: Error) => setError(e.message))}>
                    Attach to incident
                  </button>
                </p>
              )}
              {tab === 'runbook' && runbook}
              {tab === 'checklist' && <ChecklistPanel details={data} runbooks={runbooks} onError={setError} />}
              {tab === 'updates' && <CommsPanel details={data} runbooks={runbooks} clocks={clocks} onError={setError} />}
              {tab === 'actions' && <ActionItemsPanel incidentId={incidentId} items={data.actionItems} onError={setError} />}
              {tab === 'inputs' && <InputsPanel incidentId={incidentId} runbooks={runbooks} variables={data.variables} />}
              {tab === 'milestones' && <MilestonesPanel details={data} onError={setError} />}
              {tab === 'sync' && <SyncPanel incidentId={incidentId} />}
            </div>
          </div>
          )}
          {showLeft && <Splitter label="Resize runbook and terminal" orientation="vertical" value={leftWidth} min={MIN_LEFT_WIDTH} max={maxLeft} onChange={(leftWidth) => setLayout({ leftWidth })} />}
          <div className={`workspace__right${layout.terminalMaximized ? ' workspace__right--maximized' : ''}`} ref={setRight} style={{ '--terminals-height': `${terminalsHeight}px` } as CSSProperties}>
            {terminals}
            {!layout.terminalMaximized && (
              <Splitter
                label="Resize terminal and timeline"
                orientation="horizontal"
                value={terminalsHeight}
                min={splitSpan * MIN_SHARE}
                max={splitSpan * MAX_SHARE}
                onChange={(height) => splitSpan > 0 && setLayout({ terminalShare: clamp(height / splitSpan, MIN_SHARE, MAX_SHARE) })}
              />
            )}
            {!layout.terminalMaximized && <Timeline incidentId={incidentId} timeline={timeline} searchRef={searchRef} />}
            <NoteBox incidentId={incidentId} noteRef={noteRef} detectedAt={data.milestones.detected.at} />
          </div>
        </div>
      </div>
    </IncidentPlaceholderValues>
  );
}

/**
 * "Run next step", safely: moves the keyboard to the next step that has not run yet (after
 * the one the keyboard is in; the first not-run step otherwise) — its Run button, or its first
 * empty input — so Enter runs it and the usual confirmation still applies. Never runs anything
 * by itself. When every step has run, it walks on to the next step.
 */
function focusNextStep(): void {
  const steps = [...document.querySelectorAll<HTMLElement>('[role="group"][data-step-id]')];
  if (steps.length === 0) return;
  const current = steps.findIndex((step) => step.contains(document.activeElement));
  const order = [...steps.slice(current + 1), ...steps.slice(0, current + 1)];
  const hasRun = (step: HTMLElement) => step.querySelector('[role="region"][aria-label="Last run"]') !== null;
  const next = order.find((step) => !hasRun(step)) ?? order[0]!;
  const emptyInput = [...next.querySelectorAll<HTMLInputElement>('input')].find((input) => !input.value);
  const run = [...next.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent === 'Run' || b.textContent === 'Send to terminal');
  const target = run && !run.disabled ? run : (emptyInput ?? run);
  next.scrollIntoView({ block: 'center' });
  target?.focus();
}

/** A modal question is on screen: shortcuts wait until it is answered. */
function dialogOpen(): boolean {
  return document.querySelector('[role="dialog"], [role="alertdialog"], dialog[open]') !== null;
}

/** The areas F6 cycles through, in screen order; those not on screen are skipped. */
const FOCUS_AREAS = ['.workspace__left .workspace__panel', '.workspace__terminals .xterm-helper-textarea', '.timeline__scroll', '#note-input'];

function cycleFocus(direction: 1 | -1): void {
  const visible = (el: HTMLElement) => el.getClientRects().length > 0 && el.closest('[hidden]') === null;
  const areas = FOCUS_AREAS.map((selector) => [...document.querySelectorAll<HTMLElement>(selector)].find(visible)).filter((el): el is HTMLElement => el !== undefined);
  if (areas.length === 0) return;
  const current = areas.findIndex((area) => area === document.activeElement || area.contains(document.activeElement) || (area.classList.contains('xterm-helper-textarea') && area.closest('.workspace__terminals')?.contains(document.activeElement)));
  const next = areas[(current + direction + areas.length) % areas.length]!;
  if (!next.hasAttribute('tabindex') && !(next instanceof HTMLTextAreaElement) && !(next instanceof HTMLInputElement)) next.tabIndex = -1;
  next.focus();
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.closest('.xterm')) return true;
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}
