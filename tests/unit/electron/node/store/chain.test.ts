import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CHAIN_GENESIS } from '../../../../../electron/common/incident/eventDigest';
import type { TimelineEvent } from '../../../../../electron/common/incident/model';
import { canonicalJson } from '../../../../../electron/common/canonicalJson';
import { eventDigest, eventDigestOfCanonicalPayload } from '../../../../../electron/node/store/chain';
import { IncidentStore } from '../../../../../electron/node/store/incidentStore';
import { useTempDirs } from './tempDir';

const tempDir = useTempDirs();
const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const close of cleanup.splice(0)) close();
});

/** A store with one incident and ten notes, plus a raw connection to tamper with it. */
async function timeline(): Promise<{ store: IncidentStore; raw: Database.Database; incidentId: string; events: TimelineEvent[] }> {
  const file = join(tempDir(), 'warroom.db');
  const store = IncidentStore.open(file, { actor: 'alice' });
  const incident = await store.createIncident({ title: 'Chain', severity: 'SEV1' });
  await Promise.all(Array.from({ length: 10 }, (_, i) => store.appendEvent(incident.id, { kind: 'note', payload: { text: `note ${i}` } })));
  const raw = new Database(file);
  cleanup.push(() => {
    raw.close();
    store.close();
  });
  return { store, raw, incidentId: incident.id, events: store.getEvents(incident.id) };
}

