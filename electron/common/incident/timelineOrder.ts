/**
 * The one order of a timeline, wherever it is shown: by when things happened (`occurredAt`),
 * ties by event id. Storage order (`seq`) is local to a data dir — an import gives another
 * device's events new seq numbers after the local ones — so it cannot be the tie-break: the
 * id is the same on every device, so a merged timeline reads the same everywhere, in the
 * console and in the report alike. The store's `events_by_time` index has this order.
 */

/** Where a page of the timeline starts or ends: an event's place in timeline order. */
export interface TimelineCursor {
  occurredAt: number;
  id: string;
}

/** Negative when `a` comes first. Ids compare by code unit, as SQLite's BINARY does for ULIDs. */
export function compareTimelineOrder(a: TimelineCursor, b: TimelineCursor): number {
  return a.occurredAt - b.occurredAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
