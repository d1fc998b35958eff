import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { StepRun, TerminalTabView } from '../../../electron/common/services/terminalService';
import { coalesceLatest } from '../host/coalesce';
import { useConnectionState, useHost } from '../host/hostContext';

/** What a mounted terminal view offers to others (Send to terminal pastes through it). */
export interface TerminalHandle {
  /** Pastes like the user would: bracketed when the program asked for it, no Enter added. */
  paste(text: string): void;
  focus(): void;
  size(): { cols: number; rows: number };
}

export interface IncidentTerminals {
  incidentId: string;
  tabs: TerminalTabView[];
  /** Null until the tab list arrived. */
  loaded: boolean;
  active: TerminalTabView | undefined;
  /**
   * Shows `tabId` at once and tells the host. The host's tab list confirms it later: during a
   * flood that event waits behind the output, and a click must not.
   */
  activate(tabId: string): void;
  error: string | null;
  setError(message: string | null): void;
  /** Latest run of each step, keyed by `runbookId \0 stepId`. */
  runs: ReadonlyMap<string, StepRun>;
  register(sessionId: string, handle: TerminalHandle): () => void;
  handle(sessionId: string): TerminalHandle | undefined;
  /** The size a new tab should start with: the visible terminal's, else a default. */
  preferredSize(): { cols: number; rows: number };
}

/** Size of a first tab before any terminal has been measured. */
const DEFAULT_SIZE = { cols: 120, rows: 30 };

const Context = createContext<IncidentTerminals | null>(null);

export function stepRunKey(runbookId: string, stepId: string): string {
  return `${runbookId}\u0000${stepId}`;
}

/**
 * The open incident's terminals, shared by the terminals pane and the step runner: the tab
 * list (kept current by `onDidChangeTabs`), step runs, and the mounted terminal views.
 */
export function IncidentTerminalsProvider({ incidentId, children }: { incidentId: string; children: ReactNode }) {
  const host = useHost();
  const connection = useConnectionState();
  const [tabs, setTabs] = useState<TerminalTabView[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [runs, setRuns] = useState<ReadonlyMap<string, StepRun>>(new Map());
  // The tab the user picked, shown until the host has answered and sent a tab list after that.
  const [picked, setPicked] = useState<{ tabId: string; listAtAnswer?: TerminalTabView[] } | null>(null);
  const tabsNow = useRef(tabs);
  tabsNow.current = tabs;
  const handles = useRef(new Map<string, TerminalHandle>());

  useEffect(() => {
    if (connection !== 'connected') return;
    let cancelled = false;
    // A flood of commands must not re-render the tab bar and its where-bar for each one.
    const tabUpdates = coalesceLatest(setTabs);
    const subs = [
      tabUpdates,
      host.terminals.onDidChangeTabs(incidentId)((next) => tabUpdates.push(next)),
      host.terminals.onDidChangeStepRun(incidentId)((run) =>
        setRuns((current) => new Map(current).set(stepRunKey(run.step.runbookId, run.step.stepId), run)),
      ),
    ];
    host.terminals.listTabs(incidentId).then(
      (list) => {
        if (cancelled) return;
        setTabs(list);
        setLoaded(true);
      },
      (e: Error) => !cancelled && setError(e.message),
    );
    host.terminals.listStepRuns(incidentId).then(
      (list) => !cancelled && setRuns(new Map(list.map((r) => [stepRunKey(r.step.runbookId, r.step.stepId), r]))),
      () => undefined,
    );
    return () => {
      cancelled = true;
      for (const s of subs) s.dispose();
    };
  }, [host, incidentId, connection]);

  const register = useCallback((sessionId: string, handle: TerminalHandle) => {
    handles.current.set(sessionId, handle);
    return () => {
      if (handles.current.get(sessionId) === handle) handles.current.delete(sessionId);
    };
  }, []);

  const activate = useCallback(
    (tabId: string) => {
      setPicked({ tabId });
      host.terminals.activateTab(tabId).then(
        () => setPicked((p) => (p?.tabId === tabId ? { tabId, listAtAnswer: tabsNow.current } : p)),
        (e: Error) => {
          setPicked((p) => (p?.tabId === tabId ? null : p));
          setError(e.message);
        },
      );
    },
    [host],
  );

  const value = useMemo<IncidentTerminals>(() => {
    // A list sent after the host answered is the truth (another window may have picked since).
    const pickHolds = picked && (!picked.listAtAnswer || picked.listAtAnswer === tabs);
    const pickedTab = pickHolds ? tabs.find((t) => t.tabId === picked.tabId) : undefined;
    const active = pickedTab ?? tabs.find((t) => t.active) ?? tabs[0];
    return {
      incidentId,
      tabs,
      loaded,
      active,
      activate,
      error,
      setError,
      runs,
      register,
      handle: (sessionId) => handles.current.get(sessionId),
      preferredSize: () => (active?.sessionId && handles.current.get(active.sessionId)?.size()) || DEFAULT_SIZE,
    };
  }, [incidentId, tabs, loaded, picked, activate, error, runs, register]);

  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useIncidentTerminals(): IncidentTerminals {
  const value = useContext(Context);
  if (!value) throw new Error('useIncidentTerminals outside IncidentTerminalsProvider');
  return value;
}

/** The latest run of one step in the open incident (null when it never ran or no incident is open). */
export function useStepRun(runbookId: string, stepId: string): StepRun | null {
  const value = useContext(Context);
  return value?.runs.get(stepRunKey(runbookId, stepId)) ?? null;
}

/** The open incident's terminal tabs (none outside an incident): for naming where a command ran. */
export function useTerminalTabs(): readonly TerminalTabView[] {
  return useContext(Context)?.tabs ?? [];
}
