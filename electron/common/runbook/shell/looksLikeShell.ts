/**
 * Is an unlabeled (or `text`) block shell, and is a line chat-ops rather than a command? The
 * splitter asks first, so a block of prose or a chat command never becomes a runnable step.
 */
import { shellPromptLength } from './prompts';
import { isKnownProgram } from './risk';
import { sniffLine } from './sniff';

/** Chat-ops: `/incident declare …`, `@oncall please look`. */
export function isChatOpsLine(line: string): boolean {
  const t = line.trim();
  const first = t.charCodeAt(0);
  // Only `/` and `@` open a chat-ops line; skip the patterns for every other line.
  if (first !== 47 && first !== 64) return false;
  if (/^\/[a-z][\w-]{0,40}(\s|$)/i.test(t)) return true;
  return /^@[a-z][\w.-]{0,60}(\s|$|[,:])/i.test(t);
}

/**
 * For unlabeled or `text` blocks: does this look like shell? True when lines start
 * with a `$ ` prompt, or the first word of the first non-comment line is a
 * command the risk table knows (with shell-looking arguments for words that are
 * also English, such as `top` or `find`).
 */
export function looksLikeShell(code: string): boolean {
  const lines = normalizeLineEnds(code).split('\n');
  for (const line of lines) {
    if (shellPromptLength(line, false, isKnownProgram) > 0 && line.trim() !== '$') return true;
  }
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('//')) continue;
    const words = line.split(/\s+/);
    let first = words[0] ?? '';
    if (first === 'sudo' && words[1]) first = words[1];
    // `POD=$(kubectl get pods -l app=api -o name)`: the command the assignment runs.
    const substituted = /^(?:export\s+)?[A-Za-z_]\w*=["']?\$\(\s*([a-z][\w.-]*)\s/.exec(line)?.[1];
    if (substituted !== undefined && isKnownProgram(substituted) && !ENGLISH_LOOKING.has(substituted)) return true;
    if (!isKnownProgram(first)) return commandShaped(lines);
    if (first !== first.toLowerCase() || !/^[a-z0-9./_-]+$/.test(first)) return false;
    if (!ENGLISH_LOOKING.has(first)) return true;
    // `top 10 offenders:` is prose; `top -b -n 1` is a command.
    return words.length === 1 || /(^|\s)(-{1,2}[A-Za-z]|[|>]|\$|\S+\/\S*|\S+=)/.test(line.slice(first.length));
  }
  return false;
}

/**
 * A short plain block of lines shaped like commands of a tool the risk table does not know
 * (`knife data bag from file -a -z`, `tf plan -out plan -target module.x`): a program name, words,
 * and at least one option, no sentence punctuation at the end. Run as `unknown`, so it asks first.
 */
function commandShaped(lines: readonly string[]): boolean {
  const body = lines.map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  if (body.length === 0 || body.length > 3) return false;
  return body.every((l) => /^(?:sudo\s+)?[a-z][\w.-]{1,30}(?:\s+[^\s-]\S*){0,6}\s+-{1,2}[a-z][\w-]*(?:[=\s]|$)/.test(l) && !/[.:;!?]$/.test(l) && sniffLine(l, isKnownProgram) === null);
}

/** Command names that are also everyday English words. */
const ENGLISH_LOOKING = new Set([
  'free', 'top', 'date', 'which', 'find', 'time', 'watch', 'test', 'kill', 'host', 'w', 'id', 'file', 'sort', 'cut', 'head', 'tail',
  'less', 'more', 'join', 'split', 'wait', 'sleep', 'read', 'set', 'export', 'source', 'touch', 'install', 'type', 'help', 'cat',
  'ping', 'dig', 'mount', 'last', 'who', 'yes', 'true', 'false', 'echo', 'look', 'see', 'alias', 'history', 'clear', 'reset', 'exit',
  'return', 'break', 'continue', 'shift', 'local', 'trap', 'hash', 'command', 'builtin', 'exec', 'eval', 'let', 'env', 'nice', 'time',
  'service', 'init', 'reboot', 'shutdown', 'halt', 'ip', 'route', 'rm', 'mv', 'cp', 'ln', 'dd', 'ls', 'du', 'df', 'ps', 'diff', 'make',
  'http', 'https', 'k', 'grep', 'tree', 'stat', 'column', 'paste', 'fold', 'rev', 'seq', 'expand', 'strings', 'groups', 'nl', 'tac',
]);

/** CRLF and CR line ends as LF (copied only when there is a CR). */
export function normalizeLineEnds(code: string): string {
  return code.indexOf('\r') >= 0 ? code.replace(/\r\n?/g, '\n') : code;
}
