import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, startServedConsole, test, type ServedConsole } from './servedConsole';

/**
 * Nothing raw leaves: the real terminal prints a sample of the rule set's own true positives
 * and the issue's cases, a note spells a password out in prose, and then every way out — the
 * console's Markdown, HTML, PDF, JSON and asciicast, the CLI's five formats, and a bundle
 * imported elsewhere and exported again — holds none of those secrets.
 */
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const NOTE = 'DB password is Sup3rS3cret! (rotated at 23:20) — postgres://app:Sup3rS3cret@db01:5432/app';
const ISSUE_CASES = [
  'API_KEY=3f9a1c2b4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f90',
  'DefaultEndpointsProtocol=https;AccountName=prodlogs;AccountKey=q9Xv2mZ8rT4kL7pW1sN6yB3cF0hJ5gD8aE2uR7iO9tY4wQ1zX6vC3bN8mK5lP0jH2gF7dS4aQ9wE6rT1yU3iO==;EndpointSuffix=core.windows.net',
];
const ISSUE_SECRETS = ['3f9a1c2b4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f90', 'q9Xv2mZ8rT4kL7pW1sN6yB3cF0hJ5gD8aE2uR7iO9tY4wQ1zX6vC3bN8mK5lP0jH2gF7dS4aQ9wE6rT1yU3iO==', 'Sup3rS3cret'];
/** Every this-many-th rule gives one example: a sample across the rule set that keeps the output short. */
const RULE_STRIDE = 5;

/**
 * One-line true positives of a sample of rules, and the secret each rule finds in its example.
 * Computed by redactionSample.ts in a tsx process: Playwright's loader cannot import the rules' JSON.
 */
function sampleExamples(): { lines: string[]; secrets: string[] } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(HERE, 'redactionSample.ts'), String(RULE_STRIDE)], { encoding: 'utf8', cwd: ROOT });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as { lines: string[]; secrets: string[] };
}

const { lines: SAMPLE_LINES, secrets: SAMPLE_SECRETS } = sampleExamples();
const SECRETS = [...new Set([...SAMPLE_SECRETS, ...ISSUE_SECRETS])];

let folder: string;
let served: ServedConsole;

test.beforeEach(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-e2e-redact-'));
  fs.writeFileSync(path.join(folder, 'drill.md'), '# Redaction drill\n\n## Look\n\n```bash\n# Show where we are\npwd\n```\n');
  fs.writeFileSync(path.join(folder, 'secrets.txt'), [...SAMPLE_LINES, ...ISSUE_CASES].join('\n') + '\n');
  served = await startServedConsole(['--runbooks', folder]);
});
test.afterEach(async () => {
  await served.stop();
  fs.rmSync(folder, { recursive: true, force: true });
});

/** What a reader of the file sees, without the whitespace a renderer may break a long value at. */
function flat(text: string): string {
  return text.replace(/\s+/g, '');
}

/** The secrets found in `text` (flattened), for the failure message. */
function leaks(name: string, text: string): string[] {
  const plain = flat(text);
  return SECRETS.filter((s) => plain.includes(flat(s))).map((s) => `${name}: ${s}`);
}

async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await getDocument({ data: bytes, useSystemFonts: true, isEvalSupported: false }).promise;
  let out = '';
  for (let n = 1; n <= doc.numPages; n++) out += (await (await doc.getPage(n)).getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join('');
  return out;
}

/** Decodes a written file into the text a reader gets out of it. */
async function readable(file: string): Promise<string> {
  const bytes = fs.readFileSync(file);
  if (file.endsWith('.pdf')) return pdfText(new Uint8Array(bytes));
  const text = bytes.toString('utf8');
  if (file.endsWith('.json')) return JSON.stringify(JSON.parse(text), (_k, v: unknown) => v).replace(/\\n/g, '\n') + collectStrings(JSON.parse(text)).join('\n');
  if (file.endsWith('.cast')) return text.split('\n').slice(1).filter(Boolean).map((line) => (JSON.parse(line) as [number, string, string])[2]).join('');
  if (file.endsWith('.html')) return text.replace(/<[^>]*>/g, '').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return text;
}

function collectStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(collectStrings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(collectStrings);
  return [];
}

