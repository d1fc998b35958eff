/**
 * Following a runbook's own incident-report template: its title line and its sections, in
 * its order. A section the report knows how to write (summary, timeline, root cause,
 * resolution, action items, lessons, impact) gets the generated content, with the template's
 * own prompt (`[Why the containers stopped.]`) as the TO COMPLETE hint; any other section
 * (`Evidence`) keeps the template's text with its placeholders filled from the incident.
 */
import { fillTemplate, type TemplateValues } from '../incident/fillTemplate';

export type KnownSection = 'summary' | 'timeline' | 'rootCause' | 'resolution' | 'actionItems' | 'lessons' | 'impact';

export interface TemplateSection {
  title: string;
  /** What the report writes here; null keeps the template's text. */
  known: KnownSection | null;
  /** The section's body, placeholders filled. */
  body: string;
  /** The template's instructions for the humans (its unfilled `[…]` prompts), if any. */
  prompt: string | null;
  /** The body still holds placeholders nobody could fill. */
  unfilled: boolean;
}

export interface ParsedTemplate {
  /** The template's title line, filled (`Incident report: DB failover`); null if it has none. */
  title: string | null;
  /** Text between the title and the first section, filled. */
  preamble: string;
  sections: TemplateSection[];
}

/** Section titles → what the report writes there. First match wins. */
const SECTION_RULES: readonly [RegExp, KnownSection][] = [
  [/summary|overview|description/i, 'summary'],
  [/timeline|chronolog|sequence of events/i, 'timeline'],
  [/root cause|cause|contributing|why/i, 'rootCause'],
  [/resolution|remediation|mitigation|recovery|fix/i, 'resolution'],
  [/action items?|follow[- ]?ups?|next steps|corrective|preventive/i, 'actionItems'],
  [/lessons|learn|retro|went well/i, 'lessons'],
  [/impact|scope|blast radius/i, 'impact'],
];

/** A placeholder left in filled text: `[Users affected]`, `{{ region }}`, `<service>` (not `[ ]`). */
const LEFTOVER = /\[[A-Za-z][^\]\n]{0,80}\]|\{\{\s*[A-Za-z][^}\n]{0,40}\}\}|<[A-Za-z][\w .-]{0,40}>/;
const PROMPT = /\[([A-Z][^\]\n]{10,200}[.?]|[A-Z][^\]\n]*(?: [^\]\n ]+){4,})\]/g;
const HEADING = /^(#{1,6})[ \t]+(.+?)[ \t#]*$/;
const FENCE = /^\s{0,3}(`{3,}|~{3,})/;

export function parseReportTemplate(body: string, values: TemplateValues): ParsedTemplate {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const chunks: { level: number; title: string | null; lines: string[] }[] = [{ level: 0, title: null, lines: [] }];
  let fence: string | null = null;
  for (const line of lines) {
    const f = FENCE.exec(line);
    if (f) fence = fence === null ? f[1]!.charAt(0) : line.trim().startsWith(fence) ? null : fence;
    const h = fence === null ? HEADING.exec(line) : null;
    if (h) chunks.push({ level: h[1]!.length, title: h[2]!, lines: [] });
    else chunks[chunks.length - 1]!.lines.push(line);
  }
  let title: string | null = null;
  let preamble = chunks[0]!.lines.join('\n').trim();
  let rest = chunks.slice(1);
  // The first heading is the title when no heading is shallower than it (`# Incident report: [Title]`).
  const first = rest[0];
  if (first && first.title !== null && rest.every((c) => c.level >= first.level) && rest.slice(1).some((c) => c.level > first.level)) {
    title = fillTemplate(first.title, values);
    preamble = [preamble, first.lines.join('\n').trim()].filter(Boolean).join('\n\n');
    rest = rest.slice(1);
  }
  const sections = rest.map((chunk): TemplateSection => {
    const raw = chunk.lines.join('\n').trim();
    const filled = fillTemplate(raw, values);
    const known = SECTION_RULES.find(([re]) => re.test(chunk.title ?? ''))?.[1] ?? null;
    const prompts = [...filled.matchAll(PROMPT)].map((m) => m[1]!.trim());
    return {
      title: fillTemplate(chunk.title ?? '', values),
      known,
      body: filled,
      prompt: prompts.length > 0 ? prompts.join(' ') : null,
      unfilled: LEFTOVER.test(filled),
    };
  });
  return { title, preamble: fillTemplate(preamble, values), sections };
}
