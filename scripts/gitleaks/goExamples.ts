/**
 * Reads the true- and false-positive examples out of gitleaks' rule generators
 * (cmd/generate/config/rules/*.go): each rule function builds `tps` and `fps` and ends in
 * `utils.Validate(r, tps, fps)`. Go is not run here (no toolchain), so this evaluates the small
 * part of Go those functions use: string literals, `+`, `[]string{…}`, `map[string]string{…}`,
 * `append`, local and package-level variables, and the generators' helpers
 * (`utils.GenerateSampleSecrets`, `secrets.NewSecret` with a seeded regexSample, `utils.Hex`…,
 * `fmt.Sprintf`, `strings.Repeat`, base64). An example built any other way is listed as
 * skipped with the reason, never dropped silently.
 */
import { regexSample } from './regexSample';

type Value = string | number | boolean | Value[] | { map: [string, Value][] };

interface Token {
  kind: 'ident' | 'string' | 'number' | 'char' | 'punct' | 'nl';
  text: string;
  value?: string;
}

export class Unevaluable extends Error {}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: Token['kind'], text: string, value?: string) => tokens.push({ kind, text, ...(value !== undefined ? { value } : {}) });
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\n') {
      push('nl', '\n');
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') i++;
    else if (source.startsWith('//', i)) while (i < source.length && source[i] !== '\n') i++;
    else if (source.startsWith('/*', i)) {
      const end = source.indexOf('*/', i + 2);
      i = end === -1 ? source.length : end + 2;
    } else if (c === '`') {
      const end = source.indexOf('`', i + 1);
      push('string', source.slice(i, end + 1), source.slice(i + 1, end));
      i = end + 1;
    } else if (c === '"') {
      let j = i + 1;
      let value = '';
      while (source[j] !== '"') {
        if (source[j] === '\\') {
          const e = source[j + 1]!;
          const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v' };
          if (e in simple) {
            value += simple[e];
            j += 2;
          } else if (e === 'x') {
            value += String.fromCharCode(parseInt(source.slice(j + 2, j + 4), 16));
            j += 4;
          } else if (e === 'u') {
            value += String.fromCharCode(parseInt(source.slice(j + 2, j + 6), 16));
            j += 6;
          } else throw new Error(`unknown Go escape \\${e}`);
        } else value += source[j++];
      }
      push('string', source.slice(i, j + 1), value);
      i = j + 1;
    } else if (c === "'") {
      const end = source.indexOf("'", i + 2);
      push('char', source.slice(i, end + 1));
      i = end + 1;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i, i + 200))!;
      push('ident', m[0]);
      i += m[0].length;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9][0-9a-fA-Fx._]*/.exec(source.slice(i, i + 50))!;
      push('number', m[0]);
      i += m[0].length;
    } else {
      const three = source.slice(i, i + 3);
      const two = source.slice(i, i + 2);
      const op = three === '...' ? three : [':=', '==', '!=', '&&', '||', '+=', '<=', '>='].includes(two) ? two : c;
      push('punct', op);
      i += op.length;
    }
  }
  return tokens;
}

/** A function body or a top-level declaration, as tokens. */
interface Chunk {
  name: string;
  tokens: Token[];
}

/** Top-level `func NAME(…) … { … }` bodies and `var`/`const` declarations of a package. */
export function splitPackage(tokens: Token[]): { funcs: Chunk[]; vars: Map<string, Token[]> } {
  const funcs: Chunk[] = [];
  const vars = new Map<string, Token[]>();
  let i = 0;
  const skipBlock = (open: string, close: string) => {
    let depth = 0;
    const start = i;
    for (; i < tokens.length; i++) {
      if (tokens[i]!.text === open) depth++;
      else if (tokens[i]!.text === close && --depth === 0) {
        i++;
        return tokens.slice(start + 1, i - 1);
      }
    }
    return tokens.slice(start + 1);
  };
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (t.text === 'func' && tokens[i + 1]?.kind === 'ident') {
      const name = tokens[i + 1]!.text;
      while (i < tokens.length && tokens[i]!.text !== '{') i++;
      funcs.push({ name, tokens: skipBlock('{', '}') });
    } else if ((t.text === 'var' || t.text === 'const') && tokens[i + 1]?.kind === 'ident') {
      const name = tokens[i + 1]!.text;
      const start = i + 2;
      let depth = 0;
      i = start;
      while (i < tokens.length && !(depth === 0 && tokens[i]!.kind === 'nl' && !continues(tokens[i - 1]!))) {
        if ('([{'.includes(tokens[i]!.text)) depth++;
        if (')]}'.includes(tokens[i]!.text)) depth--;
        i++;
      }
      const eq = tokens.slice(start, i).findIndex((x) => x.text === '=');
      if (eq !== -1) vars.set(name, tokens.slice(start + eq + 1, i));
    } else i++;
  }
  return { funcs, vars };
}

