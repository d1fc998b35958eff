import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electronAvailability';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const binary = electronBinary();
if ('reason' in binary) console.log(`Electron tests skipped: ${binary.reason}.`);

test.describe('the Electron app', () => {
  test.skip('reason' in binary, 'reason' in binary ? binary.reason : '');

  let app: ElectronApplication;
  let page: Page;
  let userData: string;

  test.beforeAll(async () => {
    userData = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-electron-'));
    app = await electron.launch({
      executablePath: (binary as { path: string }).path,
      args: [path.join(ROOT, 'out/electron/main/main.cjs'), `--user-data-dir=${userData}`],
      cwd: ROOT,
    });
    page = await app.firstWindow();
  });

  test.afterAll(async () => {
    await app?.close();
    fs.rmSync(userData, { recursive: true, force: true });
  });

  test('opens the console connected to its host over the bridge', async () => {
    await expect(page.getByTestId('host-status')).toHaveText('Connected to the app host');
    await expect(page.getByRole('button', { name: 'New incident' })).toBeVisible();
  });
});
