/**
 * The shell side of the runbook engine: where commands begin and end, what they
 * would do (risk), and what the responder must fill in (placeholders, environment
 * inputs). Pure functions over text; the Markdown side (`../parseRunbook.ts`) calls
 * these for every code block.
 *
 * This file is the contract between the two halves. Implementations live in the
 * sibling modules and are re-exported here.
 */
import type { SnippetKind } from './sniff';

export type Risk = 'read' | 'change' | 'destroy' | 'unknown';
export type { SnippetKind } from './sniff';

export interface ShellDiagnostic {
  level: 'info' | 'warning' | 'error';
  message: string;
  /** 1-based line in the runbook file. */
  line: number;
}

export interface ShellCommand {
  /** One complete shell command, possibly multi-line, without comment lines or prompts. */
  text: string;
  /** 1-based line in the runbook file where the command starts. */
  line: number;
  /** Set when the command is typed into a REPL client (`psql`, `redis-cli`, `mysql`, …), not the shell. */
  client?: string;
  /** Elided or cut off (`...`, `<snip>`, an open quote at the end of the block): must not run. */
  incomplete?: boolean;
}

export interface SplitStep {
  /** Text of the step's leading comment lines (without `#`), or null when it has none. */
  title: string | null;
  /** The step's exact lines from the block (joined with `\n`). */
  code: string;
  /** 1-based line in the runbook file of the step's first line. */
  line: number;
  commands: ShellCommand[];
  /** Sample output that a transcript shows after the step's commands, if any. */
  expectedOutput?: string;
  /** Set when the lines are not shell but a snippet to copy (YAML, JSON, PromQL, …): what they are. */
  snippet?: SnippetKind;
  /** The session the step's commands are typed into (`oc rsh …`, `ssh host`), when one is open. */
  inside?: SessionRef;
}

/** A command that opened a session the following lines run inside. */
export interface SessionRef {
  command: string;
  /** 1-based line in the runbook file. */
  line: number;
}

export interface BlockSplit {
  steps: SplitStep[];
  diagnostics: ShellDiagnostic[];
  /** True when the block uses prompts (`$ `, `user@host:~$ `, `db=#`, …), i.e. it is a transcript. */
  usesPrompts: boolean;
  /** The sessions still open after the block, outermost first (the next block's `SplitOptions.sessions`). */
  sessions: OpenSession[];
}

/** An open session: what opened it, and whether a cluster command (`oc`, `kubectl`) leaves it. */
export interface OpenSession extends SessionRef {
  /** A pod or node shell opened from the laptop: an `oc`/`kubectl` command means the runbook is back outside. */
  cluster: boolean;
}

export interface SplitOptions {
  /** Fence info string's first word, lower-cased, or null for an unlabeled/indented block. */
  lang: string | null;
  /** 1-based line in the file of the block's first content line. */
  startLine: number;
  /** Sessions opened by earlier blocks of the same section and not left yet, outermost first. */
  sessions?: readonly OpenSession[];
}

export interface RiskVerdict {
  risk: Risk;
  /** Human words for each rule that fired, worst first: "FLUSHALL deletes every key in the Redis instance". */
  reasons: string[];
}

export interface RiskContext {
  /** The REPL client the command is typed into (`psql`, `redis-cli`, …), or 'sql' for a `sql` block. */
  client?: string;
}

export type PlaceholderMode = 'command' | 'template';

export interface PlaceholderOptions {
  /** Template mode only: all-caps `[X]` words that are literal (severity ids, status words). */
  literalWords?: ReadonlySet<string>;
}

export { splitBlock } from './splitBlock';
export { looksLikeShell, isChatOpsLine } from './looksLikeShell';
export { sniffLine } from './sniff';
export { classifyRisk } from './risk';
export { findPlaceholders, fillPlaceholders, findPlaceholderOccurrences, type PlaceholderOccurrence } from './placeholders';
export { substitutePlaceholders, quoteForContext, placeholderSites, refuseValue, type QuoteContext, type PlaceholderSite, type Substitution } from './quotePlaceholders';
export { findEnvInputs, findAssignedNames, findEnvReferences, type EnvReferences } from './envInputs';
