import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../../../../electron/common/incident/model';
import { createMemoryConnectionPair } from '../../../../../electron/common/rpc/memoryConnection';
import { RpcClient } from '../../../../../electron/common/rpc/rpcClient';
import { RpcServer } from '../../../../../electron/common/rpc/rpcServer';
import { IncidentServiceContract, type IncidentService } from '../../../../../electron/common/services/incidentService';
import { RunbookLibrary } from '../../../../../electron/node/library/runbookLibrary';
import { IncidentServiceImpl } from '../../../../../electron/node/services/incidentServiceImpl';
import { openIncidentStore } from '../../../../../electron/node/services/openIncidentStore';

const RUNBOOK = `# Payments outage

## Severity levels

| Level | Name | Response time |
|-------|------|---------------|
| P1 | Critical | 10 minutes |
| P2 | | 1 hour |

## First steps

- [ ] Page the payments on-call
- [ ] Open the status page draft

\`\`\`bash
psql "$DATABASE_URL" -c 'select 1'
\`\`\`

## Communication

Post an update every 20 minutes.

\`\`\`text
[Severity] [Title] — [Status]
\`\`\`
`;

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-incsvc-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A real store and library behind a real RPC server; the test talks to the client proxy. */
async function setup(dataDir = tempDir()) {
  const runbookDir = tempDir();
  fs.writeFileSync(path.join(runbookDir, 'payments.md'), RUNBOOK);
  const library = new RunbookLibrary({ bundledDir: null, launchDirs: [runbookDir], settingsFile: path.join(dataDir, 'settings.json'), watch: false });
  await library.ready();
  const opened = openIncidentStore(dataDir);
  const implementation = new IncidentServiceImpl(opened, library);
  const server = new RpcServer({ logError: (error) => console.error(error) });
  server.register(IncidentServiceContract, implementation);
  const [a, b] = createMemoryConnectionPair();
  server.connect(a);
  const client = new RpcClient(b);
  const stop = () => {
    client.dispose();
    implementation.dispose();
    if ('store' in opened) opened.store.close();
    library.dispose();
  };
  cleanups.push(stop);
  const [summary] = await library.list();
  return { service: client.getService(IncidentServiceContract) as IncidentService, runbookId: summary!.id, dataDir, stop, library, store: 'store' in opened ? opened.store : null };
}

async function rejection(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'resolved',
    (error: Error) => error.message,
  );
}

