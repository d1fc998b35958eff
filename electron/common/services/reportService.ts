import { z } from 'zod';
import type { RedactionFinding } from '../report/redaction';
import { defineService, type ServiceOf } from '../rpc/defineService';

/** The formats the console exports, as the CLI does (`cast`: one asciicast file per terminal session). */
export const REPORT_FORMATS = ['md', 'html', 'pdf', 'json', 'cast'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** A file ready to save: text as is, PDF as base64 (the channel carries text). */
export interface ExportedFileContent {
  fileName: string;
  mimeType: string;
  encoding: 'utf8' | 'base64';
  content: string;
}

/** An exported file (the first, for a `cast` of several terminals: the others follow in `more`). */
export interface ExportedReport extends ExportedFileContent {
  more?: ExportedFileContent[];
  /** Replacements made by kind, and how many findings were kept in clear. */
  redacted: Record<string, number>;
  kept: number;
}

export interface RedactionPreview {
  /** One entry per distinct secret, in order of first appearance. */
  findings: RedactionFinding[];
}

const Id = z.string().min(1).max(200);

export const ExportRequest = z.object({
  /** IANA time zone for the report's times (the console sends its own, or UTC when toggled). */
  timeZone: z.string().min(1).max(100).optional(),
  /** Finding ids from the preview to leave in clear. */
  keep: z.array(z.string().max(200)).max(10_000).optional(),
});
export type ExportRequest = z.infer<typeof ExportRequest>;

/** Incident reports and bundles, redacted; a preview first shows what will be redacted. */
export const ReportServiceContract = defineService({
  name: 'reports',
  methods: {
    /** What an export would redact (the same ids `export` takes in `keep`). */
    previewRedactions: { args: z.tuple([Id]), result: z.custom<RedactionPreview>() },
    export: { args: z.tuple([Id, z.enum(REPORT_FORMATS), ExportRequest]), result: z.custom<ExportedReport>() },
    /** Whether this host can print PDFs (it needs a Chromium or Chrome), and if not, why. */
    pdfSupport: { args: z.tuple([]), result: z.custom<{ available: boolean; message: string | null }>() },
  },
  events: {},
});
export type ReportService = ServiceOf<typeof ReportServiceContract>;
