/**
 * Redaction: finds secrets in text (the detector table in secretDetectors.ts, plus the values
 * of the incident's secret inputs) and replaces each with `[REDACTED:kind]`. A `Redactor` is
 * used for one export: it redacts every text it is given and keeps the list of what it found,
 * which is also the preview the responder sees before writing the file.
 *
 * A finding is one distinct secret (kind + value), wherever and however often it appears: the
 * responder decides once per secret, and `keep` names the findings to leave in clear. Its id is
 * a hash of kind and value, so the preview and the export (or a re-run) agree on it.
 */
import { SECRET_DETECTORS, isPlaceholderValue, type SecretDetector } from './secretDetectors';

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
  kind: string;
  label: string;
  /** How many times it appears in the incident. */
  count: number;
  /** Where, in words (`Command 3 (kubectl …): output, line 12`); the first few places. */
  where: string[];
  /** The text around its first appearance with the secret masked. */
  excerpt: string;
  /** The responder chose to keep it in clear. */
  kept: boolean;
}

export const SECRET_INPUT_KIND = 'secret-input';
/** Shorter input values are not masked: "1" or "yes" would shred the whole report. */
export const MIN_LITERAL_SECRET_CHARS = 4;
/** Places listed per finding: enough to recognise it, not a wall of text. */
const MAX_WHERE = 5;
/** Characters of context either side of a secret in the preview excerpt. */
const EXCERPT_BEFORE = 32;
const EXCERPT_AFTER = 24;

export function redactionMarker(kind: string): string {
  return `[REDACTED:${kind}]`;
}

/**
 * Every secret in `text`, in order, without overlaps (where two detectors overlap, the one
 * that starts first — or, at the same start, the longer — wins).
 */
export function findSecrets(text: string, literals: readonly LiteralSecret[] = [], detectors: readonly SecretDetector[] = SECRET_DETECTORS): SecretMatch[] {
  const found: SecretMatch[] = [];
  // Literals first: where an input's value is also caught by a detector, name the input.
  for (const literal of literals) {
    if (literal.value.length < MIN_LITERAL_SECRET_CHARS) continue;
    for (let at = text.indexOf(literal.value); at !== -1; at = text.indexOf(literal.value, at + literal.value.length)) {
      found.push({
        start: at,
        end: at + literal.value.length,
        kind: SECRET_INPUT_KIND,
        label: `Value of the secret input ${literal.name}`,
        id: secretId(SECRET_INPUT_KIND, literal.value),
      });
    }
  }
  for (const detector of detectors) {
    if (!detector.hint.test(text)) continue;
    detector.pattern.lastIndex = 0;
    for (const match of text.matchAll(detector.pattern)) {
      const secret = match.groups?.secret;
      const value = secret ?? match[0];
      const start = secret === undefined ? match.index : match.index + match[0].lastIndexOf(secret);
      if (!acceptable(detector, value)) continue;
      if (detector.context && !detector.context.test(lineAround(text, match.index))) continue;
      found.push({ start, end: start + value.length, kind: detector.kind, label: detector.label, id: secretId(detector.kind, value) });
    }
  }
  if (found.length < 2) return found;
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: SecretMatch[] = [];
  let end = -1;
  for (const match of found) {
    if (match.start < end) continue;
    kept.push(match);
    end = match.end;
  }
  return kept;
}

function acceptable(detector: SecretDetector, value: string): boolean {
  if (value.length < (detector.minLength ?? 1)) return false;
  if (isPlaceholderValue(value)) return false;
  if (detector.random && !looksRandom(value)) return false;
  return true;
}

function looksRandom(value: string): boolean {
  return value.length >= 24 || (/\d/.test(value) && /[A-Za-z]/.test(value));
}

function lineAround(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index) + 1;
  const end = text.indexOf('\n', index);
  return text.slice(start, end === -1 ? text.length : end);
}

