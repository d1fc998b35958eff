// Takes screenshots of the served console for the README and for review:
//   node scripts/screenshots.mjs [outDir]   (default docs/images)
// Uses the system Chromium (CHROMIUM_PATH or /usr/bin/chromium) and a throwaway data dir,
// seeded with a demo incident (scripts/seedDemoIncident.ts) so the shots show a console at work.
import { chromium } from '@playwright/test';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.resolve(process.argv[2] ?? path.join(root, 'docs/images'));
fs.mkdirSync(outDir, { recursive: true });
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-shots-'));
execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/seedDemoIncident.ts'), dataDir], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });

const server = spawn(process.execPath, [path.join(root, 'bin/warroom.js'), 'serve', '--port', '0', '--no-open', '--data', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve) => readline.createInterface({ input: server.stdout }).once('line', resolve));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
/** Asks the shell in the active terminal for its size: `COLSxLINES`. */
async function terminalSize(page) {
  await page.locator('.workspace__terminals .terminals__panel:not([hidden]) .xterm').click();
  await page.keyboard.type('echo "size=$(tput cols)x$(tput lines)"');
  await page.keyboard.press('Enter');
  // The incident's shell outlives the page: its screen holds earlier answers, so take the last.
  await page.waitForTimeout(800);
  const screen = await page.locator('.workspace__terminals .terminals__panel:not([hidden]) .xterm-rows').innerText();
  return [...screen.matchAll(/size=(\d+x\d+)/g)].at(-1)?.[1] ?? 'unknown';
}

try {
  for (const theme of ['dark', 'light']) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: theme });
    await page.goto(url);
    await page.getByTestId('host-status').filter({ hasText: 'Connected to warroom serve' }).waitFor();
    await page.getByRole('navigation', { name: 'Incidents' }).getByRole('button', { name: /Checkout returns 502/ }).click();
    await page.getByRole('region', { name: 'Timeline' }).getByText('Error rate back under 1%').waitFor();
    await page.getByRole('tab', { name: 'Checklist' }).click();
    // Settle fonts and the clocks' first tick.
    await page.waitForTimeout(1200);
    await page.screenshot({ path: path.join(outDir, `console-${theme}.png`) });
    await page.close();
  }
  // The workspace a responder works in: runbook beside the terminal over the timeline, at a
  // laptop size and at 1280×720 (compact header), then with the runbook hidden. The terminal
  // reports its own size (tput), so the figures are the shell's, not an estimate.
  for (const theme of ['dark', 'light']) {
    for (const [width, height] of [[1440, 900], [1280, 720]]) {
      const page = await browser.newPage({ viewport: { width, height }, colorScheme: theme });
      await page.goto(url);
      // Each page starts with the default layout: a fresh browser context has empty storage.
      await page.getByTestId('host-status').filter({ hasText: 'Connected to warroom serve' }).waitFor();
      await page.getByRole('navigation', { name: 'Incidents' }).getByRole('button', { name: /Checkout returns 502/ }).click();
      await page.locator('.state-dot[data-state="idle"]').waitFor({ timeout: 20_000 });
      await page.waitForTimeout(1200);
      await page.screenshot({ path: path.join(outDir, `workspace-${theme}-${width}x${height}.png`) });
      await page.getByRole('button', { name: 'Hide runbook' }).click();
      await page.waitForTimeout(600);
      const size = await terminalSize(page);
      console.log(`${theme} ${width}×${height}, runbook hidden: terminal ${size}`);
      await page.screenshot({ path: path.join(outDir, `workspace-runbook-hidden-${theme}-${width}x${height}.png`) });
      await page.getByRole('button', { name: 'Show runbook' }).click();
      await page.close();
    }
  }
  console.log(`screenshots in ${outDir}`);
} finally {
  await browser.close();
  server.kill();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
