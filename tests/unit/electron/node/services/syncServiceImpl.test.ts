import { afterEach, describe, expect, it } from 'vitest';
import { SyncServiceImpl } from '../../../../../electron/node/services/syncServiceImpl';
import { bareRemote, makeLaptop, noteTexts } from '../sync/syncHarness';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const lookup = async () => null;

describe('SyncServiceImpl: the console’s automatic sync (real git)', { timeout: 120_000 }, () => {
  it('syncs at once after a note here, on its interval for a teammate’s; a bad new remote is refused and the old one kept', async () => {
    const remote = bareRemote(cleanups as (() => void)[]);
    const a = makeLaptop('alice', cleanups as (() => void)[]);
    const b = makeLaptop('bob', cleanups as (() => void)[]);
    // Alice's interval is far away: only her note can make her sync. Bob's is short.
    const serviceA = new SyncServiceImpl({ store: a.store, dataDir: a.dataDir, lookup, intervalMs: 3_600_000 });
    const serviceB = new SyncServiceImpl({ store: b.store, dataDir: b.dataDir, lookup, intervalMs: 300 });
    cleanups.push(() => serviceA.dispose(), () => serviceB.dispose());
    const changes: number[] = [];
    serviceA.onDidChange((e) => changes.push(e.at));

    const incident = a.store.createIncidentSync({ title: 'Orders queue stuck', severity: 'SEV2' });
    expect((await serviceA.setRemote(remote)).remote).toBe(remote);
    await serviceB.setRemote(remote);
    expect(changes.length).toBeGreaterThan(0);

    await a.store.appendEvent(incident.id, { kind: 'note', payload: { text: 'alice: consumer lag 2 h' } });
    await expect.poll(() => (b.store.getIncident(incident.id) ? noteTexts(b.store, incident.id) : []), { timeout: 30_000 }).toEqual(['alice: consumer lag 2 h']);

    const status = await serviceB.getStatus(incident.id);
    expect(status.lastSync?.ok).toBe(true);
    expect(status.incident?.participants.map((p) => [p.actor, p.thisDevice])).toEqual(expect.arrayContaining([['alice', false], ['bob', true]]));
    expect(status.incident?.firstSyncPending).toBe(false);

    await expect(serviceA.setRemote('/nonexistent/team.git')).rejects.toThrow(/cannot reach the sync remote/);
    expect((await serviceA.getStatus(null)).remote).toBe(remote);

    const marked = await serviceA.setPrivate(incident.id, true);
    expect(marked.incident?.private).toBe(true);
  });
});
