/**
 * What a command would do: `read` < `change` < `unknown` < `destroy`, worst part
 * wins. The decisions live in data tables (riskRules, sqlRules, redisRules,
 * REDIRECT_RULES); this module only walks a command line down to what finally runs
 * and asks the tables.
 */
import type { Risk, RiskContext, RiskVerdict } from './index';
import { positionals, programName } from './argv';
import type { RedirToken } from './lexTokens';
import { sharedLex } from './sharedLex';
import { REDIS_RULES } from './redisRules';
import { PROGRAM_RULES, PROGRAM_VALUE_OPTIONS } from './riskRules';
import { RISK_RANK, worstRisk, type Finding, type RiskRule, type TextRiskRule } from './riskTypes';
import { simpleCommandsOf, type SimpleCommand, wordValue } from './simpleCommands';
import { fillPlaceholders, findPlaceholders } from './placeholders';
import { MONGO_RULES, SQL_RULES } from './sqlRules';
import { WRAPPERS } from './wrappers';

/** Redirections that write files. `{target}` is replaced by the file name. */
export interface RedirectRule {
  ops: readonly string[];
  target: RegExp;
  risk: Risk;
  reason: string;
  example: string;
}

/** Devices that are not files: writing to them loses nothing. */
const HARMLESS_TARGET = /^(\/dev\/(null|stdout|stderr|tty|fd\/\d+)|&?-?\d*-?)$/;

export const REDIRECT_RULES: readonly RedirectRule[] = [
  { ops: ['>', '>|', '&>', '>>', '&>>', '>&'], target: /^\/dev\/(sd|nvme|xvd|vd|hd|mmcblk|dm-|mapper\/|disk\/)/, risk: 'destroy', reason: 'writing into the disk device {target} destroys what is on it', example: 'cat image.bin > /dev/sdb' },
  { ops: ['>', '>|', '&>', '>&'], target: /^(?!\/dev\/(sd|nvme|xvd|vd|hd|mmcblk|dm-|mapper\/|disk\/))/, risk: 'change', reason: '> {target} overwrites that file', example: 'kubectl get deploy api -o yaml > api-backup.yaml' },
  { ops: ['>>', '&>>'], target: /^(?!\/dev\/(sd|nvme|xvd|vd|hd|mmcblk|dm-|mapper\/|disk\/))/, risk: 'change', reason: '>> {target} appends to that file', example: 'echo "maintenance on" >> /var/log/ops.log' },
];

/** How deep `bash -c "ssh h 'sudo …'"` nesting is followed before giving up. */
const MAX_DEPTH = 8;

/** Joined-argument regexes run on at most this much text, so one giant argument cannot stall a rule. */
const MAX_ARGS_TEXT = 20_000;

const SQL_CLIENTS = new Set(['psql', 'sql', 'mysql', 'mariadb', 'sqlite3', 'sqlite', 'cqlsh', 'clickhouse-client', 'pgsql', 'postgres', 'postgresql', 'plsql', 'tsql', 'mssql', 'sqlcmd']);
const REDIS_CLIENTS = new Set(['redis-cli', 'redis', 'valkey-cli', 'keydb-cli']);
const MONGO_CLIENTS = new Set(['mongosh', 'mongo', 'mongodb', 'javascript-mongo']);

const RULES_BY_PROGRAM = new Map<string, RiskRule[]>();
for (const r of PROGRAM_RULES) {
  for (const c of r.commands) {
    const list = RULES_BY_PROGRAM.get(c) ?? [];
    list.push(r);
    RULES_BY_PROGRAM.set(c, list);
  }
}
const VALUE_OPTIONS = new Map<string, ReadonlySet<string>>(Object.entries(PROGRAM_VALUE_OPTIONS).map(([k, v]) => [k, new Set(v)]));
const EMPTY_SET: ReadonlySet<string> = new Set();

const REDIS_BY_COMMAND = new Map(REDIS_RULES.map((r) => [r.command, r]));