describe('hash chains', () => {
  it('verifies an untouched timeline and reports its head', async () => {
    const { store, incidentId, events } = await timeline();
    expect(store.verifyChains(incidentId)).toEqual([
      { deviceId: store.deviceId, ok: true, events: 11, head: events.at(-1)!.chainHead, firstBadEventId: null, problem: null },
    ]);
    expect(events[0]!.chainHead).not.toBe(CHAIN_GENESIS);
  });

  it('detects a modified payload at that event', async () => {
    const { store, raw, incidentId, events } = await timeline();
    raw.exec('DROP TRIGGER events_redact_only');
    raw.prepare('UPDATE events SET payload = ? WHERE id = ?').run('{"text":"note 4 (edited)"}', events[5]!.id);
    expect(store.verifyChains(incidentId)).toMatchObject([{ ok: false, firstBadEventId: events[5]!.id, problem: expect.stringContaining('digest') }]);
  });

  it('stores payloads in canonical JSON, and still verifies one re-spelled with the same content', async () => {
    const { store, raw, incidentId, events } = await timeline();
    const event = (await store.setChecklistItem(incidentId, { runbookId: 'rb', itemId: 'i1', checked: true, text: 'Page the DBA' }))!;
    const stored = raw.prepare('SELECT payload FROM events WHERE id = ?').pluck().get(event.id) as string;
    expect(stored).toBe('{"itemId":"i1","runbookId":"rb","text":"Page the DBA"}');
    raw.exec('DROP TRIGGER events_redact_only');
    // An older version wrote JSON.stringify's spelling: keys in insertion order.
    raw.prepare('UPDATE events SET payload = ? WHERE id = ?').run('{"runbookId": "rb", "itemId": "i1", "text": "Page the DBA"}', event.id);
    raw.prepare('UPDATE events SET payload = ? WHERE id = ?').run('{ "text" : "note 0" }', events[1]!.id);
    expect(store.verifyChains(incidentId)).toMatchObject([{ ok: true, events: 12 }]);
    raw.prepare('UPDATE events SET payload = ? WHERE id = ?').run('{ "text" : "note 0 " }', events[1]!.id);
    expect(store.verifyChains(incidentId)).toMatchObject([{ ok: false, firstBadEventId: events[1]!.id, problem: expect.stringContaining('digest') }]);
  });

  it('computes the digest from a canonical payload text exactly as the recipe does', () => {
    const fields = { id: '01J0000000000000000000000A', kind: 'note' as const, occurredAt: 1_700_000_000_000, recordedAt: 1_700_000_000_123, deviceId: 'dev-ü"\\', actor: 'ali\nce', payload: { text: 'é ☃ \u0000 "q"', n: [1, 2.5, -0, null, true], nested: { b: 1, a: { d: [], c: {} } } } };
    const { payload, ...rest } = fields;
    expect(eventDigestOfCanonicalPayload('00ff', rest, canonicalJson(payload))).toBe(eventDigest('00ff', fields as never));
  });

  it('verifies in slices that let the event loop run, with the same result as in one go', async () => {
    const { store, raw, incidentId, events } = await timeline();
    await Promise.all(Array.from({ length: 4500 }, (_, i) => store.appendEvent(incidentId, { kind: 'note', payload: { text: `more ${i}` } })));
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    const sliced = await store.verifyChainsInSlices(incidentId);
    clearInterval(ticker);
    expect(turns).toBeGreaterThan(0);
    expect(sliced).toEqual(store.verifyChains(incidentId));
    expect(sliced).toMatchObject([{ ok: true, events: 4511 }]);
    raw.exec('DROP TRIGGER events_no_delete');
    raw.prepare('DELETE FROM events WHERE id = ?').run(events[6]!.id);
    expect(await store.verifyChainsInSlices(incidentId)).toMatchObject([{ ok: false, firstBadEventId: events[7]!.id, events: 4510 }]);
  });

  it('detects a modified time or actor, which the digest covers too', async () => {
    const { store, raw, incidentId, events } = await timeline();
    raw.exec('DROP TRIGGER events_no_rewrite');
    raw.prepare('UPDATE events SET occurred_at = occurred_at - 3600000 WHERE id = ?').run(events[3]!.id);
    expect(store.verifyChains(incidentId)).toMatchObject([{ ok: false, firstBadEventId: events[3]!.id }]);
  });

  it('detects a deleted event at the event after it', async () => {
    const { store, raw, incidentId, events } = await timeline();
    raw.exec('DROP TRIGGER events_no_delete');
    raw.prepare('DELETE FROM events WHERE id = ?').run(events[6]!.id);
    expect(store.verifyChains(incidentId)).toMatchObject([{ ok: false, firstBadEventId: events[7]!.id, problem: expect.stringContaining('chain breaks') }]);
  });

  it('detects reordered events', async () => {
    const { store, raw, incidentId, events } = await timeline();
    raw.exec('DROP TRIGGER events_no_rewrite');
    const setSeq = raw.prepare('UPDATE events SET seq = ? WHERE id = ?');
    raw.transaction(() => {
      setSeq.run(-1, events[2]!.id);
      setSeq.run(events[2]!.seq, events[8]!.id);
      setSeq.run(events[8]!.seq, events[2]!.id);
    })();
    expect(store.verifyChains(incidentId)).toMatchObject([{ ok: false, firstBadEventId: events[8]!.id }]);
  });

  it('detects a forged event with a recomputed digest but no valid link', async () => {
    const { store, raw, incidentId, events } = await timeline();
    raw.exec('DROP TRIGGER events_no_rewrite');
    // Swapping in another event's digest+salt (a "valid" pair) still breaks the link.
    const donor = raw.prepare('SELECT salt, digest, payload FROM events WHERE id = ?').get(events[1]!.id) as { salt: string; digest: string; payload: string };
    raw.exec('DROP TRIGGER events_redact_only');
    raw.prepare('UPDATE events SET salt = ?, digest = ?, payload = ?, id = ? WHERE id = ?').run(donor.salt, donor.digest, donor.payload, '7ZZZZZZZZZZZZZZZZZZZZZZZZZ', events[9]!.id);
    const [chain] = store.verifyChains(incidentId);
    expect(chain!.ok).toBe(false);
  });

  it('still verifies after redaction, which drops the salt and replaces the payload', async () => {
    const { store, raw, incidentId, events } = await timeline();
    const target = events[4]!;
    const redacted = await store.redactEvent(target.id, { text: '[redacted]' });
    expect(redacted).toMatchObject({ redacted: true, payload: { text: '[redacted]' }, digest: target.digest, chainHead: target.chainHead });
    expect(raw.prepare('SELECT salt FROM events WHERE id = ?').pluck().get(target.id)).toBeNull();
    expect(store.verifyChains(incidentId)).toMatchObject([{ ok: true, events: 11 }]);
    // The redacted words are gone from the search index as well.
    expect(target.kind === 'note' && target.payload.text).toBe('note 3');
    expect(store.search('note 3')).toEqual([]);
    expect(store.search('note 2')).toHaveLength(1);
    expect(store.search('redacted').map((h) => h.eventId)).toEqual([target.id]);
  });

  it('refuses to edit or delete events through SQL without dropping the guards', async () => {
    const { raw, events } = await timeline();
    expect(() => raw.prepare('DELETE FROM events WHERE id = ?').run(events[1]!.id)).toThrow(/append-only/);
    expect(() => raw.prepare("UPDATE events SET payload = '{}' WHERE id = ?").run(events[1]!.id)).toThrow(/only change by redaction/);
    expect(() => raw.prepare('UPDATE events SET seq = 99 WHERE id = ?').run(events[1]!.id)).toThrow(/append-only/);
  });

  it('keeps one valid chain when two connections append to one incident at once', async () => {
    const file = join(tempDir(), 'warroom.db');
    const a = IncidentStore.open(file, { actor: 'a', groupCommit: { windowMs: 1, maxBatch: 7 } });
    const b = IncidentStore.open(file, { actor: 'b', groupCommit: { windowMs: 2, maxBatch: 5 } });
    cleanup.push(() => {
      a.close();
      b.close();
    });
    const incident = await a.createIncident({ title: 'Shared', severity: 'SEV1' });
    const appends: Promise<TimelineEvent>[] = [];
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 6; i++) appends.push(a.appendEvent(incident.id, { kind: 'note', payload: { text: `a${round}.${i}` } }));
      for (let i = 0; i < 6; i++) appends.push(b.appendEvent(incident.id, { kind: 'note', payload: { text: `b${round}.${i}` } }));
      await new Promise((resolve) => setTimeout(resolve, round % 3));
    }
    const acked = await Promise.all(appends);
    const stored = a.getEvents(incident.id);
    expect(stored).toHaveLength(241);
    expect(stored.map((e) => e.seq)).toEqual(stored.map((_, i) => i + 1));
    expect(new Set(stored.map((e) => e.id))).toEqual(new Set([stored[0]!.id, ...acked.map((e) => e.id)]));
    expect(new Set(stored.map((e) => e.actor))).toEqual(new Set(['a', 'b']));
    expect(a.deviceId).toBe(b.deviceId);
    expect(a.verifyChains(incident.id)).toMatchObject([{ ok: true, events: 241 }]);
  });

  it('verifies device by device when events from another device are present', async () => {
    const { store, raw, incidentId } = await timeline();
    // A teammate's store, pretending to be another device, writes into a copy of the schema;
    // its events are then moved over as a merge would, keeping their digests and heads.
    const file2 = join(tempDir(), 'other.db');
    const other = IncidentStore.open(file2, { actor: 'teammate' });
    const theirs = await other.createIncident({ title: 'Chain', severity: 'SEV1' });
    await other.appendEvent(theirs.id, { kind: 'note', payload: { text: 'from the other laptop' } });
    const foreign = other.getEvents(theirs.id);
    other.close();
    raw.exec(`ATTACH '${file2}' AS o`);
    const insert = raw.prepare(
      'INSERT INTO events (id, incident_id, seq, kind, occurred_at, recorded_at, device_id, actor, payload, salt, digest, chain_head) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT salt FROM o.events WHERE id = ?), ?, ?)',
    );
    let seq = 100;
    for (const e of foreign) insert.run(e.id, incidentId, seq++, e.kind, e.occurredAt, e.recordedAt, e.deviceId, e.actor, JSON.stringify(e.payload), e.id, e.digest, e.chainHead);
    const chains = store.verifyChains(incidentId);
    expect(chains).toHaveLength(2);
    expect(chains.every((c) => c.ok)).toBe(true);
    expect(chains.find((c) => c.deviceId !== store.deviceId)).toMatchObject({ events: 2, head: foreign.at(-1)!.chainHead });
  });
});
