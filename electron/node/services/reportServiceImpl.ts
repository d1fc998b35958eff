import { UserError } from '../../common/errors';
import type { ExportedFileContent, ExportedReport, ReportService } from '../../common/services/reportService';
import type { RunbookLookup } from '../report/collectBundle';
import { exportIncident, previewRedactions, type ExportedFile, type PdfPrinter } from '../report/exportIncident';
import { pdfSupport } from '../report/printPdf';
import type { IncidentStore } from '../store/incidentStore';

/**
 * ReportService over the store: previews and exports run on the host, where the secret
 * inputs' values are (they must be redacted and never leave it).
 */
export function createReportService(store: IncidentStore | null, lookup: RunbookLookup, printPdf?: PdfPrinter): ReportService {
  const requireStore = (): IncidentStore => {
    if (!store) throw new UserError('The incident database is not open, so there is nothing to export.', 'E_DB_OPEN');
    return store;
  };
  return {
    previewRedactions: async (incidentId) => ({ findings: await previewRedactions(requireStore(), incidentId, lookup) }),
    export: async (incidentId, format, request) => {
      const result = await exportIncident(requireStore(), incidentId, format, lookup, { timeZone: request.timeZone, keep: request.keep, printPdf });
      const [first, ...others] = result.files.map(toContent);
      const counts: Record<string, number> = {};
      for (const f of result.findings) if (!f.kept) counts[f.kind] = (counts[f.kind] ?? 0) + f.count;
      const exported: ExportedReport = {
        ...first!,
        ...(others.length > 0 ? { more: others } : {}),
        redacted: counts,
        kept: result.findings.filter((f) => f.kept).length,
      };
      return exported;
    },
    // Electron's own printer needs no system browser.
    pdfSupport: async () => (printPdf ? { available: true, message: null } : pdfSupport()),
  };
}

function toContent(file: ExportedFile): ExportedFileContent {
  const binary = typeof file.content !== 'string';
  return {
    fileName: file.fileName,
    mimeType: file.mimeType,
    encoding: binary ? 'base64' : 'utf8',
    content: binary ? Buffer.from(file.content as Uint8Array).toString('base64') : (file.content as string),
  };
}
