/**
 * Clock offsets in the report, end to end: real stores in temp data dirs exchanging real
 * bundles, one laptop's clock five minutes fast (Date is faked, timers are not).
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseBundle } from '../../../../../electron/common/report/bundle';
import { exportIncident } from '../../../../../electron/node/report/exportIncident';
import type { IncidentStore } from '../../../../../electron/node/store/incidentStore';
import { openStore, tempDataDir } from './incidentFixture';

const cleanups: (() => void)[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const c of cleanups.splice(0).reverse()) c();
});

function laptop(actor: string): IncidentStore {
  const dir = tempDataDir('warroom-clock-');
  const store = openStore(dir, actor);
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => store.close());
  return store;
}

const exported = async (store: IncidentStore, incidentId: string, format: 'md' | 'json') =>
  (await exportIncident(store, incidentId, format, async () => null, { timeZone: 'UTC' })).files[0]!.content as string;

/** Bob's laptop clock runs this far ahead of Alice's. */
const BOB_AHEAD = 5 * 60_000;

/** Alice's and Bob's laptops, with `Date` faked from `t` on (set each step's time with vi.setSystemTime). */
function twoLaptops() {
  vi.useFakeTimers({ toFake: ['Date'] });
  return { t: Date.UTC(2026, 10, 23, 3, 0, 0), alice: laptop('alice'), bob: laptop('bob') };
}

describe('clock offsets in the report', () => {
  it('bundles that went both ways bound the other laptop’s clock: shown in the header facts', async () => {
    const { t, alice, bob } = twoLaptops();
    vi.setSystemTime(t);
    const incident = alice.createIncidentSync({ title: 'Checkout 502s', severity: 'SEV2' });
    vi.setSystemTime(t + 1000);
    const first = parseBundle(await exported(alice, incident.id, 'json'));
    vi.setSystemTime(t + 2000 + BOB_AHEAD);
    bob.importBundle(first);
    vi.setSystemTime(t + 3000 + BOB_AHEAD);
    await bob.appendEvent(incident.id, { kind: 'note', payload: { text: 'replica lag back to 0' } });
    vi.setSystemTime(t + 4000 + BOB_AHEAD);
    const second = parseBundle(await exported(bob, incident.id, 'json'));
    vi.setSystemTime(t + 5000);
    alice.importBundle(second);

    const md = await exported(alice, incident.id, 'md');
    const bobName = bob.deviceId.slice(0, 8);
    expect(md).toContain(`- **Recording devices:** \`${alice.deviceId.slice(0, 8)}\` (this device, 2 events), \`${bobName}\` (2 events)`);
    // Bob exported 299 s of Alice's clock before she imported, and imported 301 s of hers after
    // she exported; printed at whole seconds, rounded outwards (never tighter than proved).
    expect(md).toContain(`- **Clock of ${bobName}:** 4 min 58 s to 5 min 02 s ahead of this device’s (from the record’s order, if each clock ran steadily)`);
    expect(md).toContain('Events come from 2 devices, each time as its own device’s clock read it');
  });

  it('a one-way bundle that took an hour to arrive proves little: the clocks are said to be not reconciled', async () => {
    const { t, alice, bob } = twoLaptops();
    vi.setSystemTime(t);
    const incident = alice.createIncidentSync({ title: 'Disk full', severity: 'SEV3' });
    bob.importBundle(parseBundle(await exported(alice, incident.id, 'json')));
    // Alice's export, and so Bob's import record, are in Bob's bundle: his import bounds his clock from above only...
    vi.setSystemTime(t + 10 * 60_000);
    await bob.appendEvent(incident.id, { kind: 'note', payload: { text: 'df shows 100% on /var' } });
    const bobs = parseBundle(await exported(bob, incident.id, 'json'));
    vi.setSystemTime(t + 70 * 60_000);
    alice.importBundle(bobs);
    const md = await exported(alice, incident.id, 'md');
    // ...and Alice imported it an hour later: together they do not pin it down (an hour, plus the
    // millisecond a reading may be rounded by, printed rounded outwards to the minute).
    expect(md).toMatch(/- \*\*Clock of [0-9a-f]{8}:\*\* not reconciled; the record only bounds it between 1 h 01 min behind and 1 ms ahead of this device’s/);
  });

  it('a single laptop’s report says nothing about clocks', async () => {
    const alice = laptop('alice');
    const incident = alice.createIncidentSync({ title: 'Quiet', severity: 'SEV4' });
    const md = await exported(alice, incident.id, 'md');
    expect(md).not.toContain('Recording devices');
    expect(md).not.toContain('Clock');
  });
});
