import xtermHeadless from '@xterm/headless';
import type { IMarker, Terminal as HeadlessTerminal } from '@xterm/headless';

const { Terminal } = xtermHeadless;

/**
 * Rows kept in the headless scrollback. Rows are copied out as they scroll off the screen, so
 * this only needs to cover one write's worth of scrolling; every row costs cols × 12 bytes.
 */
const SCROLLBACK_ROWS = 1000;
/** DEC private modes that switch to the alternate screen: a full-screen program (less, vim, top). */
const ALTERNATE_SCREEN_MODES = new Set([47, 1047, 1049]);
/** Introduces, in a record's text, the last screen a full-screen program showed. */
export const FULL_SCREEN_MARK = '[full-screen program, its last screen:]';
/**
 * Where plain output ends: anything but characters one cell wide (ASCII, Latin, Greek,
 * Cyrillic, punctuation, arrows, box drawing), colour sequences (SGR) and lines ended by CR LF.
 * A `\r` at the very end may be half of a CR LF: see writePlain.
 */
const PLAIN_END = /[^\x20-\x7e\xa0-\u02ff\u0370-\u0482\u048a-\u04ff\u2010-\u2027\u2030-\u205e\u2190-\u21ff\u2500-\u25ff\r\n\x1b]|\x1b(?!\[[0-9;:]*m)|\r(?!\n)|(?<!\r)\n/g;
/** Colour and style sequences: they change no character. */
const SGR = /\x1b\[[0-9;:]*m/g;

/**
 * Turns terminal output into the text a user saw: the output runs through a headless
 * xterm.js (so `\r` progress bars, cursor moves and erases resolve), and each row is copied
 * out the moment it scrolls off the screen, when it can no longer change. Memory stays at
 * one screen plus the collected text, however long the output.
 *
 * Plain output (see PLAIN_END), the usual flood of a log, a listing or base64, reads the same
 * on any screen: its text is its lines, wrapped or not. While the output is plain, its lines
 * are collected as they come and the terminal, which parses ~25 MB/s, is skipped. At the first
 * other sequence, the lines that may still be on screen go to the terminal, which takes over.
 */
export class HeadlessText {
  private readonly term: HeadlessTerminal;
  /** Logical lines collected so far (wrapped rows joined). */
  private readonly lines: string[] = [];
  private lastBaseY = 0;
  private sentinel: IMarker | undefined;
  private sentinelLine = -1;
  /** The rows of the alternate screen as a full-screen program left it. */
  private lastFullScreen: string[] = [];
  /** All output so far was plain: the terminal has not been written to. */
  private plain = true;
  /** Plain output: the line not yet ended. */
  private openLine = '';
  /** Plain output ended with a `\r`: a line end if a `\n` follows. */
  private pendingCr = false;

  constructor(cols: number, rows: number) {
    this.term = new Terminal({
      cols,
      rows,
      scrollback: SCROLLBACK_ROWS,
      allowProposedApi: true,
      // `clear` pushes the screen into scrollback instead of wiping it: the user did see it.
      scrollOnEraseInDisplay: true,
    });
    this.term.onScroll(() => this.onScroll());
    // Leaving the alternate screen clears it: read it first. Returning false lets xterm go on.
    this.term.parser.registerCsiHandler({ prefix: '?', final: 'l' }, (params) => {
      if (this.term.buffer.active.type === 'alternate' && params.some((p) => typeof p === 'number' && ALTERNATE_SCREEN_MODES.has(p))) {
        this.lastFullScreen = this.alternateRows();
      }
      return false;
    });
  }

  write(data: string): void {
    if (this.plain) {
      const plainLength = this.writePlain(data);
      if (plainLength === data.length) return;
      this.leavePlain();
      data = data.slice(plainLength);
    }
    this.term.write(data);
  }

  /** Resolves once everything written so far has been parsed. */
  drained(): Promise<void> {
    return new Promise((resolve) => this.term.write('', resolve));
  }

  /** All text so far: collected rows plus the screen, trailing blank lines trimmed. */
  async text(): Promise<string> {
    await this.drained();
    const buffer = this.term.buffer.normal;
    const lines = [...this.lines];
    if (this.plain) lines.push(this.openLine);
    else for (let y = buffer.baseY; y < buffer.length; y++) this.appendRow(lines, y);
    // Spaces a program wrote at a line's end are invisible too (zsh's PROMPT_SP pads a
    // line with them), so they go with the trailing blank lines.
    for (let i = 0; i < lines.length; i++) lines[i] = (lines[i] as string).trimEnd();
    while (lines.length && lines[lines.length - 1] === '') lines.pop();
    // A full-screen program's screens never reach the normal buffer: the last one is what the
    // user saw of it (still showing, if the program did not leave it).
    const fullScreen = this.term.buffer.active.type === 'alternate' ? this.alternateRows() : this.lastFullScreen;
    if (fullScreen.length) lines.push(...(lines.length ? [''] : []), FULL_SCREEN_MARK, ...fullScreen);
    return lines.join('\n');
  }

  dispose(): void {
    this.sentinel?.dispose();
    this.term.dispose();
  }

  /** Takes the plain start of `data` (as lines); returns its length. */
  private writePlain(data: string): number {
    let start = 0;
    if (this.pendingCr) {
      if (data.charCodeAt(0) !== 10) return 0;
      this.pendingCr = false;
      this.lines.push(this.openLine);
      this.openLine = '';
      start = 1;
    }
    PLAIN_END.lastIndex = start;
    let end = PLAIN_END.exec(data)?.index ?? data.length;
    if (end === data.length - 1 && data.charCodeAt(end) === 13) {
      // Maybe half of a CR LF: the next write tells.
      this.pendingCr = true;
      end = data.length;
    }
    let text = data.slice(start, this.pendingCr ? end - 1 : end);
    if (text.includes('\x1b')) text = text.replace(SGR, '');
    const lines = text.split('\r\n');
    lines[0] = this.openLine + (lines[0] as string);
    this.openLine = lines.pop() as string;
    for (const line of lines) this.lines.push(line);
    return end;
  }

  /**
   * The output stops being plain: the terminal takes over. It gets the last lines, as many as
   * it has rows: what a screen shows of plain output, and all a later sequence can change.
   */
  private leavePlain(): void {
    this.plain = false;
    const onScreen = this.lines.splice(Math.max(0, this.lines.length - this.term.rows));
    onScreen.push(this.openLine);
    this.openLine = '';
    this.term.write(onScreen.join('\r\n') + (this.pendingCr ? '\r' : ''));
    this.pendingCr = false;
  }

  private onScroll(): void {
    // Full-screen programs scroll the alternate buffer, which never reaches scrollback.
    if (this.term.buffer.active.type !== 'normal') return;
    const buffer = this.term.buffer.normal;
    // With the scrollback full, baseY stays put while the oldest row is trimmed; a scroll
    // inside a scroll region (DECSTBM) also keeps baseY and must not be collected.
    // A marker tells them apart: trimming moves it up (or disposes it).
    let scrolledOff = buffer.baseY > this.lastBaseY;
    if (!scrolledOff && this.sentinel) scrolledOff = this.sentinel.isDisposed || this.sentinel.line < this.sentinelLine;
    this.lastBaseY = buffer.baseY;
    const full = buffer.baseY >= SCROLLBACK_ROWS;
    if (full && (!this.sentinel || this.sentinel.isDisposed)) this.sentinel = this.term.registerMarker(0);
    this.sentinelLine = this.sentinel?.line ?? -1;
    if (scrolledOff) this.appendRow(this.lines, buffer.baseY - 1);
  }

  /** The alternate screen's rows, trailing spaces and blank rows above and below trimmed. */
  private alternateRows(): string[] {
    const buffer = this.term.buffer.alternate;
    const rows: string[] = [];
    for (let y = 0; y < this.term.rows; y++) rows.push(buffer.getLine(y)?.translateToString(true) ?? '');
    while (rows.length && rows[rows.length - 1] === '') rows.pop();
    while (rows.length && rows[0] === '') rows.shift();
    return rows;
  }

  private appendRow(into: string[], y: number): void {
    const buffer = this.term.buffer.normal;
    const row = buffer.getLine(y);
    if (!row) return;
    const next = buffer.getLine(y + 1);
    // Keep trailing spaces of a row that continues on the next one (a wrapped long line).
    const text = flatten(row.translateToString(!next?.isWrapped));
    if (row.isWrapped && into.length) into[into.length - 1] += text;
    else into.push(text);
  }
}

/**
 * The same string, flattened. xterm builds a row's text one cell at a time, which V8 keeps as
 * a rope of about one node per cell; thousands of rows held as ropes made the garbage
 * collector copy every node at each scavenge and `text()` flatten them all at the end, which
 * cost three times the parse of the output itself. Any numeric conversion flattens a string in
 * place (the `flatstr` trick), so the rope is copied once, while it is young.
 */
function flatten(text: string): string {
  void Number(text);
  return text;
}
