/**
 * The pty worker's program (an entry of its own, see workerScript.ts): it owns every pty of
 * the host and does nothing but read them, handing the host their output in batches under
 * flow control. ptyThread.ts starts it and says why it exists and why each limit is what it
 * is; ptyProtocol.ts holds the messages.
 */
import { readSync } from 'node:fs';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { spawn as spawnPty, type IPty, type IPtyForkOptions } from 'node-pty';
import type { FromWorker, PtyWorkerData, SpawnReply, ToWorker } from './ptyProtocol';

const data = workerData as PtyWorkerData;
const port = parentPort as MessagePort;
const flag = new Int32Array(data.replyFlag);
const limits = data.limits;

interface Session {
  pty: IPty;
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
  let p: IPty;
  try {
    // encoding null: bytes as read, decoded a batch at a time (see flush).
    p = spawnPty(message.file, message.args, { ...message.options, encoding: null } as unknown as IPtyForkOptions);
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
