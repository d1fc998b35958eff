import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, startServedConsole, test, type ServedConsole } from './servedConsole';

// A runbook of the test's own, in a folder passed with --runbooks.
const RUNBOOK = `# Payments API down

## Check the pods

\`\`\`bash
# List payment pods
kubectl get pods -n <namespace> -l app=payments
\`\`\`

## Clean up

\`\`\`bash
# Delete the stuck pod
kubectl delete pod <pod-name> -n <namespace>
\`\`\`

## Query

\`\`\`sql
SELECT count(*) FROM pg_stat_activity;
\`\`\`
`;

let folder: string;
let served: ServedConsole;

test.beforeEach(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-e2e-runbooks-'));
  fs.writeFileSync(path.join(folder, 'payments-api.md'), RUNBOOK);
  served = await startServedConsole(['--runbooks', folder]);
});
test.afterEach(async () => {
  await served.stop();
  fs.rmSync(served.dataDir, { recursive: true, force: true });
  fs.rmSync(folder, { recursive: true, force: true });
});

test('the Runbooks navigation lists bundled and added runbooks and searches them', async ({ page }) => {
  await page.goto(served.url);
  const nav = page.getByRole('navigation', { name: 'Runbooks' });
  await expect(nav.getByRole('button', { name: 'Payments API down' })).toBeVisible();
  await expect(nav.getByRole('button', { name: /Linux host triage/i })).toBeVisible();

  await nav.getByRole('searchbox', { name: 'Search runbooks' }).fill('pg_stat_activity');
  await expect(nav.getByRole('button', { name: /Payments API down/ })).toBeVisible();
  await expect(nav.getByRole('button', { name: /Linux host triage/i })).toHaveCount(0);
  await nav.getByRole('searchbox', { name: 'Search runbooks' }).fill('no-such-word-anywhere');
  await expect(nav).toContainText('No runbook matches');
});

test('runbooks that share a title say which file each is, and keep the title as their name', async ({ page }) => {
  fs.writeFileSync(path.join(folder, 'payments-api-eu.md'), RUNBOOK.replace('# List payment pods', '# List EU payment pods'));
  await page.goto(served.url);
  const nav = page.getByRole('navigation', { name: 'Runbooks' });
  const shared = nav.getByRole('button', { name: 'Payments API down', exact: true });
  await expect(shared).toHaveCount(2);
  // In the order of their files, the same at every launch.
  await expect(shared).toHaveText(['Payments API downpayments-api-eu.md', 'Payments API downpayments-api.md']);
  await shared.filter({ hasText: 'payments-api-eu.md' }).click();
  await expect(page.getByRole('group', { name: 'List EU payment pods' })).toBeVisible();
  // A title of its own shows no file.
  await expect(nav.getByRole('button', { name: /Linux host triage/i })).not.toContainText('.md');
  // Nor can the two be confused when attaching one to a new incident.
  await page.getByRole('button', { name: 'New incident' }).click();
  const runbook = page.getByRole('dialog', { name: 'New incident' }).getByRole('combobox', { name: 'Runbook' });
  await expect(runbook.locator('option', { hasText: 'Payments API down' })).toHaveText(['Payments API down — payments-api-eu.md', 'Payments API down — payments-api.md']);
  await expect(runbook.locator('option:checked')).toHaveText('Payments API down — payments-api-eu.md');
});

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('steps are groups named by their titles, with placeholders that gate Run', async ({ page }) => {
  await page.goto(served.url);
  await page.getByRole('navigation', { name: 'Runbooks' }).getByRole('button', { name: 'Payments API down' }).click();
  const list = page.getByRole('group', { name: 'List payment pods' });
  await expect(list).toBeVisible();
  await expect(list.getByText('read', { exact: true })).toBeVisible();
  const run = list.getByRole('button', { name: 'Run' });
  await expect(run).toBeDisabled();
  await list.getByRole('textbox', { name: 'namespace' }).fill('payments');
  await expect(run).toBeEnabled();
  // A value is asked once: the other step that uses it has it too.
  const remove = page.getByRole('group', { name: 'Delete the stuck pod' });
  await expect(remove.getByRole('textbox', { name: 'namespace' })).toHaveValue('payments');
  // With no incident open nothing runs, and the step says so (the command is on the clipboard).
  await run.click();
  await expect(list.getByRole('status')).toContainText('No incident is open, so nothing ran');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('kubectl get pods -n payments -l app=payments');
  // Non-shell steps can be copied and sent, not run.
  const query = page.getByRole('group', { name: 'Query' });
  await expect(query.getByRole('button', { name: 'Send to terminal' })).toBeVisible();
  await expect(query.getByRole('button', { name: 'Run' })).toHaveCount(0);
});

