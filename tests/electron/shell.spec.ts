import { expect, test } from '@playwright/test';
import { spawn, spawnSync } from 'node:child_process';
import { electronBinary } from './electronAvailability';
import { launchWarRoom, MAIN, ROOT, type LaunchedApp } from './launchApp';

// The app shell around the console: menu, quit guard, single instance, --cli.
const binary = electronBinary();

test.describe('the Electron app shell', () => {
  test.skip('reason' in binary, 'reason' in binary ? binary.reason : '');
  let launched: LaunchedApp;

  test.beforeAll(async () => {
    launched = await launchWarRoom((binary as { path: string }).path);
  });
  test.afterAll(async () => launched?.close());

  test('the native menu has File, Edit, View and Help', async () => {
    const labels = await launched.app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.items.map((item) => item.label.replace('&', '')) ?? []);
    expect(labels).toEqual(expect.arrayContaining(['File', 'Edit', 'View', 'Help']));
  });

  test('a menu command reaches the page through the bridge', async () => {
    const { app, page } = launched;
    await page.evaluate(() => {
      const w = window as unknown as { warroomBridge: { onMenuCommand(l: (c: string) => void): void }; received: string[] };
      w.received = [];
      w.warroomBridge.onMenuCommand((command) => w.received.push(command));
    });
    await app.evaluate(({ Menu }) => {
      const find = (items: Electron.MenuItem[]): Electron.MenuItem | undefined =>
        items.map((item) => (item.label === 'New Incident' ? item : item.submenu ? find(item.submenu.items) : undefined)).find(Boolean);
      const item = find(Menu.getApplicationMenu()!.items)!;
      item.click();
    });
    await expect.poll(() => page.evaluate(() => (window as unknown as { received: string[] }).received)).toEqual(['new-incident']);
  });

  test('quitting while a command runs asks, and Cancel keeps the app open', async () => {
    const { app, page } = launched;
    await page.evaluate(() => {
      (window as unknown as { warroomBridge: { provideRunningCommands(p: () => unknown): void } }).warroomBridge.provideRunningCommands(() => ({ running: 1, examples: ['sleep 600'] }));
    });
    const asked = await app.evaluate(async ({ app: electronApp, dialog }) => {
      const shown: string[] = [];
      dialog.showMessageBox = (async (...args: unknown[]) => {
        const options = args.at(-1) as { message: string };
        shown.push(options.message);
        return { response: 1, checkboxChecked: false };
      }) as typeof dialog.showMessageBox;
      electronApp.quit();
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      return shown;
    });
    expect(asked).toEqual(['A command is still running. Quit War Room anyway?']);
    expect(launched.app.windows()).toHaveLength(1);
  });

  test('a second launch focuses the first and exits', async () => {
    const second = spawn((binary as { path: string }).path, [MAIN, `--user-data-dir=${launched.userData}`], { cwd: ROOT, stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => second.on('exit', resolve));
    expect(code).toBe(0);
    expect(launched.app.windows()).toHaveLength(1);
  });
});

test.describe('War Room --cli', () => {
  test.skip('reason' in binary, 'reason' in binary ? binary.reason : '');

  test('runs the CLI inside the app and exits with its code, opening no window', () => {
    const bin = (binary as { path: string }).path;
    // `help`, not `--help`: Chromium has switches of its own, the CLI's command words are ours alone.
    const help = spawnSync(bin, [MAIN, '--cli', 'help'], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: warroom <command>');
    const unknown = spawnSync(bin, [MAIN, '--cli', 'frobnicate'], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
  });
});
