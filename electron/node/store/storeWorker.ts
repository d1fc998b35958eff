/**
 * What the store's worker threads (the WAL checkpointer, the output writer) share: their
 * program is source text evaluated as CommonJS (a separate entry file would need its own build
 * step), which opens its own connection to the database file with better-sqlite3 loaded from
 * the path the host resolved and the host's native binding (Electron's ABI inside the app),
 * and closes it when the host says 'close', raising a shared flag the host waits on.
 */
import { createRequire } from 'node:module';
import type { Database } from 'better-sqlite3';

/**
 * Lowers the worker's CPU priority to nice 10, on Linux, where nice is per thread.
 *
 * Why: these threads copy terminal floods into the database and checkpoint it, work that may
 * lag. On a laptop's few cores they compete with the program printing and with the pty
 * thread reading it; at normal priority each of their wake-ups preempted one of those and
 * stalled the pty. At nice 10 they take what the terminals leave, and still get their share
 * when the machine is busy. Elsewhere (macOS, Windows) priority belongs to the whole process,
 * which also runs the shells: left alone.
 */
const LOWER_THREAD_PRIORITY = `
if (process.platform === 'linux') {
  try {
    const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
    require('node:os').setPriority(tid, 10);
  } catch {
    // No /proc, or not allowed: the thread runs at the process's priority.
  }
}
`;

/** A worker's program: `body` defines `handle(message)` for every message but 'close', with `db` open. */
export function storeWorkerSource(body: string): string {
  return `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
${LOWER_THREAD_PRIORITY}
const closed = new Int32Array(workerData.closed);
const db = new Database(workerData.file, { fileMustExist: true, nativeBinding: workerData.nativeBinding });
${body}
parentPort.on('message', (message) => {
  if (message !== 'close') return handle(message);
  try {
    db.close();
  } finally {
    Atomics.store(closed, 0, 1);
    Atomics.notify(closed, 0);
    parentPort.close();
  }
});
`;
}

/** The worker data every store worker needs; `closed` is the flag it raises once closed. */
export function storeWorkerData(db: Database, closed: Int32Array, nativeBinding: string | undefined): Record<string, unknown> {
  return { module: createRequire(import.meta.url).resolve('better-sqlite3'), file: db.name, nativeBinding, closed: closed.buffer };
}

/** Whether another connection can open the database (one in memory or temporary has no file). */
export function hasDatabaseFile(db: Database): boolean {
  return Boolean(db.name) && db.name !== ':memory:' && !db.memory;
}