/** Whether a line ending in this token goes on (Go's automatic semicolons, simplified). */
function continues(last: Token): boolean {
  return last.kind === 'punct' && !')]}'.includes(last.text) && last.text !== '...';
}

/** An example; `ValidateWithPaths` ones come with the file path gitleaks checks them under. */
export type Example = string | { path: string; text: string };

export interface RuleExamples {
  ruleId: string;
  tps: Example[];
  fps: Example[];
  skipped: string[];
}

export class GoEvaluator {
  private readonly cache = new Map<string, Value>();

  constructor(
    private readonly packageVars: Map<string, Token[]>,
    private readonly random: () => number,
    /** generic-api-key's stopwords, for generic.go's newPlausibleSecret. */
    private readonly genericStopwords: readonly string[] = [],
  ) {}

  /** The rule id and examples of one rule function, or null when it builds no rule. */
  ruleExamples(fn: Chunk): RuleExamples | null {
    const tokens = fn.tokens;
    const idAt = tokens.findIndex((t, i) => t.text === 'RuleID' && tokens[i + 1]?.text === ':');
    const validate = tokens.findIndex((t, i) => t.text === 'utils' && tokens[i + 2] && /^Validate(WithPaths)?$/.test(tokens[i + 2]!.text));
    if (idAt === -1 || validate === -1) return null;
    const ruleId = tokens[idAt + 2]?.value;
    if (ruleId === undefined) return null;
    const env = new Map<string, Value>();
    const skipped: string[] = [];
    const examples = { tps: [] as Example[], fps: [] as Example[] };
    for (const statement of statements(tokens)) {
      const text = statement.map((t) => t.text).join(' ');
      try {
        this.statement(statement, env, skipped);
      } catch (error) {
        if (!(error instanceof Unevaluable)) throw error;
        if (/\b(tps|fps)\b/.test(text)) skipped.push(`${clip(text)}: ${error.message}`);
      }
    }
    for (const list of ['tps', 'fps'] as const) {
      const value = env.get(list);
      if (value !== undefined) examples[list] = flatten(value);
    }
    return { ruleId, ...examples, skipped };
  }

  private statement(tokens: Token[], env: Map<string, Value>, skipped: string[]): void {
    if (tokens.length === 0) return;
    const first = tokens[0]!;
    if (first.text === 'var' && tokens[1]?.text === '(') {
      for (const line of splitLines(tokens.slice(2, -1))) this.statement([{ kind: 'ident', text: 'var' }, ...line], env, skipped);
      return;
    }
    if (first.text === 'var' && tokens[1]?.kind === 'ident') {
      const eq = tokens.findIndex((t) => t.text === '=');
      if (eq !== -1) env.set(tokens[1].text, this.listAware(tokens.slice(eq + 1), env, skipped));
      return;
    }
    if (first.kind === 'ident' && (tokens[1]?.text === ':=' || tokens[1]?.text === '=')) {
      if (first.text === 'r' || first.text === '_') return; // the rule itself
      env.set(first.text, this.listAware(tokens.slice(2), env, skipped));
      return;
    }
    if (/\b(tps|fps)\b/.test(tokens.map((t) => t.text).join(' ')) && first.text !== 'return') throw new Unevaluable('statement form not supported');
  }

  /** A `[]string{…}` or an `append(list, a, b…)` evaluates element by element, so one odd element skips only itself. */
  private listAware(tokens: Token[], env: Map<string, Value>, skipped: string[]): Value {
    const toks = tokens.filter((t) => t.kind !== 'nl');
    if (toks[0]?.text === '[' && toks[1]?.text === ']' && toks[2]?.text === 'string' && toks[3]?.text === '{' && toks.at(-1)?.text === '}') {
      return this.each(splitTop(toks.slice(4, -1), ','), env, skipped);
    }
    if (toks[0]?.text === 'append' && toks[1]?.text === '(' && toks.at(-1)?.text === ')' && toks.at(-2)?.text !== '...') {
      const [list, ...elements] = splitTop(toks.slice(2, -1), ',');
      return [...(this.expr(list!, env) as Value[]), ...this.each(elements, env, skipped)];
    }
    return this.expr(tokens, env);
  }