/** Program names the risk table knows (rules or wrappers): for "does this block look like shell?". */
export function knownPrograms(): ReadonlySet<string> {
  return KNOWN;
}
const KNOWN: ReadonlySet<string> = new Set([...RULES_BY_PROGRAM.keys(), ...Object.keys(WRAPPERS)]);

export function isKnownProgram(word: string): boolean {
  return KNOWN.has(programName(word));
}

export function classifyRisk(text: string, ctx?: RiskContext): RiskVerdict {
  try {
    const findings = ctx?.client ? classifyClient(ctx.client, text) : classifyShell(neutralizePlaceholders(text), 0);
    return verdict(findings);
  } catch {
    // The rules must never take the console down; an unreadable command is unknown.
    return { risk: 'unknown', reasons: ['the risk rules could not read this command'] };
  }
}

/**
 * `<pod-name>` would read as the redirections `<pod-name` and `>`; judge the
 * command as if the placeholder were an ordinary word.
 */
function neutralizePlaceholders(text: string): string {
  if (text.indexOf('<') < 0) return text;
  const names = findPlaceholders(text, 'command');
  if (names.length === 0) return text;
  const values: Record<string, string> = {};
  for (const name of names) values[name] = `_${name.replace(/[^A-Za-z0-9_.-]/g, '_')}_`;
  return fillPlaceholders(text, values, 'command');
}

function verdict(findings: Finding[]): RiskVerdict {
  if (findings.length === 0) return { risk: 'read', reasons: [] };
  const worst = worstRisk(findings.map((f) => f.risk));
  const sorted = [...findings].sort((a, b) => RISK_RANK[b.risk] - RISK_RANK[a.risk]);
  const reasons: string[] = [];
  for (const f of sorted) {
    // Once something is worse than a read, "only reads" reasons would only confuse.
    if (worst !== 'read' && f.risk === 'read') continue;
    if (!reasons.includes(f.reason)) reasons.push(f.reason);
  }
  return { risk: worst, reasons };
}

function classifyShell(text: string, depth: number): Finding[] {
  if (depth > MAX_DEPTH) return [{ risk: 'unknown', reason: 'commands nested too deeply for the rules to follow' }];
  const commands = simpleCommandsOf(sharedLex(text));
  const findings: Finding[] = [];
  for (const cmd of commands) {
    findings.push(...classifySimple(cmd, depth));
    for (const sub of cmd.subs) findings.push(...classifyShell(sub, depth + 1));
  }
  return findings;
}

function classifySimple(cmd: SimpleCommand, depth: number): Finding[] {
  const findings: Finding[] = redirectFindings(cmd.redirs);
  if (cmd.argv.length === 0) {
    if (cmd.assignments.length > 0) findings.push({ risk: 'read', reason: 'only sets shell variables' });
    return findings;
  }
  findings.push(...classifyArgv(cmd.argv, cmd, depth));
  return findings;
}

function classifyArgv(argv: string[], cmd: SimpleCommand, depth: number): Finding[] {
  const findings: Finding[] = [];
  let current = argv;
  // Each wrapper peels one layer; the bound stops `sudo sudo sudo …` games.
  for (let layer = 0; layer < 32; layer++) {
    const first = current[0];
    if (first === undefined) return findings;
    // `VAR=1 cmd` inside `sudo`/`env`: the assignment is not the command.
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(first) && current.length > 1) {
      current = current.slice(1);
      continue;
    }
    const name = programName(first);
    const wrapper = WRAPPERS[name];
    const inner = wrapper ? wrapper(current.slice(1), cmd) : null;
    if (!inner) return [...findings, ...asWritten(programFindings(name, current), name, first), ...afterDoubleDash(name, current, depth)];
    if (inner.findings) findings.push(...inner.findings);
    if (inner.more) for (const m of inner.more) findings.push(...classifyArgv(m, emptyCommand(), depth + 1));
    if (inner.alsoRules) findings.push(...asWritten(programFindings(name, current), name, first));
    if (inner.shell !== undefined) return [...findings, ...classifyShell(inner.shell, depth + 1)];
    if (inner.client) return [...findings, ...classifyClient(inner.client.client, inner.client.text)];
    if (!inner.argv) return findings;
    current = inner.argv;
  }
  return [...findings, { risk: 'unknown', reason: 'too many wrapper commands for the rules to follow' }];
}

