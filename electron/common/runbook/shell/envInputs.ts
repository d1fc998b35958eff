/**
 * Environment inputs: `$NAME` / `${NAME}` in UPPER_SNAKE case that the runbook
 * reads but never assigns, so the responder supplies them once per incident.
 * Found with the shell lexer, so `awk '{print $NF}'` (single quotes), comments and
 * `<<'EOF'` heredoc bodies (no expansion) do not count, and `${NAME:-default}`
 * (optional by construction) does not either.
 */
import type { ShellLexer } from './lexer';
import type { WordToken } from './lexTokens';
import { sharedLex } from './sharedLex';
import { simpleCommandsOf, substitutionAt, substitutionEnds } from './simpleCommands';

/** Variables the shell or the login session already sets. */
const SHELL_OWN = new Set([
  'HOME', 'PATH', 'USER', 'PWD', 'OLDPWD', 'SHELL', 'HOSTNAME', 'HOSTTYPE', 'RANDOM', 'LINENO', 'SECONDS', 'UID', 'EUID', 'PPID',
  'BASHPID', 'BASH', 'BASH_VERSION', 'BASH_SOURCE', 'BASH_REMATCH', 'BASH_ARGV', 'BASH_LINENO', 'BASH_COMMAND', 'FUNCNAME', 'IFS',
  'PS1', 'PS2', 'PS3', 'PS4', 'TERM', 'LANG', 'LANGUAGE', 'LC_ALL', 'LC_CTYPE', 'LC_MESSAGES', 'TMPDIR', 'EDITOR', 'VISUAL', 'PAGER',
  'LOGNAME', 'MAIL', 'OPTARG', 'OPTIND', 'OPTERR', 'PIPESTATUS', 'REPLY', 'COLUMNS', 'LINES', 'HISTFILE', 'HISTSIZE', 'SHLVL',
  'DISPLAY', 'SSH_AUTH_SOCK', 'SSH_CLIENT', 'SSH_CONNECTION', 'SSH_TTY', 'EPOCHSECONDS', 'EPOCHREALTIME', 'MACHTYPE', 'OSTYPE',
  'GROUPS', 'DIRSTACK', 'COMP_WORDS', 'COMP_CWORD', 'XDG_RUNTIME_DIR', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME',
  'TZ', 'COLORTERM', 'TERM_PROGRAM', 'SHELLOPTS', 'BASHOPTS', 'HISTCONTROL', 'PROMPT_COMMAND', 'CDPATH', 'MAILPATH', 'ZSH_VERSION',
]);

const UPPER_SNAKE = /^[A-Z][A-Z0-9_]*$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** How deep `$( … $( … ) )` is followed; deeper text is ignored rather than risk a stack overflow. */
const MAX_DEPTH = 16;

/** Options of `read` that take a value (`read -p "Namespace: " NS`). */
const READ_VALUE_OPTIONS = new Set(['-p', '-d', '-n', '-N', '-t', '-u', '-i']);

const DECLARERS = new Set(['export', 'local', 'declare', 'typeset', 'readonly', 'let']);

/** Every way shell assigns a name has `=` or one of these words; code without them is skipped cheaply. */
const MAY_ASSIGN = /=|\b(?:export|local|declare|typeset|readonly|let|read|for|select|mapfile|readarray|getopts|printf)\b/;

/** Names the code assigns: `NAME=`, `export NAME=`, `read NAME`, `for NAME in`, `local NAME`, `declare NAME`. */
export function findAssignedNames(code: string): Set<string> {
  const names = new Set<string>();
  if (!MAY_ASSIGN.test(code)) return names;
  try {
    const lexer = sharedLex(code);
    collectAssigned(lexer, names, 0);
    // A block left open (an unclosed quote) swallows what follows; a line scan
    // still finds the plain `NAME=` lines there.
    if (!lexer.complete) lineScan(code, names);
  } catch {
    lineScan(code, names);
  }
  return names;
}

function addName(names: Set<string>, word: string): void {
  const eq = word.indexOf('=');
  let name = eq >= 0 ? word.slice(0, eq) : word;
  if (name.endsWith('+')) name = name.slice(0, -1);
  const bracket = name.indexOf('[');
  if (bracket > 0) name = name.slice(0, bracket);
  if (IDENTIFIER.test(name)) names.add(name);
}

function collectAssigned(lexer: ShellLexer, names: Set<string>, depth: number): void {
  if (depth > MAX_DEPTH) return;
  // `for NAME in …` / `select NAME in …`: the word after the keyword at a command start.
  let atStart = true;
  let loopVar = false;
  for (const t of lexer.tokens) {
    if (t.kind === 'op') {
      atStart = true;
      continue;
    }
    if (t.kind !== 'word') continue;
    if (loopVar) {
      addName(names, t.raw);
      loopVar = false;
    } else if (atStart && (t.raw === 'for' || t.raw === 'select')) loopVar = true;
    atStart = t.raw === 'do' || t.raw === 'then' || t.raw === 'else' || t.raw === '{' || t.raw === '!' || t.raw === 'time';
  }
  for (const cmd of simpleCommandsOf(lexer)) {
    for (const a of cmd.assignments) addName(names, a);
    for (const sub of cmd.subs) collectAssigned(sharedLex(sub), names, depth + 1);
    const [first, ...args] = cmd.argv;
    if (first === undefined) continue;
    if (DECLARERS.has(first)) {
      for (const a of args) if (!a.startsWith('-') && !a.startsWith('+')) addName(names, a);
    } else if (first === 'read') {
      for (let i = 0; i < args.length; i++) {
        const a = args[i] as string;
        if (a === '-a' && args[i + 1] !== undefined) {
          addName(names, args[i + 1] as string);
          i++;
        } else if (READ_VALUE_OPTIONS.has(a)) i++;
        else if (!a.startsWith('-')) addName(names, a);
      }
    } else if (first === 'mapfile' || first === 'readarray') {
      const last = args[args.length - 1];
      if (last !== undefined && !last.startsWith('-')) addName(names, last);
    } else if (first === 'printf' && args[0] === '-v' && args[1] !== undefined) {
      addName(names, args[1]);
    } else if (first === 'getopts' && args[1] !== undefined) {
      addName(names, args[1]);
    }
  }
}

