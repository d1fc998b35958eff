/**
 * War Room's local store: incidents, their append-only timelines, command records, checklist
 * state, incident inputs and terminal layout, in one SQLite file per data directory.
 *
 * Writes are group-committed (see writeQueue.ts): every mutating method returns a promise that
 * resolves only once its transaction has committed with `synchronous=FULL`, i.e. the change is
 * on disk. Reads are synchronous and see everything committed, by this process or another.
 * `*Sync` methods write in their own transaction at once, for the CLI.
 *
 * Kinds that also change incident state (status, checklist, commands, inputs…) are written by
 * the method that keeps both in step, in one transaction; `appendEvent` takes the rest.
 */
import { userInfo } from 'node:os';
import type { Database } from 'better-sqlite3';
import { UserError } from '../../common/errors';
import { Emitter, type Event } from '../../common/event';
import { deriveActionItems, type ActionItem } from '../../common/incident/actionItems';
import { parseAppendEventInput } from '../../common/incident/appendEventInput';
import { deriveMilestones } from '../../common/incident/milestones';
import {
  isIncidentStatus,
  type AppendEventInput,
  type ChainVerification,
  type ChecklistItemState,
  type CommandRecord,
  type Incident,
  type IncidentStatus,
  type IncidentVariable,
  type Milestones,
  type SearchHit,
  type StepRef,
  type TerminalTab,
  type TimelineEvent,
} from '../../common/incident/model';
import { capOutputText } from '../../common/incident/outputText';
import type { TimelineCursor } from '../../common/incident/timelineOrder';
import { ulid } from '../../common/ulid';
import type { Bundle } from '../../common/report/bundle';
import { importBundle, type BundleImportResult } from './bundleImport';
import { readBundleRecords, type BundleRecords } from './bundleRecords';
import { storedLinksWalker, type StoredChainLink } from './chain';
import { ensureDeviceId } from './deviceId';
import { openDatabase, type OpenDatabaseOptions } from './openDatabase';
import { toCommand, toEvent, toIncident, type CommandRow, type EventRow, type IncidentRow } from './rows';
import { SearchIndex, type SearchOptions } from './searchIndex';
import { prepareStatements, type Statements } from './statements';
import { TimelineWriter, TxState } from './timelineWriter';
import { WriteQueue } from './writeQueue';
import { ChunkWriter, WRITER_STOPPED, type ChunkRowFailure } from './chunkWriter';
import { SAFETY_AUTOCHECKPOINT_PAGES, WalCheckpointer } from './walCheckpointer';
import { WalSync } from './walSync';

export interface IncidentStoreOptions {
  /** Who is recording, when a call names no actor. Defaults to the OS user name. */
  actor?: string;
  /** Group-commit tuning (tests and benches); the defaults are the shipped behaviour. */
  groupCommit?: { windowMs?: number; maxBatch?: number };
}

/** Who did it and, where it differs from now, when it happened. */
export interface ActOptions {
  actor?: string;
  occurredAt?: number;
}

export interface NewIncident {
  title: string;
  severity: string;
  status?: IncidentStatus;
  commander?: string | null;
  impact?: string | null;
  runbookIds?: string[];
}

export interface IncidentChanges {
  title?: string;
  severity?: string;
  status?: IncidentStatus;
  commander?: string | null;
  impact?: string | null;
}

export interface NewCommand {
  sessionId: string;
  commandLine: string;
  cwd?: string | null;
  step?: StepRef | null;
  startedAt?: number;
}

export interface FinishedCommand {
  exitCode: number | null;
  /** Rendered output text; capped to head + tail here if the caller has not already. */
  output: string;
  /** The caller already dropped part of the output (it capped while streaming). */
  outputTruncated?: boolean;
  endedAt?: number;
}

export interface OutputChunk {
  sessionId: string;
  at: number;
  data: Uint8Array;
  commandId: string | null;
  /**
   * The caller gives `data` up: it may move to the writer thread without a copy, which
   * leaves it empty here. Without this the bytes are copied.
   */
  handOver?: boolean;
}

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

