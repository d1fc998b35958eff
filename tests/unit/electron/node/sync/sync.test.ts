import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../../../electron/node/cli/main';
import { mirrorDir, readSyncState } from '../../../../../electron/node/sync/syncState';
import { createFixture, GITHUB_TOKEN, SECRET_VALUE, tempDataDir } from '../report/incidentFixture';
import { allObjectsText, bareRemote, git, makeLaptop, noteTexts, tamperRemote } from './syncHarness';
import { capture } from '../cli/captureIo';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

// Real git, several stores and the redactor per sync: slow on 2 loaded cores.
describe('warroom sync: laptops against one bare repository', { timeout: 120_000 }, () => {
  it('an incident created on A appears on B after one sync each; notes from both appear once on both; a repeated sync adds nothing', async () => {
    const remote = bareRemote(cleanups);
    const a = makeLaptop('alice', cleanups);
    const b = makeLaptop('bob', cleanups);
    const incident = a.store.createIncidentSync({ title: 'Checkout 502s', severity: 'SEV2' });
    await a.store.appendEvent(incident.id, { kind: 'note', payload: { text: 'alice: LB shows 502s' } });

    const first = await a.sync(remote);
    expect(first).toMatchObject({ pushed: 2, pulled: 0, devices: 0, initialised: true });
    const pulled = await b.sync(remote);
    expect(pulled).toMatchObject({ pulled: 2, devices: 1 });
    expect(b.store.getIncident(incident.id)).toMatchObject({ title: 'Checkout 502s', severity: 'SEV2' });
    expect(noteTexts(b.store, incident.id)).toEqual(['alice: LB shows 502s']);

    await b.store.appendEvent(incident.id, { kind: 'note', payload: { text: 'bob: DB pool at max' } });
    await b.sync();
    await a.sync();
    for (const laptop of [a, b]) {
      expect(noteTexts(laptop.store, incident.id).sort()).toEqual(['alice: LB shows 502s', 'bob: DB pool at max']);
      // Every device's chain verifies on every laptop.
      const chains = laptop.store.verifyChains(incident.id);
      expect(chains).toHaveLength(2);
      expect(chains.every((c) => c.ok)).toBe(true);
    }

    // Settled: nothing moves either way, and no commit is made.
    await b.sync();
    const head = git(['--git-dir', remote, 'rev-parse', 'refs/heads/main']);
    const counts = [a.store.getEvents(incident.id).length, b.store.getEvents(incident.id).length];
    expect(await a.sync()).toMatchObject({ pushed: 0, pulled: 0 });
    expect(await b.sync()).toMatchObject({ pushed: 0, pulled: 0 });
    expect(git(['--git-dir', remote, 'rev-parse', 'refs/heads/main'])).toBe(head);
    expect([a.store.getEvents(incident.id).length, b.store.getEvents(incident.id).length]).toEqual(counts);

    // B's report names every responder and the device each recorded on.
    const report = capture();
    expect(await runCli(['export', incident.id, '--format', 'md', '--out', '-', '--data', b.dataDir], report.io)).toBe(0);
    expect(report.out[0]).toContain(`**Responders:** alice on \`${a.store.deviceId.slice(0, 8)}\`, bob on \`${b.store.deviceId.slice(0, 8)}\` (this device)`);
    expect(report.out[0]).toContain('Synced 2 events from device');
  });

  it('three laptops: each sees every note once; the remote holds one file set per device', async () => {
    const remote = bareRemote(cleanups);
    const [a, b, c] = ['alice', 'bob', 'carol'].map((n) => makeLaptop(n, cleanups));
    const incident = a!.store.createIncidentSync({ title: 'Queue backlog', severity: 'SEV3' });
    await a!.sync(remote);
    await b!.sync(remote);
    await c!.sync(remote);
    for (const laptop of [a!, b!, c!]) await laptop.store.appendEvent(incident.id, { kind: 'note', payload: { text: `${laptop.name} was here` } });
    for (const laptop of [a!, b!, c!, a!, b!]) await laptop.sync();
    for (const laptop of [a!, b!, c!]) expect(noteTexts(laptop.store, incident.id).sort()).toEqual(['alice was here', 'bob was here', 'carol was here']);
    const files = git(['--git-dir', remote, 'ls-tree', '-r', '--name-only', 'main']).trim().split('\n');
    const devices = [a!, b!, c!].map((l) => l.store.deviceId);
    expect(files.sort()).toEqual(
      ['warroom-sync.json', ...devices.flatMap((d) => [`incidents/${incident.id}/${d}.commands.jsonl`, `incidents/${incident.id}/${d}.json`, `incidents/${incident.id}/${d}.jsonl`])].sort(),
    );
  });

  it('a secret typed in A is in no object of the remote; B gets the redacted record with its chain verified', async () => {
    const remote = bareRemote(cleanups);
    const fixture = await createFixture({ withRunbook: false });
    cleanups.push(() => {
      fixture.store.close();
      fixture.cleanup();
    });
    const a = makeLaptop('alice', cleanups, fixture.dataDir);
    // The fixture's own store and the laptop's share the data dir, as two processes would.
    await a.sync(remote);
    const objects = allObjectsText(remote);
    expect(objects).toContain('Checkout API returns 502s');
    expect(objects).not.toContain(SECRET_VALUE);
    expect(objects).not.toContain('Hunter2');
    expect(objects).not.toContain(GITHUB_TOKEN);
    expect(objects).toContain('[REDACTED');

    const b = makeLaptop('bob', cleanups);
    await b.sync(remote);
    const commands = b.store.listCommands(fixture.incidentId);
    expect(commands).toHaveLength(3);
    expect(commands.map((c) => c.commandLine).join('\n')).not.toContain(SECRET_VALUE);
    expect(b.store.verifyChains(fixture.incidentId).every((c) => c.ok)).toBe(true);
    expect(b.store.getIncident(fixture.incidentId)?.status).toBe('resolved');
  });

  it('a tampered line on the remote is named and its events from there on refused', async () => {
    const remote = bareRemote(cleanups);
    const a = makeLaptop('alice', cleanups);
    const incident = a.store.createIncidentSync({ title: 'Disk full', severity: 'SEV2' });
    for (const text of ['one', 'two', 'three']) await a.store.appendEvent(incident.id, { kind: 'note', payload: { text } });
    await a.sync(remote);

    // Someone with push access rewrites "two" in A's file on the remote.
    const segment = `incidents/${incident.id}/${a.store.deviceId}.jsonl`;
    const at = git(['--git-dir', remote, 'show', `main:${segment}`]).split('\n').findIndex((l) => l.includes('"text":"two"'));
    tamperRemote(remote, segment, (text) => text.replace('"text":"two"', '"text":"TWO (all fine)"'), cleanups);

    const b = makeLaptop('bob', cleanups);
    const out = capture();
    expect(await runCli(['sync', '--remote', remote, '--data', b.dataDir], out.io)).toBe(0);
    expect(out.err.join('\n')).toMatch(new RegExp(`device ${a.store.deviceId}'s chain in incident ${incident.id} breaks at line ${at + 1} \\(event \\w+\\): its content does not match its digest.*; 2 events from there refused`));
    b.store.flush();
    const bStore = makeLaptop('bob-again', cleanups, b.dataDir).store;
    expect(noteTexts(bStore, incident.id)).toEqual(['one']);
  });

  it('a sync that resumes a chain it verified before still refuses a tampered new line', async () => {
    const remote = bareRemote(cleanups);
    const a = makeLaptop('alice', cleanups);
    const b = makeLaptop('bob', cleanups);
    const incident = a.store.createIncidentSync({ title: 'Cache stampede', severity: 'SEV3' });
    await a.sync(remote);
    await b.sync(remote);
    for (const text of ['four', 'five']) await a.store.appendEvent(incident.id, { kind: 'note', payload: { text } });
    await a.sync();
    tamperRemote(remote, `incidents/${incident.id}/${a.store.deviceId}.jsonl`, (text) => text.replace('"text":"five"', '"text":"FIVE"'), cleanups);
    const report = await b.sync();
    expect(report.refusedChains).toEqual([expect.objectContaining({ deviceId: a.store.deviceId, line: 3, refused: 1 })]);
    expect(noteTexts(b.store, incident.id)).toEqual(['four']);
  });

  it('a push race between two devices ends with both histories whole', async () => {
    const remote = bareRemote(cleanups);
    const a = makeLaptop('alice', cleanups);
    const b = makeLaptop('bob', cleanups);
    const incident = a.store.createIncidentSync({ title: 'Race', severity: 'SEV3' });
    await a.sync(remote);
    await b.sync(remote);
    for (let round = 0; round < 3; round++) {
      await a.store.appendEvent(incident.id, { kind: 'note', payload: { text: `a${round}` } });
      await b.store.appendEvent(incident.id, { kind: 'note', payload: { text: `b${round}` } });
      // Both push at once: one is rejected, fetches and pushes again.
      await Promise.all([a.sync(), b.sync()]);
    }
    await a.sync();
    await b.sync();
    const expected = ['a0', 'a1', 'a2', 'b0', 'b1', 'b2'];
    expect(noteTexts(a.store, incident.id).sort()).toEqual(expected);
    expect(noteTexts(b.store, incident.id).sort()).toEqual(expected);
    // The remote's history is linear (no merge commits) and each device's file is its whole chain.
    expect(git(['--git-dir', remote, 'rev-list', '--merges', 'main']).trim()).toBe('');
    for (const laptop of [a, b]) {
      const segment = git(['--git-dir', remote, 'show', `main:incidents/${incident.id}/${laptop.store.deviceId}.jsonl`]).trim().split('\n');
      expect(segment).toHaveLength(laptop.store.countDeviceEvents(incident.id, laptop.store.deviceId));
    }
  });

  it('concurrent status changes resolve by when they happened (ties by device id), the timeline keeps both', async () => {
    const remote = bareRemote(cleanups);
    const a = makeLaptop('alice', cleanups);
    const b = makeLaptop('bob', cleanups);
    const incident = a.store.createIncidentSync({ title: 'Flapping', severity: 'SEV3' });
    await a.sync(remote);
    await b.sync(remote);
    const t = Date.now();
    // B's change happened later but is synced first.
    await b.store.updateIncident(incident.id, { status: 'monitoring', severity: 'SEV1' }, { occurredAt: t + 2000 });
    await a.store.updateIncident(incident.id, { status: 'identified', severity: 'SEV2' }, { occurredAt: t + 1000 });
    await b.sync();
    await a.sync();
    await b.sync();
    for (const laptop of [a, b]) {
      expect(laptop.store.getIncident(incident.id)).toMatchObject({ status: 'monitoring', severity: 'SEV1' });
      expect(laptop.store.getEvents(incident.id).filter((e) => e.kind === 'status.changed')).toHaveLength(2);
    }
    // The same moment: the higher device id wins, on both.
    await a.store.updateIncident(incident.id, { commander: 'alice' }, { occurredAt: t + 5000 });
    await b.store.updateIncident(incident.id, { commander: 'bob' }, { occurredAt: t + 5000 });
    await a.sync();
    await b.sync();
    await a.sync();
    const winner = a.store.deviceId > b.store.deviceId ? 'alice' : 'bob';
    expect(a.store.getIncident(incident.id)?.commander).toBe(winner);
    expect(b.store.getIncident(incident.id)?.commander).toBe(winner);
  });

  it('a private incident never reaches the remote', async () => {
    const remote = bareRemote(cleanups);
    const a = makeLaptop('alice', cleanups);
    const shared = a.store.createIncidentSync({ title: 'Shared outage', severity: 'SEV2' });
    const secret = a.store.createIncidentSync({ title: 'HR laptop theft', severity: 'SEV3' });
    a.store.flush();
    const out = capture();
    expect(await runCli(['sync', '--private', secret.id, '--data', a.dataDir], out.io)).toBe(0);
    expect(out.out[0]).toContain('is private');
    await a.sync(remote);
    const objects = allObjectsText(remote);
    expect(objects).toContain(shared.id);
    expect(objects).not.toContain(secret.id);
    expect(objects).not.toContain('HR laptop theft');
  });

  it('prints one line; the remote is remembered; a bad remote is one line on stderr, exit 1, nothing local changed', async () => {
    const remote = bareRemote(cleanups);
    const a = makeLaptop('alice', cleanups);
    a.store.createIncidentSync({ title: 'One', severity: 'SEV3' });
    a.store.flush();
    const first = capture();
    expect(await runCli(['sync', '--remote', `file://${remote}`, '--data', a.dataDir], first.io)).toBe(0);
    expect(first.out).toEqual(['pushed 1, pulled 0 from 0 devices']);
    expect(readSyncState(a.dataDir).remote).toBe(`file://${remote}`);
    const again = capture();
    expect(await runCli(['sync', '--data', a.dataDir], again.io)).toBe(0);
    expect(again.out).toEqual(['pushed 0, pulled 0 from 0 devices']);

    // A fresh data dir and a remote that does not exist: nothing is created.
    const fresh = path.join(tempDataDir('warroom-sync-fresh-'), 'data');
    const bad = capture();
    expect(await runCli(['sync', '--remote', '/nonexistent/team.git', '--data', fresh], bad.io)).toBe(1);
    expect(bad.err).toHaveLength(1);
    expect(bad.err[0]).toMatch(/^warroom sync: cannot reach the sync remote \/nonexistent\/team\.git: .+/);
    expect(bad.err[0]).not.toContain('\n');
    expect(fs.existsSync(fresh)).toBe(false);
    // No remote given and none remembered: said so, nothing created.
    const none = capture();
    expect(await runCli(['sync', '--data', fresh], none.io)).toBe(1);
    expect(none.err).toEqual([expect.stringMatching(/^warroom sync: no sync remote for this data directory yet/)]);
    expect(fs.existsSync(fresh)).toBe(false);

    // An existing data dir with its remembered remote: the state, mirror and store stay as they were.
    const stateBefore = fs.readFileSync(path.join(a.dataDir, 'sync', 'state.json'), 'utf8');
    const mirrorRefs = git(['--git-dir', mirrorDir(a.dataDir), 'for-each-ref']);
    const bad2 = capture();
    expect(await runCli(['sync', '--remote', 'ssh://127.0.0.1:1/nowhere.git', '--data', a.dataDir], bad2.io)).toBe(1);
    expect(bad2.err).toHaveLength(1);
    expect(fs.readFileSync(path.join(a.dataDir, 'sync', 'state.json'), 'utf8')).toBe(stateBefore);
    expect(git(['--git-dir', mirrorDir(a.dataDir), 'for-each-ref'])).toBe(mirrorRefs);

    // A repository that is not a War Room sync remote is refused, not written to.
    const foreign = bareRemote(cleanups);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-foreign-'));
    cleanups.push(() => fs.rmSync(work, { recursive: true, force: true }));
    git(['clone', '--quiet', foreign, work]);
    fs.writeFileSync(path.join(work, 'README.md'), 'our service\n');
    git(['add', '.'], { cwd: work });
    git(['-c', 'user.name=x', '-c', 'user.email=x@example.invalid', 'commit', '--quiet', '-m', 'x'], { cwd: work });
    git(['push', '--quiet', 'origin', 'HEAD:main'], { cwd: work });
    const before = git(['--git-dir', foreign, 'rev-parse', 'main']);
    const refused = capture();
    expect(await runCli(['sync', '--remote', foreign, '--data', a.dataDir], refused.io)).toBe(1);
    expect(refused.err[0]).toMatch(/is not a War Room sync remote/);
    expect(git(['--git-dir', foreign, 'rev-parse', 'main'])).toBe(before);
    expect(readSyncState(a.dataDir).remote).toBe(`file://${remote}`);
  });
});

