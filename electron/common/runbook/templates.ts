/**
 * Which prose blocks are templates. A block under a heading about an incident report or
 * postmortem that reads like a Markdown document is the `report` template; any other prose
 * block under a heading about communication, notifications, status updates or templates is
 * a `communication` template (titled by its nearest heading).
 */
import type { TemplateKind } from './model';

const REPORT_HEADING = /post-?\s?mortem|post-?incident\s+(?:report|review|template)|incident\s+(?:report|review|summary)|retrospective|\bretro\b|root\s+cause\s+analysis|\brca\b|\bpir\b|after[-\s]action|report\s+template/i;
const COMMUNICATION_HEADING =
  /communicat|notif|status\s*(?:page|update)|\bupdates\b|update\s+template|template|announce|message|\bemail|slack|stakeholder|broadcast|\bcomms\b/i;

/** Markdown structure that marks a document (a report) rather than a message. */
const MARKDOWN_DOCUMENT = /^#{1,6}\s+\S/m;

export function templateKindFor(path: readonly string[], code: string, lang: string | null): TemplateKind | null {
  // The nearest heading that speaks about either decides.
  for (let i = path.length - 1; i >= 0; i--) {
    const title = path[i]!;
    const report = REPORT_HEADING.test(title);
    const communication = COMMUNICATION_HEADING.test(title);
    if (!report && !communication) continue;
    const document = lang === 'markdown' || lang === 'md' || lang === 'gfm' || MARKDOWN_DOCUMENT.test(code);
    if (report && document) return 'report';
    if (report && /template|format/i.test(title)) return 'report';
    return 'communication';
  }
  return null;
}

/** Status words written literally in templates (`[RESOLVED]`), never placeholders. */
export const STATUS_WORDS: readonly string[] = [
  'INVESTIGATING', 'IDENTIFIED', 'MITIGATING', 'MITIGATED', 'MONITORING', 'RESOLVED', 'UPDATE', 'UPDATED', 'OPEN',
  'CLOSED', 'ONGOING', 'ACTIVE', 'INCIDENT', 'OUTAGE', 'DEGRADED', 'MAINTENANCE', 'SCHEDULED', 'COMPLETED',
  'FINAL', 'INITIAL', 'ALL CLEAR', 'FYI', 'ACTION REQUIRED', 'URGENT', 'REMINDER', 'WIP', 'DRAFT', 'POSTMORTEM',
];
