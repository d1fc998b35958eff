/**
 * A command's output as the report shows it: the first and last lines of long output around a
 * marker (the JSON bundle keeps all of it). Outputs reach 1 Mi characters and an incident can
 * hold fifty of them, so the cut is found without splitting the text, and only the shown
 * parts (plus a margin) are scanned for secrets — never the megabytes in between.
 */
import type { SecretMatch } from './redaction';
import { redactionMarker } from './redaction';

/** Output lines shown from a command's start and end. */
export const OUTPUT_HEAD_LINES = 40;
export const OUTPUT_TAIL_LINES = 20;
/** Characters shown at most per output (lines can be very long: minified JSON, logs). */
export const OUTPUT_MAX_CHARS = 8000;
/**
 * Extra text scanned beyond each cut, so a secret straddling a cut is still recognised and
 * masked whole. Longer than any secret the detectors know (a 4096-bit RSA key block is ≈ 3.3 KB).
 */
const SCAN_MARGIN = 16 * 1024;

export interface OutputExcerpt {
  text: string;
  /** Lines left out of the middle. */
  omittedLines: number;
}

interface Cut {
  headEnd: number;
  tailStart: number;
  omittedLines: number;
}

/** Where to cut `body` (no trailing newline), or null when it is shown whole. */
function findCut(body: string): Cut | null {
  // End of the head: the newline closing line OUTPUT_HEAD_LINES (or -1 when there are fewer).
  let headNl = -1;
  for (let i = 0, from = 0; i < OUTPUT_HEAD_LINES; i++) {
    const nl = body.indexOf('\n', from);
    if (nl === -1) {
      headNl = -1;
      break;
    }
    headNl = nl;
    from = nl + 1;
  }
  // Start of the tail: just after the newline opening the last OUTPUT_TAIL_LINES lines.
  let tailNl = body.length;
  for (let i = 0; i < OUTPUT_TAIL_LINES && tailNl > 0; i++) tailNl = body.lastIndexOf('\n', tailNl - 1);
  const half = OUTPUT_MAX_CHARS / 2;
  if (headNl === -1 || tailNl <= headNl) {
    // Few lines: cut by characters if it is still too long.
    if (body.length <= OUTPUT_MAX_CHARS) return null;
    return { headEnd: half, tailStart: body.length - half, omittedLines: countLines(body, half, body.length - half) };
  }
  return {
    headEnd: Math.min(headNl, half),
    tailStart: Math.max(tailNl + 1, body.length - half),
    omittedLines: countLines(body, headNl + 1, tailNl + 1),
  };
}

/**
 * The excerpt of `text`; `scan` returns the secrets to mask in a piece of text that starts at
 * `offset` in `text` (a Redactor's `matches`). Without `scan`, the text is taken as already
 * redacted.
 */
export function excerptOutput(text: string, scan?: (piece: string, offset: number) => SecretMatch[]): OutputExcerpt {
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  const cut = findCut(body);
  if (!cut) return { text: scan ? mask(body, scan(body, 0), 0, body.length) : body, omittedLines: 0 };
  let head = body.slice(0, cut.headEnd);
  let tail = body.slice(cut.tailStart);
  if (scan) {
    const headWindow = body.slice(0, Math.min(body.length, cut.headEnd + SCAN_MARGIN));
    head = mask(headWindow, scan(headWindow, 0), 0, cut.headEnd);
    const tailFrom = Math.max(0, cut.tailStart - SCAN_MARGIN);
    const tailWindow = body.slice(tailFrom);
    tail = mask(tailWindow, scan(tailWindow, tailFrom), cut.tailStart - tailFrom, tailWindow.length);
  }
  const omittedChars = cut.tailStart - cut.headEnd;
  return {
    text: `${head}\n… [${cut.omittedLines} lines (${omittedChars} characters) omitted here — the JSON bundle has the full output] …\n${tail}`,
    omittedLines: cut.omittedLines,
  };
}

/** `text[from, to)` with each match replaced by its marker; a match crossing either end is masked whole. */
function mask(text: string, matches: readonly SecretMatch[], from: number, to: number): string {
  let out = '';
  let pos = from;
  for (const m of matches) {
    if (m.end <= from || m.start >= to) continue;
    if (m.start > pos) out += text.slice(pos, m.start);
    out += redactionMarker(m.kind);
    pos = Math.max(pos, m.end);
  }
  if (pos < to) out += text.slice(pos, to);
  return out;
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) n++;
  return Math.max(n, 1);
}
