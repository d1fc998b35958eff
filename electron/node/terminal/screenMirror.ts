import xtermHeadless from '@xterm/headless';
import type { Terminal as HeadlessTerminal } from '@xterm/headless';
import serializeAddon from '@xterm/addon-serialize';

const { Terminal } = xtermHeadless;
const { SerializeAddon } = serializeAddon;

/** Scrollback of the mirror, and what a snapshot carries: enough to scroll back a few pages. */
const MIRROR_SCROLLBACK_ROWS = 1000;
/**
 * Output parsed right away while it trickles in (typing, prompts, a `kubectl get`). More than
 * this within MIRROR_QUIET_MS is a flood: the mirror stops parsing and keeps only the latest
 * backlog (see backlogLimit), parsed once the flood pauses or a snapshot is asked for. Parsing
 * during a flood would cost more than reading (headless runs at ~50 MB/s) and, since a pty
 * buffer holds only a few KB, every millisecond the event loop spends parsing is a
 * millisecond the program writing is blocked. A screen only shows its last rows, so the
 * dropped middle is never missed.
 */
const MIRROR_EAGER_CHARS = 64 * 1024;
/**
 * Latest output kept for the mirror during a flood, per cell of its screen and scrollback:
 * twice what fills them, for lines that carry colour sequences or end short. Kept small
 * because every catch-up snapshot during a flood parses it (tens of ms per 100 KB on a
 * slow laptop), and every string held across a flood is copied by each young-generation GC.
 */
const BACKLOG_CHARS_PER_CELL = 2;
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
  /** Chars received since output last paused for MIRROR_QUIET_MS. */
  private burstChars = 0;
  private backlog: string[] = [];
  private backlogChars = 0;
  private lastWrite = 0;
  private backlogLimit: number;
  private quietTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(cols: number, rows: number) {
    this.backlogLimit = backlogLimitFor(cols, rows);
    this.term = new Terminal({ cols, rows, scrollback: MIRROR_SCROLLBACK_ROWS, allowProposedApi: true });
    this.term.loadAddon(this.serializer);
  }

  write(data: string): void {
    if (this.disposed || !data) return;
    const now = Date.now();
    if (now - this.lastWrite >= MIRROR_QUIET_MS) this.burstChars = 0;
    this.lastWrite = now;
    this.burstChars += data.length;
    if (this.backlogChars === 0 && this.burstChars <= MIRROR_EAGER_CHARS) {
      this.term.write(data);
      return;
    }
    this.backlog.push(data);
    this.backlogChars += data.length;
    while (this.backlog.length > 1 && this.backlogChars - (this.backlog[0]?.length ?? 0) >= this.backlogLimit) {
      this.backlogChars -= this.backlog.shift()?.length ?? 0;
    }
    this.quietTimer ??= setTimeout(() => this.onQuietCheck(), MIRROR_QUIET_MS);
  }

  resize(cols: number, rows: number): void {
    if (this.disposed) return;
    this.backlogLimit = backlogLimitFor(cols, rows);
    this.term.resize(cols, rows);
  }

  /**
   * Everything received so far, parsed and serialised (escape sequences that redraw the
   * screen, scrollback included). Resolves in the same task as the serialisation, so output
   * arriving after it is exactly what the client still needs.
   */
  snapshot(): Promise<string> {
    return this.parsedSnapshot(MIRROR_SCROLLBACK_ROWS);
  }

  /**
   * The screen alone, for a client that fell behind while output floods (its scrollback
   * comes with a full snapshot once the flood is over). When the output held back since the
   * mirror last parsed ends in plain lines, at least a screenful, those lines are the screen
   * and nothing is parsed or serialised: a catch-up during a flood of logs costs nothing.
   */
  screenSnapshot(): Promise<string> {
    if (this.disposed) return Promise.resolve('');
    const lines = this.term.buffer.active.type === 'normal' ? plainLastLines(this.backlog, this.term.rows) : undefined;
    return lines === undefined ? this.parsedSnapshot(0) : Promise.resolve(lines);
  }

  private parsedSnapshot(scrollback: number): Promise<string> {
    return new Promise((resolve) => {
      const step = (): void => {
        if (this.disposed) return resolve('');
        if (this.backlogChars > 0) this.flushBacklog();
        this.term.write('', () => {
          if (this.backlogChars > 0) return step();
          resolve(this.serializer.serialize({ scrollback }));
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

  private flushBacklog(): void {
    const data = this.backlog.join('');
    this.backlog = [];
    this.backlogChars = 0;
    this.term.write(plainTextTail(data, this.term.rows + MIRROR_SCROLLBACK_ROWS));
  }

  private onQuietCheck(): void {
    this.quietTimer = undefined;
    if (this.disposed || this.backlogChars === 0) return;
    const idle = Date.now() - this.lastWrite;
    if (idle >= MIRROR_QUIET_MS) this.flushBacklog();
    else this.quietTimer = setTimeout(() => this.onQuietCheck(), MIRROR_QUIET_MS - idle);
  }
}

/** A sequence (ESC, or a C1 control) that may move the cursor or set a colour: not plain text. */
const SEQUENCE = /[\x1b\x80-\x9f]/;

/**
 * The part of a backlog that can still be on screen or in the scrollback: when the backlog is
 * plain text (no escape sequence moves the cursor back up), only its last `lines` lines.
 * The backlog is sized for the worst case (long or coloured lines); a flood of short plain
 * lines, the usual `cat` of a log, would otherwise be parsed twice over for every snapshot.
 */
export function plainTextTail(data: string, lines: number): string {
  let start = data.length;
  for (let n = 0; n <= lines; n++) {
    start = data.lastIndexOf('\n', start - 1);
    if (start <= 0) return data;
  }
  // Everything before the cut scrolls out of the scrollback, unless a sequence (ESC, or a
  // C1 control) moves the cursor.
  return SEQUENCE.test(data) ? data : data.slice(start + 1);
}

/**
 * The last `rows` lines of output held as `chunks` (the line the cursor is on counts as one),
 * if they are plain text: no escape sequence or C1 control, so a terminal that is reset and
 * given them shows the text of the screen the output left. A colour set before them is not
 * carried over: this is a frame during a flood, and the full snapshot after it restores it.
 * Undefined when they are not plain, or when the chunks hold fewer lines (the screen's top
 * then comes from earlier output).
 */
export function plainLastLines(chunks: readonly string[], rows: number): string | undefined {
  const kept: string[] = [];
  let newlines = 0;
  for (let i = chunks.length - 1; i >= 0; i--) {
    const chunk = chunks[i] as string;
    let at = chunk.length;
    let start = 0;
    while (at > 0) {
      at = chunk.lastIndexOf('\n', at - 1);
      if (at < 0) break;
      if (++newlines === rows) {
        start = at + 1;
        break;
      }
    }
    const part = start > 0 ? chunk.slice(start) : chunk;
    if (SEQUENCE.test(part)) return undefined;
    kept.push(part);
    if (newlines === rows) return kept.reverse().join('');
  }
  return undefined;
}

function backlogLimitFor(cols: number, rows: number): number {
  return BACKLOG_CHARS_PER_CELL * cols * (rows + MIRROR_SCROLLBACK_ROWS);
}
