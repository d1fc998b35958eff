import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { expect, test } from './servedConsole';

test('the printed URL opens the console connected to its host', async ({ page, served }) => {
  expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
  await page.goto(served.url);
  // The token is traded for a cookie and dropped from the address bar.
  await expect(page).toHaveURL(`${served.origin}/`);
  await expect(page.getByTestId('host-status')).toHaveText('Connected to warroom serve');
  await expect(page.getByRole('button', { name: 'New incident' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Runbooks' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  // Reloading keeps working: the cookie carries the session until the server stops.
  await page.reload();
  await expect(page.getByTestId('host-status')).toHaveText('Connected to warroom serve');
});

test('the header names warroom serve from the moment it connects', async ({ page, served }) => {
  // Every wording the host status ever has, from the page's first parse.
  await page.addInitScript(() => {
    const seen: string[] = [];
    Object.assign(window, { hostStatusSeen: seen });
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="host-status"]')?.textContent;
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  await page.goto(served.url);
  await expect(page.getByTestId('host-status')).toHaveText('Connected to warroom serve');
  expect(await page.evaluate('hostStatusSeen')).toEqual(['Connecting…', 'Connected to warroom serve']);
});

test('a bare URL without the token gets no data and says why', async ({ page, served }) => {
  await page.goto(served.origin + '/');
  await expect(page.getByRole('alert')).toContainText('opened without its access token');
  await expect(page.getByTestId('host-status')).toHaveText('Offline from host');
  await expect(page.getByText(served.dataDir)).toHaveCount(0);
});

test('the console shows a banner when the host goes away, saying its shells ended with it', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(page.getByTestId('host-status')).toHaveText('Connected to warroom serve');
  await served.stop();
  await expect(page.getByRole('alert')).toContainText('The War Room host stopped: its terminal shells ended with it');
  await expect(page.getByRole('alert')).not.toContainText('keep running');
});

test('a page whose host stopped before it ever connected says where to look, not only that it is connecting', async ({ page, served }) => {
  // The page's HTML came from the host; its script runs only after the host has stopped.
  const assets = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../out/renderer');
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/assets/**', async (route) => {
    await held;
    await route.fulfill({ path: path.join(assets, new URL(route.request().url()).pathname) });
  });
  await page.goto(served.url, { waitUntil: 'commit' });
  await expect(page.getByRole('navigation', { name: 'Incidents' })).toBeVisible();
  await served.stop();
  release();
  await expect(page.getByRole('alert')).toHaveText('Connecting to the War Room host… If this lasts, check that `warroom serve` is still running; its log (logs/warroom.log in its data folder) says why it stopped or failed.');
});

test('WebSocket connections need the token and our own Origin and Host', async ({ served }) => {
  const wsUrl = `${served.origin.replace('http', 'ws')}/rpc`;
  const attempt = (url: string, headers: Record<string, string> = {}) =>
    new Promise<string>((resolve) => {
      const socket = new WebSocket(url, { headers });
      socket.on('open', () => {
        socket.send(JSON.stringify({ t: 'req', id: 1, s: 'app', m: 'getInfo', a: [] }));
      });
      socket.on('message', (data) => {
        resolve(`data:${data.toString()}`);
        socket.close();
      });
      socket.on('unexpected-response', (_req, res) => resolve(`http ${res.statusCode}`));
      socket.on('error', (error) => resolve(`error ${error.message}`));
    });

  expect(await attempt(wsUrl)).toBe('http 403');
  expect(await attempt(`${wsUrl}?token=wrong-token-wrong-token-wrong-to`)).toBe('http 403');
  expect(await attempt(`${wsUrl}?token=${served.token}`, { Origin: 'http://evil.example' })).toBe('http 403');
  expect(await attempt(`${wsUrl}?token=${served.token}`, { Host: 'evil.example:80' })).toBe('http 403');
  const reply = await attempt(`${wsUrl}?token=${served.token}`, { Origin: served.origin });
  expect(reply).toContain('"ok":true');
  expect(reply).toContain(served.dataDir);
});

test('static responses carry the security headers and no data', async ({ request, served }) => {
  const response = await request.get(served.origin + '/');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-security-policy']).toContain("default-src 'self'");
  expect(response.headers()['content-security-policy']).toContain("script-src 'self'");
  expect(await response.text()).not.toContain(served.dataDir);
  expect((await request.get(served.origin + '/api/session')).status()).toBe(401);
  expect((await request.get(`${served.origin}/api/session?token=${served.token}`)).status()).toBe(204);
});
