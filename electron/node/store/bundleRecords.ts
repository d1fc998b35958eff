/**
 * Reads an incident the way an exported bundle holds it: events with their salts (which the
 * store's public event type leaves out) and commands with the id of the event that started
 * them. The exporter (node/report/) adds milestones, checklist, inputs and runbooks.
 */
import type { Database } from 'better-sqlite3';
import type { BundleCommand, BundleEvent } from '../../common/report/bundle';
import { EVENT_COLUMNS, toBundleEvent, toCommand, type CommandRow, type EventRow } from './rows';

export interface BundleRecords {
  events: BundleEvent[];
  commands: BundleCommand[];
  /** Terminal sessions with recorded raw output, in the order their output began. */
  sessionIds: string[];
}

export function readBundleRecords(db: Database, incidentId: string): BundleRecords {
  const events = (db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE incident_id = ? ORDER BY seq`).all(incidentId) as EventRow[]).map(toBundleEvent);
  const commands = (db.prepare('SELECT * FROM command_records WHERE incident_id = ? ORDER BY started_at, row_id').all(incidentId) as (CommandRow & { event_id: string })[]).map(
    (row): BundleCommand => {
      const { incidentId: _incidentId, ...command } = toCommand(row);
      return { ...command, eventId: row.event_id };
    },
  );
  const sessionIds = db
    .prepare('SELECT session_id FROM output_chunks WHERE incident_id = ? GROUP BY session_id ORDER BY min(row_id)')
    .pluck()
    .all(incidentId) as string[];
  return { events, commands, sessionIds };
}

/** One device's events of an incident in its chain order, from the `offset`-th on (the team sync appends them). */
export function readDeviceBundleEvents(db: Database, incidentId: string, deviceId: string, offset: number): BundleEvent[] {
  return (
    db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE incident_id = ? AND device_id = ? ORDER BY seq LIMIT -1 OFFSET ?`).all(incidentId, deviceId, offset) as EventRow[]
  ).map(toBundleEvent);
}
