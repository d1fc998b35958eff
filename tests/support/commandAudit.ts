/**
 * The corpus audit: which of a runbook's "runnable commands" are not shell commands at all.
 *
 * Deliberately independent of the parser's own sniffing (`electron/common/runbook/shell/sniff.ts`):
 * it reads each command's text the way a reviewer would and names what it looks like instead —
 * a YAML line, JSON, PromQL/LogQL, SQL typed at the shell, program output, prose. Used by the
 * corpus test, the corpus bench and `scripts/auditRunbooks.ts` (figures for any folder).
 */
import type { Runbook } from '../../electron/common/runbook/model';

export type NotACommandKind = 'yaml' | 'json' | 'promql' | 'logql' | 'sql' | 'output' | 'prose' | 'fragment' | 'prompt';

export interface AuditedCommand {
  path: string;
  line: number;
  text: string;
  kind: NotACommandKind;
}

export interface AuditFigures {
  files: number;
  crashes: number;
  errorDiagnostics: number;
  runnableSteps: number;
  commands: number;
  notCommands: number;
  /** notCommands / commands, as a percentage with one decimal. */
  notCommandRate: number;
  stepsInside: number;
  snippets: number;
}

const PROMQL_FUNCTIONS = new Set([
  'sum', 'avg', 'min', 'max', 'count', 'topk', 'bottomk', 'quantile', 'stddev', 'stdvar', 'count_values', 'group',
  'rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'predict_linear', 'histogram_quantile', 'label_replace', 'label_join',
  'sort', 'sort_desc', 'absent', 'absent_over_time', 'abs', 'ceil', 'floor', 'round', 'clamp_max', 'clamp_min', 'changes', 'resets',
  'avg_over_time', 'min_over_time', 'max_over_time', 'sum_over_time', 'count_over_time', 'last_over_time', 'quantile_over_time',
  'time', 'timestamp', 'vector', 'scalar', 'count_over_time', 'bytes_over_time', 'bytes_rate',
]);

/** Words a shell line never starts with but program output or prose often does. */
const OUTPUT_STARTS = /^(?:NAME|NAMESPACE|ID|UID|PID|USER|CONTAINER|IMAGE|STATUS|TYPE|Error:|Error from server|error:|Warning:|warning:|WARNING:|ERROR:|INFO:?|DEBUG:?|Events:|Name:|Status:|health:|HEALTH_\w+|cluster:|services:|data:|io:|pools:|objects:|usage:|pgs:)(?:\s|$)/;

const SQL_START = /^(?:SELECT|INSERT|UPDATE|DELETE|ALTER|DROP|CREATE|TRUNCATE|GRANT|REVOKE|SHOW|EXPLAIN|WITH|VACUUM|ANALYZE)\s/;

