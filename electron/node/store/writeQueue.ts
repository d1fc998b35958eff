/**
 * Group commit. With `synchronous=FULL` every commit waits for the disk; one commit per event
 * would cap the timeline at the disk's sync rate. Writes queue for a few milliseconds and
 * commit together in one BEGIN IMMEDIATE transaction; each write's promise settles only after
 * that transaction has COMMITTED, so "acknowledged" always means "on disk".
 *
 * A write that throws fails alone: the batch is retried with a savepoint around each write,
 * so the others still commit. A write must therefore keep every side effect inside the
 * database or the transaction state (which is checkpointed and restored around it).
 */
import type { Database, Statement } from 'better-sqlite3';
import { UserError } from '../../common/errors';

/**
 * How long the first write of a batch waits for company. A sync on a laptop SSD costs about
 * 1–5 ms, so waiting about one sync lets a burst share it, and it adds at most a quarter of a
 * 16 ms frame to an acknowledgement.
 */
export const GROUP_COMMIT_WINDOW_MS = 4;

/**
 * Most writes in one transaction. A flood commits in slices of this size, one per turn of the
 * event loop: at roughly 30–40 µs per event a slice commits in about 10 ms, so acknowledgements
 * stay well under 20 ms and pty reads and client messages keep flowing between slices instead
 * of waiting behind one huge commit. Larger slices barely raise throughput (the sync is
 * already shared by hundreds of events).
 */
export const MAX_BATCH_WRITES = 256;

/** Per-transaction state a write may keep, with a way back to an earlier point. */
export interface TransactionState<Checkpoint> {
  checkpoint(): Checkpoint;
  restore(checkpoint: Checkpoint): void;
}

export interface WriteQueueHooks<S extends TransactionState<unknown>> {
  /** Fresh state at the start of each transaction. */
  begin(): S;
  /** Last writes inside the transaction (e.g. bookkeeping for everything the batch touched). */
  beforeCommit(state: S): void;
  /** After COMMIT: tell the world. Never throws into the queue. */
  afterCommit(state: S): void;
}

export type Write<S, T> = (state: S) => T;

interface Pending<S> {
  write: Write<S, unknown>;
  /** May commit without waiting for the disk (see {@link EnqueueOptions.deferSync}). */
  deferSync: boolean;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export interface EnqueueOptions {
  /**
   * The write is nothing anyone is told is safe (raw terminal output, never acknowledged to
   * a user): a batch made only of such writes commits with `synchronous=NORMAL`, which in WAL
   * mode survives a crash of the app but leaves the fsync to `onCommit` (off the event
   * loop) or to the next FULL commit, which syncs the whole WAL and so everything before it.
   * Syncing 100 MB of flood output on the event loop would stall the pty reads behind it.
   */
  deferSync?: boolean;
}

export interface WriteQueueOptions {
  windowMs?: number;
  maxBatch?: number;
  /** After each committed batch; `deferred` when it skipped its fsync (schedule one off the event loop). */
  onCommit?: (deferred: boolean) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export class WriteQueue<S extends TransactionState<unknown>> {
  private queue: Pending<S>[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private immediate: ReturnType<typeof setImmediate> | undefined;
  private closed = false;
  private readonly begin: Statement;
  private readonly commit: Statement;
  private readonly rollback: Statement;
  private readonly savepoint: Statement;
  private readonly release: Statement;
  private readonly rollbackTo: Statement;
  /** The connection's `synchronous` level now: FULL (2), except NORMAL (1) during a deferred batch. */
  private syncLevel = 2;

  constructor(
    private readonly db: Database,
    private readonly hooks: WriteQueueHooks<S>,
    private readonly options: WriteQueueOptions = {},
  ) {
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
    this.savepoint = db.prepare('SAVEPOINT write');
    this.release = db.prepare('RELEASE write');
    this.rollbackTo = db.prepare('ROLLBACK TO write');
  }

  /** Queues a write; resolves with its result once its transaction has committed. */
  enqueue<T>(write: Write<S, T>, options: EnqueueOptions = {}): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the incident store is closed'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ write, deferSync: options.deferSync === true, resolve: resolve as (value: unknown) => void, reject });
      if (this.queue.length >= this.maxBatch) this.scheduleImmediate();
      else if (!this.timer && !this.immediate) this.timer = setTimeout(() => this.flushSlice(), this.options.windowMs ?? GROUP_COMMIT_WINDOW_MS);
    });
  }

  /**
   * Commits everything queued, then runs `write` in its own transaction and returns its
   * result: the CLI's path, and for callers that must not return before the write is durable.
   */
  runSync<T>(write: Write<S, T>): T {
    if (this.closed) throw new Error('the incident store is closed');
    this.flush();
    const result = this.transact((state) => write(state));
    this.options.onCommit?.(false);
    return result;
  }

