import { OutputBatcher } from './outputBatcher';

/** Unacknowledged bytes after which a client gets no more output until it catches up (VS Code's figure). */
export const HIGH_WATERMARK_BYTES = 100_000;
/** Unacknowledged bytes at which a paused client is resumed (VS Code's low watermark). */
export const LOW_WATERMARK_BYTES = 5_000;
/**
 * Least time between two catch-up snapshots of one client, as a flood starts. A client that
 * cannot keep up with a flood pauses again right after each snapshot; a snapshot costs the
 * host a parse of the mirror's backlog and a serialisation of its scrollback (tens of ms),
 * time taken from recording, and costs the renderer a redraw and the live output that follows
 * it, time taken from the rest of the console. Four redraws a second show a flood moving.
 */
export const CATCH_UP_INTERVAL_MS = 250;
/**
 * While the flood goes on, each wait doubles up to this: after a second of it nobody reads
 * it, and the console (notes, the timeline, Ctrl+C) matters more than its frames.
 */
export const CATCH_UP_MAX_INTERVAL_MS = 1000;
/**
 * Output quiet for this long means the flood is over (it ended, or Ctrl+C stopped it): a
 * paused client is redrawn at once, whatever the interval, so the prompt shows without delay.
 */
export const CATCH_UP_QUIET_MS = 50;

/** What a client gets: UTF-8 bytes, which travel as binary frames and xterm.js parses as they are. */
export type ClientMessage =
  /** Live output to write to the client's terminal. */
  | { kind: 'data'; data: Uint8Array }
  /** The whole screen: reset the client's terminal, then write this. */
  | { kind: 'snapshot'; data: Uint8Array };

/** What a snapshot covers: the screen and its scrollback, or the screen alone (see ScreenMirror). */
export type SnapshotScope = 'full' | 'screen';

/**
 * One client's view of one session (tmux's way with slow clients): batched live output
 * while the client keeps up; past the high watermark of unacknowledged bytes, nothing more,
 * and once it has drawn enough (acks below the low watermark), a snapshot of the screen
 * from the host's mirror and live output again. The pty is never paused for a client.
 *
 * A catch-up while output still floods redraws the screen alone: the scrollback would be
 * stale again within a frame, and serialising it cost the host ~10 ms per redraw and the
 * renderer a thousand rows. Once output goes quiet, a client redrawn that way gets a full
 * snapshot, so its scrollback holds the end of the flood.
 */
export class ClientOutputChannel {
  private readonly batcher: OutputBatcher;
  private unacked = 0;
  private mode: 'live' | 'paused' | 'snapshotting' = 'live';
  private disposed = false;
  private lastSnapshotAt = -Infinity;
  /** The wait before the next catch-up: grows while a flood goes on (see CATCH_UP_MAX_INTERVAL_MS). */
  private interval = CATCH_UP_INTERVAL_MS;
  private lastOutputAt = -Infinity;
  private catchUpTimer: ReturnType<typeof setTimeout> | undefined;
  /** Redrawn without its scrollback during a flood: owed a full snapshot once output is quiet. */
  private owesScrollback = false;
  private scrollbackTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly send: (message: ClientMessage) => void,
    private readonly snapshot: (scope: SnapshotScope) => Promise<string>,
  ) {
    this.batcher = new OutputBatcher((data) => this.deliver('data', data));
  }

  get paused(): boolean {
    return this.mode !== 'live';
  }

  get unackedBytes(): number {
    return this.unacked;
  }

  push(data: string): void {
    this.lastOutputAt = Date.now();
    if (this.mode === 'live' && !this.disposed) this.batcher.push(data);
  }

  /** The client drew `bytes` more (xterm.js `write` callback). */
  ack(bytes: number): void {
    this.unacked = Math.max(0, this.unacked - Math.max(0, bytes));
    if (this.mode === 'paused' && this.unacked <= LOW_WATERMARK_BYTES) this.catchUp();
  }

  /** Sends a fresh snapshot (a client attaching, or one that reloaded). */
  resync(scope: SnapshotScope = 'full'): void {
    if (this.disposed || this.mode === 'snapshotting') return;
    if (this.catchUpTimer) clearTimeout(this.catchUpTimer);
    this.catchUpTimer = undefined;
    this.mode = 'snapshotting';
    this.batcher.clear();
    void this.snapshot(scope).then((screen) => {
      if (this.disposed) return;
      // Output arriving from here on is after the snapshot, so live resumes with it.
      this.mode = 'live';
      this.lastSnapshotAt = Date.now();
      this.owesScrollback = scope === 'screen';
      if (this.owesScrollback) this.sendScrollbackWhenQuiet();
      this.deliver('snapshot', screen);
    });
  }

  dispose(): void {
    this.disposed = true;
    if (this.catchUpTimer) clearTimeout(this.catchUpTimer);
    if (this.scrollbackTimer) clearTimeout(this.scrollbackTimer);
    this.batcher.dispose();
  }

  /**
   * A paused client has drawn what it got: a snapshot once the interval allows, or at once
   * when the output has gone quiet. Checked again every CATCH_UP_QUIET_MS while it waits.
   */
  private catchUp(): void {
    const now = Date.now();
    const quiet = now - this.lastOutputAt >= CATCH_UP_QUIET_MS;
    const wait = this.lastSnapshotAt + this.interval - now;
    if (quiet || wait <= 0) {
      // Still flooding, and redrawn within the last two waits: the next redraw waits longer.
      const flooding = !quiet && now - this.lastSnapshotAt < 2 * this.interval;
      this.interval = flooding ? Math.min(CATCH_UP_MAX_INTERVAL_MS, this.interval * 2) : CATCH_UP_INTERVAL_MS;
      return this.resync(quiet ? 'full' : 'screen');
    }
    this.catchUpTimer ??= setTimeout(() => {
      this.catchUpTimer = undefined;
      if (this.mode === 'paused') this.catchUp();
    }, Math.min(wait, CATCH_UP_QUIET_MS));
  }

  /**
   * Once output has been quiet for CATCH_UP_QUIET_MS, a live client redrawn without its
   * scrollback gets it (a paused one gets it from catchUp). Checked every CATCH_UP_QUIET_MS.
   */
  private sendScrollbackWhenQuiet(): void {
    if (this.scrollbackTimer) clearTimeout(this.scrollbackTimer);
    this.scrollbackTimer = setTimeout(() => {
      this.scrollbackTimer = undefined;
      if (this.disposed || !this.owesScrollback || this.mode !== 'live') return;
      if (Date.now() - this.lastOutputAt >= CATCH_UP_QUIET_MS) this.resync('full');
      else this.sendScrollbackWhenQuiet();
    }, CATCH_UP_QUIET_MS);
  }

  private deliver(kind: ClientMessage['kind'], text: string): void {
    if (this.disposed) return;
    // "Behind" is what the client has not drawn before this message: one batch (up to
    // BATCH_MAX_CHARS, above the watermark) must not pause, and then snapshot, a client
    // that keeps up. A client already behind gets nothing more; its snapshot covers this.
    if (kind === 'data') {
      // Paused, or being redrawn: the snapshot covers this. (Output can reach the batcher
      // after it was cleared: the push whose flush paused the client queues its own data.)
      if (this.mode !== 'live') return;
      if (this.unacked > HIGH_WATERMARK_BYTES) {
        this.mode = 'paused';
        this.batcher.clear();
        return;
      }
    }
    const data = Buffer.from(text, 'utf8');
    this.unacked += data.length;
    this.send({ kind, data: new Uint8Array(data.buffer, data.byteOffset, data.length) });
  }
}