describe('the files on the remote match docs/sync-schema.json', () => {
  it('marker, manifest, every event line and command line of a realistic incident', { timeout: 120_000 }, async () => {
    const remote = bareRemote(cleanups);
    const fixture = await createFixture({ withRunbook: true });
    cleanups.push(() => {
      fixture.store.close();
      fixture.cleanup();
    });
    const a = makeLaptop('alice', cleanups, fixture.dataDir);
    await a.sync(remote);
    const schema = JSON.parse(fs.readFileSync(new URL('../../../../../docs/sync-schema.json', import.meta.url), 'utf8')) as object;
    const ajv = new Ajv({ allErrors: true });
    ajv.addSchema(schema, 'sync');
    const check = (definition: string, value: unknown) => {
      const ok = ajv.validate(`sync#/definitions/${definition}`, value);
      expect(ok, `${definition}: ${ajv.errorsText()}`).toBe(true);
    };
    const files = git(['--git-dir', remote, 'ls-tree', '-r', '--name-only', 'main']).trim().split('\n');
    const read = (file: string) => git(['--git-dir', remote, 'show', `main:${file}`]);
    check('marker', JSON.parse(read('warroom-sync.json')));
    let lines = 0;
    for (const file of files) {
      if (!file.startsWith('incidents/')) continue;
      if (!file.endsWith('.jsonl')) {
        check('manifest', JSON.parse(read(file)));
        continue;
      }
      const definition = file.endsWith('.commands.jsonl') ? 'commandLine' : 'eventLine';
      for (const line of read(file).trim().split('\n')) {
        check(definition, JSON.parse(line));
        lines++;
      }
    }
    expect(lines).toBeGreaterThan(15);
  });
});
