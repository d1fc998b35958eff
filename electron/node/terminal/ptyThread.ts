/**
 * The ptys live on a thread of their own, which does nothing but read them.
 *
 * Why: the kernel hands a pty's reader at most ~4 KB per read, and the program writing
 * blocks as soon as the small buffer behind it is full. So a pty is only as fast as its
 * reader comes back for more: a reader that spends 1 ms elsewhere per read caps a terminal
 * at ~4 MB/s, whatever the size of that work. The host's event loop also parses, records
 * into SQLite and serves clients, in tasks of a few milliseconds; reading there cost a
 * flood a third of its speed. Here a worker thread (ptyWorker.ts) reads every pty as `script(1)` would, and
 * hands the host the bytes in batches (moved, not copied; the host decodes them): during a
 * flood ≤ BATCH_MAX_BYTES and ≤ BATCH_MS late, otherwise at once (typing echoes without
 * delay). During a flood it also reads ahead by itself, straight into the batch (see
 * `drain`), instead of one event-loop round trip per 4 KB read. The host processes the
 * batches in parallel; if it falls PAUSE_BYTES behind, the worker stops reading that pty (so
 * the program blocks, as it would on a slow terminal) until the host has caught up to
 * RESUME_BYTES. Memory stays bounded however fast a program prints.
 *
 * Spawning is synchronous for the caller (it needs the pid and a failure at once): the host
 * posts the request and sleeps on a shared flag until the worker has answered.
 */
