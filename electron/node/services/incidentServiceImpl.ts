import { UserError } from '../../common/errors';
import { Emitter, type Disposable, type Event } from '../../common/event';
import type { ActionItem } from '../../common/incident/actionItems';
import type { EventKind, Incident, MilestoneName, Milestones, TimelineEvent } from '../../common/incident/model';
import type { TimelineCursor } from '../../common/incident/timelineOrder';
import type { SeverityLevel } from '../../common/runbook/model';
import type { RunbookDocument } from '../../common/services/runbookService';
import type { EventPage, IncidentDetails, IncidentService, IncidentStoreStatus, NewIncidentInput, SeverityOption } from '../../common/services/incidentService';
import type { IncidentStore } from '../store/incidentStore';

/** The scale offered when no attached runbook defines one (the brief's SEV1–SEV4). */
export const DEFAULT_SEVERITIES: readonly SeverityOption[] = [
  { id: 'SEV1', name: 'Critical', responseMinutes: 15, rank: 0 },
  { id: 'SEV2', name: 'High', responseMinutes: 30, rank: 1 },
  { id: 'SEV3', name: 'Medium', responseMinutes: 240, rank: 2 },
  { id: 'SEV4', name: 'Low', responseMinutes: 1440, rank: 3 },
];

/** Event kinds that change what the incidents list shows (title, severity, status…). */
const LIST_KINDS: ReadonlySet<EventKind> = new Set<EventKind>([
  'incident.created',
  'title.changed',
  'severity.changed',
  'status.changed',
  'commander.changed',
  'impact.changed',
  'runbook.attached',
  // A merge may change any of the above (the newest setting event wins, whichever device).
  'bundle.imported',
]);

/**
 * How often the host looks for commits another process made to the same data dir (`warroom
 * import` merging a teammate's bundle, the CLI, a second console): reading PRAGMA
 * data_version costs microseconds, and half a second is soon enough for a merge to show up
 * on an open timeline.
 */
export const EXTERNAL_COMMIT_POLL_MS = 500;
/** Events read and announced per page when catching up with another process's commits. */
const EXTERNAL_PAGE_EVENTS = 5_000;

export interface IncidentServiceOptions {
  /** Tests shorten it; 0 turns the watch off. */
  externalCommitPollMs?: number;
}

/** What the service needs of the runbook library: one runbook by id. */
export interface RunbookSource {
  get(id: string): Promise<RunbookDocument>;
}

/** The store, or why it could not be opened (the host starts either way). */
export type StoreOrRefusal = { store: IncidentStore; file: string } | { error: UserError; file: string };

/**
 * IncidentService over the SQLite store. When the store was refused (damaged, from a newer
 * War Room, unreadable) the host still starts: `getStatus` says why, and every other method
 * throws the store's own one-line message, so the console shows it wherever the user looks.
 */
export class IncidentServiceImpl implements IncidentService, Disposable {
  private readonly appended = new Map<string, Emitter<TimelineEvent[]>>();
  private readonly changedIncidents = new Emitter<{ incidentIds: string[] }>();
  private readonly subscription: Disposable | null;
  /** incidentId → the newest seq announced to its listeners (incidents someone watches). */
  private readonly announcedSeq = new Map<string, number>();
  /** incidentId → lastSeq when the incidents were last compared (for the list's change event). */
  private listedSeqs = new Map<string, number>();
  private dataVersion = 0;
  private externalCheckFailing = false;
  private readonly poll: ReturnType<typeof setInterval> | null = null;

  readonly onDidChangeIncidents: Event<{ incidentIds: string[] }> = this.changedIncidents.event;

  constructor(
    private readonly opened: StoreOrRefusal,
    private readonly runbooks: RunbookSource,
    options: IncidentServiceOptions = {},
  ) {
    this.subscription = 'store' in opened ? opened.store.onDidAppendEvents((events) => this.dispatch(events)) : null;
    const pollMs = options.externalCommitPollMs ?? EXTERNAL_COMMIT_POLL_MS;
    if ('store' in opened && pollMs > 0) {
      this.dataVersion = opened.store.dataVersion;
      this.listedSeqs = this.incidentSeqs();
      this.poll = setInterval(() => this.checkExternalCommits(), pollMs);
      // Watching must never keep a CLI or a test process alive.
      this.poll.unref?.();
    }
  }

