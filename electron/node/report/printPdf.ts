/**
 * PDF without Electron: the report's HTML printed by a system Chromium or Chrome in headless
 * mode, from a private temp folder (the page, a throwaway profile, the PDF), removed after.
 * The page has no script and a CSP that forbids every request, and the browser runs with its
 * background networking off, so printing sends nothing anywhere.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { UserError } from '../../common/errors';
import { findChromium } from '../browser/findBrowser';

/** A report of thousands of events prints in seconds; a minute means the browser is stuck. */
export const PDF_TIMEOUT_MS = 60_000;

export const NO_BROWSER_MESSAGE =
  'PDF export needs Chromium or Chrome and none was found — install one or set CHROMIUM_PATH to it, or export HTML and print that from a browser.';

export interface PrintOptions {
  /** The browser to use; default: findChromium(). */
  browser?: string | null;
  timeoutMs?: number;
}

export function pdfSupport(env: NodeJS.ProcessEnv = process.env): { available: boolean; message: string | null } {
  const browser = findChromium(env);
  return browser ? { available: true, message: null } : { available: false, message: NO_BROWSER_MESSAGE };
}

export async function printHtmlToPdf(html: string, options: PrintOptions = {}): Promise<Uint8Array> {
  const browser = options.browser === undefined ? findChromium() : options.browser;
  if (!browser) throw new UserError(NO_BROWSER_MESSAGE, 'E_NO_BROWSER');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-pdf-'));
  try {
    const page = path.join(dir, 'report.html');
    const out = path.join(dir, 'report.pdf');
    fs.writeFileSync(page, html, { mode: 0o600 });
    const args = [
      '--headless',
      '--disable-gpu',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-extensions',
      '--disable-default-apps',
      '--metrics-recording-only',
      '--mute-audio',
      `--user-data-dir=${path.join(dir, 'profile')}`,
      // Both spellings: newer Chromium reads the first, older the second; unknown flags are ignored.
      '--no-pdf-header-footer',
      '--print-to-pdf-no-header',
      `--print-to-pdf=${out}`,
    ];
    // Chromium refuses to run as root with its sandbox (containers, CI); the page is our own static HTML.
    if (typeof process.getuid === 'function' && process.getuid() === 0) args.unshift('--no-sandbox');
    args.push(pathToFileURL(page).href);
    await run(browser, args, options.timeoutMs ?? PDF_TIMEOUT_MS);
    if (!fs.existsSync(out) || fs.statSync(out).size === 0) {
      throw new UserError(`${path.basename(browser)} did not write a PDF — try exporting HTML and printing it from a browser.`, 'E_PDF_FAILED');
    }
    return new Uint8Array(fs.readFileSync(out));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function run(command: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 10_000) stderr += d.toString();
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new UserError(`${path.basename(command)} took over ${timeoutMs / 1000} s to print the PDF and was stopped.`, 'E_PDF_FAILED'));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new UserError(`Cannot start ${command} to print the PDF: ${error.message}.`, 'E_PDF_FAILED'));
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else {
        const last = stderr.trim().split('\n').filter((l) => !/^\[\d+:\d+:/.test(l) || /ERROR|FATAL/.test(l)).pop() ?? '';
        reject(new UserError(`${path.basename(command)} failed to print the PDF (exit ${code})${last ? `: ${last.slice(0, 200)}` : ''}.`, 'E_PDF_FAILED'));
      }
    });
  });
}
