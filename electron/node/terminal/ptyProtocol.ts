/**
 * The messages between the host (ptyThread.ts) and the pty worker (ptyWorker.ts). Types
 * only: each side's bundle carries its own code and none of the other's.
 */
import type { MessagePort } from 'node:worker_threads';

export interface PtySpawnOptions {
  name: string;
  cols: number;
  rows: number;
  cwd: string;
  env: Record<string, string>;
}

export type ToWorker =
  | { t: 'spawn'; id: number; file: string; args: string[]; options: PtySpawnOptions }
  | { t: 'write'; id: number; data: string }
  | { t: 'resize'; id: number; cols: number; rows: number }
  | { t: 'consumed'; id: number; bytes: number }
  | { t: 'close' };

export type FromWorker =
  | { t: 'data'; id: number; bytes: Uint8Array }
  | { t: 'exit'; id: number; exitCode: number; signal: number | undefined }
  | { t: 'paused'; id: number; paused: boolean };

export type SpawnReply = { ok: true; pid: number } | { ok: false; message: string };

/** The worker's flow-control limits (ptyThread.ts says why each is what it is). */
export interface PtyLimits {
  batchMaxBytes: number;
  batchMs: number;
  floodBytes: number;
  floodWindowMs: number;
  pauseBytes: number;
  resumeBytes: number;
  drainBytes: number;
  interactiveMs: number;
}

export interface PtyWorkerData {
  /** Spawn replies, read synchronously by the host (receiveMessageOnPort). */
  replies: MessagePort;
  /** Raised by the worker once a spawn reply is posted; the host sleeps on it. */
  replyFlag: SharedArrayBuffer;
  limits: PtyLimits;
}
