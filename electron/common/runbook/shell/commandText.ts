/**
 * A command's text as a step records it: the lexer's comments removed, blank edges trimmed,
 * and whether it is visibly elided (`...`, `<snip>`), which makes it not runnable.
 */
import type { Token } from './lexTokens';

/** Words that mark a command as visibly elided. */
export const ELISION_WORDS = new Set(['...', '…', '[...]', '[…]', '<...>', '<…>', '<snip>', '[snip]', '<snipped>', '(...)', '(…)']);
/** Length of the longest elision word. */
const LONGEST_ELISION = Math.max(...[...ELISION_WORDS].map((w) => w.length));

/** Removes comments the lexer found (whole comment lines, and trailing comments). */
export function stripComments(fed: string[], tokens: readonly Token[]): string {
  let out: string[] | null = null;
  let drop: Set<number> | null = null;
  // Comments come in text order, so one pass over the lines places them all.
  let lineIndex = 0;
  let lineStart = 0;
  for (const t of tokens) {
    if (t.kind !== 'comment') continue;
    while (lineIndex + 1 < fed.length && lineStart + (fed[lineIndex] as string).length + 1 <= t.start) {
      lineStart += (fed[lineIndex] as string).length + 1;
      lineIndex++;
    }
    // Most commands carry no comment: copy the lines only when one is found.
    out ??= fed.slice();
    const line = out[lineIndex] as string;
    const before = line.slice(0, t.start - lineStart);
    if (before.trim() === '') (drop ??= new Set<number>()).add(lineIndex);
    else out[lineIndex] = before.replace(/[ \t]+$/, '');
  }
  const lines = out ?? fed;
  const dropped = drop;
  return trimCommand(dropped !== null ? lines.filter((_, index) => !dropped.has(index)).join('\n') : lines.length === 1 ? (lines[0] as string) : lines.join('\n'));
}

export function trimCommand(text: string): string {
  // Most commands start and end with a visible character: nothing to trim.
  if (text !== '' && !/\s/.test(text[0] as string) && !/\s/.test(text[text.length - 1] as string)) return text;
  return text.replace(/^\s*\n/, '').replace(/\s+$/, '').replace(/^[ \t]+/, '');
}

/**
 * `oc delete machineconfig \ ` with a space after the backslash: a copy artefact. The shell would
 * read an escaped space and end the command there (losing the next line, often the object's name);
 * the author meant a line continuation, so the blanks after an odd run of backslashes go.
 */
export function dropBlanksAfterContinuation(line: string): string {
  const c = line.charCodeAt(line.length - 1);
  if (c !== 32 && c !== 9) return line;
  const m = /(\\+)[ \t]+$/.exec(line);
  return m && (m[1] as string).length % 2 === 1 ? line.slice(0, m.index + (m[1] as string).length) : line;
}

export function trimBlankEdges(parts: string[]): string[] {
  let a = 0;
  let b = parts.length;
  while (a < b && (parts[a] as string).trim() === '') a++;
  while (b > a && (parts[b - 1] as string).trim() === '') b--;
  return parts.slice(a, b);
}

export function countNewlines(text: string, upTo: number): number {
  let n = 0;
  const end = Math.min(upTo, text.length);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** `kubectl get pods ...`, a `...` line inside a quoted SQL string, `<snip>`. */
export function isElided(fed: string[], text: string, tokens: readonly Token[]): boolean {
  for (const l of fed) {
    // Elision words are at most LONGEST_ELISION long: only such lines (or padded ones) can be one.
    if (l.length > LONGEST_ELISION && !/^\s|\s$/.test(l)) continue;
    if (ELISION_WORDS.has(l.trim())) return true;
  }
  // `text` is the fed lines joined; the marks cannot span a line, so one test covers them all.
  if (/<snip(ped)?>|\[snip(ped)?\]/i.test(text)) return true;
  for (const t of tokens) {
    const raw = t.kind === 'word' ? t.raw : t.kind === 'redir' ? t.target?.raw : undefined;
    // Every elision mark has a `.`, `…` or `snip`; most words have none of them.
    if (raw === undefined || (raw.indexOf('.') < 0 && raw.indexOf('…') < 0 && raw.indexOf('snip') < 0)) continue;
    if (ELISION_WORDS.has(raw) || /=(\.\.\.|…)$/.test(raw)) return true;
    if (raw.includes('…') && !/['"]/.test(raw)) return true;
  }
  return false;
}