describe('IncidentService', () => {
  it('offers the attached runbook’s severity scale, else SEV1–SEV4, and refuses levels off the scale', async () => {
    const { service, runbookId } = await setup();
    expect((await service.severityOptions([])).map((o) => `${o.id}:${o.name}:${o.responseMinutes}`)).toEqual([
      'SEV1:Critical:15',
      'SEV2:High:30',
      'SEV3:Medium:240',
      'SEV4:Low:1440',
    ]);
    expect(await service.severityOptions([runbookId])).toEqual([
      { id: 'P1', name: 'Critical', responseMinutes: 10, rank: 0 },
      { id: 'P2', name: null, responseMinutes: 60, rank: 1 },
    ]);
    expect(await rejection(service.create({ title: 'x', severity: 'SEV1', runbookIds: [runbookId] }))).toMatch(/not on this incident's scale.*P1, P2/);

    const incident = await service.create({ title: 'Card payments failing', severity: 'P1', commander: 'ana', impact: 'EU checkout', runbookIds: [runbookId] });
    expect(incident).toMatchObject({ title: 'Card payments failing', severity: 'P1', commander: 'ana', impact: 'EU checkout', runbookIds: [runbookId], status: 'investigating' });
    const details = await service.get(incident.id);
    expect(details.severityRunbookId).toBe(runbookId);
    expect(await rejection(service.setSeverity(incident.id, 'SEV2'))).toMatch(/not on this incident's scale/);
    expect((await service.setSeverity(incident.id, 'P2')).severity).toBe('P2');
    const { events } = await service.getEvents(incident.id, 0, 100);
    expect(events.map((e) => e.kind)).toEqual(['incident.created', 'runbook.attached', 'severity.changed']);
    expect(events[1]!.payload).toMatchObject({ runbookId, title: 'Payments outage' });
  });

  it('validates arguments at the boundary', async () => {
    const { service } = await setup();
    expect(await rejection(service.create({ title: '   ', severity: 'SEV1' }))).toMatch(/Invalid arguments/);
    const incident = await service.create({ title: 'Disk full', severity: 'SEV3' });
    expect(await rejection(service.setStatus(incident.id, 'done' as never))).toMatch(/Invalid arguments/);
    expect(await rejection(service.addNote(incident.id, 'x', 1.5))).toMatch(/Invalid arguments/);
    expect(await rejection(service.addNote('01NOPE', 'hello'))).toMatch(/No incident with id 01NOPE/);
  });

  it('moves status along and back, records notes with "happened at", and derives milestones', async () => {
    const { service } = await setup();
    const incident = await service.create({ title: 'Latency', severity: 'SEV2' });
    const earlier = incident.createdAt - 20 * 60_000;
    const note = await service.addNote(incident.id, 'Alert fired in Grafana', earlier);
    expect(note).toMatchObject({ kind: 'note', occurredAt: earlier, payload: { text: 'Alert fired in Grafana' } });
    // A backdated note alone does not move detection; the responder moves it (the console asks).
    expect((await service.milestones(incident.id)).detected.at).toBe(incident.createdAt);
    await service.setMilestone(incident.id, 'detected', earlier);

    await service.setStatus(incident.id, 'monitoring');
    await service.setStatus(incident.id, 'resolved');
    let milestones = await service.milestones(incident.id);
    expect(milestones.detected.at).toBe(earlier);
    expect(milestones.resolved.at).not.toBeNull();
    expect(milestones.timeToMitigateMs).toBeGreaterThanOrEqual(20 * 60_000);

    // Reopen: any status may be chosen directly; the incident is unresolved again.
    expect((await service.setStatus(incident.id, 'investigating')).status).toBe('investigating');
    milestones = await service.milestones(incident.id);
    expect(milestones.resolved.at).toBeNull();

    const set = await service.setMilestone(incident.id, 'acknowledged', incident.createdAt + 60_000);
    expect(set.acknowledged).toMatchObject({ at: incident.createdAt + 60_000, source: 'set' });
    expect(set.timeToAcknowledgeMs).toBe(21 * 60_000);
  });

  it('ticks checklist items with their text, stars, action items, hand-over, inputs and status updates', async () => {
    const { service, runbookId, library } = await setup();
    const incident = await service.create({ title: 'Payments', severity: 'P1', runbookIds: [runbookId] });
    const item = (await library.get(runbookId)).runbook.checklist[0]!;
    const tick = await service.tickChecklist(incident.id, runbookId, item.id, true);
    expect(tick).toMatchObject({ kind: 'checklist.ticked', payload: { runbookId, itemId: item.id, text: 'Page the payments on-call' } });
    expect(await service.tickChecklist(incident.id, runbookId, item.id, true)).toBeNull();

    const note = await service.addNote(incident.id, 'Rolled back v2.3');
    expect((await service.star(incident.id, note.id)).kind).toBe('star');
    expect(await rejection(service.star(incident.id, 'not-an-event'))).toMatch(/No event/);
    await service.addActionItem(incident.id, 'Add an alert on card declines', 'bo');
    expect((await service.handOver(incident.id, 'carla')).commander).toBe('carla');

    const secret = await service.setVariable(incident.id, 'DATABASE_URL', 'postgres://u:hunter2@db/pay', true);
    expect(secret.payload).toEqual({ name: 'DATABASE_URL', secret: true, value: null });
    await service.setVariable(incident.id, 'region', 'eu-west-1', false);

    const postedAt = Date.now() - 60_000;
    const copied = await service.statusUpdateCopied(incident.id, 'P1 Payments — investigating', 't1');
    // Copying the same version again records nothing new; a changed text is a new version.
    expect((await service.statusUpdateCopied(incident.id, 'P1 Payments — investigating', 't1')).id).toBe(copied.id);
    const changed = await service.statusUpdateCopied(incident.id, 'P1 Payments — identified', 't1');
    expect(changed.id).not.toBe(copied.id);
    const posted = await service.statusUpdatePosted(incident.id, 'P1 Payments — investigating', 't1', postedAt);
    expect(posted).toMatchObject({ kind: 'statusUpdate.posted', occurredAt: postedAt, payload: { templateId: 't1' } });

    const details = await service.get(incident.id);
    expect(details.checklist).toEqual([expect.objectContaining({ runbookId, itemId: item.id, checked: true })]);
    expect(details.variables).toEqual([
      expect.objectContaining({ name: 'DATABASE_URL', secret: true, value: null }),
      expect.objectContaining({ name: 'region', secret: false, value: 'eu-west-1' }),
    ]);
    // The secret is nowhere in what a client can read.
    const { events } = await service.getEvents(incident.id, 0, 1000);
    expect(JSON.stringify(events)).not.toContain('hunter2');
    expect(JSON.stringify(details)).not.toContain('hunter2');
    expect(events.map((e) => e.kind)).toEqual([
      'incident.created',
      'runbook.attached',
      'checklist.ticked',
      'note',
      'star',
      'actionItem.added',
      'commander.changed',
      'input.set',
      'input.set',
      'statusUpdate.copied',
      'statusUpdate.copied',
      'statusUpdate.posted',
    ]);
    expect((await service.search('rolled', incident.id)).length).toBe(1);
  });

  it('edits action items, marks them done and reopens them — each change its own event, the state in the details', async () => {
    const { service } = await setup();
    const incident = await service.create({ title: 'Payments', severity: 'SEV2' });
    const added = await service.addActionItem(incident.id, 'Alert on card declines', 'bo');
    const other = await service.addActionItem(incident.id, 'Write the runbook for PgBouncer', null);

    const edited = await service.editActionItem(incident.id, added.id, '  Alert on card declines per PSP ', 'cy');
    expect(edited).toMatchObject({ kind: 'actionItem.edited', payload: { itemId: added.id, text: 'Alert on card declines per PSP', owner: 'cy' } });
    expect(await service.editActionItem(incident.id, added.id, 'Alert on card declines per PSP', 'cy')).toBeNull();
    expect(await service.setActionItemDone(incident.id, added.id, true)).toMatchObject({ kind: 'actionItem.done', payload: { itemId: added.id, text: 'Alert on card declines per PSP' } });
    expect(await service.setActionItemDone(incident.id, added.id, true)).toBeNull();
    expect(await service.setActionItemDone(incident.id, other.id, false)).toBeNull();

    let { actionItems } = await service.get(incident.id);
    expect(actionItems.map((i) => [i.text, i.owner, i.done])).toEqual([
      ['Alert on card declines per PSP', 'cy', true],
      ['Write the runbook for PgBouncer', null, false],
    ]);
    expect(await service.setActionItemDone(incident.id, added.id, false)).toMatchObject({ kind: 'actionItem.reopened' });
    ({ actionItems } = await service.get(incident.id));
    expect(actionItems[0]).toMatchObject({ done: false, doneAt: null });

    // The record keeps every change, in order; nothing was rewritten.
    const { events } = await service.getEvents(incident.id, 0, 100);
    expect(events.filter((e) => e.kind.startsWith('actionItem.')).map((e) => e.kind)).toEqual(['actionItem.added', 'actionItem.added', 'actionItem.edited', 'actionItem.done', 'actionItem.reopened']);
    expect(events[1]).toMatchObject({ payload: { text: 'Alert on card declines', owner: 'bo' } });

    expect(await rejection(service.setActionItemDone(incident.id, incident.id, true))).toMatch(/No action item/);
    expect(await rejection(service.editActionItem(incident.id, added.id, '   ', null))).toMatch(/needs some text/);
  });

  it('streams appended events to subscribers of that incident; a client resumes "after N" and misses nothing', async () => {
    const { service } = await setup();
    const a = await service.create({ title: 'A', severity: 'SEV1' });
    const b = await service.create({ title: 'B', severity: 'SEV2' });
    const seen: TimelineEvent[] = [];
    const changed: string[][] = [];
    const sub = service.onDidAppendEvent(a.id)((events) => seen.push(...events));
    const listSub = service.onDidChangeIncidents(({ incidentIds }) => changed.push(incidentIds));
    await new Promise((resolve) => setTimeout(resolve, 20)); // the subscription travels to the host
    await Promise.all([service.addNote(a.id, 'one'), service.addNote(b.id, 'other incident'), service.addNote(a.id, 'two')]);
    await service.setStatus(a.id, 'identified');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen.map((e) => e.kind)).toEqual(['note', 'note', 'status.changed']);
    expect(seen.every((e) => e.incidentId === a.id)).toBe(true);
    expect(changed).toContainEqual([a.id]);
    sub.dispose();
    listSub.dispose();

    const lastSeen = seen.at(-1)!.seq;
    await service.addNote(a.id, 'while away');
    const missed = await service.getEvents(a.id, lastSeen, 100);
    expect(missed.events.map((e) => (e.kind === 'note' ? e.payload.text : e.kind))).toEqual(['while away']);
    expect(missed.lastSeq).toBe(lastSeen + 1);
  });

  it('names the command of a finish whose start is in older history, so the first page can say which command ended', async () => {
    const { service, store } = await setup();
    const incident = await service.create({ title: 'A', severity: 'SEV1' });
    const { command } = await store!.startCommand(incident.id, { sessionId: 's1', commandLine: 'kubectl -n shop get pods', cwd: '/srv' });
    await service.addNote(incident.id, 'waiting');
    await store!.finishCommand(command.id, { exitCode: 0, output: 'ok\n' });
    const newest = await service.getTimelineBefore(incident.id, null, 2);
    expect(newest.events.map((e) => e.kind)).toEqual(['note', 'command.finished']);
    expect(newest.commandLines).toEqual({ [command.id]: 'kubectl -n shop get pods' });
    const whole = await service.getTimelineBefore(incident.id, null, 100);
    expect(whole.events.map((e) => e.kind)).toContain('command.started');
    expect(whole.commandLines).toBeUndefined();
  });

  it('lists active incidents first and keeps everything across a restart', async () => {
    const first = await setup();
    const done = await first.service.create({ title: 'Old outage', severity: 'SEV3' });
    await first.service.setStatus(done.id, 'resolved');
    const live = await first.service.create({ title: 'Live outage', severity: 'SEV1' });
    await first.service.addNote(live.id, 'still here after restart');
    first.stop();

    const second = await setup(first.dataDir);
    expect((await second.service.list()).map((i) => i.title)).toEqual(['Live outage', 'Old outage']);
    const { events } = await second.service.getEvents(live.id, 0, 10);
    expect(events.at(-1)).toMatchObject({ kind: 'note', payload: { text: 'still here after restart' } });
  });

  it('starts with a refused database, says why, and leaves the file byte-identical', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'warroom.db');
    const db = new Database(file);
    db.exec('CREATE TABLE t (x)');
    db.pragma('user_version = 999');
    db.close();
    const before = fs.readFileSync(file);

    const { service } = await setup(dataDir);
    const status = await service.getStatus();
    expect(status.ok).toBe(false);
    expect(status.message).toMatch(/newer/i);
    expect(await rejection(service.list())).toBe(status.message);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});
