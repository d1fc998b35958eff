/**
 * Markdown runbook → the `warroom.runbook/1` model. Pure and synchronous; never throws, never
 * hangs: whatever the input, the answer is a model whose diagnostics say what was wrong.
 * The Node side runs it in a worker so a large file does not hold up the host.
 */
import type { Diagnostic, Runbook, Template } from './model';
import { RUNBOOK_SCHEMA } from './model';
import { decodeRunbook, normalizeRunbookText, type DecodedRunbook } from './decodeRunbook';
import { extractFrontMatter } from './frontMatter';
import { buildOutline, type CodeBlock } from './outline';
import { buildSections, sectionPaths } from './sections';
import { findSeverityLevels } from './severity';
import { buildSteps } from './steps';
import { buildChecklist } from './checklist';
import { buildContacts } from './contacts';
import { STATUS_WORDS } from './templates';
import { runbookId, slugify, UniqueIds } from './ids';
import { findPlaceholders } from './shell/index';

export interface ParseRunbookInput {
  /** Where the runbook lives; the id derives from it and the title falls back to its file name. */
  path: string;
  /** The file's bytes (any supported encoding); used when given. */
  bytes?: Uint8Array;
  /** The runbook as text (from an editor); used when `bytes` is absent. */
  text?: string;
}

/** The default scale's ids, literal in templates even when the runbook defines no scale. */
const DEFAULT_SEVERITY_IDS = ['SEV1', 'SEV2', 'SEV3', 'SEV4', 'SEV-1', 'SEV-2', 'SEV-3', 'SEV-4', 'P0', 'P1', 'P2', 'P3', 'P4'];

/** A heading that *is* a report template written as plain Markdown (not in a fence). */
const REPORT_TEMPLATE_HEADING = /(?:post-?\s?mortem|incident\s+report|post-?incident\s+(?:report|review)|retrospective|\brca\b|root\s+cause\s+analysis).*(?:template|format)|(?:template|format).*(?:post-?\s?mortem|incident\s+report|retrospective)/i;

function fileTitle(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  return base.replace(/\.(?:md|markdown|mdown|mkd|txt)$/i, '') || base || 'Runbook';
}

export function parseRunbook(input: ParseRunbookInput): Runbook {
  const decoded =
    input.bytes !== undefined ? decodeRunbook(input.bytes) : normalizeRunbookText(input.text ?? '');
  return buildRunbook(input.path, decoded);
}

/** A runbook with nothing in it but its diagnostics: what an unreadable file shows. */
export function emptyRunbook(path: string, diagnostics: Diagnostic[]): Runbook {
  return {
    schema: RUNBOOK_SCHEMA,
    id: runbookId(path),
    title: fileTitle(path),
    path,
    sections: [],
    steps: [],
    checklist: [],
    severityLevels: [],
    templates: [],
    contacts: [],
    links: [],
    diagnostics,
  };
}

/** Builds the model from already-decoded text (the file reader decodes once to report fatal problems). */
export function buildRunbook(path: string, decoded: DecodedRunbook): Runbook {
  if (decoded.fatal !== null) return emptyRunbook(path, decoded.diagnostics);
  const diagnostics: Diagnostic[] = [...decoded.diagnostics];
  const front = extractFrontMatter(decoded.text);
  diagnostics.push(...front.diagnostics);
  // Only HTML tables and a plain-Markdown report template read the source lines: split on demand.
  let lines: string[] | null = null;
  const sourceLines = (): readonly string[] => (lines ??= front.body.split('\n'));
  const outline = buildOutline(front.body, sourceLines);
  const sections = buildSections(outline.headings);
  const sectionIds = sections.map((s) => s.id);
  const firstH1 = outline.headings.find((h) => h.level === 1 && h.text !== '');
  // The document's own title heading names the runbook's subject ("Notification service
  // backlog"), not the kind of content under it: rules that read headings skip it.
  const titleHeadingLine = firstH1 && outline.headings.filter((h) => h.level === 1).length === 1 ? firstH1.line : -1;
  const paths = sectionPaths(sections).map((path) => path.filter((s) => s.line !== titleHeadingLine).map((s) => s.title));
  const title = front.title ?? firstH1?.text ?? fileTitle(path);

  const severityLevels = findSeverityLevels({ blocks: outline.blocks, headings: outline.headings, paths });

  const templateLiterals = new Set([
    ...STATUS_WORDS,
    ...DEFAULT_SEVERITY_IDS,
    ...severityLevels.map((l) => l.id.toUpperCase()),
  ]);

  const built = buildSteps({ blocks: outline.blocks, headings: outline.headings, sectionIds, paths, runbookTitle: title, templateLiterals });
  diagnostics.push(...built.diagnostics);

  const reportRanges = plainReportTemplates(outline.blocks, sections, sourceLines, built.templates, templateLiterals);
  const inReport = (line: number) => reportRanges.some(([from, to]) => line >= from && line < to);

  diagnostics.sort((a, b) => a.line - b.line);
  return {
    schema: RUNBOOK_SCHEMA,
    id: runbookId(path),
    title,
    path,
    sections,
    steps: built.steps,
    checklist: buildChecklist(outline.blocks, sectionIds, inReport),
    severityLevels,
    templates: built.templates,
    contacts: buildContacts(outline.blocks, sectionIds, paths),
    links: outline.links,
    diagnostics,
  };
}

/**
 * A report template written as the section's own Markdown (`## Postmortem template` followed by
 * `### Summary`, `### Timeline`, …) rather than in a fence: its source lines are the body.
 * Adds those templates and returns their line ranges [from, to) so their task items are not
 * mistaken for the runbook's own checklist.
 */
function plainReportTemplates(
  blocks: ReturnType<typeof buildOutline>['blocks'],
  sections: ReturnType<typeof buildSections>,
  sourceLines: () => readonly string[],
  templates: Template[],
  literals: ReadonlySet<string>,
): [number, number][] {
  const ranges: [number, number][] = [];
  if (templates.some((t) => t.kind === 'report')) return ranges;
  const ids = new UniqueIds();
  for (const t of templates) ids.take(t.id);
  sections.forEach((section, index) => {
    if (ranges.length > 0 || !REPORT_TEMPLATE_HEADING.test(section.title)) return;
    let endLine = Number.POSITIVE_INFINITY;
    for (let j = index + 1; j < sections.length; j++) {
      if (sections[j]!.level <= section.level) {
        endLine = sections[j]!.line;
        break;
      }
    }
    const hasCode = blocks.some((b): b is CodeBlock => b.kind === 'code' && b.line > section.line && b.line < endLine);
    if (hasCode) return;
    const all = sourceLines();
    endLine = Math.min(endLine, all.length + 1);
    const bodyLines = all.slice(section.line, endLine - 1);
    const firstContent = bodyLines.findIndex((l) => l.trim() !== '');
    const body = bodyLines.join('\n').trim();
    if (body === '' || firstContent === -1) return;
    templates.push({
      id: ids.take(slugify(section.title) || 'report-template'),
      title: section.title,
      kind: 'report',
      body,
      placeholders: findPlaceholders(body, 'template', { literalWords: literals }),
      line: section.line + 1 + firstContent,
    });
    ranges.push([section.line + 1, endLine]);
  });
  return ranges;
}