  onDidAppendEvent = (incidentId: string): Event<TimelineEvent[]> => {
    return (listener) => {
      let emitter = this.appended.get(incidentId);
      if (!emitter) {
        emitter = new Emitter<TimelineEvent[]>();
        this.appended.set(incidentId, emitter);
        if ('store' in this.opened) this.announcedSeq.set(incidentId, this.opened.store.getIncident(incidentId)?.lastSeq ?? 0);
      }
      const subscription = emitter.event(listener);
      return {
        dispose: () => {
          subscription.dispose();
          // Drop the emitter with its last listener: incidents come and go, the map must not grow.
          if (emitter && !emitter.hasListeners && this.appended.get(incidentId) === emitter) {
            this.appended.delete(incidentId);
            this.announcedSeq.delete(incidentId);
          }
        },
      };
    };
  };

  async getStatus(): Promise<IncidentStoreStatus> {
    return 'store' in this.opened
      ? { ok: true, message: null, file: this.opened.file }
      : { ok: false, message: this.opened.error.message, file: this.opened.file };
  }

  async list(): Promise<Incident[]> {
    return this.store().listIncidents();
  }

  async get(incidentId: string): Promise<IncidentDetails> {
    const store = this.store();
    const incident = this.requireIncident(incidentId);
    const scale = await this.scaleFor(incident.runbookIds);
    return {
      incident,
      severityOptions: scale.options,
      severityRunbookId: scale.runbookId,
      milestones: store.getMilestones(incidentId),
      checklist: store.getChecklistState(incidentId),
      variables: store.getVariables(incidentId),
      actionItems: store.getActionItems(incidentId),
    };
  }

  async severityOptions(runbookIds: string[]): Promise<SeverityOption[]> {
    return (await this.scaleFor(runbookIds)).options;
  }

  async create(input: NewIncidentInput): Promise<Incident> {
    const store = this.store();
    const runbookIds = [...new Set(input.runbookIds ?? [])];
    // Attach only runbooks the library holds: a stale id from a closed tab must not stick.
    const documents = await Promise.all(runbookIds.map((id) => this.runbooks.get(id)));
    const scale = await this.scaleFor(runbookIds);
    checkSeverity(input.severity, scale.options);
    const incident = await store.createIncident({
      title: input.title.trim(),
      severity: input.severity,
      commander: input.commander?.trim() || null,
      impact: input.impact?.trim() || null,
    });
    // Attached one by one so each has its `runbook.attached` event with title and version.
    for (const document of documents) {
      await store.attachRunbook(incident.id, { runbookId: document.summary.id, title: document.summary.title, runbookHash: document.summary.contentHash });
    }
    return this.requireIncident(incident.id);
  }

  async update(incidentId: string, edits: { title?: string; impact?: string | null; commander?: string | null }): Promise<Incident> {
    const changes = {
      title: edits.title?.trim(),
      impact: edits.impact === undefined ? undefined : edits.impact?.trim() || null,
      commander: edits.commander === undefined ? undefined : edits.commander?.trim() || null,
    };
    return (await this.store().updateIncident(incidentId, changes)).incident;
  }

  async setSeverity(incidentId: string, severity: string): Promise<Incident> {
    const incident = this.requireIncident(incidentId);
    checkSeverity(severity, (await this.scaleFor(incident.runbookIds)).options);
    return (await this.store().updateIncident(incidentId, { severity })).incident;
  }

  async setStatus(incidentId: string, status: Incident['status']): Promise<Incident> {
    return (await this.store().updateIncident(incidentId, { status })).incident;
  }

