import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, startServedConsole, test, type ServedConsole } from './servedConsole';

// `kubectl` is not installed here: the change command is classified, typed and fails harmlessly.
const RUNBOOK = `# Web tier

## Scale

\`\`\`bash
# Scale the web tier up
kubectl scale deployment/web --replicas=4
\`\`\`

\`\`\`bash
# Remove the stale pod
kubectl delete pod web-0
\`\`\`
`;

let folder: string;
let served: ServedConsole;
test.beforeEach(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-e2e-change-'));
  fs.writeFileSync(path.join(folder, 'web.md'), RUNBOOK);
  served = await startServedConsole(['--runbooks', folder]);
});
test.afterEach(async () => {
  await served.stop();
  fs.rmSync(folder, { recursive: true, force: true });
});

test('change commands ask until the responder turns that off for the incident; destroy always asks', async ({ page }) => {
  await page.goto(served.url);
  await page.getByRole('navigation', { name: 'Runbooks' }).getByRole('button', { name: 'Web tier' }).click();
  await page.getByRole('button', { name: 'New incident' }).click();
  const dialog = page.getByRole('dialog', { name: 'New incident' });
  await dialog.getByRole('textbox', { name: 'Title' }).fill('Web tier saturated');
  await dialog.getByRole('button', { name: 'Create incident' }).click();
  await expect(page.getByRole('tablist', { name: 'Terminals' }).getByRole('tab')).toHaveCount(1);

  const scale = page.getByRole('group', { name: 'Scale the web tier up' });
  await scale.getByRole('button', { name: 'Run' }).click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText('kubectl scale deployment/web --replicas=4');
  await confirm.getByRole('checkbox', { name: "Don't ask again for change commands in this incident" }).check();
  await confirm.getByRole('button', { name: 'Run anyway' }).click();
  await expect(page.getByRole('region', { name: 'Timeline' })).toContainText('kubectl scale deployment/we');
  // Wait for it to finish: a step is only typed at an idle prompt.
  const lastRun = scale.getByRole('region', { name: 'Last run' });
  await expect(lastRun).toHaveAttribute('aria-busy', 'false', { timeout: 30_000 });

  // Asked no more for change…
  await expect(page.getByRole('button', { name: 'Ask again' })).toBeVisible();
  await scale.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  // Both runs finished (each shows its exit code on the timeline) before the next step is typed.
  await expect(page.getByRole('region', { name: 'Timeline' }).getByText(/^exit \d+$/)).toHaveCount(2, { timeout: 30_000 });
  // …but destroy still asks.
  await page.getByRole('group', { name: 'Remove the stale pod' }).getByRole('button', { name: 'Run' }).click();
  await expect(page.getByRole('alertdialog')).toContainText('kubectl delete pod web-0');
  await expect(page.getByRole('alertdialog').getByRole('checkbox')).toHaveCount(0);
  await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Ask again' }).click();
  await scale.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByRole('alertdialog')).toContainText('kubectl scale deployment/web --replicas=4');

  // The open incident (and that choice) survive a reload.
  await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Web tier saturated' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Scale the web tier up' })).toBeVisible();
});
