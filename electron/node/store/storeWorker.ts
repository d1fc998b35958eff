/**
 * What the store's worker threads (the WAL checkpointer, the output writer) share, host side:
 * each is an entry file of its own (`<name>.ts` beside this one, see workerScript.ts) that
 * opens its own connection to the database file with the host's native binding (Electron's
 * ABI inside the app) and closes it when the host says 'close', raising a shared flag the
 * host waits on (storeWorkerMain.ts is their side).
 */
import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import { workerScript } from '../workerScript';

/** What every store worker gets, plus what its own program needs. */
export interface StoreWorkerData {
  file: string;
  nativeBinding: string | undefined;
  /** An Int32Array's memory: the worker stores 1 there once its connection is closed. */
  closed: SharedArrayBuffer;
}

/** Starts the store worker `name` on the database's file; `closed` is the flag it raises once closed. */
export function startStoreWorker(name: 'chunkWriterWorker' | 'walCheckpointWorker', db: Database, closed: Int32Array, nativeBinding: string | undefined, extra: Record<string, unknown> = {}): Worker {
  const workerData: StoreWorkerData = { file: db.name, nativeBinding, closed: closed.buffer as SharedArrayBuffer };
  return new Worker(workerScript(name, import.meta.url), { workerData: { ...extra, ...workerData } });
}

/** Whether another connection can open the database (one in memory or temporary has no file). */
export function hasDatabaseFile(db: Database): boolean {
  return Boolean(db.name) && db.name !== ':memory:' && !db.memory;
}
