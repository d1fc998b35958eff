import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../../../electron/common/errors';
import { EVENT_KINDS, SNIPPET_MARK_END, SNIPPET_MARK_START, type TimelineEvent } from '../../../../../electron/common/incident/model';
import { OUTPUT_TEXT_CAP } from '../../../../../electron/common/incident/outputText';
import { useStores, useTempDirs } from './tempDir';

const tempDir = useTempDirs();
const newStore = useStores(tempDir);

async function userError(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

describe('IncidentStore incidents', () => {
  it('creates an incident with an incident.created event and lists active incidents first', async () => {
    const store = newStore();
    const old = await store.createIncident({ title: 'Disk full on db-1', severity: 'SEV3' });
    await store.updateIncident(old.id, { status: 'resolved' });
    const live = await store.createIncident({ title: 'Checkout 500s', severity: 'SEV1', commander: 'bob', impact: 'EU customers cannot pay' });

    expect(live).toMatchObject({ title: 'Checkout 500s', severity: 'SEV1', status: 'investigating', commander: 'bob', impact: 'EU customers cannot pay', lastSeq: 1 });
    const [created] = store.getEvents(live.id);
    expect(created).toMatchObject({ kind: 'incident.created', actor: 'alice', seq: 1, payload: { title: 'Checkout 500s', severity: 'SEV1', commander: 'bob' } });

    const later = await store.createIncident({ title: 'Queue backlog', severity: 'SEV2' });
    await store.updateIncident(old.id, { title: 'Disk full on db-1 (postmortem)' }); // touched last, but resolved
    expect(store.listIncidents().map((i) => i.id)).toEqual([later.id, live.id, old.id]);
  });

  it('records each field change as its own event, and nothing for unchanged fields', async () => {
    const store = newStore();
    const incident = await store.createIncident({ title: 'Latency', severity: 'SEV3' });
    const { incident: updated, events } = await store.updateIncident(
      incident.id,
      { title: 'Latency in eu-west-1', severity: 'SEV2', status: 'identified', commander: 'carol', impact: 'slow checkout' },
      { actor: 'dave' },
    );
    expect(updated).toMatchObject({ title: 'Latency in eu-west-1', severity: 'SEV2', status: 'identified', commander: 'carol', impact: 'slow checkout' });
    expect(events.map((e) => [e.kind, e.payload, e.actor])).toEqual([
      ['title.changed', { from: 'Latency', to: 'Latency in eu-west-1' }, 'dave'],
      ['severity.changed', { from: 'SEV3', to: 'SEV2' }, 'dave'],
      ['status.changed', { from: 'investigating', to: 'identified' }, 'dave'],
      ['commander.changed', { from: null, to: 'carol' }, 'dave'],
      ['impact.changed', { from: null, to: 'slow checkout' }, 'dave'],
    ]);
    const again = await store.updateIncident(incident.id, { severity: 'SEV2', status: 'identified' });
    expect(again.events).toEqual([]);
    expect(store.getIncident(incident.id)?.lastSeq).toBe(6);
  });

  it('attaches a runbook once', async () => {
    const store = newStore();
    const incident = await store.createIncident({ title: 'Redis down', severity: 'SEV2' });
    const event = await store.attachRunbook(incident.id, { runbookId: 'rb-redis', title: 'Redis outage', runbookHash: 'abc123' });
    expect(event).toMatchObject({ kind: 'runbook.attached', payload: { runbookId: 'rb-redis', title: 'Redis outage', runbookHash: 'abc123' } });
    expect(await store.attachRunbook(incident.id, { runbookId: 'rb-redis' })).toBeNull();
    expect(store.getIncident(incident.id)?.runbookIds).toEqual(['rb-redis']);
  });

  it('refuses bad input with one-line messages and writes nothing', async () => {
    const store = newStore();
    expect((await userError(store.createIncident({ title: '  ', severity: 'SEV1' }))).message).toMatch(/title must not be empty/);
    const incident = await store.createIncident({ title: 'x', severity: 'SEV1' });
    expect((await userError(store.updateIncident(incident.id, { status: 'panicking' as never }))).code).toBe('E_INVALID');
    expect((await userError(store.appendEvent('01NOPE', { kind: 'note', payload: { text: 'hi' } }))).code).toBe('E_NOT_FOUND');
    expect((await userError(store.appendEvent(incident.id, { kind: 'status.changed', payload: { from: 'investigating', to: 'resolved' } } as never))).message).toMatch(
      /changes incident state/,
    );
    expect(store.getIncident(incident.id)).toMatchObject({ status: 'investigating', lastSeq: 1 });
    expect(store.listIncidents()).toHaveLength(1);
  });
});

describe('IncidentStore timeline', () => {
  it('round-trips every event kind with its payload', async () => {
    const file = join(tempDir(), 'warroom.db');
    const store = newStore(file);
    const incident = await store.createIncident({ title: 'Everything', severity: 'SEV1' });
    const id = incident.id;
    await store.appendEvent(id, { kind: 'note', payload: { text: 'alert fired at 02:41' }, occurredAt: incident.createdAt - 60_000 });
    await store.updateIncident(id, { title: 'Everything, everywhere', impact: 'all users', status: 'identified', severity: 'SEV2', commander: 'erin' });
    await store.attachRunbook(id, { runbookId: 'rb-1', title: 'Runbook one', runbookHash: 'h1' });
    await store.setChecklistItem(id, { runbookId: 'rb-1', itemId: 'c1', checked: true, text: 'Page the DBA' });
    await store.setChecklistItem(id, { runbookId: 'rb-1', itemId: 'c1', checked: false, text: 'Page the DBA' });
    const { command } = await store.startCommand(id, { sessionId: 's1', commandLine: 'kubectl get pods', cwd: '/srv', step: { runbookId: 'rb-1', stepId: 'st-1', runbookHash: 'h1' } });
    await store.finishCommand(command.id, { exitCode: 1, output: 'error: no context' });
    await store.appendEvent(id, { kind: 'statusUpdate.copied', payload: { text: 'We are investigating', templateId: 'tpl-1' } });
    await store.appendEvent(id, { kind: 'statusUpdate.posted', payload: { text: 'We are investigating', templateId: 'tpl-1', channel: '#status' } });
    const star = await store.appendEvent(id, { kind: 'star', payload: { eventId: command.id } });
    await store.appendEvent(id, { kind: 'unstar', payload: { eventId: star.id } });
    const item = await store.appendEvent(id, { kind: 'actionItem.added', payload: { text: 'Add an alert on pool saturation', owner: 'frank' } });
    await store.appendEvent(id, { kind: 'actionItem.edited', payload: { itemId: item.id, text: 'Alert on pool saturation per DB', owner: null } });
    await store.appendEvent(id, { kind: 'actionItem.done', payload: { itemId: item.id, text: 'Alert on pool saturation per DB' } });
    await store.appendEvent(id, { kind: 'actionItem.reopened', payload: { itemId: item.id, text: 'Alert on pool saturation per DB' } });
    await store.appendEvent(id, { kind: 'capture.paused', payload: { sessionId: 's1' } });
    await store.appendEvent(id, { kind: 'capture.resumed', payload: { sessionId: 's1' } });
    await store.appendEvent(id, { kind: 'host.stopped', payload: { shellsEnded: 2 } });
    await store.appendEvent(id, { kind: 'host.started', payload: { shellsEnded: 2 } });
    await store.strikeOutput(command.id, 'printed a token');
    await store.appendEvent(id, { kind: 'milestone.set', payload: { milestone: 'acknowledged', at: incident.createdAt + 5 } });
    await store.appendEvent(id, { kind: 'redaction.kept', payload: { format: 'md', secrets: [{ kind: 'github-pat', label: 'GitHub PAT', count: 2 }] } });
    await store.setVariable(id, { name: 'region', value: 'eu-west-1', secret: false });

    const events = store.getEvents(id);
    // `bundle.imported` is written only by an import (bundleImport.test.ts round-trips it).
    expect(new Set(events.map((e) => e.kind))).toEqual(new Set(EVENT_KINDS.filter((k) => k !== 'bundle.imported')));
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));

    // What is read back from a fresh connection equals what was acknowledged.
    const acked = events;
    store.close();
    const reopened = newStore(file);
    expect(reopened.getEvents(id)).toEqual(acked);
    const byKind = Object.fromEntries(acked.map((e) => [e.kind, e])) as Record<string, TimelineEvent>;
    expect(byKind['note']).toMatchObject({ payload: { text: 'alert fired at 02:41' }, occurredAt: incident.createdAt - 60_000 });
    expect(byKind['command.started']?.payload).toEqual({ commandId: command.id, sessionId: 's1', commandLine: 'kubectl get pods', cwd: '/srv', step: { runbookId: 'rb-1', stepId: 'st-1', runbookHash: 'h1' } });
    expect(byKind['command.finished']?.payload).toMatchObject({ commandId: command.id, exitCode: 1, outputTruncated: false });
    expect(byKind['output.struck']?.payload).toEqual({ commandId: command.id, reason: 'printed a token' });
    expect(byKind['input.set']?.payload).toEqual({ name: 'region', secret: false, value: 'eu-west-1' });
    expect(byKind['actionItem.edited']?.payload).toEqual({ itemId: item.id, text: 'Alert on pool saturation per DB', owner: null });
    // The action item as it stands, from its events (found through their own index).
    expect(reopened.getActionItems(id)).toEqual([expect.objectContaining({ id: item.id, text: 'Alert on pool saturation per DB', owner: null, done: false, addedBy: 'alice' })]);
  });

  it('gives a reconnecting client everything after seq N, in order, and pages backwards', async () => {
    const store = newStore();
    const incident = await store.createIncident({ title: 'Paging', severity: 'SEV4' });
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.appendEvent(incident.id, { kind: 'note', payload: { text: `n${i}` } })));
    const after = store.getEvents(incident.id, { afterSeq: 17 });
    expect(after.map((e) => e.seq)).toEqual([18, 19, 20, 21]);
    // Submission order is storage order.
    expect(after.map((e) => (e.kind === 'note' ? e.payload.text : ''))).toEqual(['n16', 'n17', 'n18', 'n19']);
    expect(store.getEvents(incident.id, { afterSeq: 21 })).toEqual([]);
    expect(store.getEvents(incident.id, { afterSeq: 2, limit: 3 }).map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(store.getEvents(incident.id, { order: 'desc', limit: 3 }).map((e) => e.seq)).toEqual([21, 20, 19]);
    expect(store.getEvents(incident.id, { order: 'desc', beforeSeq: 19, limit: 2 }).map((e) => e.seq)).toEqual([18, 17]);
    // Ids are ULIDs that sort in storage order too.
    const ids = store.getEvents(incident.id).map((e) => e.id);
    expect([...ids].sort()).toEqual(ids);
  });

  it('pages back in timeline order (when it happened, ties by id) from a cursor, whatever the storage order', async () => {
    const store = newStore();
    const incident = await store.createIncident({ title: 'Time order', severity: 'SEV4' });
    const t = incident.createdAt;
    await store.appendEvent(incident.id, { kind: 'note', payload: { text: 'late' }, occurredAt: t + 3000 });
    await store.appendEvent(incident.id, { kind: 'note', payload: { text: 'backdated' }, occurredAt: t - 5000 });
    const tieA = await store.appendEvent(incident.id, { kind: 'note', payload: { text: 'tie 1' }, occurredAt: t + 1000 });
    const tieB = await store.appendEvent(incident.id, { kind: 'note', payload: { text: 'tie 2' }, occurredAt: t + 1000 });
    const text = (e: TimelineEvent) => (e.kind === 'note' ? e.payload.text : e.kind);
    const tiesInIdOrder = [tieA, tieB].sort((a, b) => (a.id < b.id ? -1 : 1)).map(text);
    expect(store.getEventsBefore(incident.id, null, 10).map(text)).toEqual(['late', ...[...tiesInIdOrder].reverse(), 'incident.created', 'backdated']);
    const newestTwo = store.getEventsBefore(incident.id, null, 2);
    const cursor = newestTwo.at(-1)!;
    expect(store.getEventsBefore(incident.id, { occurredAt: cursor.occurredAt, id: cursor.id }, 2).map(text)).toEqual([tiesInIdOrder[0], 'incident.created']);
    expect(store.getEventsBefore(incident.id, { occurredAt: t - 5000, id: '' }, 5)).toEqual([]);
  });

  it('acknowledges an append only after it committed: a second connection sees it then', async () => {
    const file = join(tempDir(), 'warroom.db');
    const store = newStore(file);
    const incident = await store.createIncident({ title: 'Ack', severity: 'SEV2' });
    const other = new Database(file, { readonly: true });
    try {
      const count = other.prepare('SELECT count(*) FROM events WHERE incident_id = ?').pluck();
      let acked = false;
      const pending = store.appendEvent(incident.id, { kind: 'note', payload: { text: 'durable?' } }).then((event) => {
        acked = true;
        return event;
      });
      // Queued, not yet committed: not acknowledged, and not visible elsewhere.
      expect(count.get(incident.id)).toBe(1);
      await new Promise((resolve) => setImmediate(resolve));
      expect(acked).toBe(false);
      const event = await pending;
      expect(other.prepare('SELECT kind, payload FROM events WHERE id = ?').get(event.id)).toEqual({ kind: 'note', payload: '{"text":"durable?"}' });
    } finally {
      other.close();
    }
  });

  it('fails one bad write alone; the rest of its batch commits', async () => {
    const store = newStore();
    const incident = await store.createIncident({ title: 'Batch', severity: 'SEV2' });
    const results = await Promise.allSettled([
      store.appendEvent(incident.id, { kind: 'note', payload: { text: 'one' } }),
      store.appendEvent('01NOSUCHINCIDENT000000000', { kind: 'note', payload: { text: 'lost' } }),
      store.finishCommand('01NOSUCHCOMMAND', { exitCode: 0, output: '' }),
      store.appendEvent(incident.id, { kind: 'note', payload: { text: 'two' } }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    const notes = store.getEvents(incident.id).filter((e) => e.kind === 'note');
    expect(notes.map((e) => [e.seq, e.kind === 'note' && e.payload.text])).toEqual([
      [2, 'one'],
      [3, 'two'],
    ]);
    expect(store.verifyChains(incident.id)).toMatchObject([{ ok: true, events: 3 }]);
  });

  it('announces committed events to listeners', async () => {
    const store = newStore();
    const seen: string[] = [];
    store.onDidAppendEvents((events) => seen.push(...events.map((e) => e.kind)));
    const incident = await store.createIncident({ title: 'Listen', severity: 'SEV2' });
    await store.appendEvent(incident.id, { kind: 'note', payload: { text: 'x' } });
    expect(seen).toEqual(['incident.created', 'note']);
  });

  it('has a synchronous path that commits before returning', () => {
    const file = join(tempDir(), 'warroom.db');
    const store = newStore(file);
    const incident = store.createIncidentSync({ title: 'CLI import', severity: 'SEV3' });
    const event = store.appendEventSync(incident.id, { kind: 'note', payload: { text: 'from the CLI' } });
    const other = new Database(file, { readonly: true });
    expect(other.prepare('SELECT seq FROM events WHERE id = ?').pluck().get(event.id)).toBe(2);
    other.close();
  });
});

describe('IncidentStore checklist, inputs, commands, tabs', () => {
  it('keeps checklist state and logs only real changes', async () => {
    const store = newStore();
    const incident = await store.createIncident({ title: 'Checklist', severity: 'SEV2' });
    const item = { runbookId: 'rb', itemId: 'notify-support' };
    expect(await store.setChecklistItem(incident.id, { ...item, checked: true }, { actor: 'gina' })).toMatchObject({ kind: 'checklist.ticked' });
    expect(await store.setChecklistItem(incident.id, { ...item, checked: true })).toBeNull();
    expect(store.getChecklistState(incident.id)).toMatchObject([{ ...item, checked: true, by: 'gina' }]);
    expect(await store.setChecklistItem(incident.id, { ...item, checked: false })).toMatchObject({ kind: 'checklist.unticked' });
    expect(store.getChecklistState(incident.id)).toMatchObject([{ ...item, checked: false, by: 'alice' }]);
  });

  it('never lets a secret input value out except to the shell', async () => {
    const file = join(tempDir(), 'warroom.db');
    const store = newStore(file);
    const incident = await store.createIncident({ title: 'Secrets', severity: 'SEV1' });
    const secret = 'postgres://app:hunter2-s3cret@db.internal/app';
    const event = await store.setVariable(incident.id, { name: 'DATABASE_URL', value: secret, secret: true });
    await store.setVariable(incident.id, { name: 'region', value: 'eu-west-1', secret: false });
    expect(event.payload).toEqual({ name: 'DATABASE_URL', secret: true, value: null });
    expect(store.getVariables(incident.id)).toMatchObject([
      { name: 'DATABASE_URL', secret: true, value: null },
      { name: 'region', secret: false, value: 'eu-west-1' },
    ]);
    expect(store.getShellVariables(incident.id)).toEqual({ DATABASE_URL: secret, region: 'eu-west-1' });
    expect(store.search('hunter2')).toEqual([]);
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare("SELECT count(*) FROM events WHERE payload LIKE '%hunter2%'").pluck().get()).toBe(0);
    raw.close();
  });

  it('records a command with its step, output, exit code and duration', async () => {
    const store = newStore();
    const incident = await store.createIncident({ title: 'Commands', severity: 'SEV2' });
    const step = { runbookId: 'rb-pg', stepId: 'check-connections', runbookHash: 'sha-1' };
    const { command, event } = await store.startCommand(incident.id, { sessionId: 'tab-1', commandLine: 'psql -c "select 1"', cwd: '/home/oncall', step, startedAt: 1_000 });
    expect(event).toMatchObject({ kind: 'command.started', occurredAt: 1_000 });
    expect(command).toMatchObject({ step, endedAt: null, exitCode: null, output: null });
    const finished = await store.finishCommand(command.id, { exitCode: 0, output: ' ?column? \n----------\n        1\n', endedAt: 1_250 });
    expect(finished.command).toMatchObject({ exitCode: 0, endedAt: 1_250, output: ' ?column? \n----------\n        1\n', outputTruncated: false });
    expect(finished.event.payload).toEqual({ commandId: command.id, exitCode: 0, durationMs: 250, outputTruncated: false });
    expect(store.listCommands(incident.id)).toEqual([finished.command]);
    expect((await userError(store.finishCommand(command.id, { exitCode: 0, output: '' }))).message).toMatch(/already finished/);
  });

  it('caps huge output to head and tail, and says so', async () => {
    const store = newStore();
    const incident = await store.createIncident({ title: 'Big output', severity: 'SEV2' });
    const { command } = await store.startCommand(incident.id, { sessionId: 's', commandLine: 'cat big.log' });
    const output = `FIRST-LINE\n${'x'.repeat(OUTPUT_TEXT_CAP)}\nLAST-LINE`;
    const { command: done } = await store.finishCommand(command.id, { exitCode: 0, output });
    expect(done.outputTruncated).toBe(true);
    expect(done.output?.startsWith('FIRST-LINE')).toBe(true);
    expect(done.output?.endsWith('LAST-LINE')).toBe(true);
    expect(done.output).toMatch(/characters of output omitted/);
    expect(done.output!.length).toBeLessThan(OUTPUT_TEXT_CAP + 100);
  });

  it('strikes a command output: text, raw chunks and search hits go, the strike is an event', async () => {
    const store = newStore();
    const incident = await store.createIncident({ title: 'Strike', severity: 'SEV2' });
    const { command } = await store.startCommand(incident.id, { sessionId: 'tab-9', commandLine: 'env' });
    await store.appendOutputChunk(incident.id, { sessionId: 'tab-9', commandId: null, at: 5, data: new TextEncoder().encode('$ env\r\n') });
    await store.appendOutputChunk(incident.id, { sessionId: 'tab-9', commandId: command.id, at: 6, data: new TextEncoder().encode('API_TOKEN=zz-topsecret\r\n') });
    await store.finishCommand(command.id, { exitCode: 0, output: 'API_TOKEN=zz-topsecret' });
    expect(store.search('topsecret')).toHaveLength(1);

    const strike = await store.strikeOutput(command.id, 'token');
    expect(strike).toMatchObject({ kind: 'output.struck', payload: { commandId: command.id, reason: 'token' } });
    expect(store.getCommand(command.id)).toMatchObject({ output: null, outputStruck: true, exitCode: 0 });
    expect([...store.iterateOutputChunks('tab-9')].map((c) => new TextDecoder().decode(c.data))).toEqual(['$ env\r\n']);
    expect(store.search('topsecret')).toEqual([]);
    expect(store.search('env').map((h) => h.commandId)).toEqual([command.id]);
  });

  it('keeps raw output chunks in order with their times, as bytes', async () => {
    const store = newStore();
    const incident = await store.createIncident({ title: 'Chunks', severity: 'SEV2' });
    const bytes = [new Uint8Array([0x1b, 0x5b, 0x33, 0x31, 0x6d]), new Uint8Array([0xe2, 0x9c]), new Uint8Array([0x93, 0x0a])];
    await Promise.all(bytes.map((data, i) => store.appendOutputChunk(incident.id, { sessionId: 'tab-1', commandId: null, at: 100 + i, data })));
    const chunks = [...store.iterateOutputChunks('tab-1')];
    expect(chunks.map((c) => [c.at, [...c.data]])).toEqual(bytes.map((data, i) => [100 + i, [...data]]));
  });

  it('saves and restores the terminal tab layout', async () => {
    const store = newStore();
    const incident = await store.createIncident({ title: 'Tabs', severity: 'SEV2' });
    const tabs = [
      { id: 't2', sessionId: 's2', title: 'prod-eu', cwd: '/srv', position: 1, active: true },
      { id: 't1', sessionId: null, title: 'bash', cwd: null, position: 0, active: false },
    ];
    await store.saveTerminalTabs(incident.id, tabs);
    expect(store.getTerminalTabs(incident.id)).toEqual([tabs[1], tabs[0]]);
    await store.saveTerminalTabs(incident.id, [tabs[0]!]);
    expect(store.getTerminalTabs(incident.id)).toEqual([tabs[0]]);
  });
});

