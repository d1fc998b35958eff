import xtermHeadless from '@xterm/headless';
import type { Terminal as HeadlessTerminal } from '@xterm/headless';
import serializeAddon from '@xterm/addon-serialize';

const { Terminal } = xtermHeadless;
const { SerializeAddon } = serializeAddon;

/** Scrollback of the mirror, and what a snapshot carries: enough to scroll back a few pages. */
const MIRROR_SCROLLBACK_ROWS = 1000;
/**
 * Output parsed right away while it trickles in. Past this much unparsed output the mirror
 * stops parsing (a flood: headless parsing runs at ~50 MB/s, a pty at several hundred) and
 * keeps only the latest MIRROR_BACKLOG_CHARS, parsed when the flood pauses or a snapshot is
 * asked for. A screen only shows the last rows, so the dropped middle is never missed.
 */
const MIRROR_EAGER_CHARS = 256 * 1024;
/** Latest output kept for the mirror during a flood: a few screens of anything. */
const MIRROR_BACKLOG_CHARS = 2 * 1024 * 1024;
/** Quiet time after which a held-back backlog is parsed (a flood has paused). */
const MIRROR_QUIET_MS = 50;

/**
 * The host's copy of a session's screen, from which a client that fell behind (or attaches
 * late) gets a snapshot (@xterm/addon-serialize) instead of the output it missed.
 * Recording never waits for it: writes are synchronous and memory is bounded.
 */
export class ScreenMirror {
  private readonly term: HeadlessTerminal;
  private readonly serializer = new SerializeAddon();
  private inFlight = 0;
  private backlog: string[] = [];
  private backlogChars = 0;
  private lastWrite = 0;
  private quietTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(cols: number, rows: number) {
    this.term = new Terminal({ cols, rows, scrollback: MIRROR_SCROLLBACK_ROWS, allowProposedApi: true });
    this.term.loadAddon(this.serializer);
  }

  write(data: string): void {
    if (this.disposed || !data) return;
    this.lastWrite = Date.now();
    if (this.backlogChars === 0 && this.inFlight < MIRROR_EAGER_CHARS) {
      this.feed(data);
      return;
    }
    this.backlog.push(data);
    this.backlogChars += data.length;
    while (this.backlog.length > 1 && this.backlogChars - (this.backlog[0]?.length ?? 0) >= MIRROR_BACKLOG_CHARS) {
      this.backlogChars -= this.backlog.shift()?.length ?? 0;
    }
    this.quietTimer ??= setTimeout(() => this.onQuietCheck(), MIRROR_QUIET_MS);
  }

  resize(cols: number, rows: number): void {
    if (!this.disposed) this.term.resize(cols, rows);
  }

  /**
   * Everything received so far, parsed and serialised (escape sequences that redraw the
   * screen, scrollback included). Resolves in the same task as the serialisation, so output
   * arriving after it is exactly what the client still needs.
   */
  snapshot(): Promise<string> {
    return new Promise((resolve) => {
      const step = (): void => {
        if (this.disposed) return resolve('');
        if (this.backlogChars > 0) this.flushBacklog();
        this.term.write('', () => {
          if (this.backlogChars > 0) return step();
          resolve(this.serializer.serialize({ scrollback: MIRROR_SCROLLBACK_ROWS }));
        });
      };
      step();
    });
  }

  dispose(): void {
    this.disposed = true;
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.backlog = [];
    this.term.dispose();
  }

  private feed(data: string): void {
    this.inFlight += data.length;
    this.term.write(data, () => {
      this.inFlight -= data.length;
    });
  }

  private flushBacklog(): void {
    const data = this.backlog.join('');
    this.backlog = [];
    this.backlogChars = 0;
    this.feed(data);
  }

  private onQuietCheck(): void {
    this.quietTimer = undefined;
    if (this.disposed || this.backlogChars === 0) return;
    const idle = Date.now() - this.lastWrite;
    if (idle >= MIRROR_QUIET_MS) this.flushBacklog();
    else this.quietTimer = setTimeout(() => this.onQuietCheck(), MIRROR_QUIET_MS - idle);
  }
}
