/**
 * Content sniffing: a fence's label is a hint, not the truth. Public runbooks put YAML
 * manifests, JSON, PromQL/LogQL queries, SQL and program output in `console`/`bash` fences;
 * none of it is a command. The splitter asks here, at every line where a command would
 * start, whether the line is something else, and how far that something else runs.
 *
 * Every test is a bounded, anchored pattern over one line (or a bracket count over a few),
 * so sniffing stays linear in the block's size.
 */

import { ELISION_WORDS } from './commandText';

/** What a non-shell line run is: the `lang` of the copyable snippet it becomes. */
export type SnippetKind = 'yaml' | 'json' | 'promql' | 'logql' | 'sql' | 'output' | 'text';

/** PromQL functions and aggregations (`sum by (…)`, `rate(…[5m])`, `histogram_quantile(…)`). */
const PROMQL_FUNCTIONS = new Set([
  'sum', 'avg', 'min', 'max', 'count', 'topk', 'bottomk', 'quantile', 'stddev', 'stdvar', 'count_values', 'group', 'limitk',
  'rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'predict_linear', 'histogram_quantile', 'label_replace', 'label_join',
  'sort', 'sort_desc', 'sort_by_label', 'absent', 'absent_over_time', 'abs', 'ceil', 'floor', 'round', 'clamp', 'clamp_max', 'clamp_min',
  'changes', 'resets', 'avg_over_time', 'min_over_time', 'max_over_time', 'sum_over_time', 'count_over_time', 'last_over_time',
  'quantile_over_time', 'stddev_over_time', 'present_over_time', 'timestamp', 'vector', 'scalar', 'exp', 'ln', 'log2', 'log10', 'sqrt',
  'day_of_month', 'day_of_week', 'days_in_month', 'hour', 'minute', 'month', 'year', 'holt_winters', 'sgn',
  // LogQL range functions
  'bytes_over_time', 'bytes_rate', 'rate_counter',
]);