  private each(elements: Token[][], env: Map<string, Value>, skipped: string[]): Value[] {
    const out: Value[] = [];
    for (const element of elements) {
      try {
        out.push(this.expr(element, env));
      } catch (error) {
        if (!(error instanceof Unevaluable)) throw error;
        skipped.push(`${clip(element.map((t) => t.text).join(' '))}: ${error.message}`);
      }
    }
    return out;
  }

  expr(tokens: Token[], env: Map<string, Value>): Value {
    const toks = tokens.filter((t) => t.kind !== 'nl');
    const parts = splitTop(toks, '+');
    if (parts.length > 1) return parts.map((p) => this.expr(p, env)).map(asString).join('');
    const t = toks[0];
    if (!t) throw new Unevaluable('empty expression');
    if (toks.length === 1) {
      if (t.kind === 'string') return t.value!;
      if (t.kind === 'number') return Number(t.text);
      if (t.kind === 'ident') return this.variable(t.text, env);
    }
    if (t.text === '(' && toks.at(-1)?.text === ')') return this.expr(toks.slice(1, -1), env);
    // Composite literals.
    if (t.text === '[' && toks[1]?.text === ']' && toks.at(-1)?.text === '}') {
      const open = toks.findIndex((x) => x.text === '{');
      return splitTop(toks.slice(open + 1, -1), ',').map((e) => this.expr(e, env));
    }
    if (t.text === 'map' && toks.at(-1)?.text === '}') {
      const open = toks.findIndex((x) => x.text === '{');
      return {
        map: splitTop(toks.slice(open + 1, -1), ',').map((entry) => {
          const [k, ...v] = splitTop(entry, ':');
          return [asString(this.expr(k!, env)), this.expr(v.flat(), env)] as [string, Value];
        }),
      };
    }
    // A call: NAME(args) or pkg.NAME(args) or a.b.NAME(args).
    const open = toks.findIndex((x) => x.text === '(');
    if (open > 0 && toks.at(-1)?.text === ')') {
      const callee = toks.slice(0, open).map((x) => x.text).join('');
      const rawArgs = splitTop(toks.slice(open + 1, -1), ',');
      const spread = rawArgs.at(-1)?.at(-1)?.text === '...';
      if (spread) rawArgs[rawArgs.length - 1] = rawArgs.at(-1)!.slice(0, -1);
      const args = rawArgs.map((a) => this.expr(a, env));
      return this.call(callee, args, spread);
    }
    throw new Unevaluable(`expression ${clip(toks.map((x) => x.text).join(' '))}`);
  }

  private variable(name: string, env: Map<string, Value>): Value {
    if (env.has(name)) return env.get(name)!;
    if (this.cache.has(name)) return this.cache.get(name)!;
    const tokens = this.packageVars.get(name);
    if (!tokens) throw new Unevaluable(`unknown variable ${name}`);
    const value = this.expr(tokens, new Map());
    this.cache.set(name, value);
    return value;
  }

  private call(callee: string, args: Value[], spread: boolean): Value {
    const s = (i: number) => asString(args[i] ?? '');
    switch (callee) {
      case 'append':
        return [...(args[0] as Value[]), ...(spread ? (args[1] as Value[]) : args.slice(1))];
      case 'secrets.NewSecret':
        return regexSample(s(0), this.random);
      case 'newPlausibleSecret':
        // generic.go: retried until it holds a digit 1-9 and no stopword.
        for (;;) {
          const secret = regexSample(s(0), this.random);
          if (/[1-9]/.test(secret) && !this.genericStopwords.some((w) => secret.toLowerCase().includes(w))) return secret;
        }
      case 'utils.GenerateSampleSecrets':
        return sampleSecrets(s(0), s(1));
      case 'utils.GenerateSampleSecret':
        return `${s(0)}_api_token = "${s(1)}"`;
      case 'utils.Numeric':
        return `[0-9]{${s(0)}}`;
      case 'utils.Hex':
        return `[a-f0-9]{${s(0)}}`;
      case 'utils.AlphaNumeric':
        return `[a-z0-9]{${s(0)}}`;
      case 'utils.AlphaNumericExtendedShort':
        return `[a-z0-9_-]{${s(0)}}`;
      case 'utils.AlphaNumericExtended':
        return `[a-z0-9=_\\-]{${s(0)}}`;
      case 'utils.AlphaNumericExtendedLong':
        return `[a-z0-9\\/=_\\+\\-]{${s(0)}}`;
      case 'utils.Hex8_4_4_4_12':
        return '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
      case 'fmt.Sprintf': {
        let n = 1;
        return s(0).replace(/%[sdvq%]/g, (m) => (m === '%%' ? '%' : m === '%q' ? JSON.stringify(s(n++)) : s(n++)));
      }
      case 'strings.Repeat':
        return s(0).repeat(Number(args[1]));
      case 'strings.ToUpper':
        return s(0).toUpperCase();
      case 'strings.ToLower':
        return s(0).toLowerCase();
      case 'strings.Join':
        return (args[0] as Value[]).map(asString).join(s(1));
      case '[]byte':
      case 'string':
        return s(0);
      case 'base64.StdEncoding.EncodeToString':
        return Buffer.from(s(0)).toString('base64');
      case 'base64.RawStdEncoding.EncodeToString':
        return Buffer.from(s(0)).toString('base64').replace(/=+$/, '');
      case 'base64.URLEncoding.EncodeToString':
        return Buffer.from(s(0)).toString('base64url') + '='.repeat((4 - (Buffer.from(s(0)).toString('base64url').length % 4)) % 4);
      case 'base64.RawURLEncoding.EncodeToString':
        return Buffer.from(s(0)).toString('base64url');
      default:
        throw new Unevaluable(`call to ${callee}`);
    }
  }
}