  async addNote(incidentId: string, text: string, happenedAt?: number | null): Promise<TimelineEvent> {
    if (!text.trim()) throw new UserError('A note needs some text.', 'E_INVALID');
    this.requireIncident(incidentId);
    return this.store().appendEvent(incidentId, { kind: 'note', payload: { text }, occurredAt: happenedAt ?? undefined });
  }

  async tickChecklist(incidentId: string, runbookId: string, itemId: string, checked: boolean): Promise<TimelineEvent | null> {
    this.requireIncident(incidentId);
    // The item's words go on the timeline, so the record reads without the runbook at hand.
    const text = await this.runbooks.get(runbookId).then(
      (document) => document.runbook.checklist.find((item) => item.id === itemId)?.text ?? null,
      () => null,
    );
    return this.store().setChecklistItem(incidentId, { runbookId, itemId, checked, text });
  }

  async attachRunbook(incidentId: string, runbookId: string): Promise<TimelineEvent | null> {
    this.requireIncident(incidentId);
    const { summary } = await this.runbooks.get(runbookId);
    return this.store().attachRunbook(incidentId, { runbookId: summary.id, title: summary.title, runbookHash: summary.contentHash });
  }

  async star(incidentId: string, eventId: string): Promise<TimelineEvent> {
    this.requireEventOf(incidentId, eventId);
    return this.store().appendEvent(incidentId, { kind: 'star', payload: { eventId } });
  }

  async unstar(incidentId: string, eventId: string): Promise<TimelineEvent> {
    this.requireEventOf(incidentId, eventId);
    return this.store().appendEvent(incidentId, { kind: 'unstar', payload: { eventId } });
  }

  async addActionItem(incidentId: string, text: string, owner?: string | null): Promise<TimelineEvent> {
    if (!text.trim()) throw new UserError('An action item needs some text.', 'E_INVALID');
    this.requireIncident(incidentId);
    return this.store().appendEvent(incidentId, { kind: 'actionItem.added', payload: { text: text.trim(), owner: owner?.trim() || null } });
  }

  async editActionItem(incidentId: string, itemId: string, text: string, owner?: string | null): Promise<TimelineEvent | null> {
    const item = this.requireActionItem(incidentId, itemId);
    const newText = text.trim();
    const newOwner = owner?.trim() || null;
    if (!newText) throw new UserError('An action item needs some text.', 'E_INVALID');
    if (newText === item.text && newOwner === item.owner) return null;
    return this.store().appendEvent(incidentId, { kind: 'actionItem.edited', payload: { itemId, text: newText, owner: newOwner } });
  }

  async setActionItemDone(incidentId: string, itemId: string, done: boolean): Promise<TimelineEvent | null> {
    const item = this.requireActionItem(incidentId, itemId);
    // Two responders clicking at once: the second click finds it so already and records nothing.
    if (item.done === done) return null;
    return this.store().appendEvent(incidentId, { kind: done ? 'actionItem.done' : 'actionItem.reopened', payload: { itemId, text: item.text } });
  }

  async handOver(incidentId: string, commander: string): Promise<Incident> {
    if (!commander.trim()) throw new UserError('Hand the commander role to someone: the name is empty.', 'E_INVALID');
    return (await this.store().updateIncident(incidentId, { commander: commander.trim() })).incident;
  }

  async setVariable(incidentId: string, name: string, value: string, secret: boolean): Promise<TimelineEvent> {
    this.requireIncident(incidentId);
    return this.store().setVariable(incidentId, { name, value, secret });
  }

  async statusUpdateCopied(incidentId: string, text: string, templateId: string | null): Promise<TimelineEvent> {
    this.requireIncident(incidentId);
    // One entry per version of the text: copying it again (to paste it twice) records nothing new.
    const already = this.store()
      .getEvents(incidentId)
      .find((e) => e.kind === 'statusUpdate.copied' && e.payload.text === text && e.payload.templateId === templateId);
    if (already) return already;
    return this.store().appendEvent(incidentId, { kind: 'statusUpdate.copied', payload: { text, templateId } });
  }

