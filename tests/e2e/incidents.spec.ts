import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { IncidentStore } from '../../electron/node/store/incidentStore';
import { DATABASE_FILE_NAME } from '../../electron/node/store/openDatabase';
import { expect, startServedConsole, test } from './servedConsole';

/** A fixed data dir per test that survives restarts of `warroom serve` (journey 7). */
function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-e2e-inc-'));
}

const timeline = (page: Page) => page.getByRole('region', { name: 'Timeline' });

/** Runs the `warroom` CLI in its own process; returns its stdout, fails the test on a non-zero exit. */
function warroom(...args: string[]): string {
  const run = spawnSync(process.execPath, [path.join(process.cwd(), 'bin/warroom.js'), ...args], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

/** `datetime-local` value for a time some minutes ago, in the browser's (and our) local zone. */
function localInput(at: number): string {
  const d = new Date(at);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** Opens a new incident through the dialog (from a runbook's page when `runbook` is given) and waits for the dialog to close. */
async function newIncident(page: Page, title: string, { runbook, impact }: { runbook?: string; impact?: string } = {}): Promise<void> {
  if (runbook) await page.getByRole('navigation', { name: 'Runbooks' }).getByRole('button', { name: runbook }).click();
  await page.getByRole('button', { name: 'New incident' }).click();
  const dialog = page.getByRole('dialog', { name: 'New incident' });
  await dialog.getByRole('textbox', { name: 'Title' }).fill(title);
  if (impact) await dialog.getByRole('textbox', { name: 'Impact' }).fill(impact);
  await dialog.getByRole('button', { name: 'Create incident' }).click();
  await expect(dialog).toHaveCount(0);
}

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('journeys 2, 5, 6 and 7: open an incident, work it, post an update, restart and find it all as it was', async ({ page }) => {
  const dataDir = tempDataDir();
  let served = await startServedConsole([], dataDir);
  try {
    await page.goto(served.url);

    // Journey 2: New incident, from the runbook's own severity scale.
    await page.getByRole('navigation', { name: 'Runbooks' }).getByRole('button', { name: 'Kubernetes service outage' }).click();
    await page.getByRole('button', { name: 'New incident' }).click();
    const dialog = page.getByRole('dialog', { name: 'New incident' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('textbox', { name: 'Title' }).fill('Checkout returns 502 for EU users');
    await expect(dialog.getByRole('combobox', { name: 'Runbook' })).toHaveValue(/.+/); // the open runbook, attached by default
    const dialogSeverity = dialog.getByRole('combobox', { name: 'Severity' });
    await expect(dialogSeverity.locator('option')).toHaveText(['SEV1 — Critical', 'SEV2 — High', 'SEV3 — Medium', 'SEV4 — Low']);
    await dialogSeverity.selectOption({ label: 'SEV1 — Critical' });
    await dialog.getByRole('textbox', { name: 'Commander' }).fill('ana');
    await dialog.getByRole('textbox', { name: 'Impact' }).fill('EU customers cannot pay');
    await dialog.getByRole('button', { name: 'Create incident' }).click();
    await expect(dialog).toHaveCount(0);

    await expect(page.getByRole('heading', { level: 1, name: 'Checkout returns 502 for EU users' })).toBeVisible();
    const severity = page.getByRole('combobox', { name: 'Severity' });
    const status = page.getByRole('combobox', { name: 'Status' });
    await expect(severity).toHaveValue('SEV1');
    await expect(status.locator('option')).toHaveText(['Investigating', 'Identified', 'Mitigating', 'Monitoring', 'Resolved']);
    // The response clock counts down from the scale's 15 minutes.
    await expect(page.getByRole('group', { name: 'Clocks' })).toContainText(/Respond within\s*1[45] min \d\d s/);
    await expect(page.getByRole('navigation', { name: 'Incidents' }).getByRole('button', { name: /Checkout returns 502/ })).toBeVisible();

    // Journey 5: status and severity, a backdated note, a checklist tick, a star, an action item.
    await status.selectOption('Identified');
    await expect(timeline(page)).toContainText('Status: Investigating → Identified');
    await severity.selectOption({ label: 'SEV2 — High' });
    await expect(timeline(page)).toContainText('Severity: SEV1 → SEV2');

    const alertAt = Date.now() - 25 * 60_000;
    await page.getByRole('textbox', { name: 'Note' }).fill('PagerDuty alert fired: checkout 5xx > 5%');
    await page.getByLabel('Happened at').fill(localInput(alertAt));
    await page.getByRole('button', { name: 'Add note' }).click();
    const alertRow = timeline(page).getByRole('listitem').filter({ hasText: 'PagerDuty alert fired' });
    await expect(alertRow).toContainText('backdated');
    await expect(alertRow.locator('time')).toHaveText(new RegExp(localInput(alertAt).slice(11, 16)));
    // A note before detection does not move it silently: the console asks, and moving it is an event.
    const milestones = page.getByRole('list', { name: 'Milestones' });
    const ask = page.getByRole('alertdialog', { name: 'Move the detection time?' });
    await expect(ask).toContainText(`Move the detection time to ${localInput(alertAt).slice(11)}?`);
    await expect(milestones).not.toContainText(`Detected ${localInput(alertAt).slice(11)}`);
    await ask.getByRole('button', { name: /^Move detection to/ }).click();
    await expect(milestones).toContainText(`Detected ${localInput(alertAt).slice(11)}`);
    await expect(timeline(page)).toContainText('Detected moved to');
    // 25 minutes in, with no update posted and a 30-minute cadence: the first update is due in ~5 min.
    await expect(page.getByRole('group', { name: 'Clocks' })).toContainText(/Next update due \(first\)\s*in [45] min/);

    // Ctrl+Enter adds a note; `n` focuses the note box when not typing.
    await page.getByRole('heading', { level: 1, name: 'Checkout returns 502 for EU users' }).click();
    await page.keyboard.press('n');
    await expect(page.getByRole('textbox', { name: 'Note' })).toBeFocused();
    await page.keyboard.type('Rolled back checkout to v41');
    await page.keyboard.press('Control+Enter');
    const rollbackRow = timeline(page).getByRole('listitem').filter({ hasText: 'Rolled back checkout to v41' });
    await expect(rollbackRow).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Note' })).toHaveValue('');
    await rollbackRow.getByRole('button', { name: 'Star' }).click();
    await expect(rollbackRow.getByRole('button', { name: 'Unstar' })).toBeVisible();

    await page.getByRole('tab', { name: 'Checklist' }).click();
    const tick = page.getByRole('checkbox', { name: 'Acknowledge the page' });
    await tick.check();
    await expect(timeline(page)).toContainText('Checklist item done: Acknowledge the page');
    await expect(tick).toBeChecked();

    await page.getByRole('tab', { name: 'Action items' }).click();
    await page.getByRole('textbox', { name: 'Action item' }).fill('Alert on checkout 5xx per region');
    await page.getByRole('textbox', { name: 'Owner' }).fill('bo');
    await page.getByRole('button', { name: 'Add action item' }).click();
    await expect(timeline(page)).toContainText('Action item: Alert on checkout 5xx per region (owner: bo)');

    // Journey 6: fill a template from the incident, copy it, then say when it was posted.
    await page.getByRole('tab', { name: 'Status updates' }).click();
    const updates = page.getByRole('region', { name: 'Status updates' });
    await expect(updates.getByRole('combobox', { name: 'Template' })).toHaveValue(/.+/);
    const text = updates.getByRole('textbox', { name: 'Status update text' });
    await expect(text).toHaveValue(/SEV2 Checkout returns 502 for EU users/);
    await expect(text).toHaveValue(/Impact: EU customers cannot pay/);
    await expect(text).toHaveValue(/Incident commander: ana/);
    await text.fill(`${await text.inputValue()}\nRollback to v41 in progress.`);
    await updates.getByRole('button', { name: 'Copy update' }).click();
    await expect(updates.getByRole('status')).toContainText('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('Rollback to v41 in progress.');
    await expect(timeline(page)).toContainText('Status update copied (not yet marked sent): SEV2 Checkout returns 502 for EU users');
    const postedAt = Date.now() - 2 * 60_000;
    await updates.getByLabel('Posted at').fill(localInput(postedAt));
    await updates.getByRole('button', { name: 'Mark as posted' }).click();
    await expect(timeline(page)).toContainText('Status update posted: SEV2 Checkout returns 502 for EU users');
    // The runbook says "every 30 minutes for SEV1/SEV2": due 28 minutes from now.
    await expect(page.getByRole('group', { name: 'Clocks' })).toContainText(/Next update due\s*in 2[78] min \d\d s/);

    // Journey 7: times in local time with the zone stated; one toggle shows UTC.
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    await expect(timeline(page)).toContainText(zone === 'UTC' || zone === 'Etc/UTC' ? 'local UTC' : zone);
    await timeline(page).getByRole('button', { name: 'UTC', exact: true }).click();
    await expect(timeline(page).getByRole('button', { name: 'UTC', exact: true })).toHaveAttribute('aria-pressed', 'true');
    const utcAlert = new Date(alertAt).toISOString().slice(11, 16);
    await expect(alertRow.locator('time')).toHaveText(new RegExp(utcAlert));
    await timeline(page).getByRole('button', { name: 'UTC', exact: true }).click();

    // Close the app mid-incident (stop the server), start it again on the same data dir.
    await served.stop();
    served = await startServedConsole([], dataDir);
    const again = await page.context().newPage();
    await again.goto(served.url);
    await again.getByRole('navigation', { name: 'Incidents' }).getByRole('button', { name: /Checkout returns 502/ }).click();
    await expect(again.getByRole('heading', { level: 1, name: 'Checkout returns 502 for EU users' })).toBeVisible();
    await expect(again.getByRole('combobox', { name: 'Severity' })).toHaveValue('SEV2');
    await expect(again.getByRole('combobox', { name: 'Status' })).toHaveValue('identified');
    const after = timeline(again);
    for (const entry of ['Status: Investigating → Identified', 'Severity: SEV1 → SEV2', 'PagerDuty alert fired', 'Checklist item done: Acknowledge the page', 'Status update copied', 'Status update posted', 'Action item: Alert on checkout']) {
      await expect(after).toContainText(entry);
    }
    await expect(after.getByRole('listitem').filter({ hasText: 'Rolled back checkout to v41' }).getByRole('button', { name: 'Unstar' })).toBeVisible();
    // After the restart the record still verifies (the host checks small timelines by itself).
    await expect(after.getByRole('button', { name: '✓ intact' })).toBeVisible();
    await expect(again.getByRole('group', { name: 'Clocks' })).toContainText(/Next update due/);
    await again.getByRole('tab', { name: 'Checklist' }).click();
    await expect(again.getByRole('checkbox', { name: 'Acknowledge the page' })).toBeChecked();
    // The runbook came back beside the timeline.
    await again.getByRole('tab', { name: 'Runbook' }).click();
    await expect(again.getByRole('article', { name: /Runbook: Kubernetes/ })).toBeVisible();

    // Reopen after resolving: any status may be chosen directly.
    await again.getByRole('combobox', { name: 'Status' }).selectOption('Resolved');
    await expect(again.getByRole('list', { name: 'Milestones' })).not.toContainText('Resolved —');
    await expect(again.getByRole('list', { name: 'Milestones' })).not.toContainText('Mitigated —');
    await again.getByRole('combobox', { name: 'Status' }).selectOption('Investigating');
    // Reopening clears the milestones not reached again, and the timeline says so.
    await expect(after).toContainText('Status: Resolved → Investigating (reopened: identified, mitigated and resolved times cleared)');
    await expect(again.getByRole('list', { name: 'Milestones' })).toContainText('Identified —Mitigated —Resolved —');
  } finally {
    await served.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('placeholder values and incident inputs are remembered per incident; secrets stay masked and off the timeline', async ({ page }) => {
  const dataDir = tempDataDir();
  let served = await startServedConsole([], dataDir);
  try {
    await page.goto(served.url);
    await newIncident(page, 'Too many connections on orders-db', { runbook: 'PostgreSQL connection exhaustion' });
    await page.getByRole('tab', { name: 'Inputs' }).click();
    const panel = page.getByRole('region', { name: 'Incident inputs' });
    const secret = panel.getByRole('textbox', { name: 'DATABASE_URL', exact: true });
    await expect(secret).toHaveAttribute('type', 'password');
    await secret.fill('postgres://app:hunter2@orders-db:5432/orders');
    await expect(timeline(page)).toContainText('Secret input DATABASE_URL set (value not recorded)');
    await expect(timeline(page)).not.toContainText('hunter2');

    await served.stop();
    served = await startServedConsole([], dataDir);
    await page.goto(served.url);
    await page.getByRole('navigation', { name: 'Incidents' }).getByRole('button', { name: /Too many connections/ }).click();
    await page.getByRole('tab', { name: 'Inputs' }).click();
    await expect(page.getByRole('region', { name: 'Incident inputs' }).getByRole('textbox', { name: 'DATABASE_URL', exact: true })).toHaveAttribute('placeholder', /saved \(hidden\)/);
  } finally {
    await served.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('templates: known fields filled from the incident, unfilled ones named before copy, one COPIED entry per version, typed fields remembered per incident', async ({ page }, testInfo) => {
  const dataDir = tempDataDir();
  let served = await startServedConsole([], dataDir);
  try {
    await page.goto(served.url);
    await newIncident(page, 'Checkout pods crash-looping', { runbook: 'Kubernetes service outage', impact: 'EU checkout down' });
    await page.getByRole('combobox', { name: 'Status' }).selectOption('Resolved');
    await expect(timeline(page)).toContainText('Status: Investigating → Resolved');

    await page.getByRole('tab', { name: 'Status updates' }).click();
    const updates = page.getByRole('region', { name: 'Status updates' });
    await updates.getByRole('combobox', { name: 'Template' }).selectOption({ label: 'Resolution' });
    const text = updates.getByRole('textbox', { name: 'Status update text' });
    // Duration and the end time come from the incident's clocks, in their words (`850 ms`, `4.1 s`, `2 min 05 s`).
    await expect(text).toHaveValue(/\[RESOLVED\] Checkout pods crash-looping\nImpact: EU checkout down\nDuration: .+ to .+ \(\d[\d.]* (ms|s|min \d\d s)\)\nCause: \[Root cause\]/);
    // The one field the incident cannot answer is named, and Copy refuses while it is empty.
    const rootCause = updates.getByRole('textbox', { name: 'Root cause' });
    await expect(rootCause).toHaveValue('');
    await updates.getByRole('button', { name: 'Copy update' }).click();
    await expect(updates.getByRole('status')).toHaveText('Not copied: fill in Root cause first.');
    await expect(timeline(page)).not.toContainText('Status update copied');

    await rootCause.fill('A bad config push (v42), rolled back');
    await expect(text).toHaveValue(/Cause: A bad config push \(v42\), rolled back\n/);
    await updates.screenshot({ path: testInfo.outputPath('template-fields.png') });
    await updates.getByRole('button', { name: 'Copy update' }).click();
    await expect(updates.getByRole('status')).toContainText('recorded on the timeline');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('Cause: A bad config push (v42), rolled back');
    const copiedRows = timeline(page).getByRole('listitem').filter({ hasText: 'Status update copied' });
    await expect(copiedRows).toHaveCount(1);
    // The same text again (pasted in a second channel): no second entry.
    await updates.getByRole('button', { name: 'Copy update' }).click();
    await expect(updates.getByRole('status')).toHaveText('Copied to the clipboard again; the timeline already has this version.');
    await expect(copiedRows).toHaveCount(1);
    // A new version is a new entry.
    await text.fill(`${await text.inputValue()}\nAll clear.`);
    await updates.getByRole('button', { name: 'Copy update' }).click();
    await expect(copiedRows).toHaveCount(2);

    // The typed field is remembered for this incident: after a restart the template fills it.
    await expect(timeline(page)).toContainText('Root cause');
    await served.stop();
    served = await startServedConsole([], dataDir);
    await page.goto(served.url);
    await page.getByRole('navigation', { name: 'Incidents' }).getByRole('button', { name: /Checkout pods crash-looping/ }).click();
    await page.getByRole('tab', { name: 'Status updates' }).click();
    const again = page.getByRole('region', { name: 'Status updates' });
    await again.getByRole('combobox', { name: 'Template' }).selectOption({ label: 'Resolution' });
    await expect(again.getByRole('textbox', { name: 'Status update text' })).toHaveValue(/Cause: A bad config push \(v42\), rolled back\n/);
    await expect(again.getByRole('textbox', { name: 'Root cause' })).toHaveValue('A bad config push (v42), rolled back');
    await page.screenshot({ path: testInfo.outputPath('template-remembered.png') });
  } finally {
    await served.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('action items: mark done, reopen and edit — each change on the timeline, the panel showing open vs done', async ({ page }, testInfo) => {
  const dataDir = tempDataDir();
  const served = await startServedConsole([], dataDir);
  try {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(served.url);
    await newIncident(page, 'Card payments declined');
    await page.getByRole('tab', { name: 'Action items' }).click();
    const panel = page.getByRole('region', { name: 'Action items' });
    for (const [text, owner] of [['Alert on decline rate per PSP', 'bo'], ['Write the PSP failover runbook', '']] as const) {
      await panel.getByRole('textbox', { name: 'Action item' }).fill(text);
      await panel.getByRole('textbox', { name: 'Owner' }).fill(owner);
      await panel.getByRole('button', { name: 'Add action item' }).click();
      await expect(panel.getByRole('listitem').filter({ hasText: text })).toBeVisible();
    }
    const alert = panel.getByRole('listitem').filter({ hasText: 'Alert on decline rate' });
    const runbook = panel.getByRole('listitem').filter({ hasText: 'PSP failover runbook' });

    await alert.getByRole('button', { name: 'Mark done' }).click();
    await expect(alert.getByRole('button', { name: 'Reopen' })).toBeVisible();
    await expect(alert).toContainText('✓ Done');
    await expect(timeline(page)).toContainText('Action item done: Alert on decline rate per PSP');
    await expect(panel).toContainText('1 open · 1 done');

    await runbook.getByRole('button', { name: 'Edit' }).click();
    // While edited, the item's words are in the textbox (no longer its text): find it by place.
    const editing = panel.getByRole('listitem').nth(1);
    await expect(editing.getByRole('textbox', { name: 'Edit action item' })).toHaveValue('Write the PSP failover runbook');
    await expect(editing.getByRole('textbox', { name: 'Edit action item' })).toBeFocused();
    await editing.getByRole('textbox', { name: 'Edit action item' }).fill('Write and test the PSP failover runbook');
    await editing.getByRole('textbox', { name: 'Edit owner' }).fill('cy');
    await editing.getByRole('button', { name: 'Save' }).click();
    const edited = panel.getByRole('listitem').filter({ hasText: 'Write and test the PSP failover runbook' });
    await expect(edited).toContainText('cy');
    await expect(timeline(page)).toContainText('Action item “Write the PSP failover runbook” edited: Write and test the PSP failover runbook (owner: cy)');
    await expect(edited.getByRole('button', { name: 'Mark done' })).toBeVisible();
    await panel.screenshot({ path: testInfo.outputPath('action-items.png') });

    await alert.getByRole('button', { name: 'Reopen' }).click();
    await expect(alert.getByRole('button', { name: 'Mark done' })).toBeVisible();
    await expect(timeline(page)).toContainText('Action item reopened: Alert on decline rate per PSP');
    await expect(panel).toContainText('2 open · 0 done');
    // The first text is still on the record: the edit was appended, not written over it.
    await expect(timeline(page)).toContainText('Action item: Write the PSP failover runbook');

    // A reload reads the state back from the host.
    await page.reload();
    await page.getByRole('tab', { name: 'Action items' }).click();
    await expect(page.getByRole('region', { name: 'Action items' }).getByRole('listitem').filter({ hasText: 'Write and test the PSP failover runbook' })).toContainText('cy');
  } finally {
    await served.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test("an import by `warroom import` merges a teammate's events into the open incident, each where it happened", async ({ page }) => {
  const dataDir = tempDataDir();
  const bobDir = tempDataDir();
  const bundleFile = path.join(bobDir, 'bob.json');
  // Alice's incident, then Bob's work on it on his laptop: notes between hers, exported.
  const alice = IncidentStore.open(path.join(dataDir, DATABASE_FILE_NAME), { actor: 'alice' });
  const incident = alice.createIncidentSync({ title: 'Payments timing out', severity: 'SEV2' });
  const t0 = incident.createdAt;
  for (const [i, minutes] of [1, 3, 5].entries()) await alice.appendEvent(incident.id, { kind: 'note', payload: { text: `alice note ${i + 1}` }, occurredAt: t0 + minutes * 60_000 });
  alice.close();
  warroom('export', incident.id, '--format', 'json', '--out', bundleFile, '--data', dataDir);
  warroom('import', bundleFile, '--data', bobDir);
  const bob = IncidentStore.open(path.join(bobDir, DATABASE_FILE_NAME), { actor: 'bob' });
  for (const [i, minutes] of [2, 4].entries()) await bob.appendEvent(incident.id, { kind: 'note', payload: { text: `bob note ${i + 1}` }, occurredAt: t0 + minutes * 60_000 });
  bob.close();
  warroom('export', incident.id, '--format', 'json', '--out', bundleFile, '--data', bobDir);

  const served = await startServedConsole([], dataDir);
  try {
    await page.goto(served.url);
    await page.getByRole('navigation', { name: 'Incidents' }).getByRole('button', { name: /Payments timing out/ }).click();
    const notes = timeline(page).getByRole('listitem').filter({ hasText: /(alice|bob) note/ });
    await expect(notes).toHaveCount(3);

    // The CLI, in its own process, on the data dir the console has open.
    // Bob's two notes and his record of importing Alice's bundle.
    expect(warroom('import', bundleFile, '--data', dataDir)).toContain('3 new events');

    await expect(notes).toHaveCount(5);
    const order = (await notes.allInnerTexts()).map((row) => /(alice|bob) note \d/.exec(row)?.[0]);
    expect(order).toEqual(['alice note 1', 'bob note 1', 'alice note 2', 'bob note 2', 'alice note 3']);
    // The import itself is on the record, as this device's own event.
    await expect(timeline(page).getByRole('listitem').filter({ hasText: /Imported 3 events from a bundle of device [0-9a-f]{8}/ })).toBeVisible();
  } finally {
    await served.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(bobDir, { recursive: true, force: true });
  }
});

test('a missing store is no problem but the brand-new console has no incidents yet', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(page.getByRole('navigation', { name: 'Incidents' })).toContainText('None yet.');
  await expect(page.getByTestId('store-error')).toHaveCount(0);
});