test('Copy with empty placeholders says which are empty and copies nothing', async ({ page }) => {
  await page.goto(served.url);
  await page.evaluate(() => navigator.clipboard.writeText('left alone'));
  await page.getByRole('navigation', { name: 'Runbooks' }).getByRole('button', { name: 'Payments API down' }).click();
  const remove = page.getByRole('group', { name: 'Delete the stuck pod' });
  await remove.getByRole('textbox', { name: 'namespace' }).fill('prod');
  await remove.getByRole('button', { name: 'Copy' }).click();
  await expect(remove.getByRole('status')).toHaveText('Not copied: fill in pod-name first.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('left alone');
  await remove.getByRole('textbox', { name: 'pod-name' }).fill('api $(id)');
  await remove.getByRole('button', { name: 'Copy' }).click();
  await expect(remove.getByRole('status')).toContainText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("kubectl delete pod 'api $(id)' -n prod");
});

test('a destroy step asks first, quoting the command as it will run, and Cancel runs nothing', async ({ page }) => {
  await page.goto(served.url);
  await page.getByRole('navigation', { name: 'Runbooks' }).getByRole('button', { name: 'Payments API down' }).click();
  const remove = page.getByRole('group', { name: 'Delete the stuck pod' });
  // A value with a space arrives as one word, and the dialog shows it quoted as it will run.
  await remove.getByRole('textbox', { name: 'pod-name' }).fill("payments 7d9f's");
  await remove.getByRole('textbox', { name: 'namespace' }).fill('prod');
  await remove.getByRole('button', { name: 'Run' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText(`kubectl delete pod 'payments 7d9f'\\''s' -n prod`);
  await expect(dialog.getByRole('button', { name: 'Run anyway' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await expect(remove.getByRole('status')).toHaveText('Cancelled: nothing ran.');
});

test('a runbook edited on disk updates in the open console', async ({ page }) => {
  await page.goto(served.url);
  await page.getByRole('navigation', { name: 'Runbooks' }).getByRole('button', { name: 'Payments API down' }).click();
  await expect(page.getByRole('group', { name: 'List payment pods' })).toBeVisible();
  fs.writeFileSync(path.join(folder, 'payments-api.md'), RUNBOOK.replace('# List payment pods', '# List every payment pod'));
  await expect(page.getByRole('group', { name: 'List every payment pod' })).toBeVisible();
});

test('a folder added in the app joins the library, is remembered, and a bad path gets one clear line', async ({ page }) => {
  const extra = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-e2e-extra-'));
  try {
    fs.writeFileSync(path.join(extra, 'queue.md'), '# Queue backlog\n\n```bash\n# Show the queue depth\nrabbitmqctl list_queues name messages\n```\n');
    await page.goto(served.url);
    const nav = page.getByRole('navigation', { name: 'Runbooks' });
    await nav.getByText('Runbook folders').click();
    // The button's label stays on one line beside the path box, at the narrowest window we support too.
    await page.setViewportSize({ width: 1024, height: 700 });
    const labelLines = await nav.getByRole('button', { name: 'Add folder' }).evaluate((button) => {
      const range = document.createRange();
      range.selectNodeContents(button);
      return new Set(Array.from(range.getClientRects(), (rect) => Math.round(rect.top))).size;
    });
    expect(labelLines).toBe(1);
    await nav.getByRole('textbox', { name: 'Runbook folder path' }).fill(path.join(extra, 'nope'));
    await nav.getByRole('button', { name: 'Add folder' }).click();
    await expect(nav.getByRole('alert')).toContainText('no such folder');
    await nav.getByRole('textbox', { name: 'Runbook folder path' }).fill(extra);
    await nav.getByRole('button', { name: 'Add folder' }).click();
    await expect(nav.getByRole('button', { name: 'Queue backlog' })).toBeVisible();

    // Remembered in the data folder: a new server on the same data dir still has it.
    const dataDir = served.dataDir;
    served.process.kill('SIGTERM');
    await new Promise((resolve) => served.process.once('exit', resolve));
    served = await startServedConsole(['--runbooks', folder], dataDir);
    await page.goto(served.url);
    await expect(page.getByRole('navigation', { name: 'Runbooks' }).getByRole('button', { name: 'Queue backlog' })).toBeVisible();
  } finally {
    fs.rmSync(extra, { recursive: true, force: true });
  }
});

test('the real warroom inspect and lint refuse a bad command line in one line with exit 2', () => {
  const warroom = (...args: string[]) => spawnSync(process.execPath, [fileURLToPath(new URL('../../bin/warroom.js', import.meta.url)), ...args], { encoding: 'utf8' });
  const runbook = path.join(folder, 'payments-api.md');
  for (const [args, message] of [
    [['inspect', runbook, '--bogus'], "warroom inspect: unknown option '--bogus'. Run 'warroom --help'."],
    [['inspect'], "warroom inspect: missing argument. Run 'warroom --help'."],
    [['lint', '--bogus', folder], "warroom lint: unknown option '--bogus'. Run 'warroom --help'."],
    [['lint'], "warroom lint: missing argument. Run 'warroom --help'."],
  ] as const) {
    const run = warroom(...args);
    expect(run.status, args.join(' ')).toBe(2);
    expect(run.stderr).toBe(`${message}\n`);
    expect(run.stdout).toBe('');
  }
  const inspected = warroom('inspect', runbook, '--json');
  expect(inspected.status).toBe(0);
  expect(JSON.parse(inspected.stdout)).toMatchObject({ title: 'Payments API down' });
});