  async statusUpdatePosted(incidentId: string, text: string, templateId: string | null, postedAt: number): Promise<TimelineEvent> {
    this.requireIncident(incidentId);
    return this.store().appendEvent(incidentId, { kind: 'statusUpdate.posted', payload: { text, templateId, channel: null }, occurredAt: postedAt });
  }

  async setMilestone(incidentId: string, milestone: MilestoneName, at: number | null): Promise<Milestones> {
    this.requireIncident(incidentId);
    await this.store().appendEvent(incidentId, { kind: 'milestone.set', payload: { milestone, at } });
    return this.store().getMilestones(incidentId);
  }

  async milestones(incidentId: string): Promise<Milestones> {
    return this.store().getMilestones(incidentId);
  }

  async verifyChains(incidentId: string) {
    // In slices: a long timeline must not hold up terminal output or other requests.
    return this.store().verifyChainsInSlices(incidentId);
  }

  async command(commandId: string) {
    return this.store().getCommand(commandId);
  }

  async search(text: string, incidentId?: string | null) {
    if (!text.trim()) return [];
    return this.store().search(text, incidentId ? { incidentId } : {});
  }

  async getEvents(incidentId: string, afterSeq: number, limit: number): Promise<EventPage> {
    const incident = this.requireIncident(incidentId);
    return { events: this.store().getEvents(incidentId, { afterSeq, limit }), lastSeq: incident.lastSeq };
  }

  async getTimelineBefore(incidentId: string, before: TimelineCursor | null, limit: number): Promise<EventPage> {
    // lastSeq first: an event committed between the two reads is then fetched again by the
    // client's "after lastSeq", never missed (the client drops the duplicate by id).
    const { lastSeq } = this.requireIncident(incidentId);
    const events = this.store().getEventsBefore(incidentId, before, limit).reverse();
    return { events, lastSeq, commandLines: this.linesOfUnstartedCommands(events) };
  }

  /** The command lines of the page's finished commands whose start is not on the page. */
  private linesOfUnstartedCommands(events: readonly TimelineEvent[]): Record<string, string> | undefined {
    const started = new Set(events.flatMap((e) => (e.kind === 'command.started' ? [e.payload.commandId] : [])));
    let lines: Record<string, string> | undefined;
    for (const event of events) {
      if (event.kind !== 'command.finished' || started.has(event.payload.commandId)) continue;
      const command = this.store().getCommand(event.payload.commandId);
      if (command) (lines ??= {})[event.payload.commandId] = command.commandLine;
    }
    return lines;
  }

  dispose(): void {
    if (this.poll) clearInterval(this.poll);
    this.subscription?.dispose();
    for (const emitter of this.appended.values()) emitter.dispose();
    this.appended.clear();
    this.changedIncidents.dispose();
  }

  private dispatch(events: TimelineEvent[]): void {
    const byIncident = new Map<string, TimelineEvent[]>();
    for (const event of events) {
      const list = byIncident.get(event.incidentId);
      if (list) list.push(event);
      else byIncident.set(event.incidentId, [event]);
    }
    const changed: string[] = [];
    for (const [incidentId, list] of byIncident) {
      this.announce(incidentId, list);
      if (list.some((event) => LIST_KINDS.has(event.kind))) changed.push(incidentId);
    }
    if (changed.length) this.changedIncidents.fire({ incidentIds: changed });
  }

  /**
   * Fires events to the incident's listeners so that they always hear an unbroken run of seq
   * numbers: when another process committed in between (its events are not announced yet),
   * those are read and announced first, in the same batch.
   */
  private announce(incidentId: string, events: TimelineEvent[]): void {
    const emitter = this.appended.get(incidentId);
    const announced = this.announcedSeq.get(incidentId);
    if (!emitter || announced === undefined || !('store' in this.opened)) return;
    const batch = events.filter((event) => event.seq > announced);
    const first = batch[0];
    if (!first) return;
    for (let after = announced; after < first.seq - 1; ) {
      const gap = this.opened.store.getEvents(incidentId, { afterSeq: after, beforeSeq: first.seq, limit: EXTERNAL_PAGE_EVENTS });
      if (gap.length === 0) break;
      emitter.fire(gap);
      after = gap.at(-1)!.seq;
    }
    this.announcedSeq.set(incidentId, batch.at(-1)!.seq);
    emitter.fire(batch);
  }