/** Longest free text accepted in a title, name or id field; a paste gone wrong is refused. */
const MAX_SHORT_TEXT = 1000;

export class IncidentStore {
  readonly deviceId: string;
  private readonly actor: string;
  private readonly timeline: TimelineWriter;
  private readonly writes: WriteQueue<TxState>;
  private readonly searchIndex: SearchIndex;
  private readonly didAppendEvents = new Emitter<TimelineEvent[]>();
  private readonly stmt: Statements;
  private readonly walSync: WalSync;
  private readonly checkpointer: WalCheckpointer;
  /**
   * Writes raw terminal output off the event loop. Started with the first row (a CLI command
   * or a store that never records a terminal does not pay for a thread); null where it cannot
   * run (a database in memory).
   */
  private chunkWriter: ChunkWriter | null | undefined;
  private readonly nativeBinding: string | undefined;

  /** Events this store committed, in commit order, fired after each commit. */
  readonly onDidAppendEvents: Event<TimelineEvent[]> = this.didAppendEvents.event;

  static open(file: string, options: IncidentStoreOptions & OpenDatabaseOptions = {}): IncidentStore {
    return new IncidentStore(openDatabase(file, options), options);
  }

  /** Takes ownership of an open, migrated database (see openDatabase). */
  constructor(
    private readonly db: Database,
    options: IncidentStoreOptions & OpenDatabaseOptions = {},
  ) {
    this.deviceId = ensureDeviceId(db);
    this.actor = options.actor ?? defaultActor();
    this.timeline = new TimelineWriter(db, this.deviceId);
    this.searchIndex = new SearchIndex(db);
    this.stmt = prepareStatements(db);
    this.walSync = new WalSync(`${db.name}-wal`);
    this.checkpointer = new WalCheckpointer(db, { nativeBinding: options.nativeBinding });
    this.nativeBinding = options.nativeBinding;
    this.writes = new WriteQueue<TxState>(
      db,
      {
        begin: () => new TxState(),
        beforeCommit: (tx) => this.timeline.finish(tx),
        afterCommit: (tx) => {
          if (tx.events.length === 0) return;
          try {
            this.didAppendEvents.fire(tx.events);
          } catch (error) {
            // A listener's bug must not turn a committed write into a reported failure.
            console.error('onDidAppendEvents listener failed', error);
          }
        },
      },
      { ...options.groupCommit, onCommit: (deferred) => {
          if (deferred) this.walSync.request();
          this.checkpointer.committed(deferred);
        } },
    );
  }

  /** Commits pending writes, then closes the database. Closing again does nothing. */
  close(): void {
    if (!this.db.open) return;
    // Its rows first: the host's close below is then the last, and removes the WAL.
    this.chunkWriter?.close();
    this.writes.close();
    this.walSync.close();
    this.checkpointer.close();
    this.didAppendEvents.dispose();
    this.db.close();
  }

  /**
   * Changes whenever another connection (another War Room process on this data dir) commits.
   * `onDidAppendEvents` only reports this store's own writes; a host that shares the data dir
   * polls this and catches up with `getEvents(id, { afterSeq })`.
   */
  get dataVersion(): number {
    return this.stmt.dataVersion.get() as number;
  }

  /** Commits pending writes now instead of at the end of the group-commit window. */
  flush(): void {
    this.writes.flush();
  }

  // ---- incidents -------------------------------------------------------------------------

  /** The creation is the acknowledgement milestone, so it is always stamped now. */
  createIncident(input: NewIncident, options: { actor?: string } = {}): Promise<Incident> {
    return this.writes.enqueue((tx) => this.writeNewIncident(tx, input, options));
  }

  createIncidentSync(input: NewIncident, options: { actor?: string } = {}): Incident {
    return this.writes.runSync((tx) => this.writeNewIncident(tx, input, options));
  }

  /** Active incidents first (most recently changed first), then resolved ones likewise. */
  listIncidents(): Incident[] {
    return (this.stmt.listIncidents.all() as IncidentRow[]).map(toIncident);
  }

