import { useEffect, useRef, useState } from 'react';
import type { TimelineEvent } from '../../../electron/common/incident/model';
import { coalesceLatest } from '../host/coalesce';
import { useConnectionState, useHost } from '../host/hostContext';
import { TimelineLoader, type LoadRun } from './timelineLoader';

export interface TimelineState {
  /**
   * In timeline order (occurredAt, then id; common/incident/timelineOrder.ts). Until
   * `complete`, every event from the oldest one loaded to the end is here, plus events that
   * arrived live (an import, a backdated note) from further back.
   */
  events: TimelineEvent[];
  /** Lines of finished commands whose start is in history not loaded yet (TimelineLoader). */
  commandLines: ReadonlyMap<string, string>;
  /** Every event is loaded (filters and search see the whole timeline). */
  complete: boolean;
  loading: boolean;
  error: string | null;
}

/**
 * The incident's timeline, live, in the order things happened (see TimelineLoader): the
 * newest page at once, what the host streams, and older history filled in behind.
 */
export function useTimeline(incidentId: string): TimelineState {
  const host = useHost();
  const connection = useConnectionState();
  const [state, setState] = useState<TimelineState>({ events: [], commandLines: new Map(), complete: false, loading: true, error: null });
  // Survives reconnects: a new connection continues where the last one left off.
  const loader = useRef<TimelineLoader | null>(null);

  useEffect(() => {
    loader.current = new TimelineLoader(host.incidents, incidentId);
    setState({ events: [], commandLines: new Map(), complete: false, loading: true, error: null });
  }, [host, incidentId]);

  useEffect(() => {
    if (connection !== 'connected' || !loader.current) return;
    const timeline = loader.current;
    // Events streaming in (a loop of commands, an import) re-render the timeline at most ten times a second, not per event.
    const updates = coalesceLatest(() => {
      if (!run.cancelled) setState({ events: timeline.events, commandLines: timeline.commandLines, complete: timeline.complete, loading: !timeline.complete, error: null });
    });
    const run: LoadRun = {
      cancelled: false,
      onChange: () => updates.push(undefined),
      drawn: () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))),
    };
    const fail = (error: unknown) => {
      if (!run.cancelled) setState((s) => ({ ...s, loading: false, error: error instanceof Error ? error.message : String(error) }));
    };
    // Subscribe before the first read, so nothing committed in between is lost.
    const subscription = host.incidents.onDidAppendEvent(incidentId)((events) => void timeline.live(events, run).catch(fail));
    void timeline.load(run).catch(fail);
    return () => {
      run.cancelled = true;
      updates.dispose();
      subscription.dispose();
    };
  }, [host, incidentId, connection]);

  return state;
}