  /**
   * Another process committed to the data dir (the store only reports its own writes): the
   * events it added to watched incidents are announced like local ones, and the incidents
   * list hears which incidents changed or appeared.
   */
  private checkExternalCommits(): void {
    if (!('store' in this.opened)) return;
    const store = this.opened.store;
    try {
      const version = store.dataVersion;
      if (version === this.dataVersion) return;
      this.dataVersion = version;
      const seqs = this.incidentSeqs();
      const changed = [...seqs].filter(([id, seq]) => this.listedSeqs.get(id) !== seq).map(([id]) => id);
      this.listedSeqs = seqs;
      for (const [incidentId, announced] of this.announcedSeq) {
        const last = seqs.get(incidentId) ?? 0;
        for (let after = announced; after < last; ) {
          const page = store.getEvents(incidentId, { afterSeq: after, limit: EXTERNAL_PAGE_EVENTS });
          if (page.length === 0) break;
          this.announce(incidentId, page);
          after = page.at(-1)!.seq;
        }
      }
      if (changed.length) this.changedIncidents.fire({ incidentIds: changed });
      this.externalCheckFailing = false;
    } catch (error) {
      // A busy database: the next tick tries again. Said once, not twice a second.
      if (!this.externalCheckFailing) console.error('checking for commits by other War Room processes failed', error);
      this.externalCheckFailing = true;
    }
  }

  private incidentSeqs(): Map<string, number> {
    if (!('store' in this.opened)) return new Map();
    return new Map(this.opened.store.listIncidents().map((incident) => [incident.id, incident.lastSeq]));
  }

  private store(): IncidentStore {
    if ('store' in this.opened) return this.opened.store;
    throw this.opened.error;
  }

  private requireIncident(incidentId: string): Incident {
    const incident = this.store().getIncident(incidentId);
    if (!incident) throw new UserError(`No incident with id ${incidentId} in this data directory — pick one from the incidents list.`, 'E_NOT_FOUND');
    return incident;
  }

  private requireEventOf(incidentId: string, eventId: string): TimelineEvent {
    const event = this.store().getEvent(eventId);
    if (!event || event.incidentId !== incidentId) throw new UserError(`No event ${eventId} on this incident's timeline.`, 'E_NOT_FOUND');
    return event;
  }

  private requireActionItem(incidentId: string, itemId: string): ActionItem {
    this.requireIncident(incidentId);
    const item = this.store().getActionItems(incidentId).find((i) => i.id === itemId);
    if (!item) throw new UserError(`No action item ${itemId} on this incident — it may have been added on another device and not imported here yet.`, 'E_NOT_FOUND');
    return item;
  }

  /** The first attached runbook that defines a scale decides; a runbook that vanished is skipped. */
  private async scaleFor(runbookIds: readonly string[]): Promise<{ options: SeverityOption[]; runbookId: string | null }> {
    for (const runbookId of runbookIds) {
      const document = await this.runbooks.get(runbookId).catch(() => null);
      if (document && document.runbook.severityLevels.length > 0) {
        return { options: toOptions(document.runbook.severityLevels), runbookId };
      }
    }
    return { options: [...DEFAULT_SEVERITIES], runbookId: null };
  }
}

function toOptions(levels: readonly SeverityLevel[]): SeverityOption[] {
  return [...levels].sort((a, b) => a.rank - b.rank).map((level) => ({ id: level.id, name: level.name, responseMinutes: level.responseMinutes, rank: level.rank }));
}

function checkSeverity(severity: string, options: readonly SeverityOption[]): void {
  if (!options.some((option) => option.id === severity)) {
    throw new UserError(`Severity "${severity}" is not on this incident's scale — pick one of ${options.map((o) => o.id).join(', ')}.`, 'E_INVALID');
  }
}
