/**
 * Finds secrets in a text with the rule set (secretRules.ts), the way gitleaks does, and fast
 * enough for 50 MB of command output:
 *
 * 1. One keyword pass over the text (KeywordScanner, case-insensitive) before any regex.
 * 2. Each rule with a keyword hit runs only on the lines around its hits (as many lines either
 *    side as its pattern can span; rules that may span any number of lines, like private key
 *    blocks, run on the whole text). On 50 MB of logs where no keyword occurs, no regex runs.
 * 3. Each match is judged as gitleaks judges it: the secret is the rule's secret group (else
 *    the first group that matched, else the match), its Shannon entropy must exceed the rule's
 *    threshold, and the global and the rule's allowlists (regexes on the secret, the match or
 *    the line; stopwords in the secret) must not excuse it. War Room's own rules add an
 *    `accept` test (placeholders, a credential's name…).
 * 4. A generic rule's finding inside a specific rule's finding is dropped (gitleaks' filter);
 *    overlapping findings merge, so no part of either is left in clear.
 */
import { KeywordScanner } from './keywordScanner';
import { isPlaceholderValue, shannonEntropy } from './secretDetectors';
import { secretRules, type Allowlist, type RuleSet, type SecretRule } from './secretRules';

export interface Detection {
  start: number;
  end: number;
  rule: SecretRule;
}

/** Texts up to this size are scanned whole by every triggered rule: windows would cost more. */
const WHOLE_TEXT_CHARS = 16 * 1024;
/** How far a window reaches from a hit along one very long line (minified JSON, base64). */
const LONG_LINE_REACH = 16 * 1024;

export class SecretScanner {
  private readonly keywords: KeywordScanner;
  /** keyword index → the rules it triggers. */
  private readonly rulesOf: number[][];

  constructor(readonly ruleSet: RuleSet = secretRules()) {
    const index = new Map<string, number>();
    const words: string[] = [];
    this.rulesOf = [];
    ruleSet.rules.forEach((rule, r) => {
      for (const word of rule.keywords) {
        let k = index.get(word);
        if (k === undefined) {
          k = words.length;
          index.set(word, k);
          words.push(word);
          this.rulesOf.push([]);
        }
        if (!this.rulesOf[k]!.includes(r)) this.rulesOf[k]!.push(r);
      }
    });
    this.keywords = new KeywordScanner(words);
  }

  /** Every secret in `text`, in order, without overlaps. */
  scan(text: string): Detection[] {
    const found: Detection[] = [];
    const rules = this.ruleSet.rules;
    if (text.length <= WHOLE_TEXT_CHARS) {
      const triggered = new Set<number>();
      for (const k of this.keywords.present(text)) for (const r of this.rulesOf[k]!) triggered.add(r);
      for (const r of [...triggered].sort((a, b) => a - b)) this.runRule(rules[r]!, text, 0, text.length, found);
      return resolve(found);
    }
    const hits = this.keywords.scan(text);
    if (hits.positions.length === 0) return found;
    const breaks = lineBreaks(text);
    const lineStart = (line: number) => (line <= 0 ? 0 : breaks[Math.min(line, breaks.length) - 1]! + 1);
    const lineEnd = (line: number) => (line >= breaks.length ? text.length : breaks[line]! + 1);
    const windows: (number[] | undefined)[] = new Array(rules.length); // rule → flat [start, end, start, end…]
    const covered = new Int32Array(rules.length).fill(-1); // rule → last line its windows cover whole
    let line = 0; // the line of the current hit: breaks[line] is its line break
    for (let h = 0; h < hits.positions.length; h++) {
      const at = hits.positions[h]!;
      while (line < breaks.length && breaks[line]! < at) line++;
      for (const r of this.rulesOf[hits.keywords[h]!]!) {
        const span = rules[r]!.lineSpan;
        // Most hits fall in lines a window already covers.
        if (covered[r]! >= line + (span ?? 0)) continue;
        let list = windows[r];
        if (!list) windows[r] = list = [];
        if (span === null) {
          list.push(0, text.length);
          covered[r] = breaks.length + 1;
          continue;
        }
        let start = lineStart(line - span);
        let end = lineEnd(line + span);
        // A very long line (minified JSON, base64): only the reach around the hit.
        const clipped = at - start > LONG_LINE_REACH || end - at > LONG_LINE_REACH;
        if (at - start > LONG_LINE_REACH) start = at - LONG_LINE_REACH;
        if (end - at > LONG_LINE_REACH) end = at + LONG_LINE_REACH;
        covered[r] = clipped ? -1 : line + span;
        const last = list.length - 1;
        if (last > 0 && start <= list[last]!) list[last] = Math.max(list[last]!, end);
        else list.push(start, end);
      }
    }
    windows.forEach((list, r) => {
      for (let w = 0; w < list!.length; w += 2) this.runRule(rules[r]!, text, list![w]!, list![w + 1]!, found);
    });
    return resolve(found);
  }

