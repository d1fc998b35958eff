/**
 * Redaction of one export. A `Redactor` works in two passes over everything that will leave
 * the machine:
 *
 * 1. `learn(text)` on every text: the rule set (secretScanner.ts) finds secrets, and each
 *    secret's value is remembered, as are the values of the incident's secret inputs.
 * 2. `redact(text, where)` / `matches(text, where)` on every text: what the rules find there,
 *    plus every occurrence of every remembered value, whatever surrounds it — so a password
 *    found in a connection URL is also hidden in the note that spells it out in prose.
 *
 * A finding is one distinct secret value, wherever and however often it appears: the
 * responder decides once per secret, and `keep` names the findings to leave in clear. Its id
 * is a hash of the value, so the preview and the export (or a re-run) agree on it. The
 * preview's own lines (excerpts, places) never show a secret, kept or not: `maskAll`.
 */
import { mergeSortedOverlaps, secretScanner, type Detection, type SecretScanner } from './secretScanner';

/** A secret incident input: its value is redacted wherever it appears. */
export interface LiteralSecret {
  name: string;
  value: string;
}

export interface SecretMatch {
  start: number;
  end: number;
  kind: string;
  label: string;
  id: string;
}

export interface RedactionFinding {
  id: string;
  /** The rule that found it (`github-pat`, `url-password`, `secret-input`…), as in `[REDACTED:kind]`. */
  kind: string;
  label: string;
  /** How many times it appears in what was scanned. */
  count: number;
  /** Where, in words (`Command 3 (kubectl …): output, line 12`); the first few places. */
  where: string[];
  /** The text around its first appearance, with it and every other secret masked. */
  excerpt: string;
  /** The responder chose to keep it in clear. */
  kept: boolean;
}

export const SECRET_INPUT_KIND = 'secret-input';
/** Shorter input values are not masked: "1" or "yes" would shred the whole report. */
export const MIN_LITERAL_SECRET_CHARS = 4;
/**
 * A value found by a rule is hidden everywhere else too from this length on. Shorter ones
 * (`-pabc`) are hidden where found: "abc" everywhere would shred ordinary words.
 */
export const MIN_PROPAGATED_CHARS = 6;
/** Places listed per finding: enough to recognise it, not a wall of text. */
const MAX_WHERE = 5;
/** Characters of context either side of a secret in the preview excerpt. */
const EXCERPT_BEFORE = 32;
const EXCERPT_AFTER = 24;
/** How far beyond the excerpt secrets are looked for, so one cut by its edge is still masked. */
const EXCERPT_REGION = 512;

export function redactionMarker(kind: string): string {
  return `[REDACTED:${kind}]`;
}

/** FNV-1a (two 32-bit halves) of the value: a stable id, not a security measure; it never leaves the machine in a file. */
export function secretId(value: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ value.length;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return `${(h1 >>> 0).toString(16).padStart(8, '0')}${(h2 >>> 0).toString(16).padStart(8, '0')}`;
}

interface KnownSecret {
  id: string;
  kind: string;
  label: string;
  value: string;
}

export interface RedactorOptions {
  /** Secret incident inputs; their values are redacted wherever they appear. */
  secrets?: readonly LiteralSecret[];
  /** Finding ids to leave in clear (the responder's override in the preview). */
  keep?: Iterable<string>;
  scanner?: SecretScanner;
}

/** Redacts the texts of one export and remembers what it found. */
export class Redactor {
  private readonly scanner: SecretScanner;
  private readonly keep: ReadonlySet<string>;
  /** value → what it is. Inputs first, so an input's value is named after the input. */
  private readonly known = new Map<string, KnownSecret>();
  private readonly found = new Map<string, RedactionFinding>();
  private readonly counts = new Map<string, number>();
  /** Alternation of the values to find everywhere (kept ones out), rebuilt when values are added. */
  private valuePattern: RegExp | null | undefined;
  private allValuesPattern: RegExp | null | undefined;

  constructor(options: RedactorOptions = {}) {
    this.scanner = options.scanner ?? secretScanner();
    this.keep = new Set(options.keep ?? []);
    for (const s of options.secrets ?? []) {
      if (s.value.length < MIN_LITERAL_SECRET_CHARS || this.known.has(s.value)) continue;
      this.known.set(s.value, { id: secretId(s.value), kind: SECRET_INPUT_KIND, label: `Value of the secret input ${s.name}`, value: s.value });
    }
  }

  /** Pass 1: remembers the secrets in `text`. Returns what the rules found, for `matches`. */
  learn(text: string, detections?: readonly Detection[]): readonly Detection[] {
    const found = detections ?? this.scanner.scan(text);
    for (const d of found) {
      const value = text.slice(d.start, d.end);
      if (this.known.has(value)) continue;
      this.known.set(value, { id: secretId(value), kind: d.rule.id, label: d.rule.label, value });
      this.valuePattern = undefined;
      this.allValuesPattern = undefined;
    }
    return found;
  }

  /** The text with every secret not kept replaced; `where` describes the place for the preview. */
  redact(text: string, where: string | (() => string), detections?: readonly Detection[]): string {
    const matches = this.matches(text, where, detections);
    return matches.length === 0 ? text : replaceMatches(text, matches);
  }

  /** The secrets in `text` to replace (kept ones left out), recorded for the preview. */
  matches(text: string, where: string | (() => string), detections?: readonly Detection[]): SecretMatch[] {
    const all = this.locate(text, this.learn(text, detections), false);
    const replaced: SecretMatch[] = [];
    const lineOf = lineCounter(text);
    for (const match of all) {
      const kept = this.keep.has(match.id);
      this.record(text, match, where, kept, lineOf);
      if (kept) continue;
      replaced.push(match);
      this.counts.set(match.kind, (this.counts.get(match.kind) ?? 0) + 1);
    }
    return mergeOverlaps(replaced);
  }

