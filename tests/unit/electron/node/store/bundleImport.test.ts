import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseBundle, type Bundle } from '../../../../../electron/common/report/bundle';
import { exportIncident } from '../../../../../electron/node/report/exportIncident';
import { DATABASE_FILE_NAME } from '../../../../../electron/node/store/openDatabase';
import type { IncidentStore } from '../../../../../electron/node/store/incidentStore';
import { createFixture, openStore, tempDataDir, type Fixture } from '../report/incidentFixture';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

async function fixture(): Promise<Fixture> {
  const f = await createFixture();
  cleanups.push(f.cleanup);
  return f;
}

function newStore(actor = 'bob'): { store: IncidentStore; dataDir: string } {
  const dataDir = tempDataDir('warroom-import-');
  const store = openStore(dataDir, actor);
  cleanups.push(() => {
    try {
      store.close();
    } catch {
      // closed by the test
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return { store, dataDir };
}

async function bundleOf(store: IncidentStore, incidentId: string, lookup: Fixture['lookup'] = async () => null): Promise<Bundle> {
  const { files } = await exportIncident(store, incidentId, 'json', lookup);
  return parseBundle(files[0]!.content as string);
}

/** Everything a user sees of an incident, minus the local storage order. */
function snapshot(store: IncidentStore, incidentId: string) {
  const records = store.readBundleRecords(incidentId);
  const { lastSeq: _l, updatedAt: _u, ...incident } = store.getIncident(incidentId)!;
  return {
    incident,
    events: records.events.map(({ seq: _seq, ...e }) => e).sort((a, b) => a.id.localeCompare(b.id)),
    commands: records.commands,
    checklist: store.getChecklistState(incidentId),
    milestones: store.getMilestones(incidentId),
  };
}

describe('importBundle', () => {
  it('round trip: export → import on a new data dir reproduces the incident and its chains verify', async () => {
    const a = await fixture();
    const bundle = await bundleOf(a.store, a.incidentId, a.lookup);
    const { store } = newStore();
    const result = store.importBundle(bundle);
    expect(result).toMatchObject({ incidentId: a.incidentId, created: true, eventsAdded: bundle.events.length, eventsAlreadyPresent: 0, commandsAdded: 3 });
    expect(result.bundleChains.every((c) => c.ok)).toBe(true);

    const original = snapshot(a.store, a.incidentId);
    const { events: importedEvents, ...importedRest } = snapshot(store, a.incidentId);
    // The import is on the record too: one event on the importing device's own chain.
    const records = importedEvents.filter((e) => e.kind === 'bundle.imported');
    expect(records).toEqual([
      expect.objectContaining({
        deviceId: store.deviceId,
        actor: 'bob',
        payload: { fromDeviceId: a.store.deviceId, exportedAt: bundle.exportedAt, eventsAdded: bundle.events.length, latestRecordedAt: { [a.store.deviceId]: Math.max(...bundle.events.map((e) => e.recordedAt)) } },
      }),
    ]);
    const imported = { ...importedRest, events: importedEvents.filter((e) => e.kind !== 'bundle.imported') };
    // The export redacted secrets: those events differ by payload and salt only; everything else is identical.
    const redactedIds = new Set(bundle.events.filter((e) => e.redacted).map((e) => e.id));
    expect(redactedIds.size).toBeGreaterThan(0);
    expect(imported.incident).toEqual(original.incident);
    expect(imported.milestones).toEqual(original.milestones);
    expect(imported.checklist).toEqual(original.checklist);
    expect(imported.events.map((e) => [e.id, e.kind, e.digest, e.chainHead, e.deviceId, e.occurredAt])).toEqual(
      original.events.map((e) => [e.id, e.kind, e.digest, e.chainHead, e.deviceId, e.occurredAt]),
    );
    for (const [i, e] of imported.events.entries()) {
      if (!redactedIds.has(e.id)) expect(e).toEqual(original.events[i]);
      else expect(e.salt).toBeNull();
    }
    expect(imported.commands.map((c) => [c.id, c.exitCode, c.startedAt, c.endedAt])).toEqual(original.commands.map((c) => [c.id, c.exitCode, c.startedAt, c.endedAt]));
    expect(store.verifyChains(a.incidentId)).toEqual([
      expect.objectContaining({ deviceId: a.store.deviceId, ok: true, events: bundle.events.length, head: a.store.verifyChains(a.incidentId)[0]!.head }),
      expect.objectContaining({ deviceId: store.deviceId, ok: true, events: 1 }),
    ]);
    // Search finds imported notes.
    expect(store.search('PgBouncer', { incidentId: a.incidentId }).length).toBe(1);
  });

  it('importing the same bundle twice adds nothing', async () => {
    const a = await fixture();
    const bundle = await bundleOf(a.store, a.incidentId);
    const { store } = newStore();
    store.importBundle(bundle);
    const again = store.importBundle(bundle);
    expect(again).toMatchObject({ created: false, eventsAdded: 0, eventsAlreadyPresent: bundle.events.length, commandsAdded: 0 });
    // The first import's own record, and no second one: nothing was added.
    expect(store.getEvents(a.incidentId)).toHaveLength(bundle.events.length + 1);
  });

  it("merges two devices' bundles: no duplicates, timeline by time, each device's chain verifies, newest status wins", async () => {
    const a = await fixture();
    const { store: b } = newStore('bob');
    b.importBundle(await bundleOf(a.store, a.incidentId));
    // Both keep working on the incident, each on their own device.
    const t = a.store.getIncident(a.incidentId)!.createdAt + 60_000; // after the fixture's own (resolved at +30 s)
    await b.appendEvent(a.incidentId, { kind: 'note', payload: { text: 'bob: replica lag back to 0' }, occurredAt: t + 1000 });
    await a.store.appendEvent(a.incidentId, { kind: 'note', payload: { text: 'alice: writing the report' }, occurredAt: t + 2000 });
    await b.updateIncident(a.incidentId, { status: 'monitoring' }, { occurredAt: t + 3000 });
    await b.appendEvent(a.incidentId, { kind: 'note', payload: { text: 'bob: reopened for monitoring' }, occurredAt: t + 4000 });

    const result = a.store.importBundle(await bundleOf(b, a.incidentId));
    // Bob's three events, and his record of importing Alice's bundle.
    expect(result.eventsAdded).toBe(4);
    const events = a.store.getEvents(a.incidentId);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    expect(new Set(events.map((e) => e.deviceId)).size).toBe(2);
    const chains = a.store.verifyChains(a.incidentId);
    expect(chains).toHaveLength(2);
    expect(chains.every((c) => c.ok)).toBe(true);
    // The imported events went in by time: bob's note, then bob's status change, then his last note;
    // then Alice's own record of the import.
    const tail = events.slice(-4).map((e) => (e.kind === 'note' ? e.payload.text : e.kind));
    expect(tail).toEqual(['bob: replica lag back to 0', 'status.changed', 'bob: reopened for monitoring', 'bundle.imported']);
    expect(events.at(-1)).toMatchObject({ deviceId: a.store.deviceId, payload: { fromDeviceId: b.deviceId, eventsAdded: 4 } });
    expect(a.store.getIncident(a.incidentId)!.status).toBe('monitoring');
    // And back: bob imports alice's, gets her note and her import record, still no duplicates.
    const back = b.importBundle(await bundleOf(a.store, a.incidentId));
    expect(back.eventsAdded).toBe(2);
    const bobs = b.getEvents(a.incidentId);
    expect(new Set(bobs.map((e) => e.id))).toEqual(new Set([...events.map((e) => e.id), bobs.at(-1)!.id]));
    expect(bobs.at(-1)).toMatchObject({ kind: 'bundle.imported', deviceId: b.deviceId });
    expect(b.verifyChains(a.incidentId).every((c) => c.ok)).toBe(true);
  });

  it('reports which events of a tampered bundle fail verification (and keeps them flagged)', async () => {
    const a = await fixture();
    const bundle = await bundleOf(a.store, a.incidentId);
    const victim = bundle.events.find((e) => e.kind === 'note' && e.salt !== null)!;
    (victim.payload as { text: string }).text = 'nothing happened here';
    const { store } = newStore();
    const result = store.importBundle(bundle);
    expect(result.bundleChains[0]).toMatchObject({ ok: false, firstBadEventId: victim.id });
    expect(store.verifyChains(a.incidentId)[0]).toMatchObject({ ok: false, firstBadEventId: victim.id });
  });

  it('refuses an event that conflicts with the stored one, and changes nothing', async () => {
    const a = await fixture();
    const bundle = await bundleOf(a.store, a.incidentId);
    bundle.events[1]!.digest = 'f'.repeat(64);
    const before = snapshot(a.store, a.incidentId);
    expect(() => a.store.importBundle(bundle)).toThrow(/already stored with different content/);
    expect(snapshot(a.store, a.incidentId)).toEqual(before);
  });
});

describe('parseBundle refusals leave the data dir untouched', () => {
  it.each([
    ['truncated', (json: string) => json.slice(0, Math.floor(json.length / 2)), /truncated or corrupt/],
    ['not JSON', () => 'PK\u0003\u0004 this is a zip', /not a War Room bundle \(not JSON\)/],
    ['foreign JSON', () => JSON.stringify({ name: 'warroom', version: '1.0.0' }), /not a War Room bundle/],
    ['newer format', (json: string) => json.replace('"warroom.bundle/1"', '"warroom.bundle/2"'), /newer than this War Room/],
    ['damaged content', (json: string) => json.replace(/"digest": "[0-9a-f]+"/, '"digest": "xyz"'), /is damaged: events\.\d+\.digest/],
  ])('%s', async (_name, mangle, message) => {
    const a = await fixture();
    const { files } = await exportIncident(a.store, a.incidentId, 'json', a.lookup);
    const { store, dataDir } = newStore();
    store.importBundle(parseBundle(files[0]!.content as string));
    store.close();
    const file = path.join(dataDir, DATABASE_FILE_NAME);
    const hash = () => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    const before = hash();
    expect(() => parseBundle(mangle(files[0]!.content as string))).toThrow(message);
    expect(hash()).toBe(before);
  });
});
