/** The append-only timeline: events in, events out, redaction, chain verification and search. */
import type { Statement } from 'better-sqlite3';
import { UserError } from '../../../common/errors';
import { parseAppendEventInput } from '../../../common/incident/appendEventInput';
import type { AppendEventInput, ChainVerification, SearchHit, TimelineEvent } from '../../../common/incident/model';
import type { TimelineCursor } from '../../../common/incident/timelineOrder';
import { storedLinksWalker, type StoredChainLink } from '../chain';
import { EVENT_COLUMNS, toEvent, type EventRow } from '../rows';
import { SearchIndex, type SearchOptions } from '../searchIndex';
import type { StoreContext } from '../storeContext';

export interface EventsQuery {
  /** Only events with seq greater than this ("everything after N"). */
  afterSeq?: number;
  /** Only events with seq less than this (paging backwards from the newest). */
  beforeSeq?: number;
  limit?: number;
  /** `asc` (default) oldest first; `desc` newest first. */
  order?: 'asc' | 'desc';
}

/**
 * Events read per query when verifying chains: few round trips, bounded memory, and one
 * slice of the sliced verification takes about 10 ms (≈ 5 µs an event, reading included).
 */
const CHAIN_PAGE_EVENTS = 2000;

export interface Participant {
  deviceId: string;
  actor: string;
  events: number;
  lastRecordedAt: number;
}

export class EventRepository {
  private readonly searchIndex: SearchIndex;
  private readonly eventsAsc: Statement;
  private readonly eventsDesc: Statement;
  private readonly eventsByTimeDesc: Statement;
  private readonly getOne: Statement;
  private readonly redact: Statement;
  private readonly chainLinks: Statement;

