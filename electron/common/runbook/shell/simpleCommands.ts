/**
 * Turns lexer tokens into simple commands (`argv` plus redirections), the unit the
 * risk rules judge. Control words (`if`, `then`, `do`, `{`, …), `for x in …` lists,
 * case patterns and function headers are structure, not commands, and are dropped;
 * the code inside `$( … )` of any word is kept for a separate look.
 */
import { lexShell, type ShellLexer } from './lexer';
import type { RedirToken, WordToken } from './lexTokens';

export interface SimpleCommand {
  /** Word values with quotes removed; `$VAR` and `$( … )` stay as written. */
  argv: string[];
  /** `NAME=value` words before the command word. */
  assignments: string[];
  redirs: RedirToken[];
  /** Code inside `$( … )`, backticks and `<( … )` of this command's words. */
  subs: string[];
  /** The previous stage when this command reads a pipe. */
  pipedFrom: SimpleCommand | null;
}

/** Words that only shape control flow. */
const CONTROL_WORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', '!', '{', '}', 'time', 'esac', 'coproc']);

/** Words after which the rest of the simple command is a name or word list, not a command. */
const LIST_WORDS = new Set(['for', 'select', 'case']);

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;

/** Where each substitution the lexer recorded in a word ends, by the offset (in `raw`) of its inner start. */
export function substitutionEnds(token: WordToken): Map<number, number> {
  const ends = new Map<number, number>();
  for (const s of token.subs) ends.set(s.start - token.start, s.end - token.start);
  return ends;
}

/**
 * A recorded `$( … )`, `` ` … ` ``, `<( … )` or `>( … )` opening at `i` of a word's raw text:
 * the opener's length and the offset of its close; null where none opens there.
 */
export function substitutionAt(raw: string, i: number, ends: ReadonlyMap<number, number>): { opener: number; end: number } | null {
  const c = raw[i];
  const opener = c === '`' ? 1 : (c === '$' || c === '<' || c === '>') && raw[i + 1] === '(' ? 2 : 0;
  const end = opener > 0 ? ends.get(i + opener) : undefined;
  return end === undefined ? null : { opener, end };
}

/** Removes shell quoting from a word; command substitutions are copied as written. */
export function wordValue(token: WordToken): string {
  const raw = token.raw;
  if (!/['"\\$`]/.test(raw)) return raw;
  const subEnds = substitutionEnds(token);
  let out = '';
  let inDouble = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    // A recorded $( … ) / ` … ` / <( … ): copy it whole.
    const sub = substitutionAt(raw, i, subEnds);
    if (sub) {
      out += raw.slice(i, Math.min(raw.length, sub.end + 1));
      i = sub.end;
      continue;
    }
    if (inDouble) {
      if (c === '"') inDouble = false;
      else if (c === '\\' && i + 1 < raw.length && '"\\$`\n'.includes(raw[i + 1] as string)) {
        i++;
        if (raw[i] !== '\n') out += raw[i];
      } else out += c;
      continue;
    }
    if (c === '"') inDouble = true;
    else if (c === "'") {
      const end = raw.indexOf("'", i + 1);
      const stop = end < 0 ? raw.length : end;
      out += raw.slice(i + 1, stop);
      i = stop;
    } else if (c === '$' && raw[i + 1] === "'") {
      const { value, next } = ansiQuoted(raw, i + 2);
      out += value;
      i = next - 1;
    } else if (c === '\\') {
      i++;
      if (i < raw.length && raw[i] !== '\n') out += raw[i];
    } else out += c;
  }
  return out;
}

const ANSI_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '', '\\': '\\', "'": "'", '"': '"', a: '', b: '', e: '', f: '', v: '' };

function ansiQuoted(raw: string, start: number): { value: string; next: number } {
  let value = '';
  let i = start;
  for (; i < raw.length; i++) {
    const c = raw[i] as string;
    if (c === "'") return { value, next: i + 1 };
    if (c === '\\' && i + 1 < raw.length) {
      i++;
      value += ANSI_ESCAPES[raw[i] as string] ?? raw[i];
    } else value += c;
  }
  return { value, next: i };
}

export function parseSimpleCommands(text: string): { commands: SimpleCommand[]; lexer: ShellLexer } {
  const lexer = lexShell(text);
  return { commands: simpleCommandsOf(lexer), lexer };
}

/**
 * The simple commands of a lexed text, built once per lexer: a shared lexer (see
 * `sharedLex`) is read by several rules. Shared between callers: read, never modify.
 */
export function simpleCommandsOf(lexer: ShellLexer): SimpleCommand[] {
  lexer.simpleCommands ??= buildSimpleCommands(lexer);
  return lexer.simpleCommands as SimpleCommand[];
}

function buildSimpleCommands(lexer: ShellLexer): SimpleCommand[] {
  const text = lexer.text;
  const commands: SimpleCommand[] = [];
  let current = emptyCommand(null);
  let skipRest = false;
  let skipNext = 0;

  const subsOf = (token: WordToken | null): void => {
    if (!token) return;
    for (const s of token.subs) current.subs.push(text.slice(s.start, s.end));
  };
  const finish = (pipe: boolean): void => {
    const has = current.argv.length > 0 || current.assignments.length > 0 || current.redirs.length > 0 || current.subs.length > 0;
    if (has) commands.push(current);
    current = emptyCommand(pipe && has ? current : null);
    skipRest = false;
    skipNext = 0;
  };

  for (const token of lexer.tokens) {
    switch (token.kind) {
      case 'comment':
        break;
      case 'redir':
        current.redirs.push(token);
        subsOf(token.target);
        break;
      case 'op':
        if (token.op === 'case)') {
          // What came before was a case pattern, not a command.
          current.argv = [];
          current.assignments = [];
          skipRest = false;
        } else {
          finish(token.op === '|' || token.op === '|&');
        }
        break;
      case 'word': {
        subsOf(token);
        if (skipRest) break;
        if (skipNext > 0) {
          skipNext--;
          break;
        }
        const value = wordValue(token);
        if (current.argv.length === 0) {
          if (CONTROL_WORDS.has(token.raw)) break;
          if (LIST_WORDS.has(token.raw)) {
            skipRest = true;
            break;
          }
          if (token.raw === 'function') {
            skipNext = 1;
            break;
          }
          if (token.raw.endsWith('()')) break;
          if (ASSIGNMENT.test(token.raw)) {
            current.assignments.push(value);
            break;
          }
        }
        current.argv.push(value);
        break;
      }
    }
  }
  finish(false);
  return commands;
}

function emptyCommand(pipedFrom: SimpleCommand | null): SimpleCommand {
  return { argv: [], assignments: [], redirs: [], subs: [], pipedFrom };
}
