/**
 * Appends timeline events inside a write transaction: next per-incident seq, ULID, salt,
 * digest, and this device's chain head. Seq and predecessor head are read from the database
 * inside the same BEGIN IMMEDIATE transaction (another process may have appended since our
 * last one), then carried in the transaction state for the rest of the batch.
 */
import type { Database, Statement } from 'better-sqlite3';
import { UserError } from '../../common/errors';
import { CHAIN_GENESIS } from '../../common/incident/eventDigest';
import type { EventKind, EventPayloads, TimelineEvent } from '../../common/incident/model';
import { ulid } from '../../common/ulid';
import { canonicalJson } from '../../common/canonicalJson';
import { eventDigestOfCanonicalPayload, newSalt, nextChainHead } from './chain';
import { incidentNotFound } from './validation';
import type { TransactionState } from './writeQueue';

/**
 * The words search finds for an event. Must equal the schema's generated `events.search_text`
 * column (same kinds, text only when it is a string): redaction's trigger deletes from the
 * index what that column says was indexed, and a mismatch would corrupt the index.
 */
const SEARCHABLE_KINDS: ReadonlySet<EventKind> = new Set(['note', 'actionItem.added', 'statusUpdate.copied', 'statusUpdate.posted']);

export function searchText(kind: EventKind, payload: unknown): string | null {
  if (!SEARCHABLE_KINDS.has(kind)) return null;
  const text = (payload as { text?: unknown }).text;
  return typeof text === 'string' ? text : null;
}

interface Checkpoint {
  seqs: Map<string, number>;
  heads: Map<string, string>;
  touched: Map<string, number>;
  events: number;
}

/** What one write transaction has learned and done so far. */
export class TxState implements TransactionState<Checkpoint> {
  /** incidentId → last seq used in this transaction. */
  seqs = new Map<string, number>();
  /** incidentId + device → chain head after this transaction's last append. */
  heads = new Map<string, string>();
  /** incidentId → newest change time, written to `incidents.updated_at` before commit. */
  touched = new Map<string, number>();
  /** Events appended, announced after commit. */
  events: TimelineEvent[] = [];

  checkpoint(): Checkpoint {
    return { seqs: new Map(this.seqs), heads: new Map(this.heads), touched: new Map(this.touched), events: this.events.length };
  }

  restore(checkpoint: Checkpoint): void {
    this.seqs = checkpoint.seqs;
    this.heads = checkpoint.heads;
    this.touched = checkpoint.touched;
    this.events.length = checkpoint.events;
  }

  touch(incidentId: string, at: number): void {
    this.touched.set(incidentId, Math.max(at, this.touched.get(incidentId) ?? 0));
  }
}

export interface AppendOptions {
  occurredAt?: number;
  actor: string;
  /** Defaults to now; set by callers that already stamped a related row with the same time. */
  recordedAt?: number;
}

export class TimelineWriter {
  private readonly lastSeq: Statement<[string, string]>;
  private readonly lastHead: Statement<[string, string]>;
  private readonly insert: Statement;
  private readonly touchIncident: Statement<[number, string]>;
  private readonly index: Statement<[number | bigint, string]>;

  constructor(
    db: Database,
    readonly deviceId: string,
  ) {
    this.lastSeq = db.prepare(
      'SELECT (SELECT 1 FROM incidents WHERE id = ?) AS present, (SELECT max(seq) FROM events WHERE incident_id = ?) AS seq',
    );
    // Walks back on (incident_id, seq); see the schema for why there is no per-device index.
    this.lastHead = db
      .prepare('SELECT chain_head FROM events WHERE incident_id = ? AND device_id = ? ORDER BY seq DESC LIMIT 1')
      .pluck();
    this.insert = db.prepare(
      `INSERT INTO events (id, incident_id, seq, kind, occurred_at, recorded_at, device_id, actor, payload, salt, digest, chain_head)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // VALUES, not INSERT … SELECT from events: reading one table while writing another makes
    // SQLite open a statement journal, which doubled the cost of a note.
    this.index = db.prepare('INSERT INTO events_fts (rowid, search_text) VALUES (?, ?)');
    this.touchIncident = db.prepare('UPDATE incidents SET updated_at = max(updated_at, ?) WHERE id = ?');
  }

  append<K extends EventKind>(tx: TxState, incidentId: string, kind: K, payload: EventPayloads[K], options: AppendOptions): TimelineEvent {
    const recordedAt = options.recordedAt ?? Date.now();
    const occurredAt = options.occurredAt ?? recordedAt;
    if (!Number.isSafeInteger(occurredAt)) throw new UserError(`"Happened at" must be a time in milliseconds, got ${occurredAt}.`, 'E_INVALID');
    const seq = this.nextSeq(tx, incidentId);
    const headKey = `${incidentId}\u0000${this.deviceId}`;
    const previousHead = tx.heads.get(headKey) ?? (this.lastHead.get(incidentId, this.deviceId) as string | undefined) ?? CHAIN_GENESIS;
    const id = ulid(recordedAt);
    const salt = newSalt();
    const fields = { id, kind, occurredAt, recordedAt, deviceId: this.deviceId, actor: options.actor, payload };
    // Stored in canonical JSON: the digest is computed from these exact bytes, so verifying
    // the chain later rehashes the stored text without parsing or re-serialising it.
    const payloadJson = canonicalJson(payload);
    const digest = eventDigestOfCanonicalPayload(salt, fields, payloadJson);
    const chainHead = nextChainHead(previousHead, digest);
    const { lastInsertRowid } = this.insert.run(id, incidentId, seq, kind, occurredAt, recordedAt, this.deviceId, options.actor, payloadJson, salt, digest, chainHead);
    const text = searchText(kind, payload);
    if (text !== null) this.index.run(lastInsertRowid, text);
    tx.heads.set(headKey, chainHead);
    tx.touch(incidentId, recordedAt);
    const event = { ...fields, incidentId, seq, digest, chainHead, redacted: false } as TimelineEvent;
    tx.events.push(event);
    return event;
  }

  /** Writes `updated_at` for every incident the transaction touched; call just before commit. */
  finish(tx: TxState): void {
    for (const [incidentId, at] of tx.touched) this.touchIncident.run(at, incidentId);
  }

  private nextSeq(tx: TxState, incidentId: string): number {
    let seq = tx.seqs.get(incidentId);
    if (seq === undefined) {
      const row = this.lastSeq.get(incidentId, incidentId) as { present: number | null; seq: number | null };
      if (!row.present) throw incidentNotFound(incidentId);
      seq = row.seq ?? 0;
    }
    seq += 1;
    tx.seqs.set(incidentId, seq);
    return seq;
  }
}
