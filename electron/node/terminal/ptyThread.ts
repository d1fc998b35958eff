/**
 * The ptys live on a thread of their own, which does nothing but read them.
 *
 * Why: the kernel hands a pty's reader at most ~4 KB per read, and the program writing
 * blocks as soon as the small buffer behind it is full. So a pty is only as fast as its
 * reader comes back for more: a reader that spends 1 ms elsewhere per read caps a terminal
 * at ~4 MB/s, whatever the size of that work. The host's event loop also parses, records
 * into SQLite and serves clients, in tasks of a few milliseconds; reading there cost a
 * flood a third of its speed. Here a worker thread reads every pty as `script(1)` would, and
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

export interface PtySpawnOptions {
  name: string;
  cols: number;
  rows: number;
  cwd: string;
  env: Record<string, string>;
}

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

type ToWorker =
  | { t: 'spawn'; id: number; file: string; args: string[]; options: PtySpawnOptions }
  | { t: 'write'; id: number; data: string }
  | { t: 'resize'; id: number; cols: number; rows: number }
  | { t: 'consumed'; id: number; bytes: number }
  | { t: 'close' };

type FromWorker =
  | { t: 'data'; id: number; bytes: Uint8Array }
  | { t: 'exit'; id: number; exitCode: number; signal: number | undefined }
  | { t: 'paused'; id: number; paused: boolean };

type SpawnReply = { ok: true; pid: number } | { ok: false; message: string };

interface WorkerData {
  nodePty: string;
  replies: MessagePort;
  replyFlag: SharedArrayBuffer;
  limits: {
    batchMaxBytes: number;
    batchMs: number;
    floodBytes: number;
    floodWindowMs: number;
    pauseBytes: number;
    resumeBytes: number;
    drainBytes: number;
    interactiveMs: number;
  };
}

/**
 * The worker's program. It runs from its source text (`String(ptyWorkerMain)`) as a CommonJS
 * worker, so it may use only its parameters and globals — no imports, no outer names — and
 * it needs no build entry of its own: the same code runs from the bundle and in the tests.
 */
