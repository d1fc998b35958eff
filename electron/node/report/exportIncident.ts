/**
 * Exporting an incident: shareableIncident (collect → learn every secret → redact) → render.
 * Every format starts from the same redaction of the same incident, so the Markdown, the HTML,
 * the PDF, the JSON and the recordings hide the same secrets; the responder's `keep` choices
 * (from the preview) apply to all, and an export that keeps a secret in clear says so on the
 * timeline (`redaction.kept`).
 */
import { UserError } from '../../common/errors';
import { buildReport } from '../../common/report/buildReport';
import type { RedactionFinding } from '../../common/report/redaction';
import { renderHtml } from '../../common/report/renderHtml';
import { renderMarkdown } from '../../common/report/renderMarkdown';
import type { IncidentStore } from '../store/incidentStore';
import type { RunbookLookup } from './collectBundle';
import { printHtmlToPdf } from './printPdf';
import { shareableIncident } from './shareableIncident';

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

/**
 * What an export would redact, for the preview (same ids the export's `keep` takes): every
 * secret in everything that can leave — the whole outputs and the terminal recordings.
 */
export async function previewRedactions(store: IncidentStore, incidentId: string, lookup: RunbookLookup): Promise<RedactionFinding[]> {
  return (await shareableIncident(store, incidentId, lookup, { casts: true })).findings;
}

export async function exportIncident(store: IncidentStore, incidentId: string, format: ExportFormat, lookup: RunbookLookup, options: ExportOptions = {}): Promise<ExportResult> {
  const result = await renderExport(store, incidentId, format, lookup, options);
  await recordKeptSecrets(store, incidentId, format, result.findings);
  return result;
}

async function renderExport(store: IncidentStore, incidentId: string, format: ExportFormat, lookup: RunbookLookup, options: ExportOptions): Promise<ExportResult> {
  // The report formats redact only the output they show; the JSON carries (and redacts) all of it.
  const shared = await shareableIncident(store, incidentId, lookup, { keep: options.keep, excerptOutputs: format !== 'json' && format !== 'cast', casts: format === 'cast' });
  const { bundle, findings } = shared;
  const base = baseFileName(bundle.incident.title, bundle.incident.createdAt);
  if (format === 'cast') {
    if (shared.casts.length === 0) throw new UserError('this incident has no recorded terminal output to export as asciicast.', 'E_NOTHING_TO_EXPORT');
    const casts = shared.casts;
    return {
      files: casts.map((cast, i) => ({ fileName: casts.length === 1 ? `${base}.cast` : `${base}-terminal-${i + 1}.cast`, mimeType: MIME_TYPES.cast, content: cast.text })),
      findings,
    };
  }
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

/** A secret left in clear in a file that leaves the machine is a decision the timeline keeps. */
async function recordKeptSecrets(store: IncidentStore, incidentId: string, format: ExportFormat, findings: readonly RedactionFinding[]): Promise<void> {
  const kept = findings.filter((f) => f.kept);
  if (kept.length === 0) return;
  await store.appendEvent(incidentId, { kind: 'redaction.kept', payload: { format, secrets: kept.map((f) => ({ kind: f.kind, label: f.label, count: f.count })) } });
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
