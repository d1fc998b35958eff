/**
 * Merges an exported bundle into this data dir's incident of the same id (or creates it),
 * inside one write transaction: a failure anywhere leaves the database as it was.
 *
 * - Events are deduplicated by id. An id already stored with a different digest is a
 *   conflict (one side was altered) and refuses the whole import.
 * - New events keep their device id, digest, salt (null when redacted) and chain head, so each
 *   device's chain verifies here as it did there. They get this incident's next seq numbers,
 *   in the order they happened, keeping each device's own order (its chain order).
 * - The incident's fields follow the newest event that set them, whichever side recorded it
 *   (ties by device id, then event id: every device resolves the same way).
 * - Command records, checklist state and non-secret inputs are merged; secret inputs are not
 *   in bundles, so they are not touched.
 * - An import that added events is itself an event on this device's chain (`bundle.imported`).
 */
import type { Database } from 'better-sqlite3';
import { canonicalJson } from '../../common/canonicalJson';
import { UserError } from '../../common/errors';
import type { ChainVerification, TimelineEvent } from '../../common/incident/model';
import type { Bundle, BundleEvent } from '../../common/report/bundle';
import { verifyLinks, type ChainLink } from './chain';
import { searchText, type TimelineWriter, type TxState } from './timelineWriter';

export interface BundleImportResult {
  incidentId: string;
  title: string;
  /** The incident was not in this data dir before. */
  created: boolean;
  eventsAdded: number;
  /** Events already here (same id and digest). */
  eventsAlreadyPresent: number;
  commandsAdded: number;
  /** The bundle's own chains, verified before merging. */
  bundleChains: ChainVerification[];
}

/** Fields of the incident row and the event kinds that set them. */
const FIELD_KINDS = {
  title: 'title.changed',
  severity: 'severity.changed',
  status: 'status.changed',
  commander: 'commander.changed',
  impact: 'impact.changed',
} as const;

/** How the importing device records the import on its own chain. */
export interface ImportRecorder {
  timeline: TimelineWriter;
  actor: string;
  /** Recorded in the import's event: the team sync rather than a bundle file. */
  via?: 'sync';
}

