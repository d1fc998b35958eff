/**
 * Schema version 3: action items that can be edited, marked done and reopened.
 *
 * An item's state is derived from its events (the timeline is append-only), so the console
 * reads every action-item event of an incident when it opens it. A partial index holds just
 * those few rows (the same trick as events_milestones): finding them in a 100 000-event
 * timeline is then a short range scan, and other appends pay nothing for it.
 */
import type { Migration } from './migration';

export const migration: Migration = {
  version: 3,
  up(db) {
    db.exec(`CREATE INDEX events_action_items ON events (incident_id, seq)
      WHERE kind IN ('actionItem.added', 'actionItem.edited', 'actionItem.done', 'actionItem.reopened');`);
  },
};
