/** The store's SQL, prepared once per connection. */
import type { Database, Statement } from 'better-sqlite3';
import { EVENT_COLUMNS, INCIDENT_COLUMNS } from './rows';

export type Statements = ReturnType<typeof prepareStatements>;

export function prepareStatements(db: Database) {
  const p = (sql: string): Statement => db.prepare(sql);
  return {
    dataVersion: db.prepare('PRAGMA data_version').pluck(),
    insertIncident: p(
      `INSERT INTO incidents (id, title, severity, status, commander, impact, runbook_ids, created_at, updated_at)
       VALUES (@id, @title, @severity, @status, @commander, @impact, @runbookIds, @createdAt, @createdAt)`,
    ),
    listIncidents: p(`SELECT ${INCIDENT_COLUMNS} FROM incidents ORDER BY status = 'resolved', updated_at DESC, id DESC`),
    getIncident: p(`SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE id = ?`),
    setTitle: p('UPDATE incidents SET title = ? WHERE id = ?'),
    setSeverity: p('UPDATE incidents SET severity = ? WHERE id = ?'),
    setStatus: p('UPDATE incidents SET status = ? WHERE id = ?'),
    setCommander: p('UPDATE incidents SET commander = ? WHERE id = ?'),
    setImpact: p('UPDATE incidents SET impact = ? WHERE id = ?'),
    setRunbookIds: p('UPDATE incidents SET runbook_ids = ? WHERE id = ?'),
    eventsAsc: p(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE incident_id = @incidentId AND seq > @afterSeq AND seq < @beforeSeq ORDER BY seq LIMIT @limit`,
    ),
    eventsDesc: p(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE incident_id = @incidentId AND seq > @afterSeq AND seq < @beforeSeq ORDER BY seq DESC LIMIT @limit`,
    ),
    // Timeline order (common/incident/timelineOrder.ts), newest first, from a cursor back: a
    // range scan of events_by_time. The row-value comparison is what lets SQLite seek to it.
    eventsByTimeDesc: p(
      `SELECT ${EVENT_COLUMNS} FROM events INDEXED BY events_by_time
       WHERE incident_id = @incidentId AND (occurred_at, id) < (@occurredAt, @id)
       ORDER BY occurred_at DESC, id DESC LIMIT @limit`,
    ),
    // The same `kind IN (…)` as the partial index's WHERE (ACTION_ITEM_KINDS), so it applies.
    actionItemEvents: p(
      `SELECT ${EVENT_COLUMNS} FROM events INDEXED BY events_action_items
       WHERE incident_id = ? AND kind IN ('actionItem.added', 'actionItem.edited', 'actionItem.done', 'actionItem.reopened')
       ORDER BY seq`,
    ),
    getEvent: p(`SELECT ${EVENT_COLUMNS} FROM events WHERE id = ?`),
    redactEvent: p('UPDATE events SET payload = ?, salt = NULL WHERE id = ?'),
    // The same `kind IN (…)` and `occurred_at < recorded_at` terms as the partial indexes'
    // WHERE clauses, so SQLite uses them; plus the creation event (always a candidate).
    milestoneEvents: p(
      `SELECT ${EVENT_COLUMNS} FROM events INDEXED BY events_milestones
       WHERE incident_id = @incidentId AND kind IN ('incident.created', 'status.changed', 'milestone.set')
       UNION
       SELECT * FROM (SELECT ${EVENT_COLUMNS} FROM events INDEXED BY events_backdated
         WHERE incident_id = @incidentId AND occurred_at < recorded_at ORDER BY occurred_at LIMIT 1)
       ORDER BY seq`,
    ),
    // Named as StoredChainLink's fields, so rows need no mapping; the payload stays text.
    // Read in pages with .all(): a row at a time through .iterate() cost more than the hashing.
    chainLinks: p(
      `SELECT seq, id, kind, occurred_at AS occurredAt, recorded_at AS recordedAt, device_id AS deviceId, actor,
        payload AS payloadJson, salt, digest, chain_head AS chainHead
       FROM events WHERE incident_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
    ),
    getChecklistItem: p('SELECT checked FROM checklist_state WHERE incident_id = ? AND runbook_id = ? AND item_id = ?'),
    setChecklistItem: p(
      `INSERT INTO checklist_state (incident_id, runbook_id, item_id, checked, by, at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (incident_id, runbook_id, item_id) DO UPDATE SET checked = excluded.checked, by = excluded.by, at = excluded.at`,
    ),
    checklistState: p('SELECT runbook_id, item_id, checked, by, at FROM checklist_state WHERE incident_id = ? ORDER BY runbook_id, item_id'),
    setVariable: p(
      `INSERT INTO incident_variables (incident_id, name, value, secret, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (incident_id, name) DO UPDATE SET value = excluded.value, secret = excluded.secret, updated_at = excluded.updated_at`,
    ),
    variables: p('SELECT name, value, secret, updated_at FROM incident_variables WHERE incident_id = ? ORDER BY name'),
    insertCommand: p(
      `INSERT INTO command_records (id, incident_id, event_id, session_id, runbook_id, step_id, runbook_hash, command_line, cwd, started_at)
       VALUES (@id, @incidentId, @eventId, @sessionId, @runbookId, @stepId, @runbookHash, @commandLine, @cwd, @startedAt)`,
    ),
    finishCommand: p('UPDATE command_records SET ended_at = ?, exit_code = ?, output_text = ?, output_truncated = ? WHERE id = ?'),
    strikeCommand: p('UPDATE command_records SET output_text = NULL, output_struck = 1 WHERE id = ?'),
    getCommand: p('SELECT * FROM command_records WHERE id = ?'),
    listCommands: p('SELECT * FROM command_records WHERE incident_id = ? ORDER BY started_at, row_id'),
    insertChunk: p('INSERT INTO output_chunks (incident_id, session_id, command_id, at, data) VALUES (?, ?, ?, ?, ?)'),
    deleteCommandChunks: p('DELETE FROM output_chunks WHERE command_id = ?'),
    chunks: p('SELECT command_id, at, data FROM output_chunks WHERE session_id = ? ORDER BY row_id'),
    clearTabs: p('DELETE FROM terminal_tabs WHERE incident_id = ?'),
    insertTab: p('INSERT INTO terminal_tabs (incident_id, tab_id, session_id, title, cwd, position, active) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    tabs: p('SELECT tab_id, session_id, title, cwd, position, active FROM terminal_tabs WHERE incident_id = ? ORDER BY position'),
  };
}