export function importBundle(db: Database, tx: TxState, bundle: Bundle, recorder: ImportRecorder): BundleImportResult {
  const bundleChains = verifyLinks(bundle.events as unknown as ChainLink[]);
  const incidentId = bundle.incident.id;
  const existing = db.prepare('SELECT id, runbook_ids FROM incidents WHERE id = ?').get(incidentId) as { id: string; runbook_ids: string } | undefined;

  // 1. Which events are new; refuse on a conflicting duplicate.
  const findEvent = db.prepare('SELECT incident_id, digest FROM events WHERE id = ?');
  const fresh: BundleEvent[] = [];
  let present = 0;
  for (const event of bundle.events) {
    const stored = findEvent.get(event.id) as { incident_id: string; digest: string } | undefined;
    if (!stored) {
      fresh.push(event);
      continue;
    }
    if (stored.digest !== event.digest) {
      throw new UserError(`event ${event.id} is already stored with different content — one of the two copies was altered; nothing was imported`, 'E_BUNDLE_CONFLICT');
    }
    if (stored.incident_id !== incidentId) {
      throw new UserError(`event ${event.id} already belongs to incident ${stored.incident_id}, not ${incidentId}; nothing was imported`, 'E_BUNDLE_CONFLICT');
    }
    present++;
  }

  // 2. The incident row.
  const { incident } = bundle;
  if (!existing) {
    db.prepare(
      `INSERT INTO incidents (id, title, severity, status, commander, impact, runbook_ids, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(incidentId, incident.title, incident.severity, incident.status, incident.commander, incident.impact, JSON.stringify(incident.runbookIds), incident.createdAt, incident.updatedAt);
  } else {
    const runbookIds = [...new Set([...(JSON.parse(existing.runbook_ids) as string[]), ...incident.runbookIds])];
    db.prepare('UPDATE incidents SET runbook_ids = ?, updated_at = max(updated_at, ?) WHERE id = ?').run(JSON.stringify(runbookIds), incident.updatedAt, incidentId);
  }

  // 3. New events, in the order they happened, each device's chain order kept.
  const maxSeq = (db.prepare('SELECT max(seq) FROM events WHERE incident_id = ?').pluck().get(incidentId) as number | null) ?? 0;
  const insert = db.prepare(
    `INSERT INTO events (id, incident_id, seq, kind, occurred_at, recorded_at, device_id, actor, payload, salt, digest, chain_head)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const index = db.prepare('INSERT INTO events_fts (rowid, search_text) VALUES (?, ?)');
  let seq = maxSeq;
  for (const event of mergeByTime(fresh)) {
    seq++;
    const { lastInsertRowid } = insert.run(
      event.id,
      incidentId,
      seq,
      event.kind,
      event.occurredAt,
      event.recordedAt,
      event.deviceId,
      event.actor,
      // Canonical, as the store's own appends: chain verification rehashes the stored text.
      canonicalJson(event.payload),
      event.salt,
      event.digest,
      event.chainHead,
    );
    const text = searchText(event.kind, event.payload);
    if (text !== null) index.run(lastInsertRowid, text);
    tx.touch(incidentId, event.recordedAt);
    // The bundle's event as the store hands it out: this incident's seq, no salt.
    const { salt, seq: _exportedSeq, ...fields } = event;
    tx.events.push({ ...fields, incidentId, seq, redacted: salt === null } as TimelineEvent);
  }

  // The import itself goes on this device's timeline (only when it added something, so a
  // repeated import stays a no-op). Recorded after the export by this device's clock, it
  // bounds how far the other devices' clocks are from ours (report/clockOffsets.ts). An
  // import that brought only other imports' records adds none: two devices syncing with
  // each other would otherwise answer each other's records forever.
  if (fresh.some((e) => e.kind !== 'bundle.imported')) {
    const latestRecordedAt: Record<string, number> = {};
    for (const event of bundle.events) latestRecordedAt[event.deviceId] = Math.max(latestRecordedAt[event.deviceId] ?? event.recordedAt, event.recordedAt);
    recorder.timeline.append(
      tx,
      incidentId,
      'bundle.imported',
      { fromDeviceId: bundle.deviceId, exportedAt: bundle.exportedAt, eventsAdded: fresh.length, latestRecordedAt, ...(recorder.via ? { via: recorder.via } : {}) },
      { actor: recorder.actor },
    );
  }

  // 4. Incident fields: the newest setting event wins, whichever side recorded it.
  if (existing && fresh.length > 0) {
    const newest = db.prepare(
      `SELECT payload FROM events WHERE incident_id = ? AND kind IN (?, 'incident.created')
       ORDER BY occurred_at DESC, device_id DESC, id DESC LIMIT 1`,
    );
    for (const [field, kind] of Object.entries(FIELD_KINDS)) {
      const row = newest.get(incidentId, kind) as { payload: string } | undefined;
      if (!row) continue;
      const payload = JSON.parse(row.payload) as Record<string, unknown>;
      const value = 'to' in payload ? payload.to : payload[field];
      if (value === undefined) continue;
      db.prepare(`UPDATE incidents SET ${field} = ? WHERE id = ?`).run(value as string | null, incidentId);
    }
  }

  // 5. Commands, checklist, inputs.
  const findCommand = db.prepare('SELECT 1 FROM command_records WHERE id = ?').pluck();
  const insertCommand = db.prepare(
    `INSERT INTO command_records (id, incident_id, event_id, session_id, runbook_id, step_id, runbook_hash, command_line, cwd, started_at, ended_at, exit_code, output_text, output_truncated, output_struck)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let commandsAdded = 0;
  for (const c of bundle.commands) {
    if (findCommand.get(c.id)) continue;
    insertCommand.run(
      c.id,
      incidentId,
      c.eventId,
      c.sessionId,
      c.step?.runbookId ?? null,
      c.step?.stepId ?? null,
      c.step?.runbookHash ?? null,
      c.commandLine,
      c.cwd,
      c.startedAt,
      c.endedAt,
      c.exitCode,
      c.outputStruck ? null : c.output,
      c.outputTruncated ? 1 : 0,
      c.outputStruck ? 1 : 0,
    );
    commandsAdded++;
  }
  const upsertChecklist = db.prepare(
    `INSERT INTO checklist_state (incident_id, runbook_id, item_id, checked, by, at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (incident_id, runbook_id, item_id) DO UPDATE SET checked = excluded.checked, by = excluded.by, at = excluded.at
     WHERE excluded.at > checklist_state.at`,
  );
  for (const item of bundle.checklist) upsertChecklist.run(incidentId, item.runbookId, item.itemId, item.checked ? 1 : 0, item.by, item.at);
  const upsertVariable = db.prepare(
    `INSERT INTO incident_variables (incident_id, name, value, secret, updated_at) VALUES (?, ?, ?, 0, ?)
     ON CONFLICT (incident_id, name) DO UPDATE SET value = excluded.value, secret = 0, updated_at = excluded.updated_at
     WHERE excluded.updated_at > incident_variables.updated_at AND incident_variables.secret = 0`,
  );
  for (const v of bundle.variables) if (!v.secret && v.value !== null) upsertVariable.run(incidentId, v.name, v.value, v.updatedAt);

  const title = (db.prepare('SELECT title FROM incidents WHERE id = ?').pluck().get(incidentId) as string) ?? incident.title;
  return { incidentId, title, created: !existing, eventsAdded: fresh.length, eventsAlreadyPresent: present, commandsAdded, bundleChains };
}

/**
 * Orders new events by when they happened, but never reorders one device's events among
 * themselves (their chain is in that order): a merge of per-device queues, each in the
 * bundle's storage order, taking the earliest head each time.
 */
function mergeByTime(events: readonly BundleEvent[]): BundleEvent[] {
  const queues = new Map<string, BundleEvent[]>();
  for (const e of events) {
    let q = queues.get(e.deviceId);
    if (!q) queues.set(e.deviceId, (q = []));
    q.push(e);
  }
  const lists = [...queues.values()];
  if (lists.length === 1) return lists[0]!;
  const cursor = lists.map(() => 0);
  const out: BundleEvent[] = [];
  for (;;) {
    let best = -1;
    for (let i = 0; i < lists.length; i++) {
      const head = lists[i]![cursor[i]!];
      if (!head) continue;
      const current = best === -1 ? undefined : lists[best]![cursor[best]!]!;
      if (!current || head.occurredAt < current.occurredAt || (head.occurredAt === current.occurredAt && head.recordedAt < current.recordedAt)) best = i;
    }
    if (best === -1) return out;
    out.push(lists[best]![cursor[best]!]!);
    cursor[best] = cursor[best]! + 1;
  }
}
