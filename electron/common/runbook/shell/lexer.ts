/**
 * A tolerant, resumable shell lexer. It is fed one line at a time and can always
 * say whether the text so far is a complete command (nothing open: no quote,
 * heredoc, `$( … )`, group, `if`/`case`/loop, trailing `\`, `|`, `&&` or `||`).
 *
 * It is a character state machine with an explicit stack (no recursion, no
 * regexes over structure), so it runs in linear time on any input and never
 * throws. Where real shell would report a syntax error (an unmatched `)`, a
 * stray `(` inside a word as in `rate(x[5m])`), it picks the reading that keeps
 * the rest of the block usable instead.
 *
 * Top-level tokens (words, operators, redirections with heredoc bodies,
 * comments) are collected for the risk classifier; text inside `$( … )`,
 * backticks and `<( … )` stays inside its word and is recorded as a sub-range,
 * to be lexed again on its own when someone needs to look inside.
 *
 * This file is the state machine only. The token shapes it produces are in
 * `./lexTokens.ts`, the character tables and operators it scans with in
 * `./lexChars.ts`, its frame stack model in `./lexFrames.ts`, heredoc bodies in
 * `./lexHeredocs.ts`, and the memo that lets readers share one lexing per
 * command in `./sharedLex.ts`.
 */

import { CONTINUATION_OPS, DQ_SPECIAL, isDigits, plainRunEnd, readOperator, REDIRECTIONS, SHELL_SPECIAL } from './lexChars';
import { describeFrame, type Frame, type FrameKind, type Level, newLevel, SHELL_LEVEL_FRAMES } from './lexFrames';
import { HeredocQueue, openHeredoc } from './lexHeredocs';
import type { OpenConstruct, RedirToken, SubRange, Token, WordToken } from './lexTokens';

const ASSIGNMENT_START = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;

/**
 * The sub-ranges of a word with no `$( … )`, backticks or `<( … )` — nearly every word. One
 * shared, frozen list instead of an empty array per word; the lexer copies before adding.
 */
/** The frame each closing keyword ends. */
const CLOSES: Readonly<Record<string, FrameKind>> = { fi: 'if', done: 'loop', esac: 'case', '}': 'brace' };

const NO_SUBS = Object.freeze([]) as unknown as SubRange[];

export class ShellLexer {
  /** Lines fed so far, each with its `\n`; joined only when someone asks for `text`. */
  private readonly chunks: string[] = [];
  private readonly chunkStarts: number[] = [];
  private joined: string | null = '';
  /** The line being scanned and its offset: scanning never touches earlier text, so feeding stays linear. */
  private s = '';
  private base = 0;
  private total = 0;
  readonly tokens: Token[] = [];
  /** The simple commands of these tokens, filled in once by `simpleCommandsOf` (kept here so readers share them). */
  simpleCommands: unknown[] | undefined = undefined;
  private readonly frames: Frame[] = [];
  private readonly levels: Level[] = [newLevel()];
  private readonly heredocs = new HeredocQueue();
  private continuation = false;
  private continuationAt = 0;
  /** Sub-ranges of the top-level word being built (the shared empty list until one is found). */
  private currentSubs: SubRange[] = NO_SUBS;
  private readonly subStarts: number[] = [];

  constructor(private readonly collect = true) {}

  /** Everything fed so far, each line followed by `\n`. */
  get text(): string {
    if (this.joined === null) this.joined = this.chunks.join('');
    return this.joined;
  }

  /** Character at absolute offset i of the current line (undefined outside it). */
  private c(i: number): string | undefined {
    const j = i - this.base;
    return j >= 0 && j < this.s.length ? this.s[j] : undefined;
  }

  private get end(): number {
    return this.base + this.s.length;
  }

