import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { TimelineEvent } from '../../../electron/common/incident/model';
import { SearchInput } from '../components/SearchInput';
import { useHost } from '../host/hostContext';
import { TIMELINE_FILTERS, type TimelineFilter } from './timelineEntry';
import { InlineParts } from './InlineParts';
import { useTimeDisplay } from './displayPrefs';
import { EventDetail } from './EventDetail';
import { formatClockTime, formatDateTime, zoneLabel } from '../../../electron/common/incident/timeFormat';
import { buildRows, filterRows, indexOfRow, type TimelineRow } from './timelineRows';
import type { TimelineState } from './useTimeline';
import { responderColors, responderKey, shortDevice } from '../sync/responderColor';

/** Every row is this tall (one line, ellipsised; the full entry opens below): windowing needs it fixed. */
export const ROW_HEIGHT = 30;
/** Rows rendered beyond each edge of the view, so a fast wheel never shows a blank band. */
const OVERSCAN = 12;
/** Why 250 ms: the host's full-text search runs once the responder pauses, not per keystroke. */
const SEARCH_DEBOUNCE_MS = 250;
/** How close to the end (px) still counts as "at the end" and keeps following new entries. */
const FOLLOW_SLACK = ROW_HEIGHT;

/**
 * The incident's timeline as a windowed list: only the rows in view (plus a margin) are in the
 * DOM, so 50 000 entries scroll like 50. While the view sits at the end it follows new entries;
 * scrolled up, it stays put (anchored to the row at the top) as entries arrive or history loads.
 */
