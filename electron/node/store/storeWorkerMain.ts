/**
 * The store workers' side of storeWorker.ts: opens the worker's connection, lowers its
 * thread's priority, hands every message but 'close' to the worker's handler, and on 'close'
 * closes the connection and raises the host's flag. Imported only by worker entries.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { StoreWorkerData } from './storeWorker';

/**
 * Runs a store worker: `setup` gets the open connection and the worker data and returns the
 * handler of the host's messages, which answers each through `reply`.
 */
export function runStoreWorker<Data, Message>(
  setup: (db: Database.Database, data: StoreWorkerData & Data) => (message: Message, reply: (answer: unknown) => void) => void,
): void {
  const data = workerData as StoreWorkerData & Data;
  const port = parentPort as MessagePort;
  lowerThreadPriority();
  const closed = new Int32Array(data.closed);
  const db = new Database(data.file, { fileMustExist: true, nativeBinding: data.nativeBinding });
  const handle = setup(db, data);
  port.on('message', (message: Message | 'close') => {
    if (message !== 'close') return handle(message, (answer) => port.postMessage(answer));
    try {
      db.close();
    } finally {
      Atomics.store(closed, 0, 1);
      Atomics.notify(closed, 0);
      port.close();
    }
  });
}

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
function lowerThreadPriority(): void {
  if (process.platform !== 'linux') return;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    setPriority(tid, 10);
  } catch {
    // No /proc, or not allowed: the thread runs at the process's priority.
  }
}
