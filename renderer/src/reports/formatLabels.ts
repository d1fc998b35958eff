import type { ReportFormat } from '../../../electron/common/services/reportService';

/** The Export report menu's entries, in the order (and the words) the brief names them. */
export const FORMAT_LABELS: Record<ReportFormat, string> = { md: 'Markdown', html: 'HTML', pdf: 'PDF', json: 'JSON' };