async function exportFromConsole(page: Page, format: string, dir: string): Promise<string[]> {
  await page.getByRole('button', { name: 'Export report' }).click();
  await page.getByRole('menu', { name: 'Export report' }).getByRole('menuitem', { name: format }).click();
  const dialog = page.getByRole('dialog', { name: /Export report/ });
  await expect(dialog.getByRole('list', { name: 'Redactions' })).toBeVisible({ timeout: 30_000 });
  // The preview itself never shows a secret: excerpts and places are masked.
  const shown = await dialog.innerText();
  expect(leaks(`preview (${format})`, shown)).toEqual([]);
  const files: string[] = [];
  page.on('download', async (download) => {
    const target = path.join(dir, download.suggestedFilename());
    await download.saveAs(target);
    files.push(target);
  });
  await dialog.getByRole('button', { name: 'Export' }).click();
  await expect(dialog.getByRole('status')).toContainText('Saved', { timeout: 60_000 });
  await expect.poll(() => files.length).toBeGreaterThan(0);
  await dialog.getByRole('button', { name: 'Close' }).click();
  page.removeAllListeners('download');
  return files;
}

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/warroom.js'), ...args], { encoding: 'utf8', cwd: ROOT, timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('nothing printed in the terminal or written in a note leaves in clear, through any format, the console or the CLI', async ({ page }) => {
  test.setTimeout(240_000);
  expect(SAMPLE_LINES.length).toBeGreaterThanOrEqual(30);
  await page.goto(served.url);
  await page.getByRole('navigation', { name: 'Runbooks' }).getByRole('button', { name: 'Redaction drill' }).click();
  await page.getByRole('button', { name: 'New incident' }).click();
  const create = page.getByRole('dialog', { name: 'New incident' });
  await create.getByRole('textbox', { name: 'Title' }).fill('Secrets in the terminal');
  await create.getByRole('button', { name: 'Create incident' }).click();
  await expect(page.locator('.state-dot[data-state="idle"]')).toBeVisible({ timeout: 15_000 });

  await page.getByRole('textbox', { name: 'Note' }).fill(NOTE);
  await page.getByRole('button', { name: 'Add note' }).click();
  await page.locator('.xterm').first().click();
  await page.keyboard.type(`cat ${path.join(folder, 'secrets.txt')}`);
  await page.keyboard.press('Enter');
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline.getByText(/cat .*secrets\.txt/).first()).toBeVisible({ timeout: 20_000 });
  await expect(timeline.getByText('exit 0').first()).toBeVisible({ timeout: 20_000 });

  const out = path.join(folder, 'out');
  fs.mkdirSync(out);
  const written: string[] = [];
  for (const format of ['Markdown', 'HTML', 'PDF', 'JSON', 'Asciicast']) written.push(...(await exportFromConsole(page, format, out)));
  expect(written.map((f) => path.extname(f)).sort()).toEqual(['.cast', '.html', '.json', '.md', '.pdf']);

  // The CLI's way out, from the same data dir.
  for (const format of ['md', 'html', 'pdf', 'json', 'cast']) {
    const target = path.join(out, `cli.${format}`);
    const result = cli(['export', 'latest', '--format', format, '--out', target, '--data', served.dataDir]);
    expect(result.status, result.stderr).toBe(0);
    written.push(target);
  }
  // A teammate imports the bundle and exports it again.
  const elsewhere = path.join(folder, 'elsewhere');
  expect(cli(['import', path.join(out, 'cli.json'), '--data', elsewhere]).status).toBe(0);
  for (const format of ['md', 'json']) {
    const target = path.join(out, `reexport.${format}`);
    expect(cli(['export', 'latest', '--format', format, '--out', target, '--data', elsewhere]).status).toBe(0);
    written.push(target);
  }

  const found: string[] = [];
  for (const file of written) {
    const text = await readable(file);
    expect(text.length, file).toBeGreaterThan(100);
    found.push(...leaks(path.basename(file), text));
  }
  expect(found).toEqual([]);
  // The report still says what happened: the command, and where things were redacted.
  const md = fs.readFileSync(path.join(out, 'cli.md'), 'utf8');
  expect(md).toContain('secrets.txt');
  expect(md).toContain('[REDACTED:');
});
