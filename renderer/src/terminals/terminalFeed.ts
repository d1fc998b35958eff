import type { TerminalOutput } from '../../../electron/common/services/terminalService';
import type { Clock } from '../host/clock';

/** What the feed drives: xterm.js's `write(bytes, parsed)` and `reset()`. */
export interface FeedTerminal {
  write(data: Uint8Array, parsed: () => void): void;
  reset(): void;
}

export interface FeedOptions {
  /** Parsing allowed per frame: the rest of the frame is the console's (clicks, typing, React). */
  budgetMs?: number;
  frameMs?: number;
  /** Output queued beyond what the budget draws in this long is dropped for a redraw. */
  maxBacklogMs?: number;
  /** Bytes the feed is done with, parsed or dropped: the host counts them as drawn (`ack`). */
  release(bytes: number): void;
  /** The feed dropped output it could not draw in time: the host sends the current screen. */
  requestRedraw(): void;
}

/**
 * ~8 ms of parsing per ~66 ms (a flood draws at ~15 frames a second): a flood takes at most an
 * eighth of the page's main thread, and the frames it draws cost the machine's other threads
 * (style, paint, raster) less. At 33 ms a note typed during a 100 MB `cat` took 306–356 ms on
 * 2 cores (no long task at all: the CPU went to drawing and to the host), at 66 ms 143–168 ms
 * (docs/benchmarks.md). Typing and prompts are far under the budget and are never held.
 */
export const PARSE_BUDGET_MS = 8;
export const FRAME_MS = 66;
export const MAX_BACKLOG_MS = 500;
/** A slice is sized to parse in half the budget at the measured rate, within these bounds. */
const MIN_SLICE_BYTES = 1024;
const MAX_SLICE_BYTES = 64 * 1024;
/** Before any measurement: slow (1 MB/s), so the first slice is small; the rate measured grows it. */
const INITIAL_BYTES_PER_MS = 1024;

interface Queued {
  /** Reset the terminal before the first byte of this (a snapshot). */
  reset: boolean;
  data: Uint8Array;
}

/**
 * Feeds one xterm.js terminal its output under a per-frame parse budget. xterm.js parses a
 * write in one go (a 200 KB batch or a snapshot of its scrollback took 100–500 ms, a long
 * task during which the page answered nothing); the feed hands it slices, one at a time, the
 * next from the previous one's write callback, and stops for the frame once the budget is
 * spent. A slice's parse time tunes the next slice's size.
 *
 * Whatever the page cannot draw in time is dropped rather than queued: once the backlog holds
 * more than the budget draws in MAX_BACKLOG_MS, the queued output is released unparsed, the
 * host is asked for a redraw, and output until that snapshot is dropped too (it is older than
 * the snapshot). A snapshot replaces whatever is queued before it. The record on the host is
 * whole anyway; the screen only has to be current.
 */
export class TerminalFeed {
  private readonly queue: Queued[] = [];
  private queuedBytes = 0;
  /** Bytes of the front item already written. */
  private offset = 0;
  private writing = false;
  private frameStart = -Infinity;
  private spent = 0;
  private timer: unknown;
  private bytesPerMs = INITIAL_BYTES_PER_MS;
  private awaitingRedraw = false;
  private visible = true;
  /** Output was dropped while hidden: the screen is out of date until a redraw. */
  private stale = false;
  private disposed = false;
  private readonly budgetMs: number;
  private readonly frameMs: number;
  private readonly maxBacklogMs: number;

  constructor(
    private readonly terminal: FeedTerminal,
    private readonly clock: Clock,
    private readonly options: FeedOptions,
  ) {
    this.budgetMs = options.budgetMs ?? PARSE_BUDGET_MS;
    this.frameMs = options.frameMs ?? FRAME_MS;
    this.maxBacklogMs = options.maxBacklogMs ?? MAX_BACKLOG_MS;
  }

  /** Bytes waiting to be written. */
  get backlog(): number {
    return this.queuedBytes - this.offset;
  }

  /** What the budget draws in `ms` at the rate measured so far. */
  private drawable(ms: number): number {
    return this.bytesPerMs * this.budgetMs * (ms / this.frameMs);
  }

  push(output: TerminalOutput): void {
    if (this.disposed) return;
    if (output.kind === 'snapshot') {
      this.dropQueued();
      this.awaitingRedraw = false;
      this.stale = false;
    } else if (this.awaitingRedraw) {
      // Older than the redraw asked for: the snapshot covers it.
      this.options.release(output.data.length);
      return;
    } else if (!this.visible) {
      // Nobody sees it: no parse (a flood in a background tab would cost the page as much as
      // one in front); the current screen is asked for when the tab is shown.
      this.options.release(output.data.length);
      this.stale = true;
      return;
    }
    this.queue.push({ reset: output.kind === 'snapshot', data: output.data });
    this.queuedBytes += output.data.length;
    if (output.kind === 'data' && this.backlog > this.drawable(this.maxBacklogMs)) {
      this.dropQueued();
      this.awaitingRedraw = true;
      this.options.requestRedraw();
      return;
    }
    this.pump();
  }

  /**
   * A hidden terminal parses nothing: its output is released unparsed, and once shown again it
   * asks the host for the current screen (and scrollback) if any was dropped meanwhile.
   */
  setVisible(visible: boolean): void {
    if (this.disposed || visible === this.visible) return;
    this.visible = visible;
    if (!visible) {
      if (this.backlog > 0) this.stale = true;
      return this.dropQueued();
    }
    if (!this.stale) return;
    this.stale = false;
    this.awaitingRedraw = true;
    this.options.requestRedraw();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private dropQueued(): void {
    const unwritten = this.backlog;
    this.queue.length = 0;
    this.queuedBytes = 0;
    this.offset = 0;
    if (unwritten > 0) this.options.release(unwritten);
  }

  private pump(): void {
    if (this.writing || this.disposed || this.timer !== undefined) return;
    const front = this.queue[0];
    if (!front) return;
    const now = this.clock.now();
    if (now - this.frameStart >= this.frameMs) {
      this.frameStart = now;
      this.spent = 0;
    }
    if (this.spent >= this.budgetMs) {
      this.timer = this.clock.setTimeout(
        () => {
          this.timer = undefined;
          this.pump();
        },
        Math.max(0, this.frameStart + this.frameMs - now),
      );
      return;
    }
    if (front.reset && this.offset === 0) this.terminal.reset();
    const size = Math.round(Math.min(MAX_SLICE_BYTES, Math.max(MIN_SLICE_BYTES, (this.bytesPerMs * this.budgetMs) / 2)));
    const slice = front.data.subarray(this.offset, this.offset + size);
    this.offset += slice.length;
    if (this.offset >= front.data.length) {
      this.queue.shift();
      this.queuedBytes -= front.data.length;
      this.offset = 0;
    }
    this.writing = true;
    const started = now;
    this.terminal.write(slice, () => {
      const took = this.clock.now() - started;
      this.spent += took;
      // A slice of a few hundred bytes says little about the rate; a big one, a lot.
      if (slice.length >= MIN_SLICE_BYTES) {
        const rate = slice.length / Math.max(took, 0.25);
        this.bytesPerMs = 0.7 * this.bytesPerMs + 0.3 * rate;
      }
      this.writing = false;
      this.options.release(slice.length);
      this.pump();
    });
  }
}
