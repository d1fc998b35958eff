/**
 * The team's war room: two consoles in Chromium on two `warroom serve` processes with their
 * own data dirs, sharing one bare git repository, see each other's notes within one sync
 * interval (30 s), each marked with who wrote it. Screenshots of the Sync panel and of the
 * merged timeline, in both themes, go to docs/images/ when UPDATE_SCREENSHOTS=1.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { IncidentStore } from '../../electron/node/store/incidentStore';
import { DATABASE_FILE_NAME } from '../../electron/node/store/openDatabase';
import { expect, startServedConsole, test } from './servedConsole';

const INTERVAL_MS = 30_000;
const SECRET = 'Hunter2-Prod-DB-Pass-9';

function saveShot(page: Page, name: string, testInfo: { outputPath(name: string): string }) {
  const target = process.env.UPDATE_SCREENSHOTS ? path.join(process.cwd(), 'docs/images', name) : testInfo.outputPath(name);
  return target;
}

async function setTheme(page: Page, theme: 'dark' | 'light') {
  await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
}

test('two consoles sharing a git remote see each other’s notes within one sync interval, marked by author', async ({ browser }, testInfo) => {
  test.setTimeout(240_000);
  const remote = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-e2e-remote-'));
  execFileSync('git', ['init', '--bare', '--quiet', remote]);
  const dirA = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-e2e-a-'));
  const dirB = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-e2e-b-'));
  // Alice's laptop already holds the incident, with a secret typed in a note.
  const seed = IncidentStore.open(path.join(dirA, DATABASE_FILE_NAME), { actor: 'alice' });
  const incident = seed.createIncidentSync({ title: 'Checkout 502s in EU', severity: 'SEV2', commander: 'alice' });
  await seed.appendEvent(incident.id, { kind: 'note', payload: { text: `DB password is ${SECRET} (rotate it)` } });
  seed.close();

  const a = await startServedConsole([], dirA, { WARROOM_ACTOR: 'alice' });
  const b = await startServedConsole([], dirB, { WARROOM_ACTOR: 'bob' });
  const pageA = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const pageB = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    // Alice opens the incident, sets the team remote in its Sync panel: the first sync pushes it.
    await pageA.goto(a.url);
    await pageA.getByRole('navigation', { name: 'Incidents' }).getByRole('button', { name: /Checkout 502s in EU/ }).click();
    await pageA.getByRole('tab', { name: 'Sync' }).click();
    const syncA = pageA.getByRole('region', { name: 'Sync' });
    await syncA.getByRole('textbox', { name: 'Remote URL' }).fill(remote);
    await syncA.getByRole('button', { name: 'Set remote' }).click();
    await expect(syncA).toContainText(/pushed \d+, pulled 0 from 0 devices/);
    await expect(syncA.getByRole('button', { name: 'Sync now' })).toBeVisible();
    // Nothing raw left: the secret is in no object of the remote.
    expect(execFileSync('git', ['--git-dir', remote, 'cat-file', '--batch-all-objects', '--batch'], { encoding: 'utf8', maxBuffer: 64 << 20 })).not.toContain(SECRET);

    // Bob, on a fresh console, sets the same remote from the welcome screen: the incident arrives.
    await pageB.goto(b.url);
    const syncB = pageB.getByRole('region', { name: 'Sync' });
    await syncB.getByRole('textbox', { name: 'Remote URL' }).fill(remote);
    await syncB.getByRole('button', { name: 'Set remote' }).click();
    await expect(syncB).toContainText(/pulled \d+ from 1 device/);
    await pageB.getByRole('navigation', { name: 'Incidents' }).getByRole('button', { name: /Checkout 502s in EU/ }).click();
    const timelineB = pageB.getByRole('region', { name: 'Timeline' });
    await expect(timelineB.getByText(/DB password is \[REDACTED/)).toBeVisible();

    // Bob writes a note: his console syncs at once; Alice's pulls it within one interval.
    await pageB.getByRole('textbox', { name: 'Note', exact: true }).fill('bob: DB pool exhausted on orders-db');
    await pageB.getByRole('textbox', { name: 'Note', exact: true }).press('Control+Enter');
    const timelineA = pageA.getByRole('region', { name: 'Timeline' });
    const started = Date.now();
    await expect(timelineA.getByText('bob: DB pool exhausted on orders-db')).toBeVisible({ timeout: INTERVAL_MS + 15_000 });
    console.log(`bob's note reached alice's console in ${Date.now() - started} ms`);
    await expect(timelineA.locator('.trow__actor', { hasText: 'bob' }).first()).toHaveAttribute('title', /bob on device [0-9a-f]{8}/);

    // And back: Alice's note reaches Bob.
    await pageA.getByRole('textbox', { name: 'Note', exact: true }).fill('alice: failing over to the replica');
    await pageA.getByRole('textbox', { name: 'Note', exact: true }).press('Control+Enter');
    await expect(timelineB.getByText('alice: failing over to the replica')).toBeVisible({ timeout: INTERVAL_MS + 15_000 });
    await expect(timelineB.getByText('bob: DB pool exhausted on orders-db')).toHaveCount(1);

    // Alice's Sync panel names both responders, each with a device.
    await pageA.getByRole('button', { name: 'Sync now' }).click();
    const people = syncA.getByRole('region', { name: 'Responders' });
    await expect(people).toContainText('alice');
    await expect(people).toContainText('on this device');
    await expect(people).toContainText(/bob on [0-9a-f]{8}/);

    for (const theme of ['dark', 'light'] as const) {
      for (const page of [pageA, pageB]) await setTheme(page, theme);
      await syncA.screenshot({ path: saveShot(pageA, `sync-panel-${theme}.png`, testInfo) });
      await pageB.locator('.workspace__right').screenshot({ path: saveShot(pageB, `sync-merged-timeline-${theme}.png`, testInfo) });
    }
  } finally {
    await pageA.close();
    await pageB.close();
    await a.stop();
    await b.stop();
    for (const dir of [remote, dirA, dirB]) fs.rmSync(dir, { recursive: true, force: true });
  }
});
