import type { ExportedFileContent, ExportedReport } from '../../../electron/common/services/reportService';

/**
 * Hands an exported file to the user as a download (Blob + anchor). In the browser console
 * the browser saves it; in the Electron app a download with no `will-download` handler opens
 * Electron's native Save dialog, so the user picks the folder there.
 */
export function saveExport(report: ExportedReport): void {
  for (const file of [report, ...(report.more ?? [])]) saveFile(file);
}

function saveFile(file: ExportedFileContent): void {
  const bytes = file.encoding === 'base64' ? base64ToBytes(file.content) : file.content;
  const blob = new Blob([bytes], { type: file.mimeType });
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = file.fileName;
  anchor.rel = 'noopener';
  anchor.style.display = 'none';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // The download has started once click() returns; keep the URL a moment for slow browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