function lineScan(code: string, names: Set<string>): void {
  for (const line of code.split('\n')) {
    const m = /^\s*(?:export\s+|local\s+|readonly\s+|declare\s+(?:-\w+\s+)*)?([A-Za-z_][A-Za-z0-9_]*)\+?=/.exec(line);
    if (m?.[1]) names.add(m[1]);
  }
}

const NOTHING_ASSIGNED: ReadonlySet<string> = new Set();

/** What one command reads and assigns, before the rest of the runbook is known. */
export interface EnvReferences {
  /** UPPER_SNAKE names it reads and does not assign itself (nor the shell), in order of first appearance. */
  reads: string[];
  /** Names it assigns (`NAME=`, `read NAME`, `for NAME in`, …). */
  assigns: ReadonlySet<string>;
}

/**
 * Reads and assignments of one command from a single lexing, so a runbook can be read
 * command by command and the inputs settled once every assignment is known.
 */
export function findEnvReferences(text: string): EnvReferences {
  const reads: string[] = [];
  let assigns: ReadonlySet<string> = NOTHING_ASSIGNED;
  try {
    // Most commands assign nothing; they share one empty set instead of each building one.
    if (MAY_ASSIGN.test(text)) assigns = findAssignedNames(text);
    if (text.indexOf('$') < 0) return { reads, assigns };
    const seen = new Set<string>();
    const add = (name: string): void => {
      if (seen.has(name)) return;
      seen.add(name);
      if (UPPER_SNAKE.test(name) && !SHELL_OWN.has(name) && !assigns.has(name)) reads.push(name);
    };
    refsInCode(text, add, 0);
  } catch {
    // Never let a strange command break the runbook view; no inputs is the safe answer.
  }
  return { reads, assigns };
}

/** Environment variables `text` reads that nobody assigns, in order of first appearance. */
export function findEnvInputs(text: string, assigned: ReadonlySet<string>): string[] {
  return findEnvReferences(text).reads.filter((name) => !assigned.has(name));
}

function refsInCode(code: string, add: (name: string) => void, depth: number): void {
  if (depth > MAX_DEPTH) return;
  const lexer = sharedLex(code);
  for (const t of lexer.tokens) {
    if (t.kind === 'word') refsInWord(t, lexer.text, add, depth);
    else if (t.kind === 'redir') {
      if (t.heredoc) {
        if (!t.heredoc.quoted) refsInPlain(t.heredoc.body, add);
      } else if (t.target) refsInWord(t.target, lexer.text, add, depth);
    }
  }
}

function refsInWord(token: WordToken, text: string, add: (name: string) => void, depth: number): void {
  const raw = token.raw;
  if (raw.indexOf('$') < 0 && raw.indexOf('`') < 0) return;
  const subs = substitutionEnds(token);
  let inDouble = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    const sub = substitutionAt(raw, i, subs);
    if (sub) {
      refsInCode(text.slice(token.start + i + sub.opener, token.start + sub.end), add, depth + 1);
      i = sub.end;
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (!inDouble && c === "'") {
      const end = raw.indexOf("'", i + 1);
      i = end < 0 ? raw.length : end;
      continue;
    }
    if (!inDouble && c === '$' && raw[i + 1] === "'") {
      let j = i + 2;
      while (j < raw.length && raw[j] !== "'") j += raw[j] === '\\' ? 2 : 1;
      i = j;
      continue;
    }
    if (c === '"') {
      inDouble = !inDouble;
      continue;
    }
    if (c === '$') i = reference(raw, i, add) - 1;
  }
}

/** An unquoted heredoc body: `$NAME` expands, quotes are plain characters. */
function refsInPlain(body: string, add: (name: string) => void): void {
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') i++;
    else if (c === '$') i = reference(body, i, add) - 1;
  }
}

/** Reads the reference starting at `$` (index i); returns the index after its name. */
function reference(s: string, i: number, add: (name: string) => void): number {
  const next = s[i + 1];
  if (next === '{') {
    let j = i + 2;
    if (s[j] === '!') return j + 1; // ${!ref}: indirection, the name is a variable's value
    if (s[j] === '#') j++;
    const start = j;
    while (j < s.length && /[A-Za-z0-9_]/.test(s[j] as string)) j++;
    const name = s.slice(start, j);
    const op = s.slice(j, j + 2);
    // ${NAME:-x} ${NAME-x} ${NAME:=x} ${NAME=x} ${NAME:+x} ${NAME+x}: work without NAME.
    const optional = /^(:[-=+]|[-=+])/.test(op);
    if (name !== '' && !optional) add(name);
    return Math.max(j, i + 2);
  }
  let j = i + 1;
  if (j < s.length && /[A-Za-z_]/.test(s[j] as string)) {
    while (j < s.length && /[A-Za-z0-9_]/.test(s[j] as string)) j++;
    add(s.slice(i + 1, j));
    return j;
  }
  return i + 1;
}