describe('IncidentStore search', () => {
  it('finds notes, command lines and command output, ranked, with marked snippets', async () => {
    const store = newStore();
    const a = await store.createIncident({ title: 'A', severity: 'SEV1' });
    const b = await store.createIncident({ title: 'B', severity: 'SEV1' });
    const note = await store.appendEvent(a.id, { kind: 'note', payload: { text: 'Connection pool exhausted on payments-db after the deploy' } });
    const { command } = await store.startCommand(a.id, { sessionId: 's', commandLine: 'kubectl rollout undo deployment/payments -n prod' });
    await store.finishCommand(command.id, { exitCode: 0, output: 'deployment.apps/payments rolled back' });
    const { command: other } = await store.startCommand(b.id, { sessionId: 's2', commandLine: 'redis-cli info memory' });
    await store.finishCommand(other.id, { exitCode: 0, output: 'used_memory_human:1.2G\nmaxmemory_policy:noeviction' });

    const notes = store.search('pool exhausted');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ source: 'event', eventId: note.id, incidentId: a.id });
    expect(notes[0]!.snippet).toContain(`${SNIPPET_MARK_START}pool${SNIPPET_MARK_END}`);

    expect(store.search('rollout').map((h) => h.commandId)).toEqual([command.id]);
    expect(store.search('rolled back').map((h) => h.commandId)).toEqual([command.id]);
    expect(store.search('noevict')).toMatchObject([{ source: 'command', commandId: other.id, incidentId: b.id }]);
    // Both incidents mention payments; the filter keeps one, prefixes match.
    expect(store.search('payment').length).toBe(2);
    expect(store.search('payment', { incidentId: b.id })).toEqual([]);
    expect(store.search('redis', { incidentId: b.id })).toHaveLength(1);
  });

  it('treats search syntax as plain words and never throws on odd input', async () => {
    const store = newStore();
    const incident = await store.createIncident({ title: 'Syntax', severity: 'SEV1' });
    await store.appendEvent(incident.id, { kind: 'note', payload: { text: 'ran "NOT" AND -n kube-system' } });
    for (const query of ['"', 'AND', 'NOT', '-n', '(', '*', 'kube-system', 'a OR', '', '   ', 'col:val', 'NEAR(a b)']) {
      expect(() => store.search(query)).not.toThrow();
    }
    expect(store.search('kube-system')).toHaveLength(1);
    expect(store.search('NOT')).toHaveLength(1);
  });

  it('ranks the better match first', async () => {
    const store = newStore();
    const incident = await store.createIncident({ title: 'Rank', severity: 'SEV1' });
    const weak = await store.appendEvent(incident.id, { kind: 'note', payload: { text: `latency ${'filler words about nothing in particular '.repeat(20)}` } });
    const strong = await store.appendEvent(incident.id, { kind: 'note', payload: { text: 'latency latency latency spike' } });
    expect(store.search('latency').map((h) => h.eventId)).toEqual([strong.id, weak.id]);
  });
});

