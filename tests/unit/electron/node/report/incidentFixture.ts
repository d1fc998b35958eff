/**
 * A realistic incident in a real store (temp data dir): notes (one backdated), a secret input,
 * commands with output (one failing, one long, one holding secrets), raw terminal chunks, a
 * checklist tick, a star, an action item, a posted status update, and the status moved to
 * resolved. The attached runbook has a report template.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseRunbook } from '../../../../../electron/common/runbook/parseRunbook';
import type { Runbook } from '../../../../../electron/common/runbook/model';
import type { RunbookLookup } from '../../../../../electron/node/report/collectBundle';
import { IncidentStore } from '../../../../../electron/node/store/incidentStore';
import { DATABASE_FILE_NAME } from '../../../../../electron/node/store/openDatabase';

export const RUNBOOK_MD = `# Checkout outage

## First steps

- [ ] Page the payments on-call
- [ ] Open the status page draft
- [ ] Check the load balancer

## Incident report template

\`\`\`markdown
# Incident report: [Title]

**Severity:** [Severity]  **Commander:** [Commander]  **Date:** [Date]

## Summary
[What users saw, for how long, what fixed it.]

## Impact
- Users affected: [Users affected]
- Duration: [Duration]

## Timeline
- [HH:MM] Alert fired
- [HH:MM] Resolved

## Root cause
[Why the checkout pods ran out of database connections.]

## Evidence
[Where the logs and dumps are kept.]

## Lessons learned
- What went well: [Went well]
\`\`\`
`;

export const SECRET_VALUE = 'Hunter2-Prod-DB-Pass';
export const GITHUB_TOKEN = 'ghp_R2d2C3poBb8Luke5Leia9Han0Solo1Chewie4';

export interface Fixture {
  dataDir: string;
  store: IncidentStore;
  incidentId: string;
  runbook: Runbook;
  lookup: RunbookLookup;
  cleanup(): void;
}

export function tempDataDir(prefix = 'warroom-report-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function openStore(dataDir: string, actor = 'alice'): IncidentStore {
  return IncidentStore.open(path.join(dataDir, DATABASE_FILE_NAME), { actor });
}

export async function createFixture(options: { withRunbook?: boolean } = {}): Promise<Fixture> {
  const dataDir = tempDataDir();
  const store = openStore(dataDir);
  const runbook = parseRunbook({ text: RUNBOOK_MD, path: '/runbooks/checkout.md' });
  const withRunbook = options.withRunbook ?? true;
  const incident = store.createIncidentSync({
    title: 'Checkout API returns 502s',
    severity: 'SEV2',
    commander: 'alice',
    impact: 'EU customers cannot pay',
    runbookIds: withRunbook ? [runbook.id] : [],
  });
  const id = incident.id;
  const t0 = incident.createdAt;
  await store.appendEvent(id, { kind: 'note', payload: { text: 'PagerDuty alert fired: 5xx > 5% on checkout' }, occurredAt: t0 - 10 * 60_000 });
  // The console asks whether a note before detection moves it; here the responder said yes.
  await store.appendEvent(id, { kind: 'milestone.set', payload: { milestone: 'detected', at: t0 - 10 * 60_000 } });
  await store.setVariable(id, { name: 'DB_PASSWORD', value: SECRET_VALUE, secret: true });
  await store.setVariable(id, { name: 'region', value: 'eu-west-1', secret: false });

  const c1 = await store.startCommand(id, { sessionId: 'sess-1', commandLine: `PGPASSWORD=${SECRET_VALUE} psql -h db -c 'select count(*) from pg_stat_activity'`, cwd: '/srv/checkout', startedAt: t0 + 1000 });
  await store.appendOutputChunk(id, { sessionId: 'sess-1', at: t0 + 1100, data: new TextEncoder().encode(' count \r\n-------\r\n   498\r\n(1 row)\r\nDB pass is Hunter2-Pr') , commandId: c1.command.id });
  await store.appendOutputChunk(id, { sessionId: 'sess-1', at: t0 + 1200, data: new TextEncoder().encode('od-DB-Pass (leaked)\r\n'), commandId: c1.command.id });
  await store.finishCommand(c1.command.id, { exitCode: 0, output: ` count\n-------\n   498\n(1 row)\nDB pass is ${SECRET_VALUE} (leaked)\n`, endedAt: t0 + 1450 });

  const c2 = await store.startCommand(id, { sessionId: 'sess-1', commandLine: 'kubectl -n shop rollout restart deploy/checkout', cwd: '/srv/checkout', startedAt: t0 + 5000 });
  await store.finishCommand(c2.command.id, { exitCode: 1, output: 'error: deployments.apps "checkout" not found\n', endedAt: t0 + 5300 });

  const long = Array.from({ length: 500 }, (_, i) => `log line ${i} GET /cart 200`).join('\n');
  const c3 = await store.startCommand(id, { sessionId: 'sess-2', commandLine: `curl -H "Authorization: token ${GITHUB_TOKEN}" https://ghe.internal/api/v3/status`, cwd: null, startedAt: t0 + 9000 });
  await store.appendOutputChunk(id, { sessionId: 'sess-2', at: t0 + 9100, data: new TextEncoder().encode('ok\r\n'), commandId: c3.command.id });
  await store.finishCommand(c3.command.id, { exitCode: 0, output: long, endedAt: t0 + 12_000 });

  if (withRunbook) await store.setChecklistItem(id, { runbookId: runbook.id, itemId: runbook.checklist[0]!.id, checked: true, text: runbook.checklist[0]!.text }, { occurredAt: t0 + 2000 });
  await store.appendEvent(id, { kind: 'star', payload: { eventId: c2.event.id }, occurredAt: t0 + 6000 });
  await store.updateIncident(id, { status: 'identified' }, { occurredAt: t0 + 7000 });
  await store.appendEvent(id, { kind: 'note', payload: { text: 'Pool exhausted: max_connections reached | see <pg_stat_activity> *now*' }, occurredAt: t0 + 6500 });
  await store.appendEvent(id, { kind: 'actionItem.added', payload: { text: 'Add PgBouncer in front of orders DB', owner: 'bob' }, occurredAt: t0 + 8000 });
  await store.appendEvent(id, { kind: 'statusUpdate.posted', payload: { text: 'Checkout is failing for EU customers; we are on it.', templateId: null, channel: '#status' }, occurredAt: t0 + 8500 });
  await store.updateIncident(id, { status: 'monitoring' }, { occurredAt: t0 + 20_000 });
  await store.updateIncident(id, { status: 'resolved' }, { occurredAt: t0 + 30_000 });
  const lookup: RunbookLookup = async (runbookId) => (withRunbook && runbookId === runbook.id ? runbook : null);
  return {
    dataDir,
    store,
    incidentId: id,
    runbook,
    lookup,
    cleanup: () => {
      try {
        store.close();
      } catch {
        // already closed by the test
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
