/** Row shapes as SQLite returns them, and their conversion to the shared model. */
import type { CommandRecord, EventKind, Incident, IncidentStatus, TimelineEvent } from '../../common/incident/model';
import type { BundleEvent } from '../../common/report/bundle';

export interface IncidentRow {
  id: string;
  title: string;
  severity: string;
  status: string;
  commander: string | null;
  impact: string | null;
  runbook_ids: string;
  created_at: number;
  updated_at: number;
  last_seq: number | null;
}

/** Select list for IncidentRow; `last_seq` comes from the events index, not a stored counter. */
export const INCIDENT_COLUMNS = `id, title, severity, status, commander, impact, runbook_ids, created_at, updated_at,
  (SELECT max(seq) FROM events WHERE events.incident_id = incidents.id) AS last_seq`;

/** Every incident as the list shows them: active first (most recently changed first), then resolved ones likewise. */
export const LIST_INCIDENTS_SQL = `SELECT ${INCIDENT_COLUMNS} FROM incidents ORDER BY status = 'resolved', updated_at DESC, id DESC`;

export function toIncident(row: IncidentRow): Incident {
  return {
    id: row.id,
    title: row.title,
    severity: row.severity,
    status: row.status as IncidentStatus,
    commander: row.commander,
    impact: row.impact,
    runbookIds: JSON.parse(row.runbook_ids) as string[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastSeq: row.last_seq ?? 0,
  };
}

export interface EventRow {
  id: string;
  incident_id: string;
  seq: number;
  kind: string;
  occurred_at: number;
  recorded_at: number;
  device_id: string;
  actor: string;
  payload: string;
  salt: string | null;
  digest: string;
  chain_head: string;
}

export const EVENT_COLUMNS = 'id, incident_id, seq, kind, occurred_at, recorded_at, device_id, actor, payload, salt, digest, chain_head';

/** The fields a stored event and a bundled one share, read from its row. */
function eventFields(row: EventRow) {
  return {
    id: row.id,
    seq: row.seq,
    kind: row.kind as EventKind,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    deviceId: row.device_id,
    actor: row.actor,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    digest: row.digest,
    chainHead: row.chain_head,
    redacted: row.salt === null,
  };
}

/** The event as the store hands it out: the kind's payload type is the row's to keep. */
export function toEvent(row: EventRow): TimelineEvent {
  return { ...eventFields(row), incidentId: row.incident_id } as TimelineEvent;
}

/** The event as a bundle holds it: with its salt, so a reader can check its digest. */
export function toBundleEvent(row: EventRow): BundleEvent {
  return { ...eventFields(row), salt: row.salt };
}

export interface CommandRow {
  id: string;
  incident_id: string;
  session_id: string;
  runbook_id: string | null;
  step_id: string | null;
  runbook_hash: string | null;
  command_line: string;
  cwd: string | null;
  started_at: number;
  ended_at: number | null;
  exit_code: number | null;
  output_text: string | null;
  output_truncated: number;
  output_struck: number;
}

export function toCommand(row: CommandRow): CommandRecord {
  return {
    id: row.id,
    incidentId: row.incident_id,
    sessionId: row.session_id,
    step:
      row.runbook_id !== null && row.step_id !== null
        ? { runbookId: row.runbook_id, stepId: row.step_id, runbookHash: row.runbook_hash ?? '' }
        : null,
    commandLine: row.command_line,
    cwd: row.cwd,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    exitCode: row.exit_code,
    output: row.output_text,
    outputTruncated: row.output_truncated === 1,
    outputStruck: row.output_struck === 1,
  };
}
