/**
 * Streaming extractor for War Room's shell-integration sequences (OSC 633, VS Code style)
 * out of raw pty output.
 *
 * Every sequence our shell scripts emit ends with the session's secret nonce as its last
 * `;`-separated field: `ESC ] 633 ; <code> [; <args>…] ; <nonce> (BEL | ESC \)`.
 * Sequences with the right nonce are removed from the data and reported; anything else that
 * looks like OSC 633 (a program printing `\e]633;D;0\a`, a remote shell with its own
 * integration) is passed through byte for byte and otherwise ignored, so output can neither
 * forge nor alter a record.
 *
 * Chunks may split a sequence anywhere; the parser holds back the smallest possible tail.
 */

export interface Osc633Sequence {
  /** `A` prompt start, `B` input start, `C` output start, `D` finished, `E` command line, `P` property. */
  code: string;
  /** Fields between the code and the nonce, still escaped (see {@link unescapeOsc633Value}). */
  args: string[];
}

export interface Osc633Sink {
  data(text: string): void;
  sequence(seq: Osc633Sequence): void;
}

const INTRO = '\x1b]633;';
/**
 * Longest sequence held back while we wait for its terminator. Our largest payload is an
 * escaped command line (a pasted heredoc can be big); past this it cannot be ours, and
 * holding more would delay what the user sees.
 */
const MAX_SEQUENCE_CHARS = 1024 * 1024;

export class Osc633Parser {
  /** Text that may be the start of a sequence (a prefix of INTRO, or an open sequence). */
  private pending = '';

  constructor(private readonly nonce: string) {
    if (!nonce || /[;\x00-\x1f]/.test(nonce)) throw new Error('Shell integration nonce must be non-empty and contain no ";" or control characters.');
  }

  /** Feed one chunk; calls `sink.data` / `sink.sequence` synchronously, in stream order. */
  write(chunk: string, sink: Osc633Sink): void {
    const text = this.pending ? this.pending + chunk : chunk;
    this.pending = '';
    let pos = 0;
    while (pos < text.length) {
      const start = text.indexOf(INTRO, pos);
      if (start < 0) {
        // No full intro left: hold back a trailing partial intro (`\x1b`, `\x1b]6`, …).
        const keep = partialIntroLength(text);
        const end = text.length - keep;
        if (end > pos) sink.data(text.slice(pos, end));
        if (keep) this.pending = text.slice(end);
        return;
      }
      if (start > pos) sink.data(text.slice(pos, start));
      const body = start + INTRO.length;
      const scan = scanPayload(text, body);
      if (scan.kind === 'open') {
        if (text.length - start > MAX_SEQUENCE_CHARS) {
          // Too long to be ours: let it through and resynchronise after the intro.
          sink.data(text.slice(start, body));
          pos = body;
          continue;
        }
        this.pending = text.slice(start);
        return;
      }
      if (scan.kind === 'abort') {
        sink.data(text.slice(start, body));
        pos = body;
        continue;
      }
      const seq = this.accept(text.slice(body, scan.payloadEnd));
      if (seq) sink.sequence(seq);
      else sink.data(text.slice(start, scan.end));
      pos = scan.end;
    }
  }

  /** Data held back at the end of the stream (call when the pty closes). */
  flush(sink: Osc633Sink): void {
    if (this.pending) sink.data(this.pending);
    this.pending = '';
  }

  private accept(payload: string): Osc633Sequence | undefined {
    const fields = payload.split(';');
    if (fields.length < 2 || fields[fields.length - 1] !== this.nonce) return undefined;
    const code = fields[0] ?? '';
    if (!/^[A-Z]$/.test(code)) return undefined;
    return { code, args: fields.slice(1, -1) };
  }
}

type Scan = { kind: 'done'; payloadEnd: number; end: number } | { kind: 'open' } | { kind: 'abort' };

/**
 * Finds the terminator of a payload starting at `from`. Our payloads are printable (control
 * characters are escaped by the shell side), so any other control character means this is
 * not one of ours and we stop holding it back.
 */
function scanPayload(text: string, from: number): Scan {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20) continue;
    if (c === 0x07) return { kind: 'done', payloadEnd: i, end: i + 1 };
    if (c === 0x1b) {
      if (i + 1 >= text.length) return { kind: 'open' };
      if (text[i + 1] === '\\') return { kind: 'done', payloadEnd: i, end: i + 2 };
      return { kind: 'abort' };
    }
    return { kind: 'abort' };
  }
  return { kind: 'open' };
}

/** Length of the longest suffix of `text` that is a proper prefix of INTRO. */
function partialIntroLength(text: string): number {
  const max = Math.min(INTRO.length - 1, text.length);
  for (let n = max; n > 0; n--) {
    if (text.charCodeAt(text.length - n) === 0x1b && INTRO.startsWith(text.slice(text.length - n))) return n;
  }
  return 0;
}

/** Undo the shell side's escaping: `\\` is a backslash, `\xAB` the character 0xAB. */
export function unescapeOsc633Value(value: string): string {
  if (!value.includes('\\')) return value;
  return value.replace(/\\(\\|x([0-9a-fA-F]{2}))/g, (_m, what: string, hex: string | undefined) =>
    hex ? String.fromCharCode(parseInt(hex, 16)) : what,
  );
}

/** The escaping the shell scripts apply, for tests and for anything that emits sequences. */
export function escapeOsc633Value(value: string): string {
  return value.replace(/[\\;\x00-\x1f\x7f]/g, (c) =>
    c === '\\' ? '\\\\' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}