  /** Commits everything queued now. */
  flush(): void {
    this.cancelSchedule();
    while (this.queue.length > 0) this.commitBatch(this.queue.splice(0, this.maxBatch));
  }

  /** Commits what is queued and refuses further writes. */
  close(): void {
    this.flush();
    this.closed = true;
  }

  get pending(): number {
    return this.queue.length;
  }

  private get maxBatch(): number {
    return this.options.maxBatch ?? MAX_BATCH_WRITES;
  }

  private flushSlice(): void {
    this.cancelSchedule();
    if (this.queue.length === 0) return;
    this.commitBatch(this.queue.splice(0, this.maxBatch));
    // The rest waits one turn of the event loop, so other work runs between slices.
    if (this.queue.length > 0) this.scheduleImmediate();
  }

  private scheduleImmediate(): void {
    if (this.immediate) return;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.immediate = setImmediate(() => this.flushSlice());
  }

  private cancelSchedule(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
  }

  private commitBatch(batch: Pending<S>[]): void {
    const deferred = batch.every((item) => item.deferSync);
    if (deferred) this.setSyncLevel(1);
    try {
      this.commitBatchAt(batch, deferred);
    } finally {
      // Back to FULL at once: any other write on this connection (a migration, a direct
      // statement) must never inherit the relaxed level.
      this.setSyncLevel(2);
    }
  }

  private commitBatchAt(batch: Pending<S>[], deferred: boolean): void {
    let outcomes: Outcome[];
    try {
      // Optimistic: every write succeeds, no savepoints needed.
      outcomes = this.transact((state) => batch.map((item): Outcome => ({ ok: true, value: item.write(state) })));
    } catch (firstError) {
      if (isTransactionLevel(firstError)) {
        this.rejectAll(batch, firstError);
        return;
      }
      try {
        outcomes = this.transact((state) => batch.map((item) => this.runIsolated(state, item.write)));
      } catch (error) {
        this.rejectAll(batch, error);
        return;
      }
    }
    this.options.onCommit?.(deferred);
    batch.forEach((item, index) => {
      const outcome = outcomes[index] as Outcome;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }

  private setSyncLevel(level: number): void {
    if (level === this.syncLevel) return;
    // Set outside any transaction (a pragma inside one would not apply to its commit).
    this.db.pragma(`synchronous = ${level}`);
    this.syncLevel = level;
  }

  private runIsolated(state: S, write: Write<S, unknown>): Outcome {
    const checkpoint = state.checkpoint();
    this.savepoint.run();
    try {
      const value = write(state);
      this.release.run();
      return { ok: true, value };
    } catch (error) {
      if (isTransactionLevel(error)) throw error;
      this.rollbackTo.run();
      this.release.run();
      state.restore(checkpoint);
      return { ok: false, error };
    }
  }

  private transact<T>(body: (state: S) => T): T {
    try {
      this.begin.run();
    } catch (error) {
      throw translate(error, this.db.name);
    }
    const state = this.hooks.begin();
    let result: T;
    try {
      result = body(state);
      this.hooks.beforeCommit(state);
      this.commit.run();
    } catch (error) {
      if (this.db.inTransaction) this.rollback.run();
      throw translate(error, this.db.name);
    }
    this.hooks.afterCommit(state);
    return result;
  }

  private rejectAll(batch: Pending<S>[], error: unknown): void {
    for (const item of batch) item.reject(error);
  }
}

/** Errors that doom the whole transaction, not one write: retrying write by write won't help. */
function isTransactionLevel(error: unknown): boolean {
  if (error instanceof UserError) return error.code === 'E_DB_BUSY' || error.code === 'E_DB_IO';
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED|FULL|IOERR|CORRUPT|NOTADB|READONLY|CANTOPEN)/.test(code);
}

/** Turns SQLite's transaction-level failures into one line the responder can act on. */
function translate(error: unknown, file: string): unknown {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return error;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new UserError(
      `Another War Room process kept the database ${file} locked for too long; the change was not saved — close other War Room windows or \`warroom\` commands using this data directory and try again.`,
      'E_DB_BUSY',
    );
  }
  if (code.startsWith('SQLITE_FULL')) {
    return new UserError(`The disk holding ${file} is full; the change was not saved — free some space and try again.`, 'E_DB_IO');
  }
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN')) {
    return new UserError(`Writing to ${file} failed (${code}); the change was not saved — check the disk and the file's permissions.`, 'E_DB_IO');
  }
  return error;
}
