import { expect, test } from '@playwright/test';
import { electronBinary } from './electronAvailability';
import { launchWarRoom, type LaunchedApp } from './launchApp';

// Electron's security checklist, proven on the running app (docs/security.md).
const binary = electronBinary();

test.describe('the Electron app is locked down', () => {
  test.skip('reason' in binary, 'reason' in binary ? binary.reason : '');
  let launched: LaunchedApp;

  test.beforeAll(async () => {
    launched = await launchWarRoom((binary as { path: string }).path);
  });
  test.afterAll(async () => launched?.close());

  const webContentsCount = () => launched.app.evaluate(({ webContents }) => webContents.getAllWebContents().length);

  test('the page has no Node and only the bridge', async () => {
    const { page } = launched;
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    expect(await page.evaluate(() => Object.keys((window as unknown as { warroomBridge: object }).warroomBridge).sort())).toEqual([
      'kind',
      'onHostExit',
      'onHostReady',
      'onMenuCommand',
      'onMessage',
      'provideRunningCommands',
      'send',
      'showOpenFolderDialog',
    ]);
  });

  test('the window runs sandboxed, context-isolated, without Node integration or webviews', async () => {
    const prefs = await launched.app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]!.webContents;
      const p = (contents as unknown as { getLastWebPreferences(): Record<string, unknown> }).getLastWebPreferences();
      return { sandbox: p.sandbox, contextIsolation: p.contextIsolation, nodeIntegration: p.nodeIntegration, webviewTag: p.webviewTag };
    });
    expect(prefs).toEqual({ sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false });
  });

  test('navigation away is refused', async () => {
    const { page } = launched;
    const before = page.url();
    await page.evaluate(() => (window.location.href = 'https://example.com/'));
    await page.waitForTimeout(500);
    expect(page.url()).toBe(before);
    await page.evaluate(() => (window.location.href = 'file:///etc/passwd'));
    await page.waitForTimeout(500);
    expect(page.url()).toBe(before);
  });

  test('window.open opens nothing inside the app', async () => {
    expect(await launched.page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
    expect(await launched.page.evaluate(() => window.open('about:blank') === null)).toBe(true);
    expect(launched.app.windows()).toHaveLength(1);
  });

  test('a webview element attaches no guest page', async () => {
    const before = await webContentsCount();
    await launched.page.evaluate(() => {
      const view = document.createElement('webview');
      view.setAttribute('src', 'https://example.com/');
      document.body.appendChild(view);
    });
    await launched.page.waitForTimeout(500);
    expect(await webContentsCount()).toBe(before);
  });

  test('permission requests are denied', async () => {
    const { page } = launched;
    expect(await page.evaluate(() => Notification.requestPermission())).toBe('denied');
    const geo = await page.evaluate(() => navigator.permissions.query({ name: 'geolocation' as PermissionName }).then((s) => s.state));
    expect(geo).not.toBe('granted');
    const media = await page.evaluate(() => navigator.mediaDevices.getUserMedia({ audio: true }).then(() => 'granted', (error: Error) => error.name));
    expect(media).not.toBe('granted');
  });

  test('the page carries a CSP that refuses eval and foreign scripts', async () => {
    const { page } = launched;
    const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '');
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(await page.evaluate(() => {
      try {
        return String(eval('1 + 1'));
      } catch (error) {
        return (error as Error).name;
      }
    })).toBe('EvalError');
  });
});
