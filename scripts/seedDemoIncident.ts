// Seeds a data dir with a realistic incident for screenshots:
//   npx tsx scripts/seedDemoIncident.ts DATA_DIR
// An outage 40 minutes in: a backdated alert, status moves, commands with exit codes, a tick,
// a posted update, an action item. Written through the store, as the host would.
import path from 'node:path';
import { RunbookLibrary } from '../electron/node/library/runbookLibrary';
import { IncidentStore } from '../electron/node/store/incidentStore';
import { DATABASE_FILE_NAME } from '../electron/node/store/openDatabase';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: seedDemoIncident.ts DATA_DIR');
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const library = new RunbookLibrary({ bundledDir: path.join(root, 'runbooks'), settingsFile: path.join(dataDir, 'settings.json'), watch: false });
await library.ready();
const summary = (await library.list()).find((r) => /kubernetes/i.test(r.title));
if (!summary) throw new Error('the bundled Kubernetes runbook is missing');
const runbook = (await library.get(summary.id)).runbook;
library.dispose();

const store = IncidentStore.open(path.join(dataDir, DATABASE_FILE_NAME), { actor: 'ana' });
const min = 60_000;
const now = Date.now();
const resolvedOld = await store.createIncident({ title: 'Disk full on build-runner-3', severity: 'SEV3' });
await store.updateIncident(resolvedOld.id, { status: 'resolved' });

const incident = await store.createIncident({ title: 'Checkout returns 502 for EU users', severity: 'SEV1', commander: 'ana', impact: 'EU customers cannot complete payment (~18% of orders)' });
await store.attachRunbook(incident.id, { runbookId: summary.id, title: summary.title, runbookHash: summary.contentHash });
await store.appendEvent(incident.id, { kind: 'note', payload: { text: 'PagerDuty: checkout-api 5xx rate above 5% in eu-west-1' }, occurredAt: now - 9 * min });
// The console asks whether that alert moves detection; the responder said yes.
await store.appendEvent(incident.id, { kind: 'milestone.set', payload: { milestone: 'detected', at: now - 9 * min } });
const tick = async (n: number) => {
  const item = runbook.checklist[n];
  if (item) await store.setChecklistItem(incident.id, { runbookId: summary.id, itemId: item.id, checked: true, text: item.text });
};
await tick(0);
await tick(1);
const run = async (commandLine: string, exitCode: number, output: string) => {
  const { command } = await store.startCommand(incident.id, { sessionId: 'demo', commandLine, cwd: '/home/ana' });
  await store.finishCommand(command.id, { exitCode, output });
};
await run('kubectl config use-context prod-eu-west-1', 0, 'Switched to context "prod-eu-west-1".');
await run('kubectl get pods -n shop -l app=checkout-api', 0, 'checkout-api-7d9f 0/1 CrashLoopBackOff');
await tick(2);
await run('kubectl logs -n shop deploy/checkout-api --since=15m | tail -50', 0, 'panic: missing env PAYMENT_GATEWAY_URL');
const note = await store.appendEvent(incident.id, { kind: 'note', payload: { text: 'Release v42 dropped PAYMENT_GATEWAY_URL from the deployment; pods crash at start' } });
await store.appendEvent(incident.id, { kind: 'star', payload: { eventId: note.id } });
await store.updateIncident(incident.id, { status: 'identified' }, { occurredAt: now - 4 * min });
await store.appendEvent(incident.id, { kind: 'statusUpdate.copied', payload: { text: 'SEV1 Checkout returns 502 for EU users\nWe are investigating.', templateId: null } });
await store.appendEvent(incident.id, { kind: 'statusUpdate.posted', payload: { text: 'SEV1 Checkout returns 502 for EU users\nWe are investigating.', templateId: null, channel: null } });
await run('kubectl rollout undo -n shop deploy/checkout-api', 0, 'deployment.apps/checkout-api rolled back');
await run('kubectl rollout status -n shop deploy/checkout-api --timeout=120s', 1, 'error: timed out waiting for the condition');
await store.updateIncident(incident.id, { status: 'mitigating' });
await run('kubectl get pods -n shop -l app=checkout-api', 0, 'checkout-api-5c2b 1/1 Running');
await store.appendEvent(incident.id, { kind: 'actionItem.added', payload: { text: 'CI check: required env vars present in every deployment', owner: 'bo' } });
await store.appendEvent(incident.id, { kind: 'note', payload: { text: 'Error rate back under 1% — watching for 15 min before calling it' } });
store.close();
console.log(incident.id);
