/**
 * SyncService over the host's store: the console's Sync panel, and the automatic sync — every
 * 30 s while a remote is set, and at once (after a short pause that gathers a burst) when this
 * device writes a note or changes a status or severity. One sync at a time; a request made
 * while one runs is served by one more run after it. Teammates' events come in through the
 * store like any other, so the open timeline shows them live.
 */
import { Emitter, type Disposable, type Event } from '../../common/event';
import { isUserError } from '../../common/errors';
import type { EventKind, TimelineEvent } from '../../common/incident/model';
import type { Bundle } from '../../common/report/bundle';
import { estimateClockOffsets } from '../../common/report/clockOffsets';
import { syncFilePath } from '../../common/sync/syncFormat';
import type { SyncParticipant, SyncService, SyncStatus } from '../../common/services/syncService';
import type { RunbookLookup } from '../report/collectBundle';
import type { IncidentStore } from '../store/incidentStore';
import { syncDataDir } from '../sync/syncEngine';
import { readSyncState, updateSyncState } from '../sync/syncState';

export const SYNC_INTERVAL_MS = 30_000;
/** A note typed, then a status changed: one sync for both. */
const SOON_MS = 400;
/** This device's changes that teammates should see at once. */
const URGENT_KINDS = new Set<EventKind>(['note', 'status.changed', 'severity.changed', 'commander.changed']);

export interface SyncServiceOptions {
  store: IncidentStore;
  dataDir: string;
  lookup: RunbookLookup;
  intervalMs?: number;
  logError?: (error: unknown, context: string) => void;
}

export class SyncServiceImpl implements SyncService {
  private readonly changed = new Emitter<{ at: number }>();
  readonly onDidChange: Event<{ at: number }> = this.changed.event;
  private readonly intervalMs: number;
  private readonly interval: ReturnType<typeof setInterval>;
  private readonly subscription: Disposable;
  private soon: ReturnType<typeof setTimeout> | null = null;
  private queue: Promise<void> = Promise.resolve();
  private autoQueued = false;
  private syncing = false;
  private error: string | null = null;
  private disposed = false;

  constructor(private readonly options: SyncServiceOptions) {
    this.intervalMs = options.intervalMs ?? SYNC_INTERVAL_MS;
    this.interval = setInterval(() => this.autoSync(), this.intervalMs);
    this.interval.unref?.();
    this.subscription = options.store.onDidAppendEvents((events) => this.onAppended(events));
  }

  getStatus = async (incidentId: string | null): Promise<SyncStatus> => this.status(incidentId);

  setRemote = async (url: string): Promise<SyncStatus> => {
    await this.enqueue(url);
    return this.status(null);
  };

  syncNow = async (): Promise<SyncStatus> => {
    await this.enqueue(undefined);
    return this.status(null);
  };

  setPrivate = async (incidentId: string, value: boolean): Promise<SyncStatus> => {
    updateSyncState(this.options.dataDir, (state) => {
      const marks = new Set(state.private);
      if (value) marks.add(incidentId);
      else marks.delete(incidentId);
      state.private = [...marks];
    });
    this.fire();
    if (!value) this.autoSync();
    return this.status(incidentId);
  };

  /** Stops the timers and waits for a sync under way: the store closes after this. */
  async dispose(): Promise<void> {
    this.disposed = true;
    clearInterval(this.interval);
    if (this.soon) clearTimeout(this.soon);
    this.subscription.dispose();
    await this.queue;
    this.changed.dispose();
  }

  private onAppended(events: readonly TimelineEvent[]): void {
    const me = this.options.store.deviceId;
    if (!events.some((e) => e.deviceId === me && URGENT_KINDS.has(e.kind))) return;
    if (this.soon) return;
    this.soon = setTimeout(() => {
      this.soon = null;
      this.autoSync();
    }, SOON_MS);
  }

  private autoSync(): void {
    if (this.disposed || this.autoQueued || !readSyncState(this.options.dataDir).remote) return;
    // One automatic sync waiting is enough: it will see every change made before it starts.
    this.autoQueued = true;
    // Its outcome is in the status (the panel shows the error); nothing to throw to.
    this.enqueue(undefined, () => (this.autoQueued = false)).catch(() => undefined);
  }

  /** Runs a sync after those queued before it: one at a time. */
  private enqueue(remote: string | undefined, onStart?: () => void): Promise<void> {
    const run = this.queue.then(() => {
      onStart?.();
      return this.runOnce(remote);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async runOnce(remote: string | undefined): Promise<void> {
    if (this.disposed) return;
    this.syncing = true;
    this.fire();
    try {
      await syncDataDir({ store: this.options.store, dataDir: this.options.dataDir, lookup: this.options.lookup, remote });
      this.error = null;
    } catch (error) {
      if (!isUserError(error)) this.options.logError?.(error, 'team sync');
      // A new remote that fails is not adopted: the remembered one keeps its standing.
      if (remote === undefined) this.error = error instanceof Error ? error.message : String(error);
      throw error;
    } finally {
      this.syncing = false;
      this.fire();
    }
  }

  private fire(): void {
    if (!this.disposed) this.changed.fire({ at: Date.now() });
  }

  private status(incidentId: string | null): SyncStatus {
    const { store, dataDir } = this.options;
    const state = readSyncState(dataDir);
    const me = store.deviceId;
    let incident: SyncStatus['incident'] = null;
    if (incidentId && store.getIncident(incidentId)) {
      const isPrivate = state.private.includes(incidentId);
      const ownEvents = store.countDeviceEvents(incidentId, me);
      incident = {
        private: isPrivate,
        firstSyncPending: state.remote !== null && !isPrivate && ownEvents > 0 && !state.imported[syncFilePath(incidentId, me, 'events')],
        participants: this.participants(incidentId),
      };
    }
    return { remote: state.remote, deviceId: me, intervalMs: this.intervalMs, syncing: this.syncing, lastSync: state.lastSync, error: this.error, incident };
  }

  private participants(incidentId: string): SyncParticipant[] {
    const { store } = this.options;
    const me = store.deviceId;
    const rows = store.getParticipants(incidentId);
    const participants: SyncParticipant[] = rows.map((r) => ({ deviceId: r.deviceId, actor: r.actor, events: r.events, thisDevice: r.deviceId === me }));
    if (new Set(rows.map((r) => r.deviceId)).size < 2) return participants;
    const records = store.readBundleRecords(incidentId);
    const estimate = estimateClockOffsets({ deviceId: me, events: records.events, commands: records.commands } as Bundle);
    for (const p of participants) {
      if (p.thisDevice) continue;
      const clock = estimate.devices.find((d) => d.deviceId === p.deviceId);
      if (clock) p.clock = { low: clock.low, high: clock.high, contradictory: estimate.contradictory };
    }
    return participants;
  }
}