/** PromQL aggregations that take `by (…)` / `without (…)`. */
const PROMQL_AGGREGATIONS = /^(?:sum|avg|min|max|count|topk|bottomk|quantile|stddev|stdvar|count_values|group|limitk)\s*(?:by|without)\s*\(/;

/** A selector with label matchers: `up{job="api"}`, `{namespace=~"openshift-.*"}`. */
const SELECTOR = /^[A-Za-z_:][\w:]{0,200}\s*\{\s*[A-Za-z_]\w{0,100}\s*(?:=~|!~|!=|=)\s*["'`]/;
const BARE_SELECTOR = /^\{\s*[A-Za-z_]\w{0,100}\s*(?:=~|!~|!=|=)\s*["'`]/;
/** LogQL's pipeline after a stream selector. */
const LOGQL_PIPE = /\}\s*(?:\|[=~]|!=|!~|\|\s*(?:json|logfmt|pattern|regexp|line_format|label_format|unpack|drop|keep|decolorize)\b)/;
/** A metric with a range or an offset: `node_cpu_seconds_total[5m]`. */
const RANGE_VECTOR = /^[A-Za-z_:][\w:]{0,200}(?:\{[^}]{0,2000}\})?\[\d+[smhdwy]/;
/** Recording-rule names (`cluster:master_nodes`, `node_namespace_pod:kube_pod_info:`). */
const RECORDING_RULE = /^[a-z_][a-z0-9_]{0,100}:[a-z0-9_:]{1,200}(?:\s|$|\{|\[|\))/;
/** A metric name: snake case with a unit or type suffix Prometheus's naming rules ask for. */
const METRIC_NAME = /^[a-z][a-zA-Z0-9]{0,40}(?:_[a-zA-Z0-9]{1,40}){1,15}$/;
const METRIC_SUFFIX = /_(?:total|bytes|seconds|count|sum|bucket|info|ratio|percent|status|healthy|up|errors|requests|size|timestamp|created|celsius|volts|amperes|joules|grams|meters)$/;
/** Binary operators that continue a PromQL expression. */
const PROMQL_BINARY = /^\s*(?:==|!=|>=|<=|>|<|\*|\/|\+|-|%|\^|and\b|or\b|unless\b|offset\b|on\s*\(|ignoring\s*\(|group_left\b|group_right\b|by\s*\(|without\s*\(|bool\b)/;
/** Lines that can only continue an expression, never start a command. */
const CONTINUATION_START = /^(?:[)\]},]|[*/%^+]\s|(?:on|ignoring|group_left|group_right|by|without)\s*\(|(?:and|or|unless)\s)/;

/** SQL typed at the shell: an upper-case statement keyword and SQL after it. */
const SQL_START = /^(?:SELECT|INSERT|UPDATE|DELETE|ALTER|DROP|CREATE|TRUNCATE|GRANT|REVOKE|SHOW|EXPLAIN|WITH|VACUUM|ANALYZE|REINDEX)\s+(?:[A-Z*(]|\w+\s*(?:,|(?:FROM|SET|TO)\b))/;

/** `key: value`, `key:` (YAML, or the `field: value` lines tools print). */
const YAML_KEY = /^[A-Za-z_][\w./-]{0,200}:(?:\s|$)/;
/** Keys tools print for humans: `Name:`, `Creation Timestamp:`, `API URL:`. */
const TITLE_KEY = /^[A-Z][\w()./-]{0,60}(?: [\w()./-]{1,60}){0,5}:(?:\s|$)/;
const YAML_ITEM = /^-\s+(?:[\w"'./-]{1,200}:(?:\s|$)|[\w"'./-]{1,200}\s*$)/;

/** Program output: log lines, tables, counts. */
const OUTPUT_LINES: readonly RegExp[] = [
  // klog: `I0611 11:13:35.048771  1 log.go:245] …`
  /^[IWEF]\d{4} \d\d:\d\d:\d\d/,
  // syslog: `Oct 18 19:39:36 host chronyd[205]: …`
  /^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d\d:\d\d:\d\d\b/,
  // ISO timestamps: `2024-06-20T17:56:33Z …`
  /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d/,
  // `update.go:2641] Rebooting node`
  /^[\w.-]{1,100}\.(?:go|py|java|rs|c|cc|cpp|js|ts):\d+\]/,
  // counts and figures: `3 full osd(s)`, `55 active+clean`, `1/3 ready`, `0.5`
  /^\d+(?:[.,/:%]\d*)*(?:\s|$|[%)])/,
  // a status constant: `HEALTH_ERR 1 full osd(s)`, `CRITICAL_ERROR …`
  /^[A-Z][A-Z0-9]*_[A-Z0-9_]+(?:\s|$|:)/,
  // a table header: `NAME   READY   STATUS`
  /^[A-Z][A-Z0-9_/-]{1,40}(?: [A-Z][A-Z0-9_/-]{1,40})?(?:\s{2,}|\t)[A-Z][A-Z0-9_/()-]/,
  // a capitalised word then a column gap: `Warning  FailedScheduling  3m53s`
  /^[A-Z][a-z]{1,40}(?:\s{2,}|\t)\S/,
  // a quoted message: `"failed to run reboot: %v", err`
  /^"[^"\n]{0,400}\s[^"\n]{0,400}"\s*(?:[,:]|$)/,
  // `::1  localhost`
  /^::/,
  // a log message: `received unexpected HTTP status: 500 Internal Server Error`
  /^[a-z][a-z-]{1,30}(?: [A-Za-z][\w-]{0,30}){1,6}: [\w"'(]/,
  // `ls -l`: `drwxr-xr-x  2 root root …`, `total 48`; `tree`: `├── conf`
  /^[-dlcbps][rwxsStT-]{9}[@+.]?\s/,
  /^total \d+$/,
  /^[│├└┌─]/,
  // `Key    : value` (scutil, ethtool), `key:value` (redis INFO), `[ERR] …`, `ERRO[0000] …`, `[sudo] password for …`
  /^[a-z][\w ]{0,40}?\s+: \S/,
  /^[a-z_][a-z0-9_]{0,60}:[^\s:/][^\s]*$/,
  /^\[(?:[A-Z]{2,10}|sudo|errno[^\]]*)\]/,
  // gpg's key listing: `uid   [ultimate] Jane Doe <jane@example.com>`, `sub   rsa4096/…`
  /^(?:uid|sub|ssb|sec|pub)\s{2,}\S/,
  /^[A-Z]{3,5}\[\d+\]/,
  // a menu of choices: `(1) RSA key`, `(Q) quit`
  /^\([\w]{1,3}\)\s/,
  // an all-caps word: `RSA key 4096`, `PIN:` (not `FOO=bar`)
  /^[A-Z]{2,}(?:\s|$|:)/,
];

/** Lines that are never a command: rules, URLs, key fingerprints, section headers of INI files, nested fences. */
const TEXT_LINES: readonly RegExp[] = [
  /^(?!---\s*$)[-=_*]{3,}\s*$/,
  /^=/,
  /^https?:\/\/\S+$/,
  /^```/,
  // INI / TOML sections: `[global]`, `[Configurations]`
  /^\[[A-Za-z][\w .-]{0,60}\]\s*$/,
  // a bullet of text: `- Deleting, expiring or evicting (because …)`, `- q (to exit out of gdb)`
  /^- (?:[A-Z][a-z]+[ ,]|\w{1,3} \()/,
  // a key, hash or token on a line of its own
  /^(?:ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-\S+) AAAA/,
  /^[A-Za-z0-9+/=_-]{40,}$/,
];

/** Prose: a capitalised sentence with no shell punctuation ("Make sure we have enough CPU …"). */
const PROSE = /^[A-Z][a-z]{1,30}(?: [A-Za-z][a-z'’-]{0,30}[,.]?){3,}/;
const SHELLISH = /[|$=<>`&;]|\s-{1,2}[A-Za-z]/;

/**
 * What a line that would start a command is instead, or null when it may be shell.
 * `isKnown` says whether a word names a program the risk table knows.
 */
export function sniffLine(line: string, isKnown: (word: string) => boolean, next?: string): SnippetKind | null {
  const t = line.trim();
  if (t === '') return null;
  const c = t.charCodeAt(0);
  const first = /^[^\s({[]*/.exec(t)?.[0] ?? '';
  // Shell words the risk table knows (`kubectl`, `sum -r`) are shell, unless the shape is a query.
  const known = first !== '' && isKnown(first);

  // JSON and the bracket ends of a multi-line expression.
  if (c === 0x7b /* { */) {
    if (/^\{\s*"[^"\n]{0,200}"\s*:/.test(t)) return 'json';
    if (t === '{' && next !== undefined && /^\s*"/.test(next)) return 'json';
    if (BARE_SELECTOR.test(t)) return LOGQL_PIPE.test(t) ? 'logql' : 'promql';
    return null;
  }
  if (c === 0x5b /* [ */) {
    // an error printed with its number: `[errno 13] RADOS permission denied`; `[sudo] password for …`
    if (/^\[(?:errno \d+|sudo|[A-Z]{2,10})\]/.test(t)) return 'output';
    if (t === '[' || /^\[\s*[{[]/.test(t) || /^\[\s*"[^"\n]{0,200}"\s*[,\]]/.test(t) || /^\[\s*-?\d[\d.]*\s*[,\]]/.test(t)) return 'json';
    return null;
  }
  if (CONTINUATION_START.test(t)) return 'text';
  // `(sum(rate(…)))`, `(etcd_mvcc_db_total_size_in_bytes / …)`: a subshell only if a command follows.
  if (c === 0x28 /* ( */) {
    // a menu of choices a program printed: `(1) RSA and RSA (default)`, `(Q) Finished`
    if (/^\(\w{1,3}\) \S/.test(t) && !/^\(\w+\)\s*(?:&&|\|\||;|\||$)/.test(t)) return 'output';
    const inner = t.replace(/^[(\s]+/, '');
    return inner !== '' && promqlStart(inner, isKnown) ? 'promql' : null;
  }
  // `--all-containers=true | grep …`: options without their command (a lost `\`).
  if (/^--?[A-Za-z]/.test(t)) return 'text';

  if (promqlStart(t, isKnown)) return 'promql';
  if (SQL_START.test(t)) return 'sql';

  // Settings (`default_runtime = "crun"`, `w = key expires in n weeks`): a shell assignment has no spaces.
  if (/^[A-Za-z_][\w.]{0,100}\s+=\s/.test(t)) return 'text';
  if (/^"[^"\n]{1,200}"\s*:\s/.test(t)) return 'json';
  // Printed `key=value` fields, not assignments: a quoted key (`"msg"="trying to connect" …`), or a
  // value followed by a number where a command would be (`notAfter=Aug  6 13:11:20 2025 GMT`).
  if (/^"[A-Za-z_][\w.-]{0,100}"=/.test(t) || /^[A-Za-z_]\w{0,100}=[^\s'"$`]*\s+\d[\d:.,]*(?:\s|$)/.test(t)) return 'output';
  for (const re of TEXT_LINES) if (re.test(t)) return 'text';
  // `: exit status 1` — the tail of a wrapped error message (`:` with words after it does nothing).
  if (/^: [a-z]+ [a-z]+ /.test(t)) return 'output';
  // `get pods -n $NAMESPACE | grep …`: kubectl's verb and resource without the program (a lost `\`).
  if (!known && /^(?:get|describe|logs|delete|apply|patch|edit|rollout|scale|label|annotate) (?:pods?|nodes?|deploy(?:ment)?s?|svc|services?|pvc|cm|configmaps?|secrets?|events|all|-n|--namespace)\b/.test(t)) return 'text';
  if (!known) {
    if (t === '---') return 'yaml';
    if (YAML_ITEM.test(t)) return 'yaml';
    // A list item of text (`- alertname = KubePodNotReady`): `-` is no program.
    if (/^-\s+\S/.test(t)) return 'text';
    if (TITLE_KEY.test(t) && !/^[A-Z]:[\\/]/.test(t)) return /^[a-z]/.test(t) ? 'yaml' : 'output';
    if (YAML_KEY.test(t) && !/^[A-Za-z]:[\\/]/.test(t)) return 'yaml';
    for (const re of OUTPUT_LINES) if (re.test(t)) return 'output';
    // Columns of a table row: `default   alertmanager-main-0   1/2   CrashLoopBackOff`.
    if (/^\S+(?:\s{2,}|\t)\S+(?:\s{2,}|\t)\S/.test(t) && !SHELLISH.test(t)) return 'output';
    if (PROSE.test(t) && !SHELLISH.test(t) && !/\/\S/.test(t)) return 'text';
    // A Title-case word opens a sentence or a tool's message (`Please enter the PIN`, `Saved!`);
    // commands are lower case. A lone letter is an answer typed at a program's question (`y`, `q`).
    if (/^[A-Z][a-z]{0,30}[,.!?:]?(?:\s|$)/.test(t) && !/^[A-Z][a-z]*=/.test(t)) return 'text';
    if (/^[A-Za-z0-9]$/.test(t)) return 'text';
  }
  return null;
}

/** Does this text open a PromQL expression? */
function promqlStart(t: string, isKnown: (word: string) => boolean): boolean {
  const word = /^[A-Za-z_:][\w:]*/.exec(t)?.[0];
  if (!word) return false;
  const after = t.slice(word.length);
  // A function call (shell would read `f(` as a function definition missing its `)`).
  if (/^\s*\(/.test(after) && !/^\s*\(\s*\)/.test(after) && PROMQL_FUNCTIONS.has(word)) return true;
  if (PROMQL_AGGREGATIONS.test(t)) return true;
  if (SELECTOR.test(t) || RANGE_VECTOR.test(t) || RECORDING_RULE.test(t)) return true;
  if (isKnown(word) || !METRIC_NAME.test(word)) return false;
  // A bare metric (`node_filesystem_free_bytes`), or one compared or joined (`x_total == y_total`).
  if (after.trim() === '') return METRIC_SUFFIX.test(word);
  // … but not `my_tool --flag` or `my_tool > out.txt` / `< in.json` (redirections name files).
  return PROMQL_BINARY.test(after) && !/^\s*(?:-{1,2}[A-Za-z]|>>|[<>]\s*[\w-]*[./~$]\S*\s*$)/.test(after);
}

/** Brackets opened minus closed on a line, quotes skipped. */
function bracketDepth(line: string): number {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
  }
  return depth;
}

/**
 * The end (exclusive) of the run of `kind` that starts at `start`: a query or JSON value runs
 * until its brackets close (and no operator continues it); YAML while lines are indented or
 * keys; output and text until a blank line, a comment or a line that reads as shell.
 */
export function snippetRunEnd(lines: readonly string[], start: number, kind: SnippetKind, isKnown: (word: string) => boolean): number {
  const n = lines.length;
  // `...` marks lines left out of the snippet or output around it (`...` / `key: value` / `...`): part of the run.
  if (ELISION_WORDS.has((lines[start] as string).trim()) && start + 1 < n) return snippetRunEnd(lines, start + 1, kind, isKnown);
  let end = runEnd(lines, start, kind, isKnown);
  while (end < n && ELISION_WORDS.has((lines[end] as string).trim())) end++;
  return end;
}

function runEnd(lines: readonly string[], start: number, kind: SnippetKind, isKnown: (word: string) => boolean): number {
  const n = lines.length;
  // A fence opened inside the block (a runbook that forgot to close the one before): the rest is
  // that other block's text, not shell.
  if (/^\s*```/.test(lines[start] as string)) return n;
  if (kind === 'promql' || kind === 'logql' || kind === 'json' || kind === 'text') {
    let depth = 0;
    let i = start;
    while (i < n) {
      const l = lines[i] as string;
      if (l.trim() === '' && depth <= 0) break;
      depth += bracketDepth(l);
      i++;
      if (depth > 0) continue;
      // Closed: an operator or a closing bracket on the next line continues the expression.
      const next = lines[i];
      if (next === undefined || kind === 'text' || !(CONTINUATION_START.test(next.trim()) || PROMQL_BINARY.test(next))) break;
    }
    return Math.max(i, start + 1);
  }
  if (kind === 'yaml') {
    let i = start + 1;
    while (i < n) {
      const l = lines[i] as string;
      const t = l.trim();
      if (t === '') {
        // A blank line inside a manifest: the manifest goes on if YAML follows.
        let j = i + 1;
        while (j < n && (lines[j] as string).trim() === '') j++;
        const after = lines[j];
        if (after === undefined || !(/^\s/.test(after) || sniffLine(after, isKnown) === 'yaml')) break;
        i = j;
        continue;
      }
      if (/^\s/.test(l) || t.startsWith('#') || t === '---' || sniffLine(l, isKnown) === 'yaml') {
        i++;
        continue;
      }
      break;
    }
    return i;
  }
  // output: every following line that does not read as the start of a command.
  let i = start + 1;
  while (i < n) {
    const l = lines[i] as string;
    const t = l.trim();
    if (t === '' || t.startsWith('#')) break;
    const word = /^\S+/.exec(t)?.[0] ?? '';
    if (isKnown(word) && sniffLine(l, isKnown) === null) break;
    i++;
  }
  return i;
}
