/**
 * The report as a document model: sections of blocks of inline text, built once
 * (buildReport.ts) and rendered to Markdown (renderMarkdown.ts) and HTML (renderHtml.ts), so
 * both formats always say the same thing. Text here is plain text: renderers escape it.
 */

import type { Inline } from '../incident/describeEvent';

/** Plain text, `code`, **strong** or _emphasis_: the event describer's parts. */
export type { Inline };

export interface CommandView {
  number: number;
  /** Formatted start time. */
  at: string;
  commandLine: string;
  cwd: string | null;
  /** The terminal tab's name and the machine it ran on, where recorded (null when unknown). */
  terminal: string | null;
  host: string | null;
  exitCode: number | null;
  /** Formatted; null while the command had not finished when exported. */
  duration: string | null;
  /** `Runbook title › step title` when it came from a runbook step. */
  step: string | null;
  /** The shown part of the output; null when it printed nothing or was struck. */
  output: string | null;
  /** Lines left out of the middle of `output` (the full text is in the JSON bundle). */
  omittedLines: number;
  struck: boolean;
  /** The store kept head + tail only (over its cap). */
  truncatedAtSource: boolean;
}

export type Block =
  | { type: 'paragraph'; content: Inline[] }
  /** Label/value rows: the header facts. */
  | { type: 'facts'; rows: { label: string; value: Inline[] }[] }
  | { type: 'list'; ordered?: boolean; items: Inline[][] }
  | { type: 'checklist'; items: { checked: boolean; content: Inline[] }[] }
  | { type: 'table'; head: string[]; rows: Inline[][][]; className?: string }
  /** Left for the humans to finish: rendered as a marked box. */
  | { type: 'todo'; content: Inline[] }
  /** Markdown taken from the runbook's report template (placeholders filled). */
  | { type: 'markdown'; text: string }
  | { type: 'quote'; text: string }
  | { type: 'command'; command: CommandView };

export interface ReportSection {
  id: string;
  title: string;
  blocks: Block[];
}

export interface Report {
  title: string;
  /** `All times are Europe/Berlin (UTC+01:00).` and similar lines under the title. */
  notes: Inline[][];
  sections: ReportSection[];
  /** Bottom line: who made it, when, from what. */
  footer: string;
}

/** Marker text for blocks the humans must finish; the same words in every format. */
export const TODO_LABEL = 'TO COMPLETE';