/**
 * A tool the rules do not know that runs a known command after `--` (`gds aws prod-admin --
 * kubectl delete -f jumpbox.yaml`): that command is judged too. The tool stays `unknown`, so
 * this can only raise the risk (to `destroy`), never lower it.
 */
function afterDoubleDash(name: string, argv: string[], depth: number): Finding[] {
  if (RULES_BY_PROGRAM.has(name)) return [];
  const dashes = argv.indexOf('--', 1);
  const tail = dashes > 0 ? argv.slice(dashes + 1) : [];
  const program = tail[0];
  if (program === undefined || !KNOWN.has(programName(program))) return [];
  return classifyArgv(tail, emptyCommand(), depth + 1);
}

/**
 * The client an interactive command opens (`psql -U postgres`, `docker compose exec
 * redis redis-cli`), or null: the lines after it in a block are typed into that client.
 */
export function interactiveClient(text: string): string | null {
  const opened = sessionOpenedBy(text);
  return opened && 'client' in opened ? opened.client : null;
}

/**
 * The session a command opens, or null: a client (`psql`, `redis-cli`, …) whose lines follow,
 * or a shell somewhere else (`oc rsh pod`, `oc debug node/x`, `kubectl exec -it pod -- sh`,
 * `ssh host`, `chroot /host`) that the following commands run in.
 */
export function sessionOpenedBy(text: string): { client: string } | { shell: true } | null {
  try {
    const commands = simpleCommandsOf(sharedLex(neutralizePlaceholders(text)));
    const last = commands[commands.length - 1];
    if (!last || commands.length !== 1) return null;
    let argv = last.argv;
    for (let layer = 0; layer < 32; layer++) {
      const first = argv[0];
      if (first === undefined) return null;
      const wrapper = WRAPPERS[programName(first)];
      const inner = wrapper ? wrapper(argv.slice(1), last) : null;
      if (!inner) return null;
      if (inner.session) return { client: inner.session };
      if (inner.opensShell) return { shell: true };
      if (!inner.argv) return null;
      argv = inner.argv;
    }
  } catch {
    // An unreadable line opens nothing.
  }
  return null;
}

/**
 * Reasons name the program as the runbook wrote it: the rules for `kubectl` also judge `oc`,
 * and "`kubectl adm upgrade`" would send the responder to the wrong tool.
 */
function asWritten(findings: Finding[], name: string, word: string): Finding[] {
  const slash = word.lastIndexOf('/');
  const shown = (slash >= 0 ? word.slice(slash + 1) : word).replace(/\.exe$/, '');
  if (shown === name || !/^[\w.-]+$/.test(shown)) return findings;
  const re = new RegExp(`(^|[\\s\`(])${name.replace(/[.-]/g, '\\$&')}(?=[\\s\`)/]|$)`, 'g');
  return findings.map((f) => ({ ...f, reason: f.reason.replace(re, `$1${shown}`) }));
}

function emptyCommand(): SimpleCommand {
  return { argv: [], assignments: [], redirs: [], subs: [], pipedFrom: null };
}

function programFindings(name: string, argv: string[]): Finding[] {
  const rules = RULES_BY_PROGRAM.get(name);
  const shown = argv[0] ?? name;
  if (!rules) return [{ risk: 'unknown', reason: `${shown} is not a command the risk rules know; check what it does before running it` }];
  const texts = new RuleTexts(name, argv.slice(1));
  let chosen = matching(rules, false, texts);
  chosen ??= matching(rules, true, texts);
  if (chosen === null) {
    const what = [name, ...texts.sub().split(' ').slice(0, 2)].join(' ').trim();
    return [{ risk: 'unknown', reason: `the risk rules know ${name} but not \`${what}\`; check what it does before running it` }];
  }
  return chosen;
}

