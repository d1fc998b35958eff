import type { Risk } from './index';

/**
 * One row of a risk table. A rule fires when every matcher it has matches; the
 * `example` is a command the rule must classify by itself (the table test runs
 * every example, so a rule without a working example fails the build).
 */
export interface RiskRule {
  /** Program names (basename of the command word, after aliases) the rule applies to. */
  commands: readonly string[];
  /** Tested against the positional words (options and their values removed), joined by single spaces. */
  sub?: RegExp;
  /** Fires when some single argument matches. */
  arg?: RegExp;
  /** Fires only when no argument matches. */
  notArg?: RegExp;
  /** Tested against all arguments joined by single spaces, with one space before and after. */
  args?: RegExp;
  /** Used only when no other rule of the same program fired. */
  fallback?: boolean;
  risk: Risk;
  /** Human words shown to the responder. */
  reason: string;
  example: string;
}

/** A rule over text (SQL statements, Mongo shell code): `pattern` is tested against normalized text. */
export interface TextRiskRule {
  pattern: RegExp;
  fallback?: boolean;
  risk: Risk;
  reason: string;
  example: string;
}

/** A Redis command (`FLUSHALL`, `CLIENT LIST`) with its risk. */
export interface RedisRule {
  /** Upper-case command, one or two words. */
  command: string;
  risk: Risk;
  reason: string;
  example: string;
}

export interface Finding {
  risk: Risk;
  reason: string;
}

/** Worst last: a verdict takes the highest rank among its findings. */
export const RISK_RANK: Record<Risk, number> = { read: 0, change: 1, unknown: 2, destroy: 3 };

/** The worst of some risks (`read` for none): a step or a command is as risky as its worst part. */
export function worstRisk(risks: Iterable<Risk>): Risk {
  let worst: Risk = 'read';
  for (const risk of risks) if (RISK_RANK[risk] > RISK_RANK[worst]) worst = risk;
  return worst;
}
