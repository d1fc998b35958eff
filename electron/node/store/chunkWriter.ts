/**
 * Stores raw terminal output (the rows of the asciicast export) from a worker thread with a
 * connection of its own, so that a flood's 100 MB never pass through SQLite on the host's
 * event loop. There they took a third of its time during a `cat` of a big file: copying each
 * row into pages, checksumming and writing the WAL frames. Every millisecond of it delayed
 * the pty's next batch, the clients and the timeline.
 *
 * The rows commit with `synchronous=NORMAL`, like the host's own deferred writes (nobody is
 * told raw output is safe): the host syncs the WAL off its loop soon after (WalSync), and any
 * FULL commit syncs it at once. Ordering with the host's writes is the caller's business:
 * {@link ChunkWriter.written} resolves once everything handed over is committed (a command's
 * `finished` and a strike wait for it). SQLite lets one connection write at a time; the
 * worker's transactions (POST_AT_BYTES at most) take a few milliseconds, and a host commit
 * waits that long at most.
 */
import type { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import { hasDatabaseFile, startStoreWorker } from './storeWorker';

export interface ChunkRow {
  incidentId: string;
  sessionId: string;
  commandId: string | null;
  at: number;
  data: Uint8Array;
}

/** The failure code of rows the worker never answered for: it stopped (or never started). */
export const WRITER_STOPPED = 'E_WRITER_STOPPED';

/** Why a row was not stored, as the worker saw it. */
export interface ChunkRowFailure {
  code: string | undefined;
  message: string;
}

/** Rows' bytes after which the worker collects its young generation (see chunkWriterWorker.ts). */
const COLLECT_EVERY_BYTES = 8 * 1024 * 1024;
/**
 * Rows wait on the host until this many bytes or POST_WAIT_MS, then go to the worker in one
 * message and one transaction. Each message wakes the worker, and its answer wakes the host:
 * posting every pty batch (64 KB) on its own, a flood woke the two threads each other ~2 000
 * times, which on a 2-core laptop took the CPU from the pty and the program printing.
 */
export const POST_AT_BYTES = 1024 * 1024;
/**
 * Longest a row waits to be posted. The WAL is synced at most every WAL_SYNC_INTERVAL_MS
 * (100 ms) anyway, so this adds nothing to what a crash may take; a barrier posts at once.
 */
export const POST_WAIT_MS = 20;
/** Longest the host's close waits for the worker to commit what it has and close. */
const CLOSE_WAIT_MS = 5000;

/** What the worker (chunkWriterWorker.ts) needs besides the database. */
export interface ChunkWriterData {
  insertSql: string;
  autocheckpointPages: number;
  /** Rows' bytes after which the worker collects its young generation. */
  collectEveryBytes: number;
}

export interface RowsMessage {
  t: 'rows';
  id: number;
  rows: ChunkRow[];
}

export interface RowsReply {
  id: number;
  failed: { index: number; failure: ChunkRowFailure }[];
}

interface Waiter {
  resolve(): void;
  reject(failure: ChunkRowFailure): void;
}

interface Batch {
  id: number;
  rows: ChunkRow[];
  bytes: number;
  /** Memory of rows handed over, moved to the worker instead of copied. */
  transfer: Set<ArrayBuffer>;
  waiters: Waiter[];
  /** Resolves when the worker has answered for it (committed or failed, every row). */
  answered: Promise<void>;
  answer(): void;
}

export class ChunkWriter {
  private readonly inFlight = new Map<number, Batch>();
  private next: Batch | undefined;
  private counter = 0;
  private postTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  /** The batch posted last: the worker answers in order, so its answer covers the others. */
  private lastPosted: Promise<void> = Promise.resolve();

  private constructor(
    private readonly worker: Worker,
    /** Set by the worker once its connection is closed. */
    private readonly closedFlag: Int32Array,
    /** After the worker committed rows: the host syncs and checkpoints them. */
    private readonly onCommit: () => void,
  ) {
    worker.on('message', (reply: RowsReply) => this.answered(reply));
    // A worker that dies takes nothing with it but the rows in flight: fail them.
    worker.on('exit', () => this.failAll('the terminal output writer stopped'));
    worker.on('error', () => this.failAll('the terminal output writer failed'));
  }

  /**
   * A writer for the database's file, or undefined where no other connection can open it
   * (in memory) or no worker starts; raw output is then written on the event loop.
   */
  static start(db: Database, options: { insertSql: string; autocheckpointPages: number; nativeBinding?: string; onCommit: () => void }): ChunkWriter | undefined {
    if (!hasDatabaseFile(db)) return undefined;
    try {
      const closedFlag = new Int32Array(new SharedArrayBuffer(4));
      const worker = startStoreWorker('chunkWriterWorker', db, closedFlag, options.nativeBinding, {
        insertSql: options.insertSql,
        autocheckpointPages: options.autocheckpointPages,
        collectEveryBytes: COLLECT_EVERY_BYTES,
      } satisfies ChunkWriterData);
      worker.unref();
      return new ChunkWriter(worker, closedFlag, options.onCommit);
    } catch {
      return undefined;
    }
  }

  /** False once closed, or once the worker died (the store then writes rows itself). */
  get running(): boolean {
    return !this.closed;
  }

  /**
   * Stores a row; resolves once it is committed, rejects with why it was not. `handOver`:
   * the caller will not read the row's bytes again, so when they own their memory it moves
   * to the worker (a flood's 100 MB are then neither copied nor left for this thread's
   * garbage collector).
   */
  append(row: ChunkRow, handOver = false): Promise<void> {
    if (this.closed) return Promise.reject({ code: WRITER_STOPPED, message: 'the output writer is closed' } satisfies ChunkRowFailure);
    const batch = (this.next ??= this.newBatch());
    const done = new Promise<void>((resolve, reject) => batch.waiters.push({ resolve, reject }));
    batch.rows.push(row);
    batch.bytes += row.data.byteLength;
    const memory = row.data.buffer;
    if (handOver && memory instanceof ArrayBuffer && row.data.byteOffset === 0 && row.data.byteLength === memory.byteLength) batch.transfer.add(memory);
    if (batch.bytes >= POST_AT_BYTES) this.post();
    else this.postTimer ??= setTimeout(() => this.post(), POST_WAIT_MS);
    return done;
  }

  /** Resolves once every row handed over so far is committed (or has failed). */
  written(): Promise<void> {
    this.post();
    return this.lastPosted;
  }

  /** Commits what was handed over, then closes the worker's connection (waits for it, briefly). */
  close(): void {
    if (this.closed) return;
    this.post();
    this.closed = true;
    this.worker.postMessage('close');
    Atomics.wait(this.closedFlag, 0, 0, CLOSE_WAIT_MS);
  }

  private post(): void {
    if (this.postTimer) clearTimeout(this.postTimer);
    this.postTimer = undefined;
    const batch = this.next;
    if (!batch) return;
    this.next = undefined;
    this.inFlight.set(batch.id, batch);
    this.lastPosted = batch.answered;
    this.worker.postMessage({ t: 'rows', id: batch.id, rows: batch.rows } satisfies RowsMessage, [...batch.transfer]);
  }

  private answered(reply: RowsReply): void {
    const batch = this.inFlight.get(reply.id);
    if (!batch) return;
    this.inFlight.delete(reply.id);
    if (reply.failed.length < batch.rows.length) this.onCommit();
    const failures = new Map(reply.failed.map((f) => [f.index, f.failure]));
    batch.waiters.forEach((waiter, index) => {
      const failure = failures.get(index);
      if (failure) waiter.reject(failure);
      else waiter.resolve();
    });
    batch.answer();
  }

  private newBatch(): Batch {
    let answer = (): void => undefined;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    return { id: ++this.counter, rows: [], bytes: 0, transfer: new Set(), waiters: [], answered, answer };
  }

  private failAll(message: string): void {
    this.closed = true;
    for (const batch of [...this.inFlight.values(), ...(this.next ? [this.next] : [])]) {
      for (const waiter of batch.waiters) waiter.reject({ code: WRITER_STOPPED, message });
      batch.answer();
    }
    this.inFlight.clear();
    this.next = undefined;
    if (this.postTimer) clearTimeout(this.postTimer);
    this.postTimer = undefined;
  }
}
