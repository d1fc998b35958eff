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
 *
 * This class owns the connection and its lifecycle; each concern is a repository of its own
 * (repositories/), all writing through one StoreContext, so one transaction may span them.
 * Its methods are the store's public API and hand each call to its repository.
 */
import type { Database, Statement } from 'better-sqlite3';
import { Emitter, type Event } from '../../common/event';
import type { ActionItem } from '../../common/incident/actionItems';
import type {
  AppendEventInput,
  ChainVerification,
  ChecklistItemState,
  CommandRecord,
  Incident,
  IncidentVariable,
  Milestones,
  SearchHit,
  TerminalTab,
  TimelineEvent,
} from '../../common/incident/model';
import type { TimelineCursor } from '../../common/incident/timelineOrder';
import type { Bundle, BundleEvent } from '../../common/report/bundle';
import { importBundle, type BundleImportResult } from './bundleImport';
import { readBundleRecords, readDeviceBundleEvents, type BundleRecords } from './bundleRecords';
import { ensureDeviceId } from './deviceId';
import { openDatabase, type OpenDatabaseOptions } from './openDatabase';
import { ChecklistRepository, type ChecklistTick } from './repositories/checklistRepository';
import { CommandRepository, type FinishedCommand, type NewCommand, type OutputChunk } from './repositories/commandRepository';
import { EventRepository, type EventsQuery, type Participant } from './repositories/eventRepository';
import { IncidentRepository, type IncidentChanges, type NewIncident } from './repositories/incidentRepository';
import { InputRepository } from './repositories/inputRepository';
import { TerminalTabRepository } from './repositories/terminalTabRepository';
import { TimelineViewRepository } from './repositories/timelineViewRepository';
import type { SearchOptions } from './searchIndex';
import { defaultActor, StoreContext, type ActOptions } from './storeContext';
import { TimelineWriter, TxState } from './timelineWriter';
import { WalCheckpointer } from './walCheckpointer';
import { WalSync } from './walSync';
import { WriteQueue } from './writeQueue';

export type { ActOptions } from './storeContext';
export type { FinishedCommand, NewCommand, OutputChunk } from './repositories/commandRepository';
export type { EventsQuery, Participant } from './repositories/eventRepository';
export type { IncidentChanges, NewIncident } from './repositories/incidentRepository';

export interface IncidentStoreOptions {
  /** Who is recording, when a call names no actor. Defaults to the OS user name. */
  actor?: string;
  /** Group-commit tuning (tests and benches); the defaults are the shipped behaviour. */
  groupCommit?: { windowMs?: number; maxBatch?: number };
}

export class IncidentStore {
  readonly deviceId: string;
  readonly incidents: IncidentRepository;
  readonly events: EventRepository;
  readonly views: TimelineViewRepository;
  readonly checklist: ChecklistRepository;
  readonly inputs: InputRepository;
  readonly commands: CommandRepository;
  readonly terminalTabs: TerminalTabRepository;
  private readonly ctx: StoreContext;
  private readonly didAppendEvents = new Emitter<TimelineEvent[]>();
  private readonly dataVersionQuery: Statement;
  private readonly walSync: WalSync;
  private readonly checkpointer: WalCheckpointer;

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
    this.dataVersionQuery = db.prepare('PRAGMA data_version').pluck();
    this.walSync = new WalSync(`${db.name}-wal`);
    this.checkpointer = new WalCheckpointer(db, { nativeBinding: options.nativeBinding });
    const timeline = new TimelineWriter(db, this.deviceId);
    const writes = new WriteQueue<TxState>(
      db,
      {
        begin: () => new TxState(),
        beforeCommit: (tx) => timeline.finish(tx),
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
      { ...options.groupCommit, onCommit: (deferred) => this.committed(deferred) },
    );
    this.ctx = new StoreContext(db, writes, timeline, options.actor ?? defaultActor());
    this.incidents = new IncidentRepository(this.ctx);
    this.events = new EventRepository(this.ctx);
    this.views = new TimelineViewRepository(this.ctx);
    this.checklist = new ChecklistRepository(this.ctx);
    this.inputs = new InputRepository(this.ctx);
    this.commands = new CommandRepository(this.ctx, { nativeBinding: options.nativeBinding, onDeferredCommit: () => this.committed(true) });
    this.terminalTabs = new TerminalTabRepository(this.ctx, this.incidents);
  }

  /** Commits pending writes, then closes the database. Closing again does nothing. */
  close(): void {
    if (!this.db.open) return;
    // Its rows first: the host's close below is then the last, and removes the WAL.
    this.commands.close();
    this.ctx.writes.close();
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
    return this.dataVersionQuery.get() as number;
  }

  /** Commits pending writes now instead of at the end of the group-commit window. */
  flush(): void {
    this.ctx.writes.flush();
  }

  // ---- incidents (repositories/incidentRepository.ts) -------------------------------------

  createIncident(input: NewIncident, options: { actor?: string } = {}): Promise<Incident> {
    return this.incidents.create(input, options);
  }

  createIncidentSync(input: NewIncident, options: { actor?: string } = {}): Incident {
    return this.incidents.createSync(input, options);
  }

  listIncidents(): Incident[] {
    return this.incidents.listAll();
  }

  getIncident(incidentId: string): Incident | null {
    return this.incidents.find(incidentId);
  }

  updateIncident(incidentId: string, changes: IncidentChanges, options: ActOptions = {}): Promise<{ incident: Incident; events: TimelineEvent[] }> {
    return this.incidents.update(incidentId, changes, options);
  }