/** gitleaks' utils.GenerateSampleSecrets: the secret in ~30 configuration and code forms. */
export function sampleSecrets(identifier: string, secret: string): string[] {
  const forms = [
    '{i}Token="{s}"', '{i}Token = "{s}"', '{i}Token={s}', '{i}Token = {s}', '{\n    "{i}_token": "{s}"\n}',
    '{"config.ini": "{I}_TOKEN={s}\\nBACKUP_ENABLED=true"}', '<{i}Token>\n    {s}\n</{i}Token>', '{i}_token: {s}', "{i}_token: '{s}'",
    '{i}_token: "{s}"', 'string {i}Token = "{s}";', 'var {i}Token string = "{s}"', '{i}Token := "{s}"', '{i}Token := `{s}`',
    'String {i}Token = "{s}";', 'var {i}Token = "{s}"', '${i}Token .= "{s}"', "{i}Token = '{s}'", '{i}Token = "{s}"',
    'System.setProperty("{I}_TOKEN", "{s}")', '  "{i}Token" => "{s}"', '{i}_TOKEN = "{s}"', '{i}_TOKEN := "{s}"', '{i}_TOKEN ::= "{s}"',
    '{i}_TOKEN :::= "{s}"', '{i}_TOKEN ?= "{s}"',
  ];
  return forms.map((f) => f.replaceAll('{i}', identifier).replaceAll('{I}', identifier.toUpperCase()).replaceAll('{s}', secret));
}

function asString(v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new Unevaluable('not a string');
}

function flatten(v: Value): Example[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(flatten);
  if (typeof v === 'object' && 'map' in v) return v.map.flatMap(([path, x]) => flatten(x).map((text) => ({ path, text: typeof text === 'string' ? text : text.text })));
  return [];
}

/** A `var ( … )` group's entries: one per line at depth 0. */
function splitLines(tokens: Token[]): Token[][] {
  const out: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t.kind === 'punct' && '([{'.includes(t.text)) depth++;
    if (t.kind === 'punct' && ')]}'.includes(t.text)) depth--;
    if (t.kind === 'nl' && depth === 0) out.push([]);
    else out.at(-1)!.push(t);
  }
  return out.filter((l) => l.some((t) => t.kind !== 'nl'));
}

/** Splits at `sep` outside brackets. */
function splitTop(tokens: Token[], sep: string): Token[][] {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if ('([{'.includes(t.text) && t.kind === 'punct') depth++;
    if (')]}'.includes(t.text) && t.kind === 'punct') depth--;
    if (depth === 0 && t.text === sep && t.kind === 'punct') parts.push([]);
    else if (t.kind !== 'nl') parts.at(-1)!.push(t);
  }
  return parts.filter((p) => p.length > 0);
}

/** A function body's statements: newline-separated at depth 0 (a line ending in an operator goes on). */
function statements(tokens: Token[]): Token[][] {
  const out: Token[][] = [[]];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'punct' && '([{'.includes(t.text)) depth++;
    if (t.kind === 'punct' && ')]}'.includes(t.text)) depth--;
    if (t.kind === 'nl') {
      const last = out.at(-1)!.at(-1);
      if (depth === 0 && (!last || !continues(last))) out.push([]);
      // Inside brackets a line break still separates the entries of a `var ( … )` group.
      else if (depth > 0) out.at(-1)!.push(t);
      continue;
    }
    out.at(-1)!.push(t);
  }
  return out.filter((s) => s.length > 0);
}

function clip(raw: string): string {
  const text = raw.replace(/\s+/g, ' ');
  return text.length > 100 ? `${text.slice(0, 99)}…` : text;
}