import { createRequire } from 'node:module';
import { Worker, MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type * as NodePty from 'node-pty';
import { Emitter, type Event } from '../../common/event';
import { workerScript } from '../workerScript';
import type { FromWorker, PtyLimits, PtySpawnOptions, PtyWorkerData, SpawnReply, ToWorker } from './ptyProtocol';

export type { PtySpawnOptions } from './ptyProtocol';

/** A batch handed to the host is posted once it holds this much: a few hundred per 100 MB. */
export const BATCH_MAX_BYTES = 64 * 1024;
/** During a flood a batch waits at most this long: well under a frame. */
export const BATCH_MS = 4;
/**
 * A pty that printed more than FLOOD_BYTES within FLOOD_WINDOW_MS is flooding, and its output
 * waits up to BATCH_MS to share a batch; below that (typing, prompts, a listing) each read is
 * handed over at once.
 */
const FLOOD_BYTES = 16 * 1024;
const FLOOD_WINDOW_MS = 10;
/**
 * Output handed over but not yet processed by the host (bytes) at which the worker stops
 * reading: 16 batches, ~30 ms of a fast flood, longer than the host's usual task. It also
 * bounds what a keystroke's echo in another tab may wait behind on the host.
 */
export const PAUSE_BYTES = 1024 * 1024;
/** …and at which it reads again. */
const RESUME_BYTES = 256 * 1024;
/**
 * During a flood the worker reads up to this much per turn of its event loop by itself (see
 * `drain`), then lets its loop run: another tab's keystrokes and echo wait at most that long
 * (a batch, ~1 ms).
 */
const DRAIN_BYTES = 64 * 1024;
/** A pty that printed outside a flood this recently (someone types in it) turns the others' drains off. */
const INTERACTIVE_MS = 1000;
/**
 * The host reports what it processed after this much: a message wakes the worker (a
 * syscall each way), so one per few batches rather than one per batch.
 */
const CONSUMED_REPORT_BYTES = 256 * 1024;
/** Longest a spawn may take on the worker before the host gives up (a fork is milliseconds). */
const SPAWN_TIMEOUT_MS = 15_000;

export interface PtyExit {
  exitCode: number;
  signal: number | undefined;
}

/** Output of a pty, as text, with the bytes it was decoded from when the reader kept them. */
export interface PtyOutput {
  /** UTF-8 decoded across reads: a character is never split across events. */
  text: string;
  /**
   * The bytes read, exactly those `text` was decoded from (the pty thread hands them over
   * without a copy), so the recorder stores a flood without encoding it back to UTF-8.
   */
  bytes?: Uint8Array;
}

/** One pty process as the session sees it, wherever it is read. */
export interface PtyProcess {
  readonly pid: number;
  readonly onData: Event<PtyOutput>;
  /** After the last data event. */
  readonly onExit: Event<PtyExit>;
  write(data: string): void;
  resize(cols: number, rows: number): void;
  kill(signal?: NodeJS.Signals): void;
}

class ThreadPty implements PtyProcess {
  readonly dataEmitter = new Emitter<PtyOutput>();
  readonly exitEmitter = new Emitter<PtyExit>();
  readonly onData = this.dataEmitter.event;
  readonly onExit = this.exitEmitter.event;
  /** Bytes processed since the last report to the worker. */
  consumed = 0;
  /** Each batch ends on a character boundary, so it decodes by itself. */
  readonly decoder = new TextDecoder('utf-8');
  exited = false;

  constructor(
    readonly id: number,
    readonly pid: number,
    private readonly post: (message: ToWorker) => void,
  ) {}

  write(data: string): void {
    if (!this.exited) this.post({ t: 'write', id: this.id, data });
  }

  resize(cols: number, rows: number): void {
    if (!this.exited) this.post({ t: 'resize', id: this.id, cols, rows });
  }

  kill(signal: NodeJS.Signals = 'SIGHUP'): void {
    if (this.exited) return;
    try {
      process.kill(this.pid, signal);
    } catch {
      // Already gone; its exit is on its way.
    }
  }
}

/** Starts ptys: on the pty thread, or (see {@link InThreadPtys}) on the calling thread. */
export interface PtySpawner {
  spawn(file: string, args: string[], options: PtySpawnOptions): PtyProcess;
  dispose(): Promise<void>;
}

/**
 * Ptys read on the calling thread, as node-pty does by itself: for comparison in the
 * benchmarks, and a way out (`WARROOM_PTY_THREAD=off`) should a platform refuse the worker.
 */
export class InThreadPtys implements PtySpawner {
  private readonly pty = createRequire(import.meta.url)('node-pty') as typeof NodePty;

  spawn(file: string, args: string[], options: PtySpawnOptions): PtyProcess {
    const p = this.pty.spawn(file, args, { ...options, encoding: 'utf8' });
    let exited = false;
    p.onExit(() => (exited = true));
    return {
      pid: p.pid,
      onData: (listener) => p.onData((text) => listener({ text })),
      onExit: (listener) => p.onExit(({ exitCode, signal }) => listener({ exitCode, signal: signal || undefined })),
      write: (data) => {
        if (!exited) p.write(data);
      },
      resize: (cols, rows) => {
        if (!exited) p.resize(cols, rows);
      },
      kill: (signal = 'SIGHUP') => {
        if (exited) return;
        try {
          p.kill(signal);
        } catch {
          // Already gone; its exit is on its way.
        }
      },
    };
  }

  async dispose(): Promise<void> {}
}

/** The pty thread unless `WARROOM_PTY_THREAD=off`. */
export function createPtySpawner(env: Record<string, string | undefined> = process.env): PtySpawner {
  return env.WARROOM_PTY_THREAD === 'off' ? new InThreadPtys() : new PtyThread();
}

export interface PtyThreadOptions {
  /** Smaller limits for tests of the flow control; the defaults suit a responder's laptop. */
  limits?: Partial<PtyLimits & { consumedReportBytes: number }>;
}

/**
 * The worker thread that owns every pty of the host. One per PtyHost; it starts with the
 * first spawn and ends with {@link dispose} once no pty is left.
 */
export class PtyThread implements PtySpawner {
  private worker: Worker | undefined;
  private replies: MessagePort | undefined;
  private readonly replyFlag = new Int32Array(new SharedArrayBuffer(4));
  private readonly ptys = new Map<number, ThreadPty>();
  private readonly pausedEmitter = new Emitter<{ pid: number; paused: boolean }>();
  /** The worker stopped or resumed reading a pty (the host fell behind, then caught up). */
  readonly onDidChangeReading = this.pausedEmitter.event;
  private counter = 0;
  private readonly consumedReportBytes: number;

  constructor(private readonly options: PtyThreadOptions = {}) {
    this.consumedReportBytes = options.limits?.consumedReportBytes ?? CONSUMED_REPORT_BYTES;
  }

  spawn(file: string, args: string[], options: PtySpawnOptions): PtyProcess {
    const worker = this.start();
    const id = ++this.counter;
    Atomics.store(this.replyFlag, 0, 0);
    worker.postMessage({ t: 'spawn', id, file, args, options } satisfies ToWorker);
    if (Atomics.wait(this.replyFlag, 0, 0, SPAWN_TIMEOUT_MS) === 'timed-out') {
      throw new Error('the terminal thread did not answer');
    }
    const reply = receiveMessageOnPort(this.replies as MessagePort)?.message as SpawnReply | undefined;
    if (!reply) throw new Error('the terminal thread gave no answer');
    if (!reply.ok) throw new Error(reply.message);
    const p = new ThreadPty(id, reply.pid, (message) => worker.postMessage(message));
    this.ptys.set(id, p);
    return p;
  }

  /**
   * Ends the worker. Call once every pty has exited (the host kills them first). A later
   * spawn starts a new worker, and `onDidChangeReading` keeps its listeners for it.
   */
  async dispose(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    // Closing its port lets the worker's loop run dry and end by itself: terminating it
    // while node-pty still has a callback queued aborts the process.
    worker.postMessage({ t: 'close' } satisfies ToWorker);
    this.replies?.close();
    await exited;
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const { port1, port2 } = new MessageChannel();
    const limits: PtyLimits = {
      batchMaxBytes: BATCH_MAX_BYTES,
      batchMs: BATCH_MS,
      floodBytes: FLOOD_BYTES,
      floodWindowMs: FLOOD_WINDOW_MS,
      pauseBytes: PAUSE_BYTES,
      resumeBytes: RESUME_BYTES,
      drainBytes: DRAIN_BYTES,
      interactiveMs: INTERACTIVE_MS,
    };
    for (const key of Object.keys(limits) as (keyof typeof limits)[]) limits[key] = this.options.limits?.[key] ?? limits[key];
    const workerData: PtyWorkerData = {
      replies: port2,
      replyFlag: this.replyFlag.buffer as SharedArrayBuffer,
      limits,
    };
    const worker = new Worker(workerScript('ptyWorker', import.meta.url), {
      workerData,
      transferList: [port2],
      name: 'warroom-ptys',
      // It holds a batch per pty at most: a small heap keeps the host's memory down.
      resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 64 },
    });
    worker.on('message', (message: FromWorker) => this.receive(message));
    worker.on('error', (error) => this.workerEnded(error));
    worker.on('exit', () => this.workerEnded(undefined));
    this.worker = worker;
    this.replies = port1;
    return worker;
  }

  private receive(message: FromWorker): void {
    const p = this.ptys.get(message.id);
    if (!p) return;
    if (message.t === 'data') {
      // Read first: the bytes move on to the store's writer thread once recorded.
      const size = message.bytes.length;
      try {
        p.dataEmitter.fire({ text: p.decoder.decode(message.bytes), bytes: message.bytes });
      } finally {
        p.consumed += size;
        if (p.consumed >= this.consumedReportBytes) {
          this.worker?.postMessage({ t: 'consumed', id: message.id, bytes: p.consumed } satisfies ToWorker);
          p.consumed = 0;
        }
      }
    } else if (message.t === 'exit') {
      this.end(p, { exitCode: message.exitCode, signal: message.signal });
    } else {
      // Every batch before this message is processed: report them all, or the worker would
      // wait for a report that the next threshold never brings.
      if (message.paused && p.consumed > 0) {
        this.worker?.postMessage({ t: 'consumed', id: message.id, bytes: p.consumed } satisfies ToWorker);
        p.consumed = 0;
      }
      this.pausedEmitter.fire({ pid: p.pid, paused: message.paused });
    }
  }

  private end(p: ThreadPty, exit: PtyExit): void {
    this.ptys.delete(p.id);
    p.exited = true;
    p.exitEmitter.fire(exit);
    p.dataEmitter.dispose();
    p.exitEmitter.dispose();
  }

  /** The worker died (a bug, or out of memory): its ptys are gone with it. */
  private workerEnded(error: Error | undefined): void {
    if (error) console.error('[terminals] the terminal thread failed', error);
    this.worker = undefined;
    for (const p of [...this.ptys.values()]) this.end(p, { exitCode: 1, signal: undefined });
  }
}