  getIncident(incidentId: string): Incident | null {
    const row = this.stmt.getIncident.get(incidentId) as IncidentRow | undefined;
    return row ? toIncident(row) : null;
  }

  /** Changes fields; each actual change is also an event (`title.changed`, `status.changed`…). */
  updateIncident(incidentId: string, changes: IncidentChanges, options: ActOptions = {}): Promise<{ incident: Incident; events: TimelineEvent[] }> {
    return this.writes.enqueue((tx) => this.writeIncidentChanges(tx, incidentId, changes, options));
  }

  /** Attaches a runbook (a `runbook.attached` event); null when it already was attached. */
  attachRunbook(
    incidentId: string,
    runbook: { runbookId: string; title?: string | null; runbookHash?: string | null },
    options: ActOptions = {},
  ): Promise<TimelineEvent | null> {
    return this.writes.enqueue((tx) => {
      const incident = this.requireIncident(incidentId);
      const runbookId = requireText(runbook.runbookId, 'runbook id');
      if (incident.runbookIds.includes(runbookId)) return null;
      this.stmt.setRunbookIds.run(JSON.stringify([...incident.runbookIds, runbookId]), incidentId);
      return this.timeline.append(
        tx,
        incidentId,
        'runbook.attached',
        { runbookId, title: runbook.title ?? null, runbookHash: runbook.runbookHash ?? null },
        this.act(options),
      );
    });
  }

  // ---- timeline --------------------------------------------------------------------------

