/**
 * Messages between the host (Electron utility process) and main for printing a
 * report to PDF with Electron's printToPDF: the host has the report, only main
 * can open a window.
 */
export interface PrintPdfRequest {
  type: 'print-pdf';
  id: number;
  html: string;
}

export type PrintPdfResult = { type: 'print-pdf-result'; id: number; pdfBase64: string } | { type: 'print-pdf-result'; id: number; error: string };

export function isPrintPdfRequest(value: unknown): value is PrintPdfRequest {
  const v = value as PrintPdfRequest | null;
  return !!v && v.type === 'print-pdf' && typeof v.id === 'number' && typeof v.html === 'string';
}

export function isPrintPdfResult(value: unknown): value is PrintPdfResult {
  const v = value as PrintPdfResult | null;
  return !!v && v.type === 'print-pdf-result' && typeof v.id === 'number';
}
