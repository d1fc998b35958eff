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
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import { LOWER_THREAD_PRIORITY } from './backgroundThread';
import { PacedJob } from './pacedJob';

/**
 * The host connection's own automatic checkpoint while the worker runs (pages of 4 KB, so
 * 64 MB): far enough that the worker does the work, near enough to bound the WAL's size.
 */
export const SAFETY_AUTOCHECKPOINT_PAGES = 16_384;
/**
 * Least time between the starts of two checkpoints. Every checkpoint ends with an fsync of
 * the database file, and a terminal flood commits every few milliseconds: checkpointing
 * after each commit synced the file hundreds of times per 100 MB, for the same pages copied.
 * Ten a second keep the WAL within a few MB of the database during a flood.
 */
export const CHECKPOINT_INTERVAL_MS = 100;
/** SQLite's default, restored when the worker is gone. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;
/**
 * Longest the host's close waits for the worker to close its connection (it finishes a
 * checkpoint first), so that the host's own close is the last one and removes the WAL.
 */
const CLOSE_WAIT_MS = 2000;

/**
 * The worker's whole program, evaluated as CommonJS: a separate entry file would need its own
 * build step, and this is a dozen lines. It loads better-sqlite3 from the path the host
 * resolved, with the host's native binding (Electron's ABI inside the app).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
${LOWER_THREAD_PRIORITY}
const closed = new Int32Array(workerData.closed);
const db = new Database(workerData.file, { fileMustExist: true, nativeBinding: workerData.nativeBinding });
parentPort.on('message', (message) => {
  if (message === 'close') {
    try {
      db.close();
    } finally {
      Atomics.store(closed, 0, 1);
      Atomics.notify(closed, 0);
      parentPort.close();
    }
    return;
  }
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or I/O trouble: the next request, or the host's safety net, tries again.
  }
  parentPort.postMessage('done');
});
`;

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
    // An in-memory or temporary database has no file another connection could open.
    if (!db.name || db.name === ':memory:' || db.memory) return;
    try {
      const require = createRequire(import.meta.url);
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { module: require.resolve('better-sqlite3'), file: db.name, nativeBinding: this.options.nativeBinding, closed: this.closedFlag.buffer },
      });
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
