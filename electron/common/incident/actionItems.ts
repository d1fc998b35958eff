/**
 * Action items as they stand, derived from the timeline: the store is append-only, so an item
 * is its `actionItem.added` event plus the `edited` / `done` / `reopened` events that name it
 * (`itemId`), applied in timeline order (common/incident/timelineOrder.ts). On a merged
 * timeline the change that happened last wins, whichever device recorded it — as the
 * incident's own fields do on import.
 */
import { compareTimelineOrder } from './timelineOrder';

export const ACTION_ITEM_KINDS = ['actionItem.added', 'actionItem.edited', 'actionItem.done', 'actionItem.reopened'] as const;

export interface ActionItem {
  /** The `actionItem.added` event's id. */
  id: string;
  text: string;
  owner: string | null;
  done: boolean;
  addedAt: number;
  addedBy: string;
  /** The change that marked it done, while it is; null while open. */
  doneAt: number | null;
  doneBy: string | null;
  /** The latest edit of its text or owner; null if never edited. */
  editedAt: number | null;
  editedBy: string | null;
}

/** The fields of a timeline or bundle event this needs. */
export interface ActionItemEventLike {
  id: string;
  kind: string;
  occurredAt: number;
  actor: string;
  payload: unknown;
}

/** The incident's action items in the order they were added; other kinds are ignored. */
export function deriveActionItems(events: readonly ActionItemEventLike[]): ActionItem[] {
  const items = new Map<string, ActionItem>();
  const relevant = events.filter((e) => (ACTION_ITEM_KINDS as readonly string[]).includes(e.kind)).sort(compareTimelineOrder);
  for (const event of relevant) {
    const p = event.payload as { itemId?: string; text?: string; owner?: string | null };
    if (event.kind === 'actionItem.added') {
      items.set(event.id, { id: event.id, text: p.text ?? '', owner: p.owner ?? null, done: false, addedAt: event.occurredAt, addedBy: event.actor, doneAt: null, doneBy: null, editedAt: null, editedBy: null });
      continue;
    }
    // A change to an item this timeline does not hold (a partial import) has nothing to change.
    const item = p.itemId === undefined ? undefined : items.get(p.itemId);
    if (!item) continue;
    if (event.kind === 'actionItem.edited') {
      item.text = p.text ?? item.text;
      item.owner = p.owner ?? null;
      item.editedAt = event.occurredAt;
      item.editedBy = event.actor;
    } else if (event.kind === 'actionItem.done') {
      item.done = true;
      item.doneAt = event.occurredAt;
      item.doneBy = event.actor;
    } else {
      item.done = false;
      item.doneAt = null;
      item.doneBy = null;
    }
  }
  return [...items.values()];
}
