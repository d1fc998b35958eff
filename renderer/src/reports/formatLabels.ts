import type { ReportFormat } from '../../../electron/common/services/reportService';

/** The Export report menu's entries: the brief's four, in its order and words, then the terminal recordings. */
export const FORMAT_LABELS: Record<ReportFormat, string> = { md: 'Markdown', html: 'HTML', pdf: 'PDF', json: 'JSON', cast: 'Asciicast' };
