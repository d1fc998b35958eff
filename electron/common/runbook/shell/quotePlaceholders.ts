/**
 * Placeholder values go into a command as data, never as shell syntax.
 *
 * A value typed for `<process-name>` must reach the program as exactly what was
 * typed: `sleep 3000` as one argument, `$(rm -rf /)` as those eleven characters,
 * a path with a space as one path. How to write that depends on where the
 * placeholder stands in the command, so each occurrence is given the shell
 * context it sits in and quoted for that context:
 *
 * - `bare`: an unquoted word (also inside `$(…)`, whatever quotes surround it).
 *   Safe words stay as typed; anything else is single-quoted.
 * - `backtick`: a word inside `…`: single-quoted, then `\ $ \`` escaped once more.
 * - `single`: inside `'…'`. Only `'` needs care: `'\''` closes, adds one, reopens.
 * - `double`: inside `"…"`. `\ " $ \`` are escaped; `!` (history expansion in an
 *   interactive shell) steps out of the double quotes into `'!'`.
 * - `ansi`: inside `$'…'`: `\` and `'` are escaped.
 * - `heredoc`: in the body of `<<EOF`: `\ $ \`` are escaped.
 * - `literal`: in the body of `<<'EOF'`, or in a comment: nothing is special.
 *
 * A REPL client's line (`psql`, `redis-cli`) is not shell: there a value inside
 * SQL `'…'` doubles its quotes and is otherwise typed as is.
 *
 * A value with a line break or another control character (NUL, tab, escape) is
 * refused: War Room types the command into an interactive shell, whose line
 * editor acts on those keys whatever the quoting.
 */
import { findPlaceholderOccurrences } from './placeholders';

export type QuoteContext = 'bare' | 'backtick' | 'single' | 'double' | 'ansi' | 'heredoc' | 'literal';

export interface PlaceholderSite {
  name: string;
  start: number;
  end: number;
  context: QuoteContext;
}

export interface Substitution {
  /** The command with every filled placeholder replaced by its quoted value. */
  text: string;
  /** Placeholders left as written because they have no (non-empty) value. */
  missing: string[];
  /** One line per refused value: "pod-name: a value cannot hold a line break". */
  refused: string[];
}

/** Characters that never need quoting in a shell word (no globbing, no expansion, no splitting). */
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Why `value` cannot go into a command, or null when it can. */
export function refuseValue(value: string): string | null {
  if (/[\n\r]/.test(value)) return 'a value cannot hold a line break';
  // A tab would ask the shell's line editor to complete, an escape would start a key sequence.
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'a value cannot hold a control character';
  return null;
}