describe('IncidentStore milestones', () => {
  it('derives milestones and time-to-X from a long timeline, with hand-set overrides', async () => {
    const store = newStore();
    const incident = await store.createIncident({ title: 'Milestones', severity: 'SEV1' });
    const t0 = incident.createdAt;
    const MIN = 60_000;
    await store.appendEvent(incident.id, { kind: 'note', payload: { text: 'first alert' }, occurredAt: t0 - 7 * MIN });
    await store.appendEvent(incident.id, { kind: 'milestone.set', payload: { milestone: 'detected', at: t0 - 7 * MIN } });
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.appendEvent(incident.id, { kind: 'note', payload: { text: `noise ${i}` } })));
    await store.updateIncident(incident.id, { status: 'mitigating' }, { occurredAt: t0 + 5 * MIN });
    await store.updateIncident(incident.id, { status: 'monitoring' }, { occurredAt: t0 + 13 * MIN });
    await store.updateIncident(incident.id, { status: 'resolved' }, { occurredAt: t0 + 33 * MIN });

    const m = store.getMilestones(incident.id);
    expect([m.detected.at, m.acknowledged.at, m.mitigated.at, m.resolved.at]).toEqual([t0 - 7 * MIN, t0, t0 + 13 * MIN, t0 + 33 * MIN]);
    expect([m.timeToAcknowledgeMs, m.timeToMitigateMs, m.timeToResolveMs]).toEqual([7 * MIN, 20 * MIN, 40 * MIN]);

    await store.appendEvent(incident.id, { kind: 'milestone.set', payload: { milestone: 'mitigated', at: t0 + 10 * MIN } });
    expect(store.getMilestones(incident.id).mitigated).toMatchObject({ at: t0 + 10 * MIN, source: 'set' });
    expect(store.getMilestones(incident.id).timeToMitigateMs).toBe(17 * MIN);

    await store.updateIncident(incident.id, { status: 'investigating' });
    expect(store.getMilestones(incident.id).resolved.at).toBeNull();
  });
});