/** Findings of the (fallback or ordinary) rules that match, in table order; null when none does. */
function matching(rules: readonly RiskRule[], fallback: boolean, texts: RuleTexts): Finding[] | null {
  let out: Finding[] | null = null;
  for (const r of rules) {
    if ((r.fallback ?? false) !== fallback || !ruleMatches(r, texts)) continue;
    (out ??= []).push({ risk: r.risk, reason: r.reason });
  }
  return out;
}

/**
 * The texts a program's rules test, built on first use: most programs' rules need only one of
 * them. A class rather than closures: this runs for every distinct command of a runbook.
 */
class RuleTexts {
  private subText: string | undefined;
  private joinedText: string | undefined;

  constructor(
    private readonly name: string,
    readonly args: string[],
  ) {}

  sub(): string {
    return (this.subText ??= positionals(this.args, VALUE_OPTIONS.get(this.name) ?? EMPTY_SET).join(' '));
  }

  joined(): string {
    return (this.joinedText ??= ` ${this.args.join(' ').slice(0, MAX_ARGS_TEXT)} `);
  }
}

function ruleMatches(r: RiskRule, texts: RuleTexts): boolean {
  if (r.sub && !r.sub.test(texts.sub())) return false;
  if (r.arg && !someMatches(r.arg, texts.args)) return false;
  if (r.notArg && someMatches(r.notArg, texts.args)) return false;
  if (r.args && !r.args.test(texts.joined())) return false;
  return true;
}

function someMatches(pattern: RegExp, args: readonly string[]): boolean {
  for (const a of args) if (pattern.test(a)) return true;
  return false;
}

