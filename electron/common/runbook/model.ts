/**
 * The runbook model, `warroom.runbook/1`: what `warroom inspect FILE --json` prints and what
 * the UI, the timeline and the reports read. The shape is the brief's
 * (docs: runbook-model.md); change it only together with `RUNBOOK_SCHEMA`.
 */
import type { Risk } from './shell/index';

/** Versioned so a stored or exported model can be recognised and migrated later. */
export const RUNBOOK_SCHEMA = 'warroom.runbook/1';

export type DiagnosticLevel = 'info' | 'warning' | 'error';

export interface Diagnostic {
  level: DiagnosticLevel;
  message: string;
  /** 1-based line in the runbook file (1 for problems with the whole file). */
  line: number;
}

export interface Runbook {
  schema: typeof RUNBOOK_SCHEMA;
  /** Stable for the same path. */
  id: string;
  /** Front matter title, else first H1, else file name. */
  title: string;
  path: string;
  /** Every heading outside code, in order. */
  sections: Section[];
  /** Every code block, split into steps. */
  steps: Step[];
  /** Every task-list item. */
  checklist: ChecklistItem[];
  severityLevels: SeverityLevel[];
  templates: Template[];
  /** Escalation paths / contact tables, best effort. */
  contacts: Contact[];
  /** Dashboards, related runbooks. */
  links: Link[];
  diagnostics: Diagnostic[];
}

export interface Section {
  id: string;
  level: number;
  title: string;
  parentId: string | null;
  line: number;
}

export interface Step {
  /** Stable across unrelated edits of the file: section id + hash of the code. */
  id: string;
  sectionId: string | null;
  /** Unique within the runbook (the UI names the step's group by it). */
  title: string;
  /**
   * Fence info string's first word, lower-cased; null for unlabeled and indented blocks. For
   * a snippet found inside a shell fence, what its content is: `yaml`, `json`, `promql`,
   * `logql`, `output`, `text`.
   */
  lang: string | null;
  /** Shell the app can run. */
  runnable: boolean;
  /** The step's exact lines. */
  code: string;
  line: number;
  commands: Command[];
  /** Sample output shown in the runbook for this step. */
  expectedOutput?: string;
  /** Runs inside the session this command opened (`oc rsh …`, `oc debug node/x`, `ssh host`). */
  inside?: { command: string; line: number };
}

export type { Risk };

export interface Command {
  /** One complete shell command, possibly multi-line, without comments. */
  text: string;
  line: number;
  /** Names, without brackets, in order of first appearance, unique. */
  placeholders: string[];
  /** Environment variables the responder must supply. */
  envInputs: string[];
  risk: Risk;
  /** Human words: "FLUSHALL deletes every key in the Redis instance". */
  riskReasons: string[];
  /** 'psql', 'redis-cli', … when the line is typed into that client; 'sql' for a `sql` block. */
  client?: string;
  /** Elided or cut off (`...`, open quote at the end): not runnable. */
  incomplete?: boolean;
}

export interface ChecklistItem {
  id: string;
  sectionId: string | null;
  text: string;
  checked: boolean;
  line: number;
}

export interface SeverityLevel {
  /** The runbook's own spelling: `SEV1`, `P0`, `SEV-1`. */
  id: string;
  /** The word (Critical, High, …) when the runbook gives one. */
  name: string | null;
  /** 0 is the most severe. */
  rank: number;
  responseMinutes: number | null;
  description: string;
  line: number;
}

export type TemplateKind = 'communication' | 'report';

export interface Template {
  id: string;
  /** The nearest heading. */
  title: string;
  kind: TemplateKind;
  body: string;
  placeholders: string[];
  line: number;
}

/**
 * One person, role or channel from an escalation path or contact table. The brief leaves the
 * shape open ("best effort"); this keeps what a responder needs to reach someone.
 */
export interface Contact {
  /** What the runbook calls them: a person, a role ("On-call SRE") or a team. */
  name: string;
  /** The role when the runbook gives it separately from the name. */
  role: string | null;
  /** Ways to reach them as written: emails, phone numbers, chat handles, pager links. */
  reach: string[];
  /** Position in an escalation path (1 = first to call); null in a plain contact list. */
  escalationOrder: number | null;
  sectionId: string | null;
  line: number;
}

export interface Link {
  text: string;
  url: string;
  line: number;
}