  constructor(private readonly ctx: StoreContext) {
    const p = (sql: string): Statement => ctx.db.prepare(sql);
    this.searchIndex = new SearchIndex(ctx.db);
    const range = 'WHERE incident_id = @incidentId AND seq > @afterSeq AND seq < @beforeSeq';
    this.eventsAsc = p(`SELECT ${EVENT_COLUMNS} FROM events ${range} ORDER BY seq LIMIT @limit`);
    this.eventsDesc = p(`SELECT ${EVENT_COLUMNS} FROM events ${range} ORDER BY seq DESC LIMIT @limit`);
    // Timeline order (common/incident/timelineOrder.ts), newest first, from a cursor back: a
    // range scan of events_by_time. The row-value comparison is what lets SQLite seek to it.
    this.eventsByTimeDesc = p(
      `SELECT ${EVENT_COLUMNS} FROM events INDEXED BY events_by_time
       WHERE incident_id = @incidentId AND (occurred_at, id) < (@occurredAt, @id)
       ORDER BY occurred_at DESC, id DESC LIMIT @limit`,
    );
    this.getOne = p(`SELECT ${EVENT_COLUMNS} FROM events WHERE id = ?`);
    this.redact = p('UPDATE events SET payload = ?, salt = NULL WHERE id = ?');
    // Named as StoredChainLink's fields, so rows need no mapping; the payload stays text.
    // Read in pages with .all(): a row at a time through .iterate() cost more than the hashing.
    this.chainLinks = p(
      `SELECT seq, id, kind, occurred_at AS occurredAt, recorded_at AS recordedAt, device_id AS deviceId, actor,
        payload AS payloadJson, salt, digest, chain_head AS chainHead
       FROM events WHERE incident_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
    );
  }

  /** Appends a note, star, status-update record…; resolves once committed. */
  append(incidentId: string, event: AppendEventInput): Promise<TimelineEvent> {
    let input: AppendEventInput;
    try {
      input = parseAppendEventInput(event);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.ctx.writes.enqueue((tx) => this.ctx.timeline.append(tx, incidentId, input.kind, input.payload, this.ctx.act(input)));
  }

  appendSync(incidentId: string, event: AppendEventInput): TimelineEvent {
    const input = parseAppendEventInput(event);
    return this.ctx.writes.runSync((tx) => this.ctx.timeline.append(tx, incidentId, input.kind, input.payload, this.ctx.act(input)));
  }

  /** The incident's events in storage order; `afterSeq` gives a reconnecting client what it missed. */
  list(incidentId: string, query: EventsQuery = {}): TimelineEvent[] {
    const statement = query.order === 'desc' ? this.eventsDesc : this.eventsAsc;
    const rows = statement.all({
      incidentId,
      afterSeq: query.afterSeq ?? 0,
      beforeSeq: query.beforeSeq ?? Number.MAX_SAFE_INTEGER,
      limit: query.limit ?? -1,
    }) as EventRow[];
    return rows.map(toEvent);
  }

  /**
   * The newest `limit` events in timeline order (occurredAt, then id) that come before
   * `before` (all of them without one), newest first: how the console pages a timeline back
   * from its end, so a merged or backdated event sits where it happened from the first page on.
   */
  listBefore(incidentId: string, before: TimelineCursor | null, limit: number): TimelineEvent[] {
    const rows = this.eventsByTimeDesc.all({
      incidentId,
      // Past every real event: ids are never longer than 200 characters of printable text.
      occurredAt: before?.occurredAt ?? Number.MAX_SAFE_INTEGER,
      id: before?.id ?? '\u{10FFFF}',
      limit,
    }) as EventRow[];
    return rows.map(toEvent);
  }

  find(eventId: string): TimelineEvent | null {
    const row = this.getOne.get(eventId) as EventRow | undefined;
    return row ? toEvent(row) : null;
  }

  /**
   * Replaces an event's payload with a redacted one and drops its salt. The digest stays, so
   * the chain still verifies, and without the salt the original cannot be guessed back.
   */
  redactPayload(eventId: string, redactedPayload: TimelineEvent['payload']): Promise<TimelineEvent> {
    return this.ctx.writes.enqueue(() => {
      const changed = this.redact.run(JSON.stringify(redactedPayload), eventId);
      if (changed.changes === 0) throw new UserError(`No timeline event with id ${eventId}.`, 'E_NOT_FOUND');
      return this.find(eventId) as TimelineEvent;
    });
  }

  /** Checks every device's hash chain in the incident; one entry per device. */
  verifyChains(incidentId: string): ChainVerification[] {
    const walker = storedLinksWalker();
    for (const page of this.chainLinkPages(incidentId)) for (const link of page) walker.add(link);
    return walker.result();
  }

  /**
   * {@link verifyChains} in slices of CHAIN_PAGE_EVENTS, yielding to the event loop between
   * them, so a long timeline never holds up terminal output or other requests (the host's
   * path; 100 000 events take about half a second of work). Events appended meanwhile are
   * verified too, as the walk reaches them.
   */
  async verifyChainsInSlices(incidentId: string): Promise<ChainVerification[]> {
    const walker = storedLinksWalker();
    for (const page of this.chainLinkPages(incidentId)) {
      for (const link of page) walker.add(link);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return walker.result();
  }

  search(text: string, options: SearchOptions = {}): SearchHit[] {
    return this.searchIndex.search(text, options);
  }

  /** Pages of an incident's events in storage order, read with .all() (cheaper than a row at a time). */
  /**
   * Who recorded in an incident: per device and actor, how many events and the newest
   * `recordedAt` (by that device's clock). The team sync's "who else is here".
   */
  participants(incidentId: string): Participant[] {
    return this.ctx.db
      .prepare(
        `SELECT device_id AS deviceId, actor, count(*) AS events, max(recorded_at) AS lastRecordedAt
         FROM events WHERE incident_id = ? GROUP BY device_id, actor ORDER BY min(seq)`,
      )
      .all(incidentId) as Participant[];
  }

  /** How many events one device recorded in an incident (its chain's length there). */
  countOfDevice(incidentId: string, deviceId: string): number {
    return this.ctx.db.prepare('SELECT count(*) FROM events WHERE incident_id = ? AND device_id = ?').pluck().get(incidentId, deviceId) as number;
  }

  private *chainLinkPages(incidentId: string): IterableIterator<StoredChainLink[]> {
    for (let after = 0; ; ) {
      const page = this.chainLinks.all(incidentId, after, CHAIN_PAGE_EVENTS) as (StoredChainLink & { seq: number })[];
      yield page;
      if (page.length < CHAIN_PAGE_EVENTS) return;
      after = (page[page.length - 1] as { seq: number }).seq;
    }
  }
}