  attachRunbook(
    incidentId: string,
    runbook: { runbookId: string; title?: string | null; runbookHash?: string | null },
    options: ActOptions = {},
  ): Promise<TimelineEvent | null> {
    return this.incidents.attachRunbook(incidentId, runbook, options);
  }

  // ---- timeline (repositories/eventRepository.ts, timelineViewRepository.ts) -------------

  appendEvent(incidentId: string, event: AppendEventInput): Promise<TimelineEvent> {
    return this.events.append(incidentId, event);
  }

  appendEventSync(incidentId: string, event: AppendEventInput): TimelineEvent {
    return this.events.appendSync(incidentId, event);
  }

  getEvents(incidentId: string, query: EventsQuery = {}): TimelineEvent[] {
    return this.events.list(incidentId, query);
  }

  getEventsBefore(incidentId: string, before: TimelineCursor | null, limit: number): TimelineEvent[] {
    return this.events.listBefore(incidentId, before, limit);
  }

  getEvent(eventId: string): TimelineEvent | null {
    return this.events.find(eventId);
  }

  getParticipants(incidentId: string): Participant[] {
    return this.events.participants(incidentId);
  }

  countDeviceEvents(incidentId: string, deviceId: string): number {
    return this.events.countOfDevice(incidentId, deviceId);
  }

  redactEvent(eventId: string, redactedPayload: TimelineEvent['payload']): Promise<TimelineEvent> {
    return this.events.redactPayload(eventId, redactedPayload);
  }

  verifyChains(incidentId: string): ChainVerification[] {
    this.incidents.require(incidentId);
    return this.events.verifyChains(incidentId);
  }

  verifyChainsInSlices(incidentId: string): Promise<ChainVerification[]> {
    try {
      this.incidents.require(incidentId);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.events.verifyChainsInSlices(incidentId);
  }

  search(text: string, options: SearchOptions = {}): SearchHit[] {
    return this.events.search(text, options);
  }

  getActionItems(incidentId: string): ActionItem[] {
    return this.views.actionItems(incidentId);
  }

  getMilestones(incidentId: string): Milestones {
    this.incidents.require(incidentId);
    return this.views.milestones(incidentId);
  }

  // ---- checklist, inputs, terminal layout -------------------------------------------------

  setChecklistItem(incidentId: string, item: ChecklistTick, options: ActOptions = {}): Promise<TimelineEvent | null> {
    return this.checklist.set(incidentId, item, options);
  }

  getChecklistState(incidentId: string): ChecklistItemState[] {
    return this.checklist.list(incidentId);
  }

  setVariable(incidentId: string, variable: { name: string; value: string; secret: boolean }, options: ActOptions = {}): Promise<TimelineEvent> {
    return this.inputs.set(incidentId, variable, options);
  }

  getVariables(incidentId: string): IncidentVariable[] {
    return this.inputs.list(incidentId);
  }

  getShellVariables(incidentId: string): Record<string, string> {
    return this.inputs.shellValues(incidentId);
  }

  saveTerminalTabs(incidentId: string, tabs: readonly TerminalTab[]): Promise<void> {
    return this.terminalTabs.save(incidentId, tabs);
  }

  getTerminalTabs(incidentId: string): TerminalTab[] {
    return this.terminalTabs.list(incidentId);
  }

  // ---- commands and output (repositories/commandRepository.ts) ----------------------------

  startCommand(incidentId: string, command: NewCommand, options: ActOptions = {}): Promise<{ command: CommandRecord; event: TimelineEvent }> {
    return this.commands.start(incidentId, command, options);
  }

  finishCommand(commandId: string, result: FinishedCommand, options: ActOptions = {}): Promise<{ command: CommandRecord; event: TimelineEvent }> {
    return this.commands.end(commandId, result, options);
  }

  strikeOutput(commandId: string, reason: string | null = null, options: ActOptions = {}): Promise<TimelineEvent> {
    return this.commands.strikeOutput(commandId, reason, options);
  }

  getCommand(commandId: string): CommandRecord | null {
    return this.commands.find(commandId);
  }

  listCommands(incidentId: string): CommandRecord[] {
    return this.commands.list(incidentId);
  }

  appendOutputChunk(incidentId: string, chunk: OutputChunk): Promise<void> {
    return this.commands.appendOutputChunk(incidentId, chunk);
  }

  outputWritten(): Promise<void> {
    return this.commands.outputWritten();
  }

  iterateOutputChunks(sessionId: string): IterableIterator<OutputChunk> {
    return this.commands.iterateOutputChunks(sessionId);
  }

  // ---- bundles (export / import) --------------------------------------------------------

  /** Events with their salts and commands with their event ids, as a bundle holds them. */
  readBundleRecords(incidentId: string): BundleRecords {
    this.incidents.require(incidentId);
    return readBundleRecords(this.db, incidentId);
  }

  /** One device's events in its chain order, from the `offset`-th on, as a bundle holds them. */
  readDeviceBundleEvents(incidentId: string, deviceId: string, offset = 0): BundleEvent[] {
    return readDeviceBundleEvents(this.db, incidentId, deviceId, offset);
  }

  /** Merges a teammate's bundle into the incident of the same id (see bundleImport.ts); all or nothing. */
  importBundle(bundle: Bundle, options: { via?: 'sync' } = {}): BundleImportResult {
    return this.ctx.writes.runSync((tx) => importBundle(this.db, tx, bundle, { timeline: this.ctx.timeline, actor: this.ctx.actor, via: options.via }));
  }

  private committed(deferred: boolean): void {
    if (deferred) this.walSync.request();
    this.checkpointer.committed(deferred);
  }
}
