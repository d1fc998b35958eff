/**
 * Exporting an incident: collect → redact → render. Every format starts from the same
 * redacted bundle, so the Markdown, the HTML, the PDF and the JSON say the same thing and
 * hide the same secrets; the responder's `keep` choices (from the preview) apply to all.
 */
import { UserError } from '../../common/errors';
import { buildReport } from '../../common/report/buildReport';
import { redactBundle } from '../../common/report/redactBundle';
import { Redactor, type RedactionFinding } from '../../common/report/redaction';
import { renderHtml } from '../../common/report/renderHtml';
import { renderMarkdown } from '../../common/report/renderMarkdown';
import type { IncidentStore } from '../store/incidentStore';
import { castSessions } from './castSessions';
import { collectBundle, type RunbookLookup } from './collectBundle';
import { printHtmlToPdf } from './printPdf';

export const EXPORT_FORMATS = ['md', 'html', 'pdf', 'json', 'cast'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const MIME_TYPES: Record<ExportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  json: 'application/json',
  cast: 'application/x-asciicast',
};

export interface ExportOptions {
  /** IANA zone for the report's times; default: this process's zone. */
  timeZone?: string;
  /** Finding ids (from the preview) to leave in clear. */
  keep?: readonly string[];
  /** The browser that prints PDFs; default: the one findChromium() finds. */
  browser?: string | null;
  /** Prints the report's HTML to PDF; inside the Electron app, main's printToPDF. Default: a system Chromium. */
  printPdf?: PdfPrinter;
}

export type PdfPrinter = (html: string) => Promise<Uint8Array>;

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  /** Text formats as a string; PDF as bytes. */
  content: string | Uint8Array;
}

export interface ExportResult {
  /** One file; several for `cast` (one per terminal session). */
  files: ExportedFile[];
  findings: RedactionFinding[];
}

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** What an export would redact, for the preview (same ids the export's `keep` takes). */
export async function previewRedactions(store: IncidentStore, incidentId: string, lookup: RunbookLookup): Promise<RedactionFinding[]> {
  const collected = await collectBundle(store, incidentId, lookup);
  return redactBundle(collected.bundle, { secrets: collected.secrets }).findings;
}

export async function exportIncident(store: IncidentStore, incidentId: string, format: ExportFormat, lookup: RunbookLookup, options: ExportOptions = {}): Promise<ExportResult> {
  // Output rows this host handed over and its writer thread has not committed yet.
  await store.outputWritten();
  const collected = await collectBundle(store, incidentId, lookup);
  const base = baseFileName(collected.bundle.incident.title, collected.bundle.incident.createdAt);
  if (format === 'cast') {
    if (collected.sessionIds.length === 0) throw new UserError('this incident has no recorded terminal output to export as asciicast.', 'E_NOTHING_TO_EXPORT');
    const redactor = new Redactor({ secrets: collected.secrets, keep: options.keep });
    const casts = castSessions(store, collected.sessionIds, redactor, collected.bundle.incident.title);
    return {
      files: casts.map((cast, i) => ({ fileName: casts.length === 1 ? `${base}.cast` : `${base}-terminal-${i + 1}.cast`, mimeType: MIME_TYPES.cast, content: cast.text })),
      findings: redactor.findings(),
    };
  }
  // The report formats scan only the output they show; the JSON carries (and redacts) all of it.
  const { bundle, findings } = redactBundle(collected.bundle, { secrets: collected.secrets, keep: options.keep, excerptOutputs: format !== 'json' });
  const file = (content: string | Uint8Array): ExportResult => ({ files: [{ fileName: `${base}.${format}`, mimeType: MIME_TYPES[format], content }], findings });
  if (format === 'json') return file(JSON.stringify(bundle, null, 1) + '\n');
  let report;
  try {
    report = buildReport(bundle, { timeZone: options.timeZone });
  } catch (error) {
    if (error instanceof RangeError) throw new UserError(error.message, 'E_INVALID');
    throw error;
  }
  if (format === 'md') return file(renderMarkdown(report));
  const html = renderHtml(report);
  if (format === 'html') return file(html);
  return file(await (options.printPdf ? options.printPdf(html) : printHtmlToPdf(html, { browser: options.browser })));
}

/** `incident-2026-11-23-checkout-api-returns-502s`: sortable, and says what it is. */
export function baseFileName(title: string, createdAt: number): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `incident-${new Date(createdAt).toISOString().slice(0, 10)}${slug ? `-${slug}` : ''}`;
}
