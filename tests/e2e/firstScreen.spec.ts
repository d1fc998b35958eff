import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IncidentStore } from '../../electron/node/store/incidentStore';
import { DATABASE_FILE_NAME } from '../../electron/node/store/openDatabase';
import { expect, startServedConsole, test } from './servedConsole';

// `warroom serve` draws the incidents list into the page's HTML (node/server/firstScreen.ts),
// so it shows before the console's script has run; the console then takes over in place.
const HOSTILE = '<img src=x onerror="window.pwned=1">';

test('the incidents list is in the HTML for the session’s page, and the console takes it over', async ({ browser }) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-first-'));
  const store = IncidentStore.open(path.join(dataDir, DATABASE_FILE_NAME));
  const old = await store.createIncident({ title: 'Old outage', severity: 'SEV3' });
  await store.updateIncident(old.id, { status: 'resolved' });
  await store.createIncident({ title: HOSTILE, severity: 'SEV2' });
  await store.createIncident({ title: 'Checkout latency', severity: 'SEV1' });
  store.close();
  const served = await startServedConsole([], dataDir);
  try {
    // No script at all: what the host's HTML shows by itself.
    const htmlOnly = await browser.newContext({ javaScriptEnabled: false });
    const still = await htmlOnly.newPage();
    await still.goto(served.url);
    const stillList = still.getByRole('navigation', { name: 'Incidents' });
    await expect(stillList.getByRole('button')).toHaveText([/^Checkout latencySEV1 · Investigating · /, new RegExp(`^${HOSTILE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}SEV2`)]);
    // Nothing to click until the console runs: disabled, not dead.
    await expect(stillList.getByRole('button', { name: /Checkout latency/ })).toBeDisabled();
    await expect(still.getByRole('button', { name: 'New incident' })).toBeDisabled();
    await expect(stillList.getByText('Resolved (1)')).toBeVisible();
    await htmlOnly.close();

    // In the system's theme before any script has run (styles.css follows it by itself).
    for (const colorScheme of ['light', 'dark'] as const) {
      const themed = await browser.newContext({ javaScriptEnabled: false, colorScheme });
      const themedPage = await themed.newPage();
      await themedPage.goto(served.url);
      expect(await themedPage.evaluate('getComputedStyle(document.body).backgroundColor')).toBe(colorScheme === 'light' ? 'rgb(246, 247, 249)' : 'rgb(18, 21, 27)');
      await themed.close();
    }

    // A page without the session (no token) is shown no incident.
    const stranger = await browser.newContext({ javaScriptEnabled: false });
    const strangerPage = await stranger.newPage();
    await strangerPage.goto(served.origin);
    expect(await strangerPage.content()).not.toContain('Checkout latency');
    await stranger.close();

    // The console: one list, live, and an incident opens from it.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(served.url);
    const list = page.getByRole('navigation', { name: 'Incidents' });
    await list.getByRole('button', { name: /Checkout latency/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Checkout latency' })).toBeVisible();
    await expect(page.getByTestId('host-status')).toHaveText('Connected to warroom serve');
    await expect(list.getByRole('button', { name: /Checkout latency/ })).toHaveAttribute('aria-current', 'page');
    await expect(page.locator('[data-first-screen], #first-screen-data')).toHaveCount(0);
    await list.getByRole('button', { name: /img src=x/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: HOSTILE })).toBeVisible();
    expect(await page.evaluate('window.pwned')).toBeUndefined();
    // A theme picked by hand beats the system's in the next first screen too (a cookie the host reads).
    await page.getByRole('button', { name: /^Switch to (dark|light) theme$/ }).click();
    const picked = await page.evaluate('document.documentElement.dataset.theme');
    expect(await (await page.request.get(served.origin + '/')).text()).toContain(`<html lang="en" data-theme="${picked}">`);
    await context.close();
  } finally {
    await served.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a theme chosen on another port of this host (its cookie, nothing in this port’s storage) holds from the first screen on', async ({ browser, served }) => {
  // Cookies are shared by every port of 127.0.0.1, local storage is not: a console served on
  // another port (or --port 0) has the cookie the first screen is drawn from, and nothing else.
  const context = await browser.newContext({ colorScheme: 'light' });
  await context.addCookies([{ name: 'warroom_theme', value: 'dark', url: served.origin }]);
  // Every theme the page is ever in, from its first parse.
  await context.addInitScript(() => {
    const seen: (string | undefined)[] = [];
    Object.assign(window, { themesSeen: seen });
    const record = () => seen.push(document.documentElement.dataset.theme);
    new MutationObserver(record).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-theme'] });
    document.addEventListener('readystatechange', record);
  });
  const page = await context.newPage();
  await page.goto(served.url);
  await expect(page.getByTestId('host-status')).toHaveText('Connected to warroom serve');
  await expect(page.getByRole('button', { name: 'Switch to light theme' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  expect(await page.evaluate('themesSeen')).not.toContain('light');
  await context.close();
});

test('in a narrow window the header stays one line as the console connects: nothing below it moves', async ({ browser, served }) => {
  // Connected, the header says more (version, shell, data folder, the theme toggle) than the
  // first screen's "Connecting…": in an 800 px window it wrapped to two lines and the whole
  // console moved down by 18 px.
  for (const width of [1280, 800, 640]) {
    const context = await browser.newContext({ viewport: { width, height: 700 } });
    const firstScreen = await context.newPage();
    await firstScreen.route('**/assets/*.js', (route) => route.abort());
    await firstScreen.goto(served.url);
    const before = await firstScreen.locator('.sidebar').boundingBox();
    const page = await context.newPage();
    await page.goto(served.url);
    await expect(page.getByTestId('host-status')).toHaveText('Connected to warroom serve');
    await expect(page.getByRole('button', { name: /^Switch to (dark|light) theme$/ })).toBeVisible();
    const after = await page.locator('.sidebar').boundingBox();
    expect(Math.abs(after!.y - before!.y), `the sidebar's top at ${width} px`).toBeLessThan(1);
    // Nothing of it pushed out of the window either.
    const toggle = await page.getByRole('button', { name: /^Switch to (dark|light) theme$/ }).boundingBox();
    expect(toggle!.x + toggle!.width, `the theme toggle at ${width} px`).toBeLessThanOrEqual(width);
    await context.close();
  }
});

test('with times shown in UTC, the first screen’s list says the same times as the console’s', async ({ browser }) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-first-'));
  const store = IncidentStore.open(path.join(dataDir, DATABASE_FILE_NAME));
  const incident = await store.createIncident({ title: 'Checkout latency', severity: 'SEV1' });
  store.close();
  // A zone away from UTC, the same for the host and the page (one machine).
  const zone = 'America/New_York';
  const served = await startServedConsole([], dataDir, { TZ: zone });
  try {
    const context = await browser.newContext({ timezoneId: zone });
    const page = await context.newPage();
    await page.goto(served.url);
    await page.getByRole('navigation', { name: 'Incidents' }).getByRole('button', { name: /Checkout latency/ }).click();
    await page.getByRole('button', { name: 'UTC', exact: true }).click();
    await expect(page.getByRole('button', { name: 'UTC', exact: true })).toHaveAttribute('aria-pressed', 'true');
    const utcTime = new Date(incident.createdAt).toISOString().slice(0, 16).replace('T', ' ');
    const item = page.getByRole('navigation', { name: 'Incidents' }).getByRole('button', { name: /Checkout latency/ });
    await expect(item).toContainText(utcTime);

    // The next first screen, alone (no script): the same time, not the local one.
    const firstScreen = await context.newPage();
    await firstScreen.route('**/assets/*.js', (route) => route.abort());
    await firstScreen.goto(served.url);
    await expect(firstScreen.getByRole('navigation', { name: 'Incidents' }).getByRole('button', { name: /Checkout latency/ })).toContainText(utcTime);
    await context.close();
  } finally {
    await served.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