export function Timeline({ incidentId, timeline, searchRef }: { incidentId: string; timeline: TimelineState; searchRef?: React.Ref<HTMLInputElement> }) {
  const host = useHost();
  const { utc, setUtc } = useTimeDisplay();
  const [filter, setFilter] = useState<TimelineFilter>('all');
  const [query, setQuery] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const allRows = useMemo(() => buildRows(timeline.events, timeline.commandLines), [timeline.events, timeline.commandLines]);
  // A merged timeline (teammates' events synced or imported) marks every row with its author's colour.
  const colours = useMemo(() => {
    const merged = timeline.events.some((e) => e.deviceId !== timeline.events[0]?.deviceId);
    return merged ? responderColors(timeline.events) : null;
  }, [timeline.events]);
  // Words also searched on the host (FTS5 over notes, command lines and command output), so a
  // word that appears only in a command's output still finds the command's row.
  const [outputMatches, setOutputMatches] = useState<ReadonlySet<string> | undefined>(undefined);
  useEffect(() => {
    setOutputMatches(undefined);
    if (!query.trim()) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      host.incidents.search(query, incidentId).then(
        (hits) => !cancelled && setOutputMatches(new Set(hits.flatMap((hit) => (hit.eventId ? [hit.eventId] : [])))),
        () => {},
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [host, incidentId, query]);
  const rows = useMemo(() => filterRows(allRows, filter, query, outputMatches), [allRows, filter, query, outputMatches]);

  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(400);
  const [following, setFollowing] = useState(true);
  const followingRef = useRef(true);
  const anchor = useRef<{ event: TimelineEvent; offset: number } | null>(null);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      setViewport(element.clientHeight);
      // A smaller view (an entry opened below) must not stop the view from following the end.
      if (followingRef.current) element.scrollTop = element.scrollHeight;
    });
    observer.observe(element);
    setViewport(element.clientHeight);
    return () => observer.disconnect();
  }, []);

  // After the rows change: stick to the end when following, else keep the top row in place.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    if (followingRef.current) {
      element.scrollTop = element.scrollHeight;
    } else if (anchor.current) {
      const index = indexOfRow(rows, anchor.current.event);
      if (index >= 0) element.scrollTop = index * ROW_HEIGHT + anchor.current.offset;
    }
    setScrollTop(element.scrollTop);
  }, [rows]);

  const onScroll = () => {
    const element = scroller.current;
    if (!element) return;
    const atEnd = element.scrollTop + element.clientHeight >= element.scrollHeight - FOLLOW_SLACK;
    followingRef.current = atEnd;
    setFollowing(atEnd);
    const top = Math.floor(element.scrollTop / ROW_HEIGHT);
    const row = rows[top];
    anchor.current = row ? { event: row.event, offset: element.scrollTop - top * ROW_HEIGHT } : null;
    setScrollTop(element.scrollTop);
  };

  const jumpToEnd = () => {
    followingRef.current = true;
    setFollowing(true);
    const element = scroller.current;
    if (element) element.scrollTop = element.scrollHeight;
  };

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
  const visible = rows.slice(first, last);
  const selected = selectedId ? (allRows.find((row) => row.event.id === selectedId) ?? null) : null;

  const toggleStar = (row: TimelineRow) => {
    const call = row.starred ? host.incidents.unstar : host.incidents.star;
    void call(incidentId, row.event.id).catch(() => {});
  };

  return (
    <section className="timeline" aria-label="Timeline">
      <div className="timeline__toolbar">
        <h2 className="panel-title">Timeline</h2>
        <select className="input input--compact" aria-label="Show" value={filter} onChange={(e) => setFilter(e.target.value as TimelineFilter)}>
          {TIMELINE_FILTERS.map((f) => (
            <option key={f.id} value={f.id}>
              {f.label}
            </option>
          ))}
        </select>
        <SearchInput ref={searchRef} id="timeline-search" className="input input--compact timeline__search" label="Search timeline" placeholder="Search  /" value={query} onSearch={setQuery} />
        <span className="timeline__count" aria-live="off">
          {rows.length === allRows.length ? `${allRows.length.toLocaleString()} entries` : `${rows.length.toLocaleString()} of ${allRows.length.toLocaleString()}`}
          {!timeline.complete && ' · loading history…'}
        </span>
        <ChainStatus incidentId={incidentId} complete={timeline.complete} events={timeline.events.length} />
        <span className="timeline__zone" title="Times on this timeline">
          {zoneLabel(utc)}
        </span>
        <button type="button" className="button button--small" aria-pressed={utc} onClick={() => setUtc(!utc)} title="Show times in UTC instead of local time">
          UTC
        </button>
      </div>
      {timeline.error && (
        <p className="pane-message" role="alert">
          {timeline.error}
        </p>
      )}
      <div className="timeline__viewport">
        <div className="timeline__scroll" ref={scroller} onScroll={onScroll} tabIndex={0} aria-label="Timeline entries">
          <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
            <ol className="timeline__rows" style={{ transform: `translateY(${first * ROW_HEIGHT}px)` }}>
              {visible.map((row, i) => (
                <Row key={row.event.id} row={row} colours={colours} utc={utc} position={first + i + 1} total={rows.length} selected={row.event.id === selectedId} onSelect={() => setSelectedId(row.event.id === selectedId ? null : row.event.id)} onStar={() => toggleStar(row)} />
              ))}
            </ol>
          </div>
          {rows.length === 0 && !timeline.loading && <p className="timeline__empty">{allRows.length ? 'Nothing matches this filter.' : 'Nothing recorded yet.'}</p>}
        </div>
        {!following && rows.length > 0 && (
          <button type="button" className="button button--small timeline__jump" onClick={jumpToEnd}>
            ↓ Jump to newest
          </button>
        )}
      </div>
      {selected && <EventDetail row={selected} utc={utc} onClose={() => setSelectedId(null)} />}
    </section>
  );
}

/**
 * Verifying rehashes every event on the host: about 0.3 s of work per 50 000 here, done in
 * slices so the host keeps serving meanwhile. It runs by itself on timelines up to this size
 * (about half a second); longer ones on request.
 */
const AUTO_VERIFY_MAX_EVENTS = 100_000;

/**
 * Whether the record verifies: each device's hash chain over its events, checked by the host
 * when the timeline has loaded (and again on demand). A tampered or torn record says so here.
 */
