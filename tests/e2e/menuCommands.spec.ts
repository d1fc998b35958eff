import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installBridgeDouble, menu } from './bridgeDouble';
import { expect, test } from './servedConsole';

// The native menu (Electron) reaches the page only through the bridge's onMenuCommand event;
// each command does what its on-screen control does.
let folder = '';
test.afterEach(() => rmSync(folder, { recursive: true, force: true }));

test('the native menu\'s commands reach the console through the bridge', async ({ page, served }) => {
  folder = mkdtempSync(join(tmpdir(), 'wr-menu-runbooks-'));
  writeFileSync(join(folder, 'menu.md'), '# Menu added runbook\n\n## Look\n\n```bash\nuptime\n```\n');
  await installBridgeDouble(page, { openFolderAnswer: folder });
  await page.goto(served.url);

  await menu(page, 'new-incident');
  const dialog = page.getByRole('dialog', { name: 'New incident' });
  await dialog.getByRole('textbox', { name: 'Title' }).fill('Menu driven');
  await dialog.getByRole('button', { name: 'Create incident' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Menu driven' })).toBeVisible();

  await menu(page, 'export-report');
  await expect(page.getByRole('menu', { name: 'Export report' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu', { name: 'Export report' })).toHaveCount(0);

  const theme = await page.evaluate(() => document.documentElement.dataset.theme);
  await menu(page, 'toggle-theme');
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme === 'dark' ? 'light' : 'dark');

  await menu(page, 'open-runbook-folder');
  await expect(page.getByRole('navigation', { name: 'Runbooks' }).getByRole('button', { name: /Menu added runbook/ })).toBeVisible();
});