  /** Appends a note, star, status-update record…; resolves once committed. */
  appendEvent(incidentId: string, event: AppendEventInput): Promise<TimelineEvent> {
    let input: AppendEventInput;
    try {
      input = parseAppendEventInput(event);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.writes.enqueue((tx) => this.timeline.append(tx, incidentId, input.kind, input.payload, this.act(input)));
  }

  appendEventSync(incidentId: string, event: AppendEventInput): TimelineEvent {
    const input = parseAppendEventInput(event);
    return this.writes.runSync((tx) => this.timeline.append(tx, incidentId, input.kind, input.payload, this.act(input)));
  }

  /** The incident's events in storage order; `afterSeq` gives a reconnecting client what it missed. */
  getEvents(incidentId: string, query: EventsQuery = {}): TimelineEvent[] {
    const statement = query.order === 'desc' ? this.stmt.eventsDesc : this.stmt.eventsAsc;
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
  getEventsBefore(incidentId: string, before: TimelineCursor | null, limit: number): TimelineEvent[] {
    const rows = this.stmt.eventsByTimeDesc.all({
      incidentId,
      // Past every real event: ids are never longer than 200 characters of printable text.
      occurredAt: before?.occurredAt ?? Number.MAX_SAFE_INTEGER,
      id: before?.id ?? '\u{10FFFF}',
      limit,
    }) as EventRow[];
    return rows.map(toEvent);
  }

  getEvent(eventId: string): TimelineEvent | null {
    const row = this.stmt.getEvent.get(eventId) as EventRow | undefined;
    return row ? toEvent(row) : null;
  }

  /**
   * Replaces an event's payload with a redacted one and drops its salt. The digest stays, so
   * the chain still verifies, and without the salt the original cannot be guessed back.
   */
  redactEvent(eventId: string, redactedPayload: TimelineEvent['payload']): Promise<TimelineEvent> {
    return this.writes.enqueue(() => {
      const changed = this.stmt.redactEvent.run(JSON.stringify(redactedPayload), eventId);
      if (changed.changes === 0) throw new UserError(`No timeline event with id ${eventId}.`, 'E_NOT_FOUND');
      return this.getEvent(eventId) as TimelineEvent;
    });
  }

  /** Action items as they stand, derived from their events (see common/incident/actionItems.ts). */
  getActionItems(incidentId: string): ActionItem[] {
    return deriveActionItems((this.stmt.actionItemEvents.all(incidentId) as EventRow[]).map(toEvent));
  }

  /** Milestones derived from the timeline (see common/incident/milestones.ts). */
  getMilestones(incidentId: string): Milestones {
    this.requireIncident(incidentId);
    return deriveMilestones((this.stmt.milestoneEvents.all({ incidentId }) as EventRow[]).map(toEvent));
  }

  /** Checks every device's hash chain in the incident; one entry per device. */
  verifyChains(incidentId: string): ChainVerification[] {
    this.requireIncident(incidentId);
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
    this.requireIncident(incidentId);
    const walker = storedLinksWalker();
    for (const page of this.chainLinkPages(incidentId)) {
      for (const link of page) walker.add(link);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return walker.result();
  }

  /** Pages of an incident's events in storage order, read with .all() (cheaper than a row at a time). */
  private *chainLinkPages(incidentId: string): IterableIterator<StoredChainLink[]> {
    for (let after = 0; ; ) {
      const page = this.stmt.chainLinks.all(incidentId, after, CHAIN_PAGE_EVENTS) as (StoredChainLink & { seq: number })[];
      yield page;
      if (page.length < CHAIN_PAGE_EVENTS) return;
      after = (page[page.length - 1] as { seq: number }).seq;
    }
  }

  search(text: string, options: SearchOptions = {}): SearchHit[] {
    return this.searchIndex.search(text, options);
  }

  // ---- checklist -------------------------------------------------------------------------

  /** Ticks or unticks an item (a `checklist.ticked`/`unticked` event); null if already so. */
  setChecklistItem(
    incidentId: string,
    item: { runbookId: string; itemId: string; checked: boolean; text?: string | null },
    options: ActOptions = {},
  ): Promise<TimelineEvent | null> {
    return this.writes.enqueue((tx) => {
      const runbookId = requireText(item.runbookId, 'runbook id');
      const itemId = requireText(item.itemId, 'checklist item id');
      const current = this.stmt.getChecklistItem.get(incidentId, runbookId, itemId) as { checked: number } | undefined;
      if ((current?.checked === 1) === item.checked) return null;
      const act = this.act(options);
      const event = this.timeline.append(
        tx,
        incidentId,
        item.checked ? 'checklist.ticked' : 'checklist.unticked',
        { runbookId, itemId, text: item.text ?? null },
        act,
      );
      this.stmt.setChecklistItem.run(incidentId, runbookId, itemId, item.checked ? 1 : 0, act.actor, event.occurredAt);
      return event;
    });
  }

  getChecklistState(incidentId: string): ChecklistItemState[] {
    return (this.stmt.checklistState.all(incidentId) as { runbook_id: string; item_id: string; checked: number; by: string; at: number }[]).map(
      (row) => ({ incidentId, runbookId: row.runbook_id, itemId: row.item_id, checked: row.checked === 1, by: row.by, at: row.at }),
    );
  }

  // ---- incident inputs -------------------------------------------------------------------

  /** Sets an input; the `input.set` event carries the value only when it is not secret. */
  setVariable(incidentId: string, variable: { name: string; value: string; secret: boolean }, options: ActOptions = {}): Promise<TimelineEvent> {
    return this.writes.enqueue((tx) => {
      const name = requireText(variable.name, 'input name');
      if (typeof variable.value !== 'string') throw new UserError(`The value of input ${name} must be text.`, 'E_INVALID');
      const event = this.timeline.append(
        tx,
        incidentId,
        'input.set',
        { name, secret: variable.secret, value: variable.secret ? null : variable.value },
        this.act(options),
      );
      this.stmt.setVariable.run(incidentId, name, variable.value, variable.secret ? 1 : 0, event.recordedAt);
      return event;
    });
  }

  /** Inputs as clients may see them: secret values are null. */
  getVariables(incidentId: string): IncidentVariable[] {
    return (this.stmt.variables.all(incidentId) as { name: string; value: string; secret: number; updated_at: number }[]).map((row) => ({
      name: row.name,
      secret: row.secret === 1,
      value: row.secret === 1 ? null : row.value,
      updatedAt: row.updated_at,
    }));
  }

  /** Every input with its real value, secrets included: only for the shell's environment. */
  getShellVariables(incidentId: string): Record<string, string> {
    const values: Record<string, string> = {};
    for (const row of this.stmt.variables.all(incidentId) as { name: string; value: string }[]) values[row.name] = row.value;
    return values;
  }

  // ---- commands and output ---------------------------------------------------------------

  /** Records a command that started (a `command.started` event linking the record). */
  startCommand(incidentId: string, command: NewCommand, options: ActOptions = {}): Promise<{ command: CommandRecord; event: TimelineEvent }> {
    return this.writes.enqueue((tx) => {
      const sessionId = requireText(command.sessionId, 'terminal session id');
      if (typeof command.commandLine !== 'string') throw new UserError('A command record needs the command line as text.', 'E_INVALID');
      const startedAt = command.startedAt ?? Date.now();
      const commandId = ulid();
      const step = command.step ?? null;
      const event = this.timeline.append(
        tx,
        incidentId,
        'command.started',
        { commandId, sessionId, commandLine: command.commandLine, cwd: command.cwd ?? null, step },
        { actor: options.actor ?? this.actor, occurredAt: options.occurredAt ?? startedAt },
      );
      this.stmt.insertCommand.run({
        id: commandId,
        incidentId,
        eventId: event.id,
        sessionId,
        runbookId: step?.runbookId ?? null,
        stepId: step?.stepId ?? null,
        runbookHash: step?.runbookHash ?? null,
        commandLine: command.commandLine,
        cwd: command.cwd ?? null,
        startedAt,
      });
      return { command: this.requireCommand(commandId), event };
    });
  }

  /** Records how a command ended and what it printed (a `command.finished` event). */
  finishCommand(commandId: string, result: FinishedCommand, options: ActOptions = {}): Promise<{ command: CommandRecord; event: TimelineEvent }> {
    return this.writes.enqueue((tx) => {
      const record = this.requireCommand(commandId);
      if (record.endedAt !== null) throw new UserError(`Command ${commandId} has already finished.`, 'E_INVALID');
      const endedAt = Math.max(result.endedAt ?? Date.now(), record.startedAt);
      const capped = capOutputText(result.output);
      const truncated = capped.truncated || result.outputTruncated === true;
      const event = this.timeline.append(
        tx,
        record.incidentId,
        'command.finished',
        { commandId, exitCode: result.exitCode, durationMs: endedAt - record.startedAt, outputTruncated: truncated },
        { actor: options.actor ?? this.actor, occurredAt: options.occurredAt ?? endedAt },
      );
      this.stmt.finishCommand.run(endedAt, result.exitCode, record.outputStruck ? null : capped.text, truncated ? 1 : 0, commandId);
      return { command: this.requireCommand(commandId), event };
    });
  }

  /** Removes a command's output (text and raw chunks) from the record; the strike is an event. */
  async strikeOutput(commandId: string, reason: string | null = null, options: ActOptions = {}): Promise<TimelineEvent> {
    // Rows still on their way to the database would come back after the delete.
    await this.outputWritten();
    return this.writes.enqueue((tx) => {
      const record = this.requireCommand(commandId);
      this.stmt.strikeCommand.run(commandId);
      this.stmt.deleteCommandChunks.run(commandId);
      return this.timeline.append(tx, record.incidentId, 'output.struck', { commandId, reason }, this.act(options));
    });
  }

  getCommand(commandId: string): CommandRecord | null {
    const row = this.stmt.getCommand.get(commandId) as CommandRow | undefined;
    return row ? toCommand(row) : null;
  }

  /** The incident's commands with their output, oldest first. */
  listCommands(incidentId: string): CommandRecord[] {
    return (this.stmt.listCommands.all(incidentId) as CommandRow[]).map(toCommand);
  }

  /** Raw terminal output with its arrival time, kept for the asciicast export. */
  appendOutputChunk(incidentId: string, chunk: OutputChunk): Promise<void> {
    const writer = (this.chunkWriter ??= this.startChunkWriter());
    if (!writer?.running) return this.appendOutputChunkHere(incidentId, chunk);
    const size = chunk.data.byteLength;
    return writer.append({ incidentId, sessionId: chunk.sessionId, commandId: chunk.commandId, at: chunk.at, data: chunk.data }, chunk.handOver === true).catch((failure: ChunkRowFailure) => {
      // The worker died: rows whose bytes are still here (not moved to it) are written here.
      if (failure.code === WRITER_STOPPED && chunk.data.byteLength === size) return this.appendOutputChunkHere(incidentId, chunk);
      throw failure.code === 'SQLITE_CONSTRAINT_FOREIGNKEY' ? notFound(incidentId) : new Error(`Terminal output was not stored: ${failure.message}`);
    });
  }

  /** On the event loop (no writer thread): a deferred sync, so a flood's rows never wait on the disk here. */
  private appendOutputChunkHere(incidentId: string, chunk: OutputChunk): Promise<void> {
    // They are synced off the loop right after, and by the command's `finished` commit at the latest.
    return this.writes.enqueue(() => {
      try {
        this.stmt.insertChunk.run(incidentId, chunk.sessionId, chunk.commandId, chunk.at, chunk.data);
      } catch (error) {
        if ((error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw notFound(incidentId);
        throw error;
      }
    }, { deferSync: true });
  }

  /**
   * Resolves once every output row handed to {@link appendOutputChunk} so far is committed:
   * the rows are written by a thread of their own, so a command's end, a strike or an export
   * that must come after them waits for this.
   */
  outputWritten(): Promise<void> {
    return this.chunkWriter?.written() ?? Promise.resolve();
  }

  private startChunkWriter(): ChunkWriter | null {
    return (
      ChunkWriter.start(this.db, {
        insertSql: this.stmt.insertChunk.source,
        autocheckpointPages: SAFETY_AUTOCHECKPOINT_PAGES,
        nativeBinding: this.nativeBinding,
        // Its commits skipped their fsync, as the deferred ones here do.
        onCommit: () => {
          this.walSync.request();
          this.checkpointer.committed(true);
        },
      }) ?? null
    );
  }

  /** A session's raw output in arrival order. */
  *iterateOutputChunks(sessionId: string): IterableIterator<OutputChunk> {
    for (const row of this.stmt.chunks.iterate(sessionId) as IterableIterator<{ command_id: string | null; at: number; data: Buffer }>) {
      yield { sessionId, commandId: row.command_id, at: row.at, data: row.data };
    }
  }

  // ---- bundles (export / import) --------------------------------------------------------

  /** Events with their salts and commands with their event ids, as a bundle holds them. */
  readBundleRecords(incidentId: string): BundleRecords {
    this.requireIncident(incidentId);
    return readBundleRecords(this.db, incidentId);
  }

  /** Merges a teammate's bundle into the incident of the same id (see bundleImport.ts); all or nothing. */
  importBundle(bundle: Bundle): BundleImportResult {
    return this.writes.runSync((tx) => importBundle(this.db, tx, bundle, { timeline: this.timeline, actor: this.actor }));
  }

  // ---- terminal layout -------------------------------------------------------------------

  /** Replaces the incident's saved tab layout. */
  saveTerminalTabs(incidentId: string, tabs: readonly TerminalTab[]): Promise<void> {
    return this.writes.enqueue(() => {
      this.requireIncident(incidentId);
      this.stmt.clearTabs.run(incidentId);
      for (const tab of tabs) {
        this.stmt.insertTab.run(incidentId, tab.id, tab.sessionId, tab.title, tab.cwd, tab.position, tab.active ? 1 : 0);
      }
    });
  }

  getTerminalTabs(incidentId: string): TerminalTab[] {
    return (
      this.stmt.tabs.all(incidentId) as { tab_id: string; session_id: string | null; title: string; cwd: string | null; position: number; active: number }[]
    ).map((row) => ({ id: row.tab_id, sessionId: row.session_id, title: row.title, cwd: row.cwd, position: row.position, active: row.active === 1 }));
  }

  // ---- internals -------------------------------------------------------------------------

  private writeNewIncident(tx: TxState, input: NewIncident, options: { actor?: string }): Incident {
    const title = requireText(input.title, 'incident title');
    const severity = requireText(input.severity, 'severity');
    const status = input.status ?? 'investigating';
    if (!isIncidentStatus(status)) throw new UserError(`Unknown incident status "${String(status)}".`, 'E_INVALID');
    const runbookIds = [...new Set(input.runbookIds ?? [])];
    const commander = optionalText(input.commander, 'commander');
    const impact = input.impact || null;
    const createdAt = Date.now();
    const id = ulid(createdAt);
    this.stmt.insertIncident.run({
      id,
      title,
      severity,
      status,
      commander,
      impact,
      runbookIds: JSON.stringify(runbookIds),
      createdAt,
    });
    this.timeline.append(
      tx,
      id,
      'incident.created',
      { title, severity, status, commander, impact, runbookIds },
      { actor: options.actor ?? this.actor, recordedAt: createdAt },
    );
    return this.requireIncident(id);
  }

  private writeIncidentChanges(tx: TxState, incidentId: string, changes: IncidentChanges, options: ActOptions): { incident: Incident; events: TimelineEvent[] } {
    const before = this.requireIncident(incidentId);
    const act = this.act(options);
    const events: TimelineEvent[] = [];
    if (changes.title !== undefined && changes.title !== before.title) {
      const title = requireText(changes.title, 'incident title');
      this.stmt.setTitle.run(title, incidentId);
      events.push(this.timeline.append(tx, incidentId, 'title.changed', { from: before.title, to: title }, act));
    }
    if (changes.severity !== undefined && changes.severity !== before.severity) {
      const severity = requireText(changes.severity, 'severity');
      this.stmt.setSeverity.run(severity, incidentId);
      events.push(this.timeline.append(tx, incidentId, 'severity.changed', { from: before.severity, to: severity }, act));
    }
    if (changes.status !== undefined && changes.status !== before.status) {
      if (!isIncidentStatus(changes.status)) throw new UserError(`Unknown incident status "${String(changes.status)}".`, 'E_INVALID');
      this.stmt.setStatus.run(changes.status, incidentId);
      events.push(this.timeline.append(tx, incidentId, 'status.changed', { from: before.status, to: changes.status }, act));
    }
    const commander = changes.commander === undefined ? undefined : optionalText(changes.commander, 'commander');
    if (commander !== undefined && commander !== before.commander) {
      this.stmt.setCommander.run(commander, incidentId);
      events.push(this.timeline.append(tx, incidentId, 'commander.changed', { from: before.commander, to: commander }, act));
    }
    const impact = changes.impact === undefined ? undefined : changes.impact || null;
    if (impact !== undefined && impact !== before.impact) {
      this.stmt.setImpact.run(impact, incidentId);
      events.push(this.timeline.append(tx, incidentId, 'impact.changed', { from: before.impact, to: impact }, act));
    }
    return { incident: this.requireIncident(incidentId), events };
  }

  private act(options: ActOptions): { actor: string; occurredAt?: number } {
    return { actor: options.actor ?? this.actor, occurredAt: options.occurredAt };
  }

  private requireIncident(incidentId: string): Incident {
    const incident = this.getIncident(incidentId);
    if (!incident) throw notFound(incidentId);
    return incident;
  }

  private requireCommand(commandId: string): CommandRecord {
    const command = this.getCommand(commandId);
    if (!command) throw new UserError(`No command record with id ${commandId}.`, 'E_NOT_FOUND');
    return command;
  }
}

function notFound(incidentId: string): UserError {
  return new UserError(`No incident with id ${incidentId} in this data directory — list incidents with \`warroom incidents\`.`, 'E_NOT_FOUND');
}

function requireText(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new UserError(`The ${what} must not be empty.`, 'E_INVALID');
  if (value.length > MAX_SHORT_TEXT) throw new UserError(`The ${what} is longer than ${MAX_SHORT_TEXT} characters.`, 'E_INVALID');
  return value;
}

function optionalText(value: unknown, what: string): string | null {
  if (value === null || value === undefined || value === '') return null;
  return requireText(value, what);
}

function defaultActor(): string {
  try {
    return userInfo().username || 'responder';
  } catch {
    // No passwd entry (some containers): still record something meaningful.
    return 'responder';
  }
}