describe('IncidentStore event validation', () => {
  it('checks each free kind payload and refuses extra or missing fields in one line', async () => {
    const store = newStore();
    const incident = await store.createIncident({ title: 'Validation', severity: 'SEV3' });
    const bad: unknown[] = [
      { kind: 'note', payload: { text: '   ' } },
      { kind: 'note', payload: { text: 42 } },
      { kind: 'note', payload: { text: 'ok', secret: 'extra field' } },
      { kind: 'statusUpdate.posted', payload: { text: 'sent' } },
      { kind: 'milestone.set', payload: { milestone: 'lunch', at: 1 } },
      { kind: 'note', payload: { text: 'x' }, occurredAt: 1.5 },
      { kind: 'incident.created', payload: {} },
      { kind: 'nonsense', payload: {} },
    ];
    for (const input of bad) {
      let error: unknown;
      try {
        await store.appendEvent(incident.id, input as never);
      } catch (e) {
        error = e;
      }
      expect(error, JSON.stringify(input)).toBeInstanceOf(UserError);
      expect((error as UserError).message).not.toContain('\n');
    }
    expect(store.getIncident(incident.id)?.lastSeq).toBe(1);
    const note = await store.appendEvent(incident.id, { kind: 'note', payload: { text: '  trimmed  ' } });
    expect(note.payload).toEqual({ text: 'trimmed' });
  });
});

describe('IncidentStore across processes', () => {
  it('notices commits by another connection through dataVersion and catches up after seq N', async () => {
    const file = join(tempDir(), 'warroom.db');
    const app = newStore(file);
    const cli = newStore(file);
    const incident = await app.createIncident({ title: 'Shared dir', severity: 'SEV2' });
    const seen = app.getIncident(incident.id)!.lastSeq;
    const version = app.dataVersion;
    cli.appendEventSync(incident.id, { kind: 'note', payload: { text: 'added from the CLI' } });
    expect(app.dataVersion).not.toBe(version);
    expect(app.getEvents(incident.id, { afterSeq: seen }).map((e) => e.kind === 'note' && e.payload.text)).toEqual(['added from the CLI']);
  });

  it('reports an unknown incident for output chunks as a UserError', async () => {
    const store = newStore();
    expect((await userError(store.appendOutputChunk('01UNKNOWN', { sessionId: 's', commandId: null, at: 1, data: new Uint8Array([1]) }))).code).toBe('E_NOT_FOUND');
  });
});
