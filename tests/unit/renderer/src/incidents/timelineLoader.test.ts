/**
 * The console's timeline loading against the real host side: an IncidentStore in a temp data
 * dir behind IncidentServiceImpl and the RPC, and a teammate's events merged in by an import
 * from another process (a second connection to the same file), as `warroom import` does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../../../../electron/common/incident/model';
import { compareTimelineOrder } from '../../../../../electron/common/incident/timelineOrder';
import { parseBundle } from '../../../../../electron/common/report/bundle';
import { createMemoryConnectionPair } from '../../../../../electron/common/rpc/memoryConnection';
import { RpcClient } from '../../../../../electron/common/rpc/rpcClient';
import { RpcServer } from '../../../../../electron/common/rpc/rpcServer';
import { IncidentServiceContract, type IncidentService } from '../../../../../electron/common/services/incidentService';
import { exportIncident } from '../../../../../electron/node/report/exportIncident';
import { IncidentServiceImpl } from '../../../../../electron/node/services/incidentServiceImpl';
import { IncidentStore } from '../../../../../electron/node/store/incidentStore';
import { DATABASE_FILE_NAME } from '../../../../../electron/node/store/openDatabase';
import { TimelineLoader, type LoadRun } from '../../../../../renderer/src/incidents/timelineLoader';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function openStore(actor: string): { store: IncidentStore; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-loader-'));
  const file = path.join(dir, DATABASE_FILE_NAME);
  const store = IncidentStore.open(file, { actor });
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => store.close());
  return { store, file };
}

function serve(store: IncidentStore, file: string): IncidentService {
  const implementation = new IncidentServiceImpl({ store, file }, { get: () => Promise.reject(new Error('no runbooks here')) }, { externalCommitPollMs: 10 });
  const server = new RpcServer();
  server.register(IncidentServiceContract, implementation);
  const [a, b] = createMemoryConnectionPair();
  server.connect(a);
  const client = new RpcClient(b);
  cleanups.push(() => {
    client.dispose();
    implementation.dispose();
  });
  return client.getService(IncidentServiceContract);
}

async function bundleOf(store: IncidentStore, incidentId: string) {
  return parseBundle((await exportIncident(store, incidentId, 'json', async () => null)).files[0]!.content as string);
}

const text = (e: TimelineEvent) => (e.kind === 'note' ? e.payload.text : e.kind);
const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('TimelineLoader', () => {
  it('keeps the lines the host names for finished commands whose start is in history not yet loaded', async () => {
    const { store, file } = openStore('ana');
    const incident = store.createIncidentSync({ title: 'Checkout 502s', severity: 'SEV2' });
    const { command } = await store.startCommand(incident.id, { sessionId: 's1', commandLine: 'kubectl -n shop rollout undo deploy/checkout', cwd: '/srv' });
    for (let i = 0; i < 5; i++) await store.appendEvent(incident.id, { kind: 'note', payload: { text: `note ${i}` } });
    await store.finishCommand(command.id, { exitCode: 0, output: '' });
    const loader = new TimelineLoader(serve(store, file), incident.id, { first: 3, older: 100, catchUp: 100 });
    let first: ReadonlyMap<string, string> | undefined;
    await loader.load({ cancelled: false, onChange: () => (first ??= new Map(loader.commandLines)) });
    expect(first?.get(command.id)).toBe('kubectl -n shop rollout undo deploy/checkout');
    expect(loader.events.some((e) => e.kind === 'command.started')).toBe(true);
  });

  it("pages back in timeline order from the first page on, with another device's merged events where they happened, and follows an import made by another process", async () => {
    const alice = openStore('alice');
    const incident = alice.store.createIncidentSync({ title: 'Checkout 502s', severity: 'SEV2' });
    const t0 = incident.createdAt;
    // Alice's notes, one a second.
    for (let i = 1; i <= 60; i++) await alice.store.appendEvent(incident.id, { kind: 'note', payload: { text: `alice ${i}` }, occurredAt: t0 + i * 1000 });

    // Bob works the same incident on his laptop: notes between Alice's, the newest of all last.
    const bob = openStore('bob');
    bob.store.importBundle(await bundleOf(alice.store, incident.id));
    for (let i = 1; i <= 40; i++) await bob.store.appendEvent(incident.id, { kind: 'note', payload: { text: `bob ${i}` }, occurredAt: t0 + i * 1500 + 1 });
    await bob.store.appendEvent(incident.id, { kind: 'note', payload: { text: 'bob newest' }, occurredAt: t0 + 99_000 });
    alice.store.importBundle(await bundleOf(bob.store, incident.id));
    // Bob's events were stored last here (their seq numbers follow Alice's)…
    expect(text(alice.store.getEvents(incident.id, { order: 'desc', limit: 1 })[0]!)).not.toBe('alice 60');

    const service = serve(alice.store, alice.file);
    const loader = new TimelineLoader(service, incident.id, { first: 7, older: 11, catchUp: 4 });
    const screens: TimelineEvent[][] = [];
    const run: LoadRun = { cancelled: false, onChange: () => screens.push(loader.events) };
    const subscription = service.onDidAppendEvent(incident.id)((events) => void loader.live(events, run));
    await new Promise((resolve) => setTimeout(resolve, 20)); // the subscription travels to the host
    await loader.load(run);

    // …but the first screen is the newest entries in the order they happened, Bob's included.
    const everything = alice.store.getEvents(incident.id).sort(compareTimelineOrder);
    expect(screens[0]!.map(text)).toEqual(everything.slice(-7).map(text));
    expect(screens[0]!.at(-1)!.payload).toEqual({ text: 'bob newest' });
    // Every later screen is the timeline's end, complete back to its oldest entry.
    for (const screen of screens) expect(screen.map((e) => e.id)).toEqual(everything.slice(-screen.length).map((e) => e.id));
    expect(loader.complete).toBe(true);
    expect(loader.events.map((e) => e.id)).toEqual(everything.map((e) => e.id));

    // Later, `warroom import` (another process: another connection to the same file) merges
    // Bob's next notes; the host notices the commit and the loader puts them where they happened.
    await bob.store.appendEvent(incident.id, { kind: 'note', payload: { text: 'bob late but early' }, occurredAt: t0 + 2500 });
    await bob.store.appendEvent(incident.id, { kind: 'note', payload: { text: 'bob after everything' }, occurredAt: t0 + 120_000 });
    const otherProcess = IncidentStore.open(alice.file, { actor: 'cli' });
    otherProcess.importBundle(await bundleOf(bob.store, incident.id));
    otherProcess.close();
    await until(() => loader.events.length === everything.length + 2);
    const after = alice.store.getEvents(incident.id).sort(compareTimelineOrder);
    expect(loader.events.map((e) => e.id)).toEqual(after.map((e) => e.id));
    const notes = loader.events.filter((e) => e.kind === 'note').map(text);
    expect(notes.slice(0, 5)).toEqual(['alice 1', 'bob 1', 'alice 2', 'bob late but early', 'alice 3']);
    expect(notes.at(-1)).toBe('bob after everything');
    subscription.dispose();
  });
});