  /** Text between absolute offsets; cheap when it lies in the current line. */
  private sliceAbs(start: number, end: number): string {
    if (start >= this.base) return this.s.slice(start - this.base, end - this.base);
    let lo = 0;
    let hi = this.chunkStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.chunkStarts[mid] as number) <= start) lo = mid;
      else hi = mid - 1;
    }
    let out = '';
    for (let k = lo; k < this.chunks.length && (this.chunkStarts[k] as number) < end; k++) {
      const chunkStart = this.chunkStarts[k] as number;
      const chunk = this.chunks[k] as string;
      out += chunk.slice(Math.max(0, start - chunkStart), Math.min(chunk.length, end - chunkStart));
    }
    return out;
  }

  /** True when the text fed so far is one or more complete commands. */
  get complete(): boolean {
    return this.openConstruct() === null;
  }

  /** What keeps the command open, or null when it is complete. */
  openConstruct(): OpenConstruct | null {
    const heredoc = this.heredocs.openConstruct();
    if (heredoc) return heredoc;
    const top = this.top;
    if (top) {
      const open = this.outermostOpen() ?? top;
      return { what: describeFrame(open.kind), at: open.at, kind: 'open' };
    }
    if (this.continuation) return { what: 'a trailing \\', at: this.continuationAt, kind: 'trailing' };
    const lastOp = this.levels[0]?.lastOp;
    if (lastOp && CONTINUATION_OPS.has(lastOp)) return { what: `a trailing ${lastOp}`, at: this.total, kind: 'trailing' };
    return null;
  }

  /** The innermost quote if one is open (that is what a reader must close), else the outermost frame. */
  private outermostOpen(): Frame | undefined {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const f = this.frames[i];
      if (f && (f.kind === 'sq' || f.kind === 'dq' || f.kind === 'ansi')) return f;
    }
    return this.frames[0];
  }

  /** Feeds one line (without its line end). */
  feedLine(line: string): void {
    const chunk = line + '\n';
    this.chunkStarts.push(this.total);
    this.chunks.push(chunk);
    this.joined = null;
    this.s = chunk;
    this.base = this.total;
    this.total += chunk.length;
    if (this.heredocs.active) {
      this.heredocs.feedLine(line);
      return;
    }
    this.continuation = false;
    let i = this.base;
    const end = this.total;
    while (i < end) i = this.step(i);
  }

  private get level(): Level {
    // levels always holds the top level, so this is never undefined.
    return this.levels[this.levels.length - 1] as Level;
  }

  private get top(): Frame | undefined {
    // Reading index -1 of an empty array is a slow property lookup in V8; this runs per character.
    const n = this.frames.length;
    return n > 0 ? this.frames[n - 1] : undefined;
  }

  private get atTopLevel(): boolean {
    return this.collect && this.levels.length === 1;
  }

  private push(kind: FrameKind, at: number, extra?: Partial<Frame>): void {
    this.frames.push({ kind, at, ...extra });
  }

  private pushCode(kind: FrameKind, at: number, innerStart: number): void {
    const recordSub = this.atTopLevel;
    this.frames.push({ kind, at, recordSub });
    if (recordSub) this.subStarts.push(innerStart);
    this.levels.push(newLevel());
  }

  private popCode(end: number): void {
    const frame = this.frames.pop();
    if (this.levels.length > 1) this.levels.pop();
    if (frame?.recordSub) {
      const start = this.subStarts.pop();
      if (start !== undefined) {
        if (this.currentSubs === NO_SUBS) this.currentSubs = [];
        this.currentSubs.push({ start, end });
      }
    }
  }

  private step(i: number): number {
    const top = this.top;
    const c = this.c(i) as string;
    if (!top || SHELL_LEVEL_FRAMES.has(top.kind)) return this.shellStep(i, top);
    switch (top.kind) {
      case 'sq': {
        // Nothing but the closing quote matters inside single quotes: jump to it.
        const close = this.s.indexOf("'", i - this.base);
        if (close < 0) return this.end;
        this.frames.pop();
        return this.base + close + 1;
      }
      case 'ansi':
        if (c === '\\') return Math.min(i + 2, this.end);
        if (c === "'") this.frames.pop();
        return i + 1;
      case 'dq':
        if (c === '\\') return this.backslash(i);
        if (c === '"') {
          this.frames.pop();
          return i + 1;
        }
        if (c === '$') return this.dollar(i, false);
        if (c === '`') {
          this.pushCode('bt', i, i + 1);
          return i + 1;
        }
        // Plain quoted text up to the next character that matters, in one step.
        return this.base + plainRunEnd(this.s, i + 1 - this.base, DQ_SPECIAL);
      case 'param':
        if (c === '}') {
          this.frames.pop();
          return i + 1;
        }
        return this.inWordCommon(i);
      case 'arith':
      case 'aparen':
      case 'wparen':
        if (c === ')') {
          this.frames.pop();
          // `))` closes arithmetic; a lone `)` there is a syntax error we read as the end anyway.
          return top.kind === 'arith' && this.c(i + 1) === ')' ? i + 2 : i + 1;
        }
        if (c === '(') {
          // A paren inside `$(( ))` nests an arithmetic paren; inside a word paren, another word paren.
          if (top.kind === 'wparen') this.push('wparen', i, { array: top.array });
          else this.push('aparen', i);
          return i + 1;
        }
        if (top.kind === 'wparen' && c === '\n' && !top.array) {
          // `echo :(` or `rate(x` cut off: a word paren ends with its line.
          while (this.top?.kind === 'wparen') this.frames.pop();
          return i;
        }
        return this.inWordCommon(i);
      default:
        return i + 1;
    }
  }

  /** Quotes, `$…`, backticks and backslashes inside `${ }`, `$(( ))` and word parens. */
  private inWordCommon(i: number): number {
    const c = this.c(i);
    if (c === '\\') return this.backslash(i);
    if (c === "'") {
      this.push('sq', i);
      return i + 1;
    }
    if (c === '"') {
      this.push('dq', i);
      return i + 1;
    }
    if (c === '$') return this.dollar(i, true);
    if (c === '`') {
      this.pushCode('bt', i, i + 1);
      return i + 1;
    }
    return i + 1;
  }

  private backslash(i: number): number {
    if (this.c(i + 1) === '\n' && i + 2 === this.end) {
      this.continuation = true;
      this.continuationAt = i;
    }
    return Math.min(i + 2, this.end);
  }

  private dollar(i: number, allowAnsi: boolean): number {
    const next = this.c(i + 1);
    if (next === '(') {
      if (this.c(i + 2) === '(') {
        this.push('arith', i);
        return i + 3;
      }
      this.pushCode('cmd', i, i + 2);
      return i + 2;
    }
    if (next === '{') {
      this.push('param', i);
      return i + 2;
    }
    if (next === "'" && allowAnsi) {
      this.push('ansi', i);
      return i + 2;
    }
    if (next === '"' && allowAnsi) {
      this.push('dq', i);
      return i + 2;
    }
    return i + 1;
  }

  private startWord(i: number): void {
    const L = this.level;
    if (L.wordStart < 0) {
      L.wordStart = i;
      if (this.levels.length === 1) this.currentSubs = NO_SUBS;
    }
  }

  private shellStep(i: number, top: Frame | undefined): number {
    const L = this.level;
    const c = this.c(i) as string;
    if (c === '`' && top?.kind === 'bt') {
      this.endWord(i);
      this.popCode(i);
      return i + 1;
    }
    if (c === ' ' || c === '\t') {
      this.endWord(i);
      return i + 1;
    }
    if (c === '\n') {
      this.endWord(i);
      this.newline(i);
      return i + 1;
    }
    if (c === '\\') {
      if (this.c(i + 1) === '\n') return this.backslash(i);
      this.startWord(i);
      return this.backslash(i);
    }
    if (c === '#' && L.wordStart < 0) {
      const newline = this.s.indexOf('\n', i - this.base);
      const end = newline < 0 ? this.end : this.base + newline;
      if (this.atTopLevel) this.tokens.push({ kind: 'comment', start: i, end });
      return end;
    }
    if (c === "'") {
      this.startWord(i);
      this.push('sq', i);
      return i + 1;
    }
    if (c === '"') {
      this.startWord(i);
      this.push('dq', i);
      return i + 1;
    }
    if (c === '`') {
      this.startWord(i);
      this.pushCode('bt', i, i + 1);
      return i + 1;
    }
    if (c === '$') {
      this.startWord(i);
      return this.dollar(i, true);
    }
    if (c === '(') {
      if (L.wordStart >= 0) {
        this.push('wparen', i, { array: this.c(i - 1) === '=' });
        return i + 1;
      }
      if (L.cmdPos && L.redirNext === null && L.heredocNext === null) {
        if (this.c(i + 1) === '(') {
          this.startWord(i);
          this.push('arith', i);
          return i + 2;
        }
        this.emitOp('(', i);
        this.push('sub', i);
        L.cmdPos = true;
        L.lastOp = null;
        return i + 1;
      }
      this.startWord(i);
      this.push('wparen', i);
      return i + 1;
    }
    if (c === ')') {
      this.endWord(i);
      if (top?.kind === 'sub') {
        this.frames.pop();
        this.emitOp(')', i);
        L.cmdPos = false;
        L.lastOp = null;
      } else if (top?.kind === 'cmd' || top?.kind === 'proc') {
        this.popCode(i);
      } else if (top?.kind === 'case') {
        this.emitOp('case)', i);
        L.cmdPos = true;
        L.lastOp = null;
      }
      // An unmatched `)` is a syntax error; ignoring it keeps the rest readable.
      return i + 1;
    }
    if (c === '|' || c === '&' || c === ';' || c === '<' || c === '>') {
      if ((c === '<' || c === '>') && this.c(i + 1) === '(') {
        this.startWord(i);
        this.pushCode('proc', i, i + 2);
        return i + 2;
      }
      let fd: string | null = null;
      if ((c === '<' || c === '>') && L.wordStart >= 0 && L.wordStart >= this.base && isDigits(this.s, L.wordStart - this.base, i - this.base)) {
        fd = this.sliceAbs(L.wordStart, i);
        L.wordStart = -1;
      } else {
        this.endWord(i);
      }
      const op = readOperator(this.s, i - this.base);
      this.operator(op, fd, i);
      return i + op.length;
    }
    this.startWord(i);
    // The plain characters after it extend the same word (`#` too, inside a word): skip the run.
    return this.base + plainRunEnd(this.s, i + 1 - this.base, SHELL_SPECIAL);
  }

  private operator(op: string, fd: string | null, at: number): void {
    const L = this.level;
    if (op === '<<' || op === '<<-') {
      const token = this.emitRedir(op, fd, at);
      L.heredocNext = { stripTabs: op === '<<-', token };
      return;
    }
    if (REDIRECTIONS.has(op)) {
      L.redirNext = this.emitRedir(op, fd, at);
      return;
    }
    L.redirNext = null;
    L.heredocNext = null;
    this.emitOp(op, at);
    L.cmdPos = true;
    L.lastOp = CONTINUATION_OPS.has(op) ? op : null;
  }

  private emitOp(op: string, start: number): void {
    if (this.atTopLevel) this.tokens.push({ kind: 'op', op, start });
  }

  private emitRedir(op: string, fd: string | null, start: number): RedirToken | null {
    if (!this.atTopLevel) return null;
    const token: RedirToken = { kind: 'redir', op, fd, start, target: null, heredoc: null };
    this.tokens.push(token);
    return token;
  }

  private newline(at: number): void {
    const L = this.level;
    L.redirNext = null;
    L.heredocNext = null;
    if (L.lastOp && CONTINUATION_OPS.has(L.lastOp)) {
      // `cmd |` at the end of a line: the pipeline goes on on the next line.
    } else {
      this.emitOp('\n', at);
      L.cmdPos = true;
    }
    this.heredocs.lineEnded();
  }

  private endWord(end: number): void {
    const L = this.level;
    if (L.wordStart < 0) return;
    const start = L.wordStart;
    L.wordStart = -1;
    const raw = this.sliceAbs(start, end);
    const top = this.levels.length === 1 && this.collect;
    const token: WordToken | null = top ? { kind: 'word', raw, start, end, subs: this.currentSubs } : null;
    if (top) this.currentSubs = NO_SUBS;

    if (L.heredocNext) {
      const doc = openHeredoc(raw, L.heredocNext.stripTabs);
      if (L.heredocNext.token) {
        L.heredocNext.token.heredoc = doc;
        L.heredocNext.token.target = token;
      }
      L.heredocNext = null;
      this.heredocs.add(doc, start);
      return;
    }
    if (L.redirNext) {
      L.redirNext.target = token;
      L.redirNext = null;
      return;
    }
    const wasCmdPos = L.cmdPos;
    L.lastOp = null;
    if (wasCmdPos) {
      this.keyword(raw, L);
    } else {
      if (L.funcNext) {
        L.funcNext = false;
        L.cmdPos = true;
      }
      if (raw === '}' && this.top?.kind === 'brace') this.frames.pop();
    }
    if (token) this.tokens.push(token);
  }

  private keyword(raw: string, L: Level): void {
    const top = this.top;
    switch (raw) {
      case 'if':
        this.push('if', this.total);
        return;
      case 'while':
      case 'until':
        this.push('loop', this.total);
        return;
      case 'for':
      case 'select':
        this.push('loop', this.total);
        L.cmdPos = false;
        return;
      case 'case':
        this.push('case', this.total);
        L.cmdPos = false;
        return;
      case '{':
        this.push('brace', this.total);
        return;
      case 'then':
      case 'do':
      case 'else':
      case 'elif':
      case '!':
      case 'time':
        return;
      case 'fi':
      case 'done':
      case 'esac':
      case '}':
        if (top?.kind === CLOSES[raw]) this.frames.pop();
        L.cmdPos = false;
        return;
      case 'function':
        L.funcNext = true;
        L.cmdPos = false;
        return;
      default:
        // `X=1 cmd`: the command word is still to come; `f() {`: so is the body.
        L.cmdPos = ASSIGNMENT_START.test(raw) || raw.endsWith('()');
    }
  }
}

/** Lexes a whole text; the result's `complete` says whether anything was left open. */
export function lexShell(text: string): ShellLexer {
  const lexer = new ShellLexer(true);
  let start = 0;
  const normalized = text.indexOf('\r') >= 0 ? text.replace(/\r\n?/g, '\n') : text;
  while (start <= normalized.length) {
    let end = normalized.indexOf('\n', start);
    if (end < 0) end = normalized.length;
    lexer.feedLine(normalized.slice(start, end));
    start = end + 1;
  }
  return lexer;
}
