import { BrowserWindow } from 'electron';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Prints a report's HTML to PDF with Electron's own Chromium (no system browser
 * needed inside the app). The page is our self-contained report: loaded from a
 * private temp file (large reports exceed data-URL limits) in a hidden, sandboxed
 * window with JavaScript off, then removed.
 */
export async function printReportPdf(html: string): Promise<Buffer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-print-'));
  const file = path.join(dir, 'report.html');
  fs.writeFileSync(file, html, { mode: 0o600 });
  const window = new BrowserWindow({
    show: false,
    webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false },
  });
  try {
    await window.loadFile(file);
    return await window.webContents.printToPDF({ printBackground: true, pageSize: 'A4', displayHeaderFooter: false });
  } finally {
    window.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
