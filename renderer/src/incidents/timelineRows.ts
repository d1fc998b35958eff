import type { DescribeContext, Lookup } from '../../../electron/common/incident/describeEvent';
import type { TimelineEvent, TimelineEventOf } from '../../../electron/common/incident/model';
import { compareTimelineOrder, type TimelineCursor } from '../../../electron/common/incident/timelineOrder';
import { shortDevice } from '../sync/responderColor';
import { describeTimelineEvent, type EventDescription, type TimelineFilter } from './timelineEntry';
import { formatStamp } from '../../../electron/common/incident/timeFormat';

export interface TimelineRow {
  event: TimelineEvent;
  description: EventDescription;
  /** For a command: how it ended (null while it runs). */
  finished: TimelineEventOf<'command.finished'> | null;
  starred: boolean;
}

/**
 * What the loaded events tell the describer about each other (command lines, runbook titles,
 * the events a star or an edit refers to). Each index is built on its first lookup: most rows
 * (notes, state changes) need none. Step titles live in the runbook library, not on the
 * timeline: a step reads by its id here, by its title in the report.
 */
function describeContext(events: readonly TimelineEvent[], unstartedLines: ReadonlyMap<string, string>): DescribeContext {
  const index = <V>(entries: () => Iterable<readonly [string, V]>): Lookup<V> => {
    let map: Map<string, V> | undefined;
    return { get: (key) => (map ??= new Map(entries())).get(key) };
  };
  return {
    dateTime: (ms) => formatStamp(ms, false),
    deviceName: shortDevice,
    eventsById: index(() => events.map((e) => [e.id, e] as const)),
    commandLines: index(() => [...unstartedLines, ...events.flatMap((e) => (e.kind === 'command.started' ? [[e.payload.commandId, e.payload.commandLine] as const] : []))]),
    runbookTitles: index(() => events.flatMap((e) => (e.kind === 'runbook.attached' && e.payload.title ? [[e.payload.runbookId, e.payload.title] as const] : []))),
    stepTitles: new Map(),
  };
}

/**
 * Descriptions are computed once per event object, not per render. (An entry that refers to an
 * event from older history not yet loaded keeps the shorter sentence it was first given.)
 */
const descriptions = new WeakMap<TimelineEvent, EventDescription>();
function describe(event: TimelineEvent, ctx: () => DescribeContext): EventDescription {
  let description = descriptions.get(event);
  if (!description) {
    description = describeTimelineEvent(event, ctx());
    descriptions.set(event, description);
  }
  return description;
}

/**
 * What the timeline lists: one row per event in timeline order — when things happened, ties by
 * id, as the report (a backdated note or an imported event sits where it happened) — a
 * command's start and finish joined into one row, and stars shown on the starred row rather
 * than as rows of their own.
 */
export function buildRows(events: readonly TimelineEvent[], unstartedLines: ReadonlyMap<string, string> = new Map()): TimelineRow[] {
  const finishedByCommand = new Map<string, TimelineEventOf<'command.finished'>>();
  const started = new Set<string>();
  const starred = new Set<string>();
  for (const event of events) {
    if (event.kind === 'command.finished') finishedByCommand.set(event.payload.commandId, event);
    else if (event.kind === 'command.started') started.add(event.payload.commandId);
    else if (event.kind === 'star') starred.add(event.payload.eventId);
    else if (event.kind === 'unstar') starred.delete(event.payload.eventId);
  }
  let ctx: DescribeContext | undefined;
  const context = () => (ctx ??= describeContext(events, unstartedLines));
  const rows: TimelineRow[] = [];
  for (const event of events) {
    if (event.kind === 'star' || event.kind === 'unstar') continue;
    if (event.kind === 'command.finished' && started.has(event.payload.commandId)) continue;
    rows.push({
      event,
      description: describe(event, context),
      finished: event.kind === 'command.started' ? (finishedByCommand.get(event.payload.commandId) ?? null) : null,
      starred: starred.has(event.id),
    });
  }
  // useTimeline keeps events in this order already: TimSort checks that in one linear pass.
  rows.sort((a, b) => compareTimelineOrder(a.event, b.event));
  return rows;
}

/** `alsoMatching`: event ids the host's full-text search found for the query (command output included). */
export function filterRows(rows: readonly TimelineRow[], filter: TimelineFilter, query: string, alsoMatching?: ReadonlySet<string>): readonly TimelineRow[] {
  const needle = query.trim().toLowerCase();
  if (filter === 'all' && !needle) return rows;
  return rows.filter((row) => {
    if (filter === 'starred' ? !row.starred : filter !== 'all' && row.description.group !== filter) return false;
    if (!needle) return true;
    return alsoMatching?.has(row.event.id) || row.description.text.toLowerCase().includes(needle) || row.event.actor.toLowerCase().includes(needle) || row.description.badge.toLowerCase() === needle;
  });
}

/** Index of the row with this event, found by its sort key (binary search); -1 if absent. */
export function indexOfRow(rows: readonly TimelineRow[], event: TimelineCursor): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const cmp = compareTimelineOrder(rows[mid]!.event, event);
    if (cmp === 0) return mid;
    if (cmp < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return Math.min(lo, rows.length - 1);
}