/** What the text looks like when it is not a shell command, or null when it may well be one. */
export function notACommandKind(text: string): NotACommandKind | null {
  const first = text.split('\n', 1)[0]!.trim();
  if (first === '') return null;
  // A prompt left in the command: the shell would run `sh-5.1$` or `❯`.
  if (/^(?:\([\w.-]+\) )?(?:[\w-]*sh-\d[\d.]*[$#]|[❯➜]|PS [A-Za-z]:\\[^>]*>|\[[^\]]+\][$#]|[\w.-]+@[\w.-]+:\S*[$#]|\$)(?:\s|$)/.test(first)) return 'prompt';
  // Expression lines cut out of a query: `and on (node) (`, `or`, `-`, `(`, `*`.
  if (/^(?:and|or|unless)(?:\s|$)|^[-*/+(]$|^[(]\s*$/.test(first)) return 'fragment';
  if (/^\(+\s*(?:[a-z_]+\(|[a-z]+(?:_[a-z0-9]+){2,})/.test(first)) return 'promql';
  if (/^[a-z_]+(?:_[a-z0-9]+)*:[a-z0-9_:]+(?:\s|$)/.test(first)) return 'promql';
  if (/^[a-z]+(?:_[a-z0-9]+){2,}\s*(?:==|!=|<=|>=|<|>|\*|\/|\band\b|\bor\b)\s/.test(first)) return 'promql';
  // Log lines: klog (`I0611 11:13:35`), syslog (`Oct 18 19:39:36`), Go source positions (`update.go:2641]`).
  if (/^[IWEF]\d{4} \d\d:|^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d|^[\w.-]+\.go:\d+\]/.test(first)) return 'output';
  // `Key Words:   value` lines of a tool's report; `name = value` settings (a shell assignment has no spaces).
  if (/^[A-Z][\w-]*(?: [\w-]+)*:(?:\s|$)/.test(first) || /^[A-Za-z_]\w*\s+=\s/.test(first)) return 'output';
  // Aligned columns, a quoted message, an error message: `received unexpected HTTP status: 500 …`.
  if (/^\S+ {2,}\S+ {2,}\S/.test(first) && !/[|$]|\s-\w/.test(first)) return 'output';
  if (/^"[^"]* [^"]*"\s*(?:,|$)/.test(first) || /^:+ ?[a-z0-9]/.test(first)) return 'output';
  if (/^[a-z]+(?: [A-Za-z]+){1,5}: \S/.test(first) && !/[|$=]/.test(first)) return 'output';
  // An option or a subcommand without its program (a lost `\` at the end of the line before).
  if (/^-{1,2}[A-Za-z]/.test(first) || /^(?:get|describe|logs|delete|apply|patch|exec|edit|rollout) (?:pods?|nodes?|deploy\w*|svc|-n)\b/.test(first)) return 'fragment';
  if (/^[}\]),]/.test(first) || /^[+*/|]\s/.test(first)) return 'fragment';
  if (/^\{\s*"|^\[\s*[{"\d]|^"[^"]*"\s*:/.test(first)) return 'json';
  if (/^\{[a-z_]+\s*(=~?|!=|!~)\s*"/.test(first)) return /\|[=~]|\|\s*(json|logfmt|line_format)/.test(text) ? 'logql' : 'promql';
  if (/^---\s*$/.test(first) || /^- [\w"'-]+:\s/.test(first) || /^- [\w.-]+$/.test(first)) return 'yaml';
  if (/^[A-Za-z_][\w.-]*:(?:\s|$)/.test(first) && !/^[A-Za-z]:\\/.test(first) && !/^https?:/.test(first)) return 'yaml';
  const word = /^[A-Za-z_][\w:]*/.exec(first)?.[0];
  if (word && PROMQL_FUNCTIONS.has(word) && /^[A-Za-z_][\w:]*\s*(?:\(|by\s*\(|without\s*\()/.test(first)) return 'promql';
  if (/^[A-Za-z_:][\w:]*\{[^}]*=~?"/.test(first) || /^[a-z_:]+_(?:total|bytes|seconds|count|sum|bucket|ratio)\b\s*(?:\[|[<>=!]=?|$|\{|offset\b)/.test(first)) return 'promql';
  if (/^\s*(?:by|without|on|ignoring|group_left|group_right)\s*\(/.test(first)) return 'promql';
  if (SQL_START.test(first)) return 'sql';
  if (OUTPUT_STARTS.test(first)) return 'output';
  if (/^\d/.test(first) && !/^\d+\s*[<>]/.test(first)) return 'output';
  if (/^[A-Z][A-Z_]{2,}\s{2,}[A-Z]/.test(first)) return 'output';
  // A capitalised sentence: "The cluster is healthy.", "If the pod is not running, ..."
  if (/^[A-Z][a-z]+(?: [a-z][a-z'-]*){3,}/.test(first) && !/[|$=<>]|\s-{1,2}\w/.test(first)) return 'prose';
  return null;
}

/** The commands of the runbook's runnable steps that are run in the shell (not typed into a client). */
export function shellCommandsOf(runbook: Runbook): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  for (const step of runbook.steps) {
    if (!step.runnable) continue;
    for (const c of step.commands) if (!c.client) out.push({ text: c.text, line: c.line });
  }
  return out;
}

export class CorpusAudit {
  readonly figures: AuditFigures = { files: 0, crashes: 0, errorDiagnostics: 0, runnableSteps: 0, commands: 0, notCommands: 0, notCommandRate: 0, stepsInside: 0, snippets: 0 };
  readonly found: AuditedCommand[] = [];
  readonly crashed: { path: string; error: string }[] = [];

  add(path: string, parse: () => Runbook): Runbook | null {
    this.figures.files++;
    let runbook: Runbook;
    try {
      runbook = parse();
    } catch (error) {
      this.figures.crashes++;
      this.crashed.push({ path, error: String(error) });
      return null;
    }
    this.figures.errorDiagnostics += runbook.diagnostics.filter((d) => d.level === 'error').length;
    for (const step of runbook.steps) {
      if (step.runnable) this.figures.runnableSteps++;
      else if (step.commands.length === 0) this.figures.snippets++;
      if ((step as { inside?: unknown }).inside) this.figures.stepsInside++;
    }
    for (const c of shellCommandsOf(runbook)) {
      this.figures.commands++;
      const kind = notACommandKind(c.text);
      if (kind) {
        this.figures.notCommands++;
        this.found.push({ path, line: c.line, text: c.text, kind });
      }
    }
    this.figures.notCommandRate = this.figures.commands === 0 ? 0 : Math.round((1000 * this.figures.notCommands) / this.figures.commands) / 10;
    return runbook;
  }
}