/** FNV-1a (two 32-bit halves): a stable id, not a security measure; it never leaves the machine in a file. */
export function secretId(kind: string, value: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ value.length;
  const text = `${kind}\u0000${value}`;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return `${kind}:${(h1 >>> 0).toString(16).padStart(8, '0')}${(h2 >>> 0).toString(16).padStart(8, '0')}`;
}

/** `…--password=hu•••••• (11 chars) -h db…`: enough to recognise, not enough to use. */
export function maskedExcerpt(text: string, match: Pick<SecretMatch, 'start' | 'end'>): string {
  const value = text.slice(match.start, match.end);
  const shown = value.length >= 12 ? value.slice(0, 3) : '';
  const before = text.slice(Math.max(0, match.start - EXCERPT_BEFORE), match.start);
  const after = text.slice(match.end, match.end + EXCERPT_AFTER);
  const flat = (s: string) => s.replace(/\s+/g, ' ');
  return `${match.start > EXCERPT_BEFORE ? '…' : ''}${flat(before)}${shown}•••••• (${value.length} chars)${flat(after)}${match.end + EXCERPT_AFTER < text.length ? '…' : ''}`;
}

export interface RedactorOptions {
  /** Secret incident inputs; their values are redacted wherever they appear. */
  secrets?: readonly LiteralSecret[];
  /** Finding ids to leave in clear (the responder's override in the preview). */
  keep?: Iterable<string>;
}

/** Redacts the texts of one export and remembers what it found. */
export class Redactor {
  private readonly literals: LiteralSecret[];
  private readonly keep: ReadonlySet<string>;
  private readonly found = new Map<string, RedactionFinding>();
  private readonly counts = new Map<string, number>();

  constructor(options: RedactorOptions = {}) {
    // Longest first, so a value containing another is masked whole.
    this.literals = [...(options.secrets ?? [])].filter((s) => s.value.length >= MIN_LITERAL_SECRET_CHARS).sort((a, b) => b.value.length - a.value.length);
    this.keep = new Set(options.keep ?? []);
  }

  /** The text with every secret not kept replaced; `where` describes the place for the preview. */
  redact(text: string, where: string | (() => string)): string {
    const matches = this.matches(text, where);
    if (matches.length === 0) return text;
    let out = '';
    let last = 0;
    for (const match of matches) {
      out += text.slice(last, match.start) + redactionMarker(match.kind);
      last = match.end;
    }
    return out + text.slice(last);
  }

  /** The secrets in `text` to replace (kept ones left out), recorded for the preview. */
  matches(text: string, where: string | (() => string)): SecretMatch[] {
    const matches = findSecrets(text, this.literals);
    const replaced: SecretMatch[] = [];
    for (const match of matches) {
      const kept = this.keep.has(match.id);
      this.record(text, match, where, kept);
      if (kept) continue;
      replaced.push(match);
      this.counts.set(match.kind, (this.counts.get(match.kind) ?? 0) + 1);
    }
    return replaced;
  }

  /** Distinct secrets found so far, in order of first appearance. */
  findings(): RedactionFinding[] {
    return [...this.found.values()];
  }

  /** Replacements made by kind, and how many findings were kept in clear. */
  summary(): { redacted: Record<string, number>; kept: number } {
    return { redacted: Object.fromEntries(this.counts), kept: this.findings().filter((f) => f.kept).length };
  }

  private record(text: string, match: SecretMatch, where: string | (() => string), kept: boolean): void {
    let finding = this.found.get(match.id);
    if (!finding) {
      finding = { id: match.id, kind: match.kind, label: match.label, count: 0, where: [], excerpt: maskedExcerpt(text, match), kept };
      this.found.set(match.id, finding);
    }
    finding.count += 1;
    if (finding.where.length < MAX_WHERE) {
      const place = typeof where === 'string' ? where : where();
      const line = text.slice(0, match.start).split('\n').length;
      const described = text.includes('\n') ? `${place}, line ${line}` : place;
      if (!finding.where.includes(described)) finding.where.push(described);
    }
  }
}