function redirectFindings(redirs: RedirToken[]): Finding[] {
  const out: Finding[] = [];
  for (const r of redirs) {
    if (!r.target || r.heredoc) continue;
    const target = r.target.raw.replace(/^["']|["']$/g, '');
    if (HARMLESS_TARGET.test(target)) continue;
    // `>&2` and `2>&1` duplicate descriptors; they write no file.
    if ((r.op === '>&' || r.op === '<&') && /^\d+-?$|^-$/.test(target)) continue;
    for (const rule of REDIRECT_RULES) {
      if (rule.ops.includes(r.op) && rule.target.test(target)) {
        out.push({ risk: rule.risk, reason: rule.reason.replace('{target}', target) });
        break;
      }
    }
  }
  return out;
}

// ── clients

export function classifyClient(client: string, text: string): Finding[] {
  const c = client.toLowerCase();
  if (SQL_CLIENTS.has(c)) return classifySql(text);
  if (REDIS_CLIENTS.has(c)) return classifyRedis(text);
  if (MONGO_CLIENTS.has(c)) return classifyText(text, MONGO_RULES, 'the Mongo shell rules do not know this; check what it does before running it');
  return [{ risk: 'unknown', reason: `typed into ${client}; the rules do not judge ${client} input` }];
}

function classifyText(text: string, rules: readonly TextRiskRule[], unknownReason: string): Finding[] {
  const normalized = text.toUpperCase().replace(/\s+/g, ' ').trim();
  if (normalized === '') return [];
  const fired = rules.filter((r) => !r.fallback && r.pattern.test(normalized));
  const chosen = fired.length > 0 ? fired : rules.filter((r) => r.fallback && r.pattern.test(normalized));
  if (chosen.length === 0) return [{ risk: 'unknown', reason: unknownReason }];
  return chosen.map((r) => ({ risk: r.risk, reason: r.reason }));
}

export function classifySql(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const statement of sqlStatements(text)) {
    const fired = SQL_RULES.filter((r) => !r.fallback && r.pattern.test(statement));
    const chosen = fired.length > 0 ? fired : SQL_RULES.filter((r) => r.fallback && r.pattern.test(statement));
    if (chosen.length === 0) {
      const word = statement.split(' ')[0] ?? statement;
      findings.push({ risk: 'unknown', reason: `the SQL rules do not know \`${word.slice(0, 40)}\`; check what it does before running it` });
    } else for (const r of chosen) findings.push({ risk: r.risk, reason: r.reason });
  }
  return findings;
}

/**
 * Splits SQL into statements, normalized for the rules: upper case, string
 * literals emptied, comments removed, whitespace collapsed. psql meta-commands
 * (`\conninfo`) are statements of their own that end with their line.
 */
/** Characters that start a literal, comment, dollar quote, meta-command or statement end in SQL. */
const SQL_SPECIAL = /['"`\-/$\\;]/g;

export function sqlStatements(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  const push = (): void => {
    const s = cur.replace(/\s+/g, ' ').trim().toUpperCase();
    if (s !== '' && s !== ';') out.push(s.replace(/\s*;$/, ''));
    cur = '';
  };
  let i = 0;
  const n = text.length;
  while (i < n) {
    // Copy the plain run up to the next character that means something, in one slice.
    SQL_SPECIAL.lastIndex = i;
    const special = SQL_SPECIAL.exec(text);
    const next = special ? special.index : n;
    if (next > i) {
      cur += text.slice(i, next);
      i = next;
      if (i >= n) break;
    }
    const c = text[i] as string;
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < n) {
        if (text[j] === c) {
          if (text[j + 1] === c) {
            j += 2;
            continue;
          }
          break;
        }
        if (text[j] === '\\' && c !== '"') j++;
        j++;
      }
      // Identifiers keep their text (a table can be called "orders"); literals are emptied.
      cur += c === "'" ? "''" : text.slice(i, Math.min(j + 1, n));
      i = j + 1;
      continue;
    }
    if (c === '-' && text[i + 1] === '-') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? n : end;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
      cur += ' ';
      continue;
    }
    if (c === '$') {
      const m = /^\$[A-Za-z_]*\$/.exec(text.slice(i, i + 64));
      if (m) {
        const tag = m[0];
        const end = text.indexOf(tag, i + tag.length);
        const stop = end < 0 ? n : end + tag.length;
        cur += text.slice(i, stop);
        i = stop;
        continue;
      }
    }
    if (c === '\\' && cur.trim() === '') {
      const end = text.indexOf('\n', i);
      cur = text.slice(i, end < 0 ? n : end);
      push();
      i = end < 0 ? n : end + 1;
      continue;
    }
    if (c === ';') {
      push();
      i++;
      continue;
    }
    cur += c;
    i++;
  }
  push();
  return out;
}

export function classifyRedis(text: string): Finding[] {
  const findings: Finding[] = [];
  // Redis input is one command per line with shell-like quoting, but no shell
  // keywords: `TIME`, `SELECT 2` and `FUNCTION FLUSH` are commands, not structure.
  const lexer = sharedLex(text);
  let words: string[] = [];
  const flush = (): void => {
    const first = words[0];
    if (first !== undefined) {
      const one = first.toUpperCase();
      const two = `${one} ${(words[1] ?? '').toUpperCase()}`;
      const rule = REDIS_BY_COMMAND.get(two) ?? REDIS_BY_COMMAND.get(one);
      if (rule) findings.push({ risk: rule.risk, reason: rule.reason });
      else findings.push({ risk: 'unknown', reason: `the Redis rules do not know ${one.slice(0, 40)}; check what it does before running it` });
    }
    words = [];
  };
  for (const t of lexer.tokens) {
    if (t.kind === 'word') words.push(wordValue(t));
    else if (t.kind === 'op' && (t.op === '\n' || t.op === ';')) flush();
  }
  flush();
  return findings;
}

export function isRedisCommand(word: string): boolean {
  return REDIS_BY_COMMAND.has(word.toUpperCase());
}

/** Re-exported for the splitter: word values of a shell line. */
export { wordValue };
