/**
 * Checkpoints the WAL from a worker thread with its own connection, so the copy of committed
 * pages into the database file and its fsyncs never run on the host's event loop. SQLite's
 * automatic checkpoint runs inside the COMMIT that crosses its threshold (every 4 MB by
 * default): during a terminal flood that was most of the event loop's time in the store, and
 * every millisecond there is a millisecond the pty is not read. A PASSIVE checkpoint takes no
 * writer lock, so the host's commits never wait for the worker either.
 *
 * The host connection keeps a larger automatic checkpoint as a safety net: if the worker
 * cannot start or dies, or cannot keep up, the WAL is still bounded.
 */
import type { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import { PacedJob } from './pacedJob';
import { hasDatabaseFile, startStoreWorker } from './storeWorker';

/**
 * The host connection's own automatic checkpoint while the worker runs (pages of 4 KB, so
 * 64 MB): far enough that the worker does the work, near enough to bound the WAL's size.
 */
export const SAFETY_AUTOCHECKPOINT_PAGES = 16_384;
/**
 * Least time between the starts of two checkpoints. Every checkpoint ends with an fsync of
 * the database file, and a terminal flood commits every few milliseconds. At ten a second a
 * `cat` of 100 MB paid ~15 checkpoints, each with its fsync and journal commit, and this
 * thread took ~250 ms of CPU from the flood on a 2-core machine. At one a second it takes
 * ~80 ms during the flood and copies the rest once the output stops; the flood ran ~8 %
 * faster (alternated A/B, 16 rounds: 63.4 → 68.5 MB/s). The WAL then holds up to a second of output, and the
 * safety net above bounds it whatever the rate. Durability does not depend on checkpoints:
 * the WAL is synced.
 */
export const CHECKPOINT_INTERVAL_MS = 1000;
/** SQLite's default, restored when the worker is gone. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;
/**
 * Longest the host's close waits for the worker to close its connection (it finishes a
 * checkpoint first), so that the host's own close is the last one and removes the WAL.
 */
const CLOSE_WAIT_MS = 2000;

export class WalCheckpointer {
  private worker: Worker | undefined;
  /** Set by the worker once its connection is closed. */
  private readonly closedFlag = new Int32Array(new SharedArrayBuffer(4));
  private started = false;
  private readonly job = new PacedJob(CHECKPOINT_INTERVAL_MS, () => this.worker?.postMessage('checkpoint'));

  constructor(
    private readonly db: Database,
    private readonly options: { nativeBinding?: string } = {},
  ) {}

  /**
   * A transaction committed. The worker starts with the first commit whose sync was deferred
   * (terminal output: the volume worth a thread); until then SQLite checkpoints as usual.
   */
  committed(deferred: boolean): void {
    if (!this.started && deferred) this.start();
    // Frames were committed: checkpoint them soon, at most once per CHECKPOINT_INTERVAL_MS.
    if (this.worker) this.job.request();
  }

  private start(): void {
    this.started = true;
    const db = this.db;
    if (!hasDatabaseFile(db)) return;
    try {
      // Its program: walCheckpointWorker.ts, one PASSIVE checkpoint per request.
      const worker = startStoreWorker('walCheckpointWorker', db, this.closedFlag, this.options.nativeBinding);
      worker.unref();
      worker.on('message', () => this.job.finished());
      worker.on('error', () => this.stop());
      worker.on('exit', () => this.stop());
      this.worker = worker;
      db.pragma(`wal_autocheckpoint = ${SAFETY_AUTOCHECKPOINT_PAGES}`);
    } catch {
      this.stop();
    }
  }

  /**
   * Ends the worker and waits (briefly, synchronously) for its connection to close, so the
   * host connection's close that follows is the last: it checkpoints the rest and removes
   * the WAL, leaving one self-contained file.
   */
  close(): void {
    this.job.stop();
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    worker.postMessage('close');
    Atomics.wait(this.closedFlag, 0, 0, CLOSE_WAIT_MS);
  }

  private stop(): void {
    const had = this.worker !== undefined;
    this.worker = undefined;
    this.job.stop();
    if (had && this.db.open) {
      try {
        this.db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
      } catch {
        // The connection is busy closing; nothing left to bound.
      }
    }
  }
}