function ptyWorkerMain(require: NodeJS.Require, data: WorkerData): void {
  const { parentPort } = require('node:worker_threads') as typeof import('node:worker_threads');
  const pty = require(data.nodePty) as typeof NodePty;
  const port = parentPort as MessagePort;
  const flag = new Int32Array(data.replyFlag);
  const limits = data.limits;
  const { readSync } = require('node:fs') as typeof import('node:fs');
  interface Session {
    pty: NodePty.IPty;
    /**
     * The pty's file descriptor for reading ahead: on Linux, where node-pty's stream has made
     * it non-blocking (checked there); elsewhere none, and only the stream reads.
     */
    fd: number | undefined;
    /** The batch being filled: its first `size` bytes are output not yet handed over. */
    batch: Uint8Array;
    size: number;
    timer: ReturnType<typeof setTimeout> | undefined;
    immediate: ReturnType<typeof setImmediate> | undefined;
    windowStart: number;
    windowBytes: number;
    outstanding: number;
    paused: boolean;
    /** When this pty last printed outside a flood (an echo, a prompt). */
    lastInteractiveAt: number;
  }
  const sessions = new Map<number, Session>();

  const flush = (id: number, s: Session): void => {
    if (s.timer) clearTimeout(s.timer);
    if (s.immediate) clearImmediate(s.immediate);
    s.timer = undefined;
    s.immediate = undefined;
    if (!s.size) return;
    // The batch ends after its last whole UTF-8 character and the bytes of a split one wait
    // for the next read, so the host decodes each batch by itself.
    const cut = wholeUtf8Length(s.batch, s.size);
    if (cut === 0) return;
    if (cut * 2 >= s.batch.length) {
      // Most of a batch (a flood): its memory moves to the host as it is, and a new one is filled.
      const full = s.batch;
      s.batch = new Uint8Array(limits.batchMaxBytes);
      s.batch.set(full.subarray(cut, s.size));
      post(id, s, cut === full.length ? full : full.subarray(0, cut));
    } else {
      // A little (typing, a prompt): copied out, and the batch's memory is reused.
      post(id, s, s.batch.slice(0, cut));
      s.batch.copyWithin(0, cut, s.size);
    }
    s.size -= cut;
    if (!s.paused && s.outstanding >= limits.pauseBytes) {
      s.paused = true;
      s.pty.pause();
      port.postMessage({ t: 'paused', id, paused: true });
    }
  };

  /** Posts a batch; its memory moves to the host instead of being copied. */
  const post = (id: number, s: Session, bytes: Uint8Array): void => {
    s.outstanding += bytes.length;
    port.postMessage({ t: 'data', id, bytes } satisfies FromWorker, [bytes.buffer as ArrayBuffer]);
  };

  /** How many of the first `n` bytes hold whole characters: a trailing lead byte and its partial continuation wait. */
  const wholeUtf8Length = (bytes: Uint8Array, n: number): number => {
    // A character has at most 4 bytes, so a split one starts within the last 3.
    for (let back = 1; back <= Math.min(3, n); back++) {
      const b = bytes[n - back] as number;
      if ((b & 0xc0) === 0x80) continue; // A continuation byte: look further back.
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      return need > back ? n - back : n;
    }
    return n;
  };

  /** Appends output read by node-pty's stream to the batch, handing full batches over. */
  const append = (id: number, s: Session, bytes: Uint8Array): void => {
    for (let at = 0; at < bytes.length; ) {
      const n = Math.min(bytes.length - at, s.batch.length - s.size);
      s.batch.set(bytes.subarray(at, at + n), s.size);
      s.size += n;
      at += n;
      if (s.size === s.batch.length) flush(id, s);
    }
  };

  /**
   * During a flood, reads what else the pty holds straight into the batch, up to
   * limits.drainBytes per turn, and returns how much. The kernel hands a pty's reader ~4 KB per
   * read and refills it while the reader works, so after one read more is usually waiting:
   * reading it here saves the event loop's round trip and node-pty's stream (a buffer and an
   * event) per 4 KB. Not while another pty is in use (its echo would wait behind the drain).
   */
  const drain = (id: number, s: Session, now: number): number => {
    if (s.fd === undefined) return 0;
    for (const other of sessions.values()) if (other !== s && now - other.lastInteractiveAt < limits.interactiveMs) return 0;
    let read = 0;
    while (read < limits.drainBytes && !s.paused) {
      let n: number;
      try {
        n = readSync(s.fd, s.batch, s.size, s.batch.length - s.size, null);
      } catch {
        // EAGAIN: nothing more for now; node-pty's stream reads again once there is.
        // EIO: the pty closed, which the stream sees too.
        break;
      }
      if (n <= 0) break;
      s.size += n;
      read += n;
      if (s.size === s.batch.length) flush(id, s);
    }
    return read;
  };

  const spawn = (message: Extract<ToWorker, { t: 'spawn' }>): SpawnReply => {
    let p: NodePty.IPty;
    try {
      // encoding null: bytes as read, decoded a batch at a time (see flush).
      p = pty.spawn(message.file, message.args, { ...message.options, encoding: null } as unknown as NodePty.IPtyForkOptions);
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    const fd = (p as unknown as { fd?: unknown }).fd;
    const s: Session = {
      pty: p,
      fd: process.platform === 'linux' && typeof fd === 'number' ? fd : undefined,
      batch: new Uint8Array(limits.batchMaxBytes),
      size: 0,
      timer: undefined,
      immediate: undefined,
      windowStart: 0,
      windowBytes: 0,
      outstanding: 0,
      paused: false,
      lastInteractiveAt: 0,
    };
    sessions.set(message.id, s);
    p.onData((chunk) => {
      const bytes = chunk as unknown as Uint8Array;
      const now = Date.now();
      if (now - s.windowStart >= limits.floodWindowMs) {
        s.windowStart = now;
        s.windowBytes = 0;
      }
      append(message.id, s, bytes);
      s.windowBytes += bytes.length;
      if (s.windowBytes > limits.floodBytes) {
        s.windowBytes += drain(message.id, s, now);
        if (s.immediate) clearImmediate(s.immediate);
        s.immediate = undefined;
        if (s.size) s.timer ??= setTimeout(() => flush(message.id, s), limits.batchMs);
      } else {
        s.lastInteractiveAt = now;
        if (!s.timer) s.immediate ??= setImmediate(() => flush(message.id, s));
      }
    });
    p.onExit(({ exitCode, signal }) => {
      flush(message.id, s);
      // Bytes of a character that never completed: decoded as they are (U+FFFD).
      if (s.size) post(message.id, s, s.batch.slice(0, s.size));
      sessions.delete(message.id);
      port.postMessage({ t: 'exit', id: message.id, exitCode, signal: signal || undefined });
    });
    return { ok: true, pid: p.pid };
  };

  port.on('message', (message: ToWorker) => {
    switch (message.t) {
      case 'spawn': {
        const reply = spawn(message);
        data.replies.postMessage(reply);
        Atomics.store(flag, 0, 1);
        Atomics.notify(flag, 0);
        return;
      }
      case 'write':
        sessions.get(message.id)?.pty.write(message.data);
        return;
      case 'resize':
        try {
          sessions.get(message.id)?.pty.resize(message.cols, message.rows);
        } catch {
          // The pty closed under us: its exit is on its way.
        }
        return;
      case 'consumed': {
        const s = sessions.get(message.id);
        if (!s) return;
        s.outstanding -= message.bytes;
        if (s.paused && s.outstanding <= limits.resumeBytes) {
          s.paused = false;
          s.pty.resume();
          port.postMessage({ t: 'paused', id: message.id, paused: false });
        }
        return;
      }
      case 'close':
        port.close();
        data.replies.close();
        return;
    }
  });
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
  limits?: Partial<WorkerData['limits'] & { consumedReportBytes: number }>;
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
    const limits: WorkerData['limits'] = {
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
    const workerData: WorkerData = {
      nodePty: createRequire(import.meta.url).resolve('node-pty'),
      replies: port2,
      replyFlag: this.replyFlag.buffer as SharedArrayBuffer,
      limits,
    };
    // `__name`: a transpiler that keeps function names (tsx, esbuild's keepNames) wraps them
    // in a helper the worker does not have.
    const source = `const __name = (f) => f;\n(${String(ptyWorkerMain)})(require, require('node:worker_threads').workerData);`;
    const worker = new Worker(source, {
      eval: true,
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
