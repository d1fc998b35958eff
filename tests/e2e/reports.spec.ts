import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IncidentStore } from '../../electron/node/store/incidentStore';
import { DATABASE_FILE_NAME } from '../../electron/node/store/openDatabase';
import { expect, startServedConsole, test } from './servedConsole';

const SECRET = 'Prod-Db-Hunter2-Secret';

/** An incident with a secret input that leaked into a command line and its output. */
async function seed(dataDir: string): Promise<string> {
  const store = IncidentStore.open(path.join(dataDir, DATABASE_FILE_NAME), { actor: 'ana' });
  try {
    const incident = await store.createIncident({ title: 'Orders DB out of connections', severity: 'SEV1', commander: 'ana' });
    await store.setVariable(incident.id, { name: 'DB_PASSWORD', value: SECRET, secret: true });
    await store.appendEvent(incident.id, { kind: 'note', payload: { text: 'Connections at max_connections since 02:51' } });
    const { command } = await store.startCommand(incident.id, { sessionId: 'e2e', commandLine: `PGPASSWORD=${SECRET} psql -h orders-db -c 'select 1'`, cwd: '/srv' });
    await store.finishCommand(command.id, { exitCode: 2, output: `psql: error: FATAL: too many connections for role "app" (password ${SECRET})\n` });
    return incident.id;
  } finally {
    store.close();
  }
}

test('Export report → Markdown → preview → Export downloads the report with the secret redacted', async ({ page }) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-e2e-report-'));
  await seed(dataDir);
  const served = await startServedConsole([], dataDir);
  try {
    await page.goto(served.url);
    await page.getByRole('navigation', { name: 'Incidents' }).getByRole('button', { name: /Orders DB out of connections/ }).click();
    await page.getByRole('button', { name: 'Export report' }).click();
    const menu = page.getByRole('menu', { name: 'Export report' });
    await expect(menu.getByRole('menuitem')).toHaveText(['Markdown', 'HTML', 'PDF', 'JSON', 'Asciicast']);
    await menu.getByRole('menuitem', { name: 'Markdown' }).click();

    const dialog = page.getByRole('dialog', { name: /Export report/ });
    await expect(dialog).toBeVisible();
    const findings = dialog.getByRole('list', { name: 'Redactions' });
    await expect(findings).toContainText('Value of the secret input DB_PASSWORD');
    await expect(findings).toContainText('3×');
    await expect(dialog).not.toContainText(SECRET);
    await expect(dialog.getByRole('checkbox', { name: /Keep Value of the secret input DB_PASSWORD/ })).not.toBeChecked();

    const downloading = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^incident-\d{4}-\d\d-\d\d-orders-db-out-of-connections\.md$/);
    const text = fs.readFileSync(await download.path(), 'utf8');
    expect(text).toContain('# Incident report: Orders DB out of connections');
    expect(text).toContain('PGPASSWORD=[REDACTED:secret-input] psql');
    expect(text).toContain('**Exit:** 2');
    expect(text).toMatch(/All times are .+\./);
    expect(text).not.toContain(SECRET);
    await expect(dialog.getByRole('status')).toContainText('Saved incident-');

    // PDF from the same menu, printed by the system Chromium on the host.
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Export report' }).click();
    await page.getByRole('menuitem', { name: 'PDF' }).click();
    const pdfDialog = page.getByRole('dialog', { name: /Export report — PDF/ });
    const pdfDownloading = page.waitForEvent('download');
    await pdfDialog.getByRole('button', { name: 'Export' }).click();
    const pdf = await pdfDownloading;
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    expect(fs.readFileSync(await pdf.path()).subarray(0, 5).toString()).toBe('%PDF-');
  } finally {
    await served.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
