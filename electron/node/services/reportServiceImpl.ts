import { UserError } from '../../common/errors';
import type { ExportedReport, ReportService } from '../../common/services/reportService';
import type { RunbookLookup } from '../report/collectBundle';
import { exportIncident, previewRedactions, type PdfPrinter } from '../report/exportIncident';
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
      const file = result.files[0]!;
      const binary = typeof file.content !== 'string';
      const counts: Record<string, number> = {};
      for (const f of result.findings) if (!f.kept) counts[f.kind] = (counts[f.kind] ?? 0) + f.count;
      const exported: ExportedReport = {
        fileName: file.fileName,
        mimeType: file.mimeType,
        encoding: binary ? 'base64' : 'utf8',
        content: binary ? Buffer.from(file.content as Uint8Array).toString('base64') : (file.content as string),
        redacted: counts,
        kept: result.findings.filter((f) => f.kept).length,
      };
      return exported;
    },
    // Electron's own printer needs no system browser.
    pdfSupport: async () => (printPdf ? { available: true, message: null } : pdfSupport()),
  };
}
