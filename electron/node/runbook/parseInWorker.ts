/**
 * Parses runbooks in a worker thread (runbookWorker.ts) so the host's event loop never waits
 * on a large file. One worker is kept while there is work and lets the process exit when
 * idle. Where the worker script is missing (a broken build), parsing falls back to the
 * calling thread: slower for huge files, never wrong.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { UserError } from '../../common/errors';
import type { Runbook } from '../../common/runbook/model';
import { workerScript } from '../workerScript';
import { parseRunbookBytes, parseRunbookFile } from './parseRunbookFile';

export interface RunbookWorkerRequest {
  id: number;
  path: string;
  /** The file's bytes when the caller has them; otherwise the worker reads `path`. */
  bytes?: Uint8Array;
}

export type RunbookWorkerResponse =
  | { id: number; runbook: Runbook }
  | { id: number; userError: { message: string; code: string } }
  | { id: number; failure: string };

export interface ParseInWorkerOptions {
  /** The worker script; defaults to runbookWorker's (see workerScript.ts). */
  workerUrl?: URL | string;
}

function defaultWorkerUrl(): URL | null {
  try {
    return workerScript('runbookWorker', import.meta.url);
  } catch {
    return null; // import.meta.url is empty in a CommonJS bundle; no esbuild to bundle the source
  }
}

function toPath(url: URL | string): string {
  return typeof url === 'string' ? (url.startsWith('file:') ? fileURLToPath(url) : url) : fileURLToPath(url);
}

interface Pending {
  request: RunbookWorkerRequest;
  resolve: (runbook: Runbook) => void;
  reject: (error: Error) => void;
}

class RunbookWorkerClient {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly script: string) {}

  parse(path: string, bytes: Uint8Array | undefined): Promise<Runbook> {
    const request: RunbookWorkerRequest = { id: this.nextId++, path, ...(bytes ? { bytes } : {}) };
    return new Promise<Runbook>((resolve, reject) => {
      this.pending.set(request.id, { request, resolve, reject });
      const worker = this.ensureWorker();
      worker.ref();
      worker.postMessage(request);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script);
    worker.on('message', (response: RunbookWorkerResponse) => this.settle(response));
    // A crashed worker must not lose requests: finish them in this thread.
    worker.on('error', () => this.failOver(worker));
    worker.on('exit', () => this.failOver(worker));
    this.worker = worker;
    return worker;
  }

  private settle(response: RunbookWorkerResponse): void {
    const pending = this.pending.get(response.id);
    if (!pending) return;
    this.pending.delete(response.id);
    if (this.pending.size === 0) this.worker?.unref();
    if ('runbook' in response) pending.resolve(response.runbook);
    else if ('userError' in response) pending.reject(new UserError(response.userError.message, response.userError.code));
    else pending.reject(new Error(`The runbook parser failed on ${pending.request.path}: ${response.failure}`));
  }

  private failOver(worker: Worker): void {
    if (this.worker !== worker) return;
    this.worker = null;
    const stranded = [...this.pending.values()];
    this.pending.clear();
    for (const { request, resolve, reject } of stranded) parseHere(request.path, request.bytes).then(resolve, reject);
  }
}

function parseHere(path: string, bytes: Uint8Array | undefined): Promise<Runbook> {
  if (bytes) {
    try {
      return Promise.resolve(parseRunbookBytes(path, bytes));
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }
  return parseRunbookFile(path);
}

const clients = new Map<string, RunbookWorkerClient>();

/**
 * Parses the runbook at `input.path` (or its given bytes) in a worker thread. Rejects with a
 * `UserError` when the file is missing, unreadable, binary or empty, exactly as `parseRunbookFile`.
 */
export function parseInWorker(input: { path: string; bytes?: Uint8Array }, options: ParseInWorkerOptions = {}): Promise<Runbook> {
  const url = options.workerUrl ?? defaultWorkerUrl();
  const script = url === null ? null : toPath(url);
  if (script === null || !existsSync(script)) return parseHere(input.path, input.bytes);
  let client = clients.get(script);
  if (!client) {
    client = new RunbookWorkerClient(script);
    clients.set(script, client);
  }
  return client.parse(input.path, input.bytes);
}