function ChainStatus({ incidentId, complete, events }: { incidentId: string; complete: boolean; events: number }) {
  const host = useHost();
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [checking, setChecking] = useState(false);
  const check = useCallback(() => {
    setChecking(true);
    host.incidents.verifyChains(incidentId).then(
      (chains) => {
        const bad = chains.find((c) => !c.ok);
        const events = chains.reduce((n, c) => n + c.events, 0);
        setResult(
          bad
            ? { ok: false, text: `Record does not verify: ${bad.problem ?? 'chain broken'}` }
            : { ok: true, text: `Hash chain verified: ${events.toLocaleString()} events, ${chains.length === 1 ? '1 device' : `${chains.length} devices`}; head ${chains[0]?.head.slice(0, 12) ?? ''}…` },
        );
      },
      (error: Error) => setResult({ ok: false, text: error.message }),
    ).finally(() => setChecking(false));
  }, [host, incidentId]);
  const auto = complete && events <= AUTO_VERIFY_MAX_EVENTS;
  useEffect(() => {
    if (auto) check();
  }, [auto, check]);
  if (!result) {
    return (
      <button type="button" className="chain-status" onClick={check} disabled={checking} title="Check the hash chain over every event of this incident">
        {checking ? 'verifying…' : 'Verify record'}
      </button>
    );
  }
  return (
    <button type="button" className={`chain-status chain-status--${result.ok ? 'ok' : 'bad'}`} title={`${result.text} — click to check again`} onClick={check}>
      {result.ok ? '✓ intact' : '✗ tampered?'}
    </button>
  );
}

function Row({ row, colours, utc, position, total, selected, onSelect, onStar }: { row: TimelineRow; colours: ReadonlyMap<string, string> | null; utc: boolean; position: number; total: number; selected: boolean; onSelect: () => void; onStar: () => void }) {
  const { event, description, finished } = row;
  const backdated = event.occurredAt < event.recordedAt - 60_000;
  const colour = colours?.get(responderKey(event.deviceId, event.actor));
  const style: CSSProperties = colour ? { height: ROW_HEIGHT, boxShadow: `inset 3px 0 0 ${colour}` } : { height: ROW_HEIGHT };
  const exit = event.kind === 'command.started' ? (finished ? finished.payload.exitCode : undefined) : undefined;
  return (
    <li className={`trow trow--${description.tone}${selected ? ' trow--selected' : ''}`} style={style} data-seq={event.seq} aria-setsize={total} aria-posinset={position}>
      <time className="trow__time" dateTime={new Date(event.occurredAt).toISOString()} title={formatDateTime(event.occurredAt, utc)}>
        {formatClockTime(event.occurredAt, utc)}
      </time>
      <span className={`trow__badge trow__badge--${description.tone}`}>{description.badge}</span>
      <button type="button" className="trow__text" onClick={onSelect} aria-expanded={selected} title={description.text}>
        <InlineParts parts={description.parts} />
      </button>
      {event.kind === 'command.started' &&
        (finished ? (
          <span className={`trow__exit ${exit === 0 ? 'trow__exit--ok' : 'trow__exit--fail'}`}>exit {exit ?? '?'}</span>
        ) : (
          <span className="trow__exit trow__exit--running">running</span>
        ))}
      {backdated && (
        <span className="trow__backdated" title={`Recorded ${formatDateTime(event.recordedAt, utc)}`}>
          backdated
        </span>
      )}
      <span className="trow__actor" style={colour ? { color: colour } : undefined} title={colours ? `${event.actor} on device ${shortDevice(event.deviceId)}` : undefined}>
        {event.actor}
      </span>
      <button type="button" className={`trow__star${row.starred ? ' trow__star--on' : ''}`} aria-pressed={row.starred} aria-label={row.starred ? 'Unstar' : 'Star'} title={row.starred ? 'Starred: leads the report summary' : 'Star: this matters for the report'} onClick={onStar}>
        {row.starred ? '★' : '☆'}
      </button>
    </li>
  );
}