  private runRule(rule: SecretRule, text: string, from: number, to: number, found: Detection[]): void {
    const part = from === 0 && to === text.length ? text : text.slice(from, to);
    const pattern = rule.pattern;
    pattern.lastIndex = 0;
    let previousEnd = from;
    for (let m = pattern.exec(part); m !== null; m = pattern.exec(part)) {
      if (m[0].length === 0) {
        pattern.lastIndex++;
        continue;
      }
      const matchStart = from + m.index;
      const matchEnd = matchStart + m[0].length;
      const span = secretSpan(rule, m, from);
      let { start, end } = span;
      // A quoted value is the secret without its quotes, so it is found again unquoted.
      if (end - start >= 2 && (text[start] === '"' || text[start] === "'") && text[end - 1] === text[start]) {
        start++;
        end--;
      }
      const matchFrom = rule.prefix ? widenLeft(text, matchStart, Math.max(previousEnd, matchStart - rule.prefix.max), rule.prefix.test) : matchStart;
      previousEnd = matchEnd;
      if (end <= start) continue;
      const secret = text.slice(start, end);
      if (!this.acceptable(rule, secret, text, matchFrom, matchEnd)) continue;
      found.push({ start, end, rule });
    }
  }

  private acceptable(rule: SecretRule, secret: string, text: string, matchStart: number, matchEnd: number): boolean {
    if (rule.entropy !== undefined && shannonEntropy(secret) <= rule.entropy) return false;
    // gitleaks' rules bring their own allowlists; ours share the placeholder list.
    if (rule.source === 'warroom' && isPlaceholderValue(secret)) return false;
    if (allowed(this.ruleSet.allowlist, secret, text, matchStart, matchEnd)) return false;
    for (const list of rule.allowlists) if (allowed(list, secret, text, matchStart, matchEnd)) return false;
    if (rule.accept && !rule.accept(secret, text.slice(matchStart, matchEnd), lineAround(text, matchStart, matchEnd))) return false;
    return true;
  }
}

/** Where the secret is within a match: the rule's group, else the first group that matched. */
function secretSpan(rule: SecretRule, m: RegExpExecArray, offset: number): { start: number; end: number } {
  const indices = m.indices!;
  let span: [number, number] | undefined;
  if (typeof rule.secretGroup === 'string') span = indices.groups?.[rule.secretGroup];
  else if (typeof rule.secretGroup === 'number') span = indices[rule.secretGroup];
  else for (let g = 1; g < indices.length && !span; g++) if (indices[g] && indices[g]![1] > indices[g]![0]) span = indices[g];
  if (!span) span = indices[0]!;
  return { start: offset + span[0], end: offset + span[1] };
}

function allowed(list: Allowlist, secret: string, text: string, matchStart: number, matchEnd: number): boolean {
  if (list.regexes.length > 0) {
    const target = list.target === 'secret' ? secret : list.target === 'match' ? text.slice(matchStart, matchEnd) : lineAround(text, matchStart, matchEnd);
    for (const re of list.regexes) if (re.test(target)) return true;
  }
  if (list.stopwords.length > 0) {
    const lower = secret.toLowerCase();
    for (const word of list.stopwords) if (lower.includes(word)) return true;
  }
  return false;
}

/** Extends a match start to the left over characters of the split-off prefix class. */
function widenLeft(text: string, start: number, limit: number, test: RegExp): number {
  let s = start;
  while (s > limit && test.test(text[s - 1]!)) s--;
  return s;
}

/** The full line(s) a match is on. */
function lineAround(text: string, start: number, end: number): string {
  const from = text.lastIndexOf('\n', start - 1) + 1;
  const to = text.indexOf('\n', end);
  return text.slice(from, to === -1 ? text.length : to);
}

/** Positions of every line break in `text`. */
function lineBreaks(text: string): Int32Array {
  let out = new Int32Array(1024);
  let n = 0;
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) {
    if (n === out.length) {
      const grown = new Int32Array(out.length * 2);
      grown.set(out);
      out = grown;
    }
    out[n++] = nl;
  }
  return out.subarray(0, n);
}

/** Drops generic findings inside specific ones, then merges overlaps (the first one's rule names the merge). */
function resolve(found: Detection[]): Detection[] {
  if (found.length < 2) return found;
  found.sort((a, b) => a.start - b.start || b.end - a.end || Number(a.rule.generic) - Number(b.rule.generic));
  const specific = found.filter((d) => !d.rule.generic);
  const kept = specific.length === found.length ? found : found.filter((d) => !d.rule.generic || !specific.some((s) => s.start <= d.start && s.end >= d.end));
  return mergeSortedOverlaps(kept);
}

/**
 * Spans sorted by start (longest first on a tie) with every overlap merged into the first span
 * of it, grown to cover the rest: no part of an overlapping secret stays outside a span.
 */
export function mergeSortedOverlaps<T extends { start: number; end: number }>(sorted: readonly T[]): T[] {
  const out: T[] = [];
  for (const span of sorted) {
    const last = out[out.length - 1];
    if (last && span.start < last.end) {
      if (span.end > last.end) out[out.length - 1] = { ...last, end: span.end };
      continue;
    }
    out.push(span);
  }
  return out;
}

let shared: SecretScanner | undefined;

/** One scanner per process: building the keyword automaton and compiling ~250 rules costs ~10 ms. */
export function secretScanner(): SecretScanner {
  shared ??= new SecretScanner();
  return shared;
}
