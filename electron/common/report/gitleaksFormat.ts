/**
 * The shape of `rules/gitleaks.json`: gitleaks' rule set converted from Go's regex dialect.
 * `scripts/gitleaks/convertRules.ts` writes it, `secretRules.ts` reads it: one definition for both.
 */

/** A regex as JavaScript takes it. */
export interface JsPattern {
  source: string;
  flags: string;
}

export interface ConvertedRegex extends JsPattern {
  /** Line breaks a match can span; null when unbounded (such a rule scans the whole text). */
  lineSpan: number | null;
  /**
   * A leading lazy `[class]{0,max}?` split off the pattern: it only extends the match to the
   * left over characters of `class`, so the scanner searches `source` and widens afterwards.
   */
  prefix?: { class: string; max: number };
}

export interface ConvertedAllowlist {
  description?: string;
  /** What the regexes test: the secret (default), the whole match, or the line. */
  regexTarget: 'secret' | 'match' | 'line';
  regexes: JsPattern[];
  stopwords: string[];
  /** `AND`: every kind of check present must pass. Paths and commits never match terminal output. */
  condition: 'OR' | 'AND';
  hasPaths: boolean;
  hasCommits: boolean;
}

export interface ConvertedRule {
  id: string;
  description: string;
  regex: ConvertedRegex;
  secretGroup?: number;
  entropy?: number;
  keywords: string[];
  /** gitleaks limits the rule to files whose path matches; terminal output has no path, so it applies everywhere. */
  path?: string;
  allowlists: ConvertedAllowlist[];
}

export interface ConvertedConfig {
  source: { project: string; version: string; commit: string; file: string; license: string };
  allowlist: { regexes: JsPattern[]; stopwords: string[] };
  rules: ConvertedRule[];
  notConverted: { id: string; reason: string }[];
}