  /** `text` with every known secret masked, kept or not: for the preview's own lines. */
  maskAll(text: string): string {
    const matches = this.locate(text, this.scanner.scan(text), true);
    return matches.length === 0 ? text : replaceMatches(text, mergeOverlaps(matches));
  }

  /** Distinct secrets found so far, in order of first appearance. */
  findings(): RedactionFinding[] {
    return [...this.found.values()];
  }

  /** Replacements made by kind, and how many findings were kept in clear. */
  summary(): { redacted: Record<string, number>; kept: number } {
    return { redacted: Object.fromEntries(this.counts), kept: this.findings().filter((f) => f.kept).length };
  }

  /** Rule findings plus occurrences of known values (all of them, or those not kept). */
  private locate(text: string, detections: readonly Detection[], includeKept: boolean): SecretMatch[] {
    const out: SecretMatch[] = [];
    for (const d of detections) {
      const secret = this.known.get(text.slice(d.start, d.end));
      if (secret) out.push({ start: d.start, end: d.end, kind: secret.kind, label: secret.label, id: secret.id });
    }
    const pattern = this.pattern(includeKept);
    if (pattern) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
        const secret = this.known.get(m[0])!;
        out.push({ start: m.index, end: m.index + m[0].length, kind: secret.kind, label: secret.label, id: secret.id });
      }
    }
    if (out.length < 2) return out;
    // The same place found twice (by a rule and as a known value) is one occurrence.
    out.sort((a, b) => a.start - b.start || b.end - a.end);
    return out.filter((m, i) => i === 0 || m.start !== out[i - 1]!.start || m.end !== out[i - 1]!.end);
  }

  private pattern(includeKept: boolean): RegExp | null {
    const cached = includeKept ? this.allValuesPattern : this.valuePattern;
    if (cached !== undefined) return cached;
    const values = [...this.known.values()]
      .filter((s) => (s.kind === SECRET_INPUT_KIND || s.value.length >= MIN_PROPAGATED_CHARS) && (includeKept || !this.keep.has(s.id)))
      .map((s) => s.value)
      // Longest first, so a value containing another is masked whole.
      .sort((a, b) => b.length - a.length);
    const pattern = values.length === 0 ? null : new RegExp(values.map(escapeRegExp).join('|'), 'g');
    if (includeKept) this.allValuesPattern = pattern;
    else this.valuePattern = pattern;
    return pattern;
  }

  private record(text: string, match: SecretMatch, where: string | (() => string), kept: boolean, lineOf: (at: number) => number | null): void {
    let finding = this.found.get(match.id);
    if (!finding) {
      finding = { id: match.id, kind: match.kind, label: match.label, count: 0, where: [], excerpt: this.excerpt(text, match), kept };
      this.found.set(match.id, finding);
    }
    finding.count += 1;
    if (finding.where.length < MAX_WHERE) {
      const place = typeof where === 'string' ? where : where();
      const line = lineOf(match.start);
      const described = line === null ? place : `${place}, line ${line}`;
      if (!finding.where.includes(described)) finding.where.push(described);
    }
  }

  /** `…--password=hu•••••• (11 chars) -h db…`: enough to recognise, every other secret masked too. */
  private excerpt(text: string, match: SecretMatch): string {
    const value = text.slice(match.start, match.end);
    const shown = value.length >= 16 ? value.slice(0, 3) : '';
    const from = Math.max(0, match.start - EXCERPT_BEFORE);
    const to = Math.min(text.length, match.end + EXCERPT_AFTER);
    // Secrets are found in a wider region than is shown, so one cut by the excerpt's edge is
    // still recognised and masked, not shown in part.
    const regionFrom = Math.max(0, from - EXCERPT_REGION);
    const region = text.slice(regionFrom, Math.min(text.length, to + EXCERPT_REGION));
    const others = mergeOverlaps(this.locate(region, this.scanner.scan(region), true)).map((m) => ({ start: m.start + regionFrom, end: m.end + regionFrom }));
    const masked = (a: number, b: number) => {
      let out = '';
      let pos = a;
      for (const m of others) {
        if (m.end <= pos || m.start >= b) continue;
        out += text.slice(pos, Math.max(pos, m.start)) + '•••';
        pos = Math.min(b, m.end);
      }
      return (out + text.slice(pos, b)).replace(/\s+/g, ' ');
    };
    return `${from > 0 ? '…' : ''}${masked(from, match.start)}${shown}•••••• (${value.length} chars)${masked(match.end, to)}${to < text.length ? '…' : ''}`;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Line numbers in `text` (null for a one-line text), indexing its line breaks on first use. */
function lineCounter(text: string): (at: number) => number | null {
  let breaks: number[] | undefined;
  return (at) => {
    if (breaks === undefined) {
      breaks = [];
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) breaks.push(nl);
    }
    if (breaks.length === 0) return null;
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (breaks[mid]! < at) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
}

/** Overlapping matches become one (named after the first), so no part of either stays in clear. */
function mergeOverlaps(matches: SecretMatch[]): SecretMatch[] {
  if (matches.length < 2) return matches;
  return mergeSortedOverlaps([...matches].sort((a, b) => a.start - b.start || b.end - a.end));
}

function replaceMatches(text: string, matches: readonly SecretMatch[]): string {
  let out = '';
  let last = 0;
  for (const match of matches) {
    out += text.slice(last, match.start) + redactionMarker(match.kind);
    last = match.end;
  }
  return out + text.slice(last);
}