/** `value` written so that, at a place of the given context, the shell reads exactly `value`. */
export function quoteForContext(value: string, context: QuoteContext): string {
  switch (context) {
    case 'bare':
      return SAFE_WORD.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
    case 'backtick':
      // Inside `…` the shell first turns `\\`, `\$` and `\`` into `\`, `$` and `` ` ``.
      return quoteForContext(value, 'bare').replace(/[\\$`]/g, (c) => `\\${c}`);
    case 'single':
      return value.replace(/'/g, `'\\''`);
    case 'double':
      return value.replace(/[\\"$`]/g, (c) => `\\${c}`).replace(/!/g, `"'!'"`);
    case 'ansi':
      return value.replace(/[\\']/g, (c) => `\\${c}`);
    case 'heredoc':
      return value.replace(/[\\$`]/g, (c) => `\\${c}`);
    case 'literal':
      return value;
  }
}

type Frame =
  | { kind: 'bare'; closer: ')' | '`' | null; depth: number }
  | { kind: 'single' | 'double' | 'ansi' | 'comment' };

interface PendingHeredoc {
  delimiter: string;
  literal: boolean;
  stripTabs: boolean;
}

const HEREDOC = /^<<(-?)[ \t]*(?:'([^'\n]*)'|"([^"\n]*)"|\\?([A-Za-z0-9_.-]+))/;

/** Each placeholder of a shell command with the quoting context it stands in. */
export function placeholderSites(command: string): PlaceholderSite[] {
  const occurrences = findPlaceholderOccurrences(command, 'command');
  const sites: PlaceholderSite[] = [];
  const stack: Frame[] = [{ kind: 'bare', closer: null, depth: 0 }];
  const pending: PendingHeredoc[] = [];
  let next = 0;
  let i = 0;
  const top = (): Frame => stack[stack.length - 1] as Frame;
  const contextOf = (frame: Frame): QuoteContext => {
    if (frame.kind === 'comment') return 'literal';
    if (frame.kind !== 'bare') return frame.kind;
    // Inside backticks, or inside `$(…)` nested in backticks, the backtick rules still apply once.
    return stack.some((f) => f.kind === 'bare' && f.closer === '`') ? 'backtick' : 'bare';
  };

  while (i < command.length) {
    const occurrence = occurrences[next];
    if (occurrence && occurrence.start === i) {
      sites.push({ ...occurrence, context: contextOf(top()) });
      next++;
      i = occurrence.end;
      continue;
    }
    const c = command[i] as string;
    const frame = top();
    if (c === '\n' && pending.length > 0 && frame.kind !== 'single' && frame.kind !== 'double' && frame.kind !== 'ansi') {
      if (frame.kind === 'comment') stack.pop();
      i = readHeredocBodies(command, i + 1, pending.splice(0), occurrences, next, sites);
      while (occurrences[next] && (occurrences[next] as { start: number }).start < i) next++;
      continue;
    }
    switch (frame.kind) {
      case 'single':
      case 'comment':
        // Nothing inside matters but the one character that ends it: `'`, or the line's end.
        if (c === (frame.kind === 'single' ? "'" : '\n')) stack.pop();
        i++;
        continue;
      case 'ansi':
        if (c === '\\') i += 2;
        else {
          if (c === "'") stack.pop();
          i++;
        }
        continue;
      case 'double':
        if (c === '\\') i += 2;
        else if (c === '"') {
          stack.pop();
          i++;
        } else if (c === '$' && command[i + 1] === '(') {
          stack.push({ kind: 'bare', closer: ')', depth: 0 });
          i += 2;
        } else if (c === '`') {
          stack.push({ kind: 'bare', closer: '`', depth: 0 });
          i++;
        } else i++;
        continue;
      case 'bare': {
        if (c === '\\') {
          i += 2;
        } else if (c === "'") {
          stack.push({ kind: 'single' });
          i++;
        } else if (c === '"') {
          stack.push({ kind: 'double' });
          i++;
        } else if (c === '$' && command[i + 1] === "'") {
          stack.push({ kind: 'ansi' });
          i += 2;
        } else if (c === '$' && command[i + 1] === '(') {
          stack.push({ kind: 'bare', closer: ')', depth: 0 });
          i += 2;
        } else if (c === '`') {
          if (frame.closer === '`') stack.pop();
          else stack.push({ kind: 'bare', closer: '`', depth: 0 });
          i++;
        } else if (c === '(') {
          frame.depth++;
          i++;
        } else if (c === ')') {
          if (frame.closer === ')' && frame.depth === 0) stack.pop();
          else if (frame.depth > 0) frame.depth--;
          i++;
        } else if (c === '#' && (i === 0 || /[\s;&|()]/.test(command[i - 1] as string))) {
          stack.push({ kind: 'comment' });
          i++;
        } else if (c === '<' && command[i + 1] === '<' && command[i + 2] !== '<') {
          const m = HEREDOC.exec(command.slice(i, i + 200));
          if (m) {
            const quoted = m[2] ?? m[3];
            pending.push({ delimiter: quoted ?? m[4] ?? '', literal: quoted !== undefined || m[0].includes('\\'), stripTabs: m[1] === '-' });
            i += m[0].length;
          } else i += 2;
        } else i++;
        continue;
      }
    }
  }
  return sites;
}

/** Walks heredoc bodies starting at `i` (just after the line that opened them); returns where the command resumes. */
function readHeredocBodies(
  command: string,
  i: number,
  heredocs: PendingHeredoc[],
  occurrences: ReadonlyArray<{ name: string; start: number; end: number }>,
  next: number,
  sites: PlaceholderSite[],
): number {
  for (const heredoc of heredocs) {
    while (i < command.length) {
      const newline = command.indexOf('\n', i);
      const lineEnd = newline < 0 ? command.length : newline;
      const line = command.slice(i, lineEnd);
      if ((heredoc.stripTabs ? line.replace(/^\t+/, '') : line) === heredoc.delimiter) {
        i = lineEnd + 1;
        break;
      }
      while (occurrences[next] && (occurrences[next] as { start: number }).start < lineEnd) {
        const occurrence = occurrences[next] as { name: string; start: number; end: number };
        if (occurrence.start >= i) sites.push({ ...occurrence, context: heredoc.literal ? 'literal' : 'heredoc' });
        next++;
      }
      i = lineEnd + 1;
    }
  }
  return Math.min(i, command.length);
}

/** Where a value stands in a REPL client's line: inside an SQL string or not. */
function clientSites(line: string): PlaceholderSite[] {
  const occurrences = findPlaceholderOccurrences(line, 'command');
  const sites: PlaceholderSite[] = [];
  let inString = false;
  let from = 0;
  for (const occurrence of occurrences) {
    for (let k = from; k < occurrence.start; k++) if (line[k] === "'") inString = !inString;
    from = occurrence.end;
    sites.push({ ...occurrence, context: inString ? 'single' : 'literal' });
  }
  return sites;
}

/** SQL doubles a quote inside a string; elsewhere a client line takes the value as typed. */
function quoteForClient(value: string, context: QuoteContext): string {
  return context === 'single' ? value.replace(/'/g, "''") : value;
}

/**
 * Fills the placeholders of one command with `values`, each quoted for where it
 * stands. Empty values are left as placeholders and listed in `missing`; refused
 * values too, listed in `refused`.
 */
export function substitutePlaceholders(command: string, values: Readonly<Record<string, string>>, opts: { client?: string } = {}): Substitution {
  const sites = opts.client ? clientSites(command) : placeholderSites(command);
  const missing: string[] = [];
  const refused: string[] = [];
  let text = '';
  let last = 0;
  for (const site of sites) {
    const value = Object.prototype.hasOwnProperty.call(values, site.name) ? values[site.name] : undefined;
    if (value === undefined || value.trim() === '') {
      if (!missing.includes(site.name)) missing.push(site.name);
      continue;
    }
    const refusal = refuseValue(value);
    if (refusal) {
      const line = `${site.name}: ${refusal}`;
      if (!refused.includes(line)) refused.push(line);
      continue;
    }
    text += command.slice(last, site.start) + (opts.client ? quoteForClient(value, site.context) : quoteForContext(value, site.context));
    last = site.end;
  }
  return { text: text + command.slice(last), missing, refused };
}
