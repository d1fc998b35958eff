/**
 * Character-level facts of shell syntax that the lexer's state machine (`./lexer.ts`)
 * consults at every step: the operators (longest first), which of them are
 * redirections or leave a line waiting for more, the ASCII tables that let a scan
 * skip a run of plain characters in one step, and unquoting a simple word. Pure
 * functions and constants, no lexer state.
 */

/** Operators that leave a command waiting for more on the next line. */
export const CONTINUATION_OPS = new Set(['|', '|&', '&&', '||']);

/** Longest first, so `;;&` wins over `;;` over `;`. */
const OPERATORS = [';;&', '<<<', '<<-', '&>>', ';;', ';&', '&&', '||', '|&', '<<', '>>', '<&', '>&', '<>', '>|', '&>', '|', '&', ';', '<', '>'];

export const REDIRECTIONS = new Set(['<', '>', '>>', '<&', '>&', '<>', '>|', '&>', '&>>', '<<<']);

/** ASCII codes of the characters that do something in shell code; every other character extends the word it is in. */
export const SHELL_SPECIAL = charTable(' \t\n\\\'"`$()|&;<>');
/** Inside double quotes only these do something. */
export const DQ_SPECIAL = charTable('\\"$`');

function charTable(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
}

/** Offset in `s` of the first character from `j` on that `table` marks (non-ASCII never is), or `s.length`. */
export function plainRunEnd(s: string, j: number, table: Uint8Array): number {
  const n = s.length;
  while (j < n) {
    const k = s.charCodeAt(j);
    if (k < 128 && table[k] === 1) return j;
    j++;
  }
  return n;
}

export function isDigits(text: string, start: number, end: number): boolean {
  if (end - start > 4) return false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return end > start;
}

export function readOperator(text: string, i: number): string {
  for (const op of OPERATORS) {
    if (text.startsWith(op, i)) return op;
  }
  return text[i] as string;
}

/** Removes quotes and backslashes from a simple word (heredoc delimiters, keywords). */
export function unquoteSimple(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '"' || c === "'") continue;
    if (c === '\\') {
      i++;
      if (i < raw.length) out += raw[i];
      continue;
    }
    out += c;
  }
  return out;
}
