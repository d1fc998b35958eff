/**
 * Runbooks written in the wild, in the served console: YAML and PromQL in `console` fences
 * are snippets to copy (no Run), a pod-shell transcript shows where its steps run, the search
 * finds an alert runbook by its file name, and a long title never pushes the layout sideways.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, startServedConsole, test, type ServedConsole } from './servedConsole';

const FENCE = '```';
const RUNBOOKS: Record<string, string> = {
  'KubeletHighMemory.md': `# Kubelet memory above its reservation

## Diagnosis

Top namespaces by CPU:

${FENCE}console
topk(25, sort_desc(
  sum by (namespace) (
    rate(container_cpu_usage_seconds_total{container!=""}[5m])
  )
))
${FENCE}

## Mitigation

Raise the reservation with this KubeletConfig:

${FENCE}console
apiVersion: machineconfiguration.openshift.io/v1
kind: KubeletConfig
metadata:
  name: set-allocatable
spec:
  autoSizingReserved: true
${FENCE}

${FENCE}console
$ oc apply -f set-allocatable.yaml
${FENCE}
`,
  'CephOSDCriticallyFull.md': `# An OSD in the storage cluster is critically full

## Diagnosis

Open a shell in the toolbox pod:

${FENCE}bash
oc rsh -n openshift-storage deploy/rook-ceph-tools
${FENCE}

Then check the cluster:

${FENCE}console
sh-5.1$ ceph status
  cluster:
    health: HEALTH_ERR
            1 full osd(s)
sh-5.1$ ceph osd df
${FENCE}
`,
  'long-title.md': `# ${'Recover-the-replicated-object-store-after-a-multi-site-sync-stalls-'.repeat(3)}end

${FENCE}bash
kubectl get pods
${FENCE}
`,
};

let folder: string;
let served: ServedConsole;

test.beforeEach(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-e2e-wild-'));
  for (const [name, text] of Object.entries(RUNBOOKS)) fs.writeFileSync(path.join(folder, name), text);
  served = await startServedConsole(['--runbooks', folder]);
});
test.afterEach(async () => {
  await served.stop();
  fs.rmSync(served.dataDir, { recursive: true, force: true });
  fs.rmSync(folder, { recursive: true, force: true });
});

test('PromQL and YAML in console fences are snippets to copy, with no Run', async ({ page }) => {
  await page.goto(served.url);
  await page.getByRole('navigation', { name: 'Runbooks' }).getByRole('button', { name: 'Kubelet memory above its reservation' }).click();
  const query = page.getByRole('group', { name: 'Top namespaces by CPU' });
  await expect(query.getByText('promql', { exact: true })).toBeVisible();
  await expect(query.getByRole('button', { name: 'Copy' })).toBeVisible();
  await expect(query.getByRole('button', { name: 'Run' })).toHaveCount(0);
  await expect(query.getByRole('button', { name: 'Send to terminal' })).toHaveCount(0);
  const manifest = page.getByRole('group', { name: 'Raise the reservation with this KubeletConfig', exact: true });
  await expect(manifest.getByText('yaml', { exact: true })).toBeVisible();
  await expect(manifest.getByRole('button', { name: 'Run' })).toHaveCount(0);
  await expect(manifest).not.toContainText('is not a command the risk rules know');
  // The command after them is still a step that runs.
  await expect(page.getByRole('group', { name: 'Raise the reservation with this KubeletConfig (2)' }).getByRole('button', { name: 'Run' })).toHaveCount(1);
});

test('a pod-shell transcript shows its steps inside the session that opened it', async ({ page }) => {
  await page.goto(served.url);
  const nav = page.getByRole('navigation', { name: 'Runbooks' });
  // An alert runbook is found by its file name: the alert's name.
  await nav.getByRole('searchbox', { name: 'Search runbooks' }).fill('CephOSDCriticallyFull');
  await nav.getByRole('button', { name: 'An OSD in the storage cluster is critically full' }).click();
  const check = page.getByRole('group', { name: 'Then check the cluster' });
  await expect(check).toContainText('runs inside: oc rsh -n openshift-storage deploy/rook-ceph-tools');
  await expect(check.getByText('read', { exact: true })).toBeVisible();
  const open = page.getByRole('group', { name: 'Open a shell in the toolbox pod' });
  await expect(open).not.toContainText('runs inside');
});

test('a long runbook title wraps; nothing scrolls sideways', async ({ page }) => {
  await page.setViewportSize({ width: 1100, height: 800 });
  await page.goto(served.url);
  const nav = page.getByRole('navigation', { name: 'Runbooks' });
  const item = nav.getByRole('button', { name: /Recover-the-replicated-object-store/ });
  await item.click();
  const widths = await page.evaluate(() => {
    const sidebar = document.querySelector('.sidebar') as HTMLElement;
    const doc = document.scrollingElement as HTMLElement;
    return { sidebar: [sidebar.scrollWidth, sidebar.clientWidth], page: [doc.scrollWidth, doc.clientWidth] };
  });
  expect(widths.sidebar[0]).toBeLessThanOrEqual(widths.sidebar[1]! + 1);
  expect(widths.page[0]).toBeLessThanOrEqual(widths.page[1]! + 1);
  await expect(item).toBeVisible();
});

test('each runbook keeps its scroll position', async ({ page }) => {
  await page.setViewportSize({ width: 1100, height: 500 });
  await page.goto(served.url);
  const nav = page.getByRole('navigation', { name: 'Runbooks' });
  await nav.getByRole('button', { name: 'Kubelet memory above its reservation' }).click();
  await expect(page.getByRole('group', { name: 'Top namespaces by CPU' })).toBeVisible();
  const main = page.locator('main');
  await main.evaluate((el) => el.scrollTo(0, 300));
  await expect.poll(() => main.evaluate((el) => el.scrollTop)).toBe(300);
  await nav.getByRole('button', { name: 'An OSD in the storage cluster is critically full' }).click();
  await expect(page.getByRole('group', { name: 'Then check the cluster' })).toBeVisible();
  await expect.poll(() => main.evaluate((el) => el.scrollTop)).toBe(0);
  await nav.getByRole('button', { name: 'Kubelet memory above its reservation' }).click();
  await expect(page.getByRole('group', { name: 'Top namespaces by CPU' })).toBeVisible();
  await expect.poll(() => main.evaluate((el) => el.scrollTop)).toBe(300);
});
