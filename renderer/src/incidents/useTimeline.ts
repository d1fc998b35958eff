import { useEffect, useRef, useState } from 'react';
import type { TimelineEvent } from '../../../electron/common/incident/model';
import { useConnectionState, useHost } from '../host/hostContext';

/** The newest events fetched first: a few screens of scroll-back in one small, quick reply. */
const FIRST_PAGE = 500;
/** Older events then come in pages this size, in the background, until the first event is in. */
const OLDER_PAGE = 5_000;
/** Catching up after a reconnect or a gap: pages this size until current. */
const CATCH_UP_PAGE = 5_000;

export interface TimelineState {
  /** Contiguous by seq, oldest first. */
  events: TimelineEvent[];
  /** Every event down to seq 1 is loaded (filters and search see the whole timeline). */
  complete: boolean;
  loading: boolean;
  error: string | null;
}

/**
 * The incident's timeline, live. Shows the newest page at once, appends what the host streams
 * (events carry seq: a gap, or a reconnect, fetches "everything after N" so nothing is
 * missed), and fills in older history in the background.
 */
export function useTimeline(incidentId: string): TimelineState {
  const host = useHost();
  const connection = useConnectionState();
  const [state, setState] = useState<TimelineState>({ events: [], complete: false, loading: true, error: null });
  const eventsRef = useRef<TimelineEvent[]>([]);

  useEffect(() => {
    eventsRef.current = [];
    setState({ events: [], complete: false, loading: true, error: null });
  }, [incidentId]);

  useEffect(() => {
    if (connection !== 'connected') return;
    let cancelled = false;
    let catchingUp = false;
    let complete = false;
    const publish = (loading = false) => {
      if (!cancelled) setState({ events: eventsRef.current, complete, loading, error: null });
    };
    const fail = (error: unknown) => {
      if (!cancelled) setState((s) => ({ ...s, loading: false, error: error instanceof Error ? error.message : String(error) }));
    };
    const lastSeq = () => eventsRef.current.at(-1)?.seq ?? 0;

    const append = (incoming: TimelineEvent[]): boolean => {
      const fresh = incoming.filter((e) => e.seq > lastSeq());
      if (fresh.length === 0) return true;
      if (fresh[0]!.seq !== lastSeq() + 1) return false;
      for (let i = 1; i < fresh.length; i++) if (fresh[i]!.seq !== fresh[i - 1]!.seq + 1) return false;
      eventsRef.current = [...eventsRef.current, ...fresh];
      return true;
    };

    const catchUp = async () => {
      if (catchingUp) return;
      catchingUp = true;
      try {
        for (;;) {
          const page = await host.incidents.getEvents(incidentId, lastSeq(), CATCH_UP_PAGE);
          if (cancelled) return;
          append(page.events);
          if (page.events.length < CATCH_UP_PAGE) break;
        }
        publish();
      } catch (error) {
        fail(error);
      } finally {
        catchingUp = false;
      }
    };

    // Subscribe before the first read, so nothing committed in between is lost.
    const subscription = host.incidents.onDidAppendEvent(incidentId)((events) => {
      if (eventsRef.current.length === 0 && !complete) return; // the first page is still coming
      if (append(events)) publish();
      else void catchUp();
    });

    const loadOlder = async () => {
      while (!cancelled && !complete) {
        const first = eventsRef.current[0];
        if (!first || first.seq <= 1) {
          complete = true;
          break;
        }
        const page = await host.incidents.getEventsBefore(incidentId, first.seq, OLDER_PAGE);
        if (cancelled) return;
        const older = page.events.filter((e) => e.seq < first.seq);
        eventsRef.current = [...older, ...eventsRef.current];
        if (older.length === 0) complete = true;
        publish();
      }
      publish();
    };

    const start = async () => {
      try {
        if (eventsRef.current.length === 0) {
          const page = await host.incidents.getEventsBefore(incidentId, Number.MAX_SAFE_INTEGER, FIRST_PAGE);
          if (cancelled) return;
          eventsRef.current = page.events;
          complete = (page.events[0]?.seq ?? 1) <= 1;
          publish(!complete);
        }
        // Whatever was committed while the first page travelled, or while we were away.
        await catchUp();
        await loadOlder();
      } catch (error) {
        fail(error);
      }
    };
    complete = (eventsRef.current[0]?.seq ?? 0) === 1;
    void start();
    return () => {
      cancelled = true;
      subscription.dispose();
    };
  }, [host, incidentId, connection]);

  return state;
}
