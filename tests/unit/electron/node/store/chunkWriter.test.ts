import { readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { ChunkWriter, POST_AT_BYTES, POST_WAIT_MS } from '../../../../../electron/node/store/chunkWriter';
import { IncidentStore } from '../../../../../electron/node/store/incidentStore';
import { useStores, useTempDirs } from './tempDir';

// Raw terminal output goes to the database through a worker thread (chunkWriter.ts); these
// check what the rest of the host relies on: order, the barrier, close, and failures alone.
const tempDir = useTempDirs();
const openStore = useStores(tempDir);

const text = (data: Uint8Array) => Buffer.from(data).toString('utf8');

it('stores rows handed over without waiting, in order, by the time outputWritten resolves', async () => {
  const store = openStore();
  const incident = await store.createIncident({ title: 'order', severity: 'SEV3' });
  for (let i = 0; i < 300; i++) {
    void store.appendOutputChunk(incident.id, { sessionId: 's1', commandId: null, at: i, data: Buffer.from(`line ${i}\r\n`) });
    // Rows handed over across several turns of the event loop.
    if (i % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await store.outputWritten();
  const rows = [...store.iterateOutputChunks('s1')];
  expect(rows.map((row) => text(row.data))).toEqual(Array.from({ length: 300 }, (_, i) => `line ${i}\r\n`));
});

it('strikes rows that were still on their way to the database', async () => {
  const store = openStore();
  const incident = await store.createIncident({ title: 'strike', severity: 'SEV3' });
  const { command } = await store.startCommand(incident.id, { sessionId: 's1', commandLine: 'env' });
  for (let i = 0; i < 20; i++) void store.appendOutputChunk(incident.id, { sessionId: 's1', commandId: command.id, at: i, data: Buffer.from(`TOKEN=${i}\r\n`) });
  await store.strikeOutput(command.id, 'token');
  await store.outputWritten();
  expect([...store.iterateOutputChunks('s1')]).toEqual([]);
});

it('commits what was handed over before close, and close leaves one file', async () => {
  const file = join(tempDir(), 'warroom.db');
  const store = IncidentStore.open(file);
  const incident = await store.createIncident({ title: 'close', severity: 'SEV3' });
  for (let i = 0; i < 10; i++) void store.appendOutputChunk(incident.id, { sessionId: 's1', commandId: null, at: i, data: Buffer.alloc(64 * 1024, 0x61 + i) });
  store.close();
  expect(readdirSync(join(file, '..'))).toEqual(['warroom.db']);
  const reopened = openStore(file);
  const rows = [...reopened.iterateOutputChunks('s1')];
  expect(rows.map((row) => [row.data.length, row.data[0]])).toEqual(Array.from({ length: 10 }, (_, i) => [64 * 1024, 0x61 + i]));
});

it('fails a row of an unknown incident alone: the others of its batch are stored', async () => {
  const store = openStore();
  const incident = await store.createIncident({ title: 'mixed', severity: 'SEV3' });
  const good = store.appendOutputChunk(incident.id, { sessionId: 's1', commandId: null, at: 1, data: Buffer.from('kept') });
  const bad = store.appendOutputChunk('01UNKNOWNINCIDENT', { sessionId: 's1', commandId: null, at: 2, data: Buffer.from('lost') });
  const after = store.appendOutputChunk(incident.id, { sessionId: 's1', commandId: null, at: 3, data: Buffer.from('also kept') });
  await expect(bad).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
  await Promise.all([good, after]);
  expect([...store.iterateOutputChunks('s1')].map((row) => text(row.data))).toEqual(['kept', 'also kept']);
});

it.runIf(process.platform === 'linux')('writes from a thread at a lower CPU priority than the rest of the host', async () => {
  const niceOf = (tid: string) => {
    try {
      return Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]?.split(' ')[16]);
    } catch {
      return NaN; // The thread ended between the listing and the read (an earlier test's worker).
    }
  };
  const before = new Set(readdirSync('/proc/self/task').filter((tid) => niceOf(tid) === 10));
  const store = openStore();
  const incident = await store.createIncident({ title: 'nice', severity: 'SEV3' });
  await store.appendOutputChunk(incident.id, { sessionId: 's1', commandId: null, at: 1, data: Buffer.from('x') });
  const lowered = readdirSync('/proc/self/task').filter((tid) => niceOf(tid) === 10 && !before.has(tid));
  expect(lowered.length).toBeGreaterThanOrEqual(1);
  expect(niceOf(String(process.pid))).toBe(0);
});

it('moves the bytes of a row handed over to the writer instead of copying them, and copies the others', async () => {
  const store = openStore();
  const incident = await store.createIncident({ title: 'hand over', severity: 'SEV3' });
  const given = new Uint8Array(64 * 1024).fill(0x67);
  const kept = new Uint8Array(64 * 1024).fill(0x6b);
  await Promise.all([
    store.appendOutputChunk(incident.id, { sessionId: 's1', commandId: null, at: 1, data: given, handOver: true }),
    store.appendOutputChunk(incident.id, { sessionId: 's1', commandId: null, at: 2, data: kept }),
  ]);
  expect(given.byteLength).toBe(0);
  expect(kept.byteLength).toBe(64 * 1024);
  expect([...store.iterateOutputChunks('s1')].map((row) => [row.data.length, row.data[0]])).toEqual([
    [64 * 1024, 0x67],
    [64 * 1024, 0x6b],
  ]);
});

it('writes rows on the event loop when the writer thread cannot run, and loses none that were only copied', async () => {
  const dir = tempDir();
  const store = openStore(join(dir, 'warroom.db'));
  const incident = await store.createIncident({ title: 'no writer', severity: 'SEV3' });
  // The worker opens the file by name: gone from there, it fails at start.
  renameSync(join(dir, 'warroom.db'), join(dir, 'moved.db'));
  const rows = Array.from({ length: 5 }, (_, i) => store.appendOutputChunk(incident.id, { sessionId: 's1', commandId: null, at: i, data: Buffer.from(`row ${i}`) }));
  await Promise.all(rows);
  await store.appendOutputChunk(incident.id, { sessionId: 's1', commandId: null, at: 5, data: Buffer.from('row 5') });
  expect([...store.iterateOutputChunks('s1')].map((row) => text(row.data))).toEqual(['row 0', 'row 1', 'row 2', 'row 3', 'row 4', 'row 5']);
});

it('commits the rows of a flood in few transactions: at POST_AT_BYTES, or POST_WAIT_MS after the first', async () => {
  const db = new Database(join(tempDir(), 'rows.db'));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE chunk (incident_id TEXT, session_id TEXT, command_id TEXT, at INTEGER, data BLOB)');
  let commits = 0;
  const writer = ChunkWriter.start(db, { insertSql: 'INSERT INTO chunk VALUES (?, ?, ?, ?, ?)', autocheckpointPages: 1000, onCommit: () => commits++ });
  if (!writer) throw new Error('the writer did not start');
  try {
    // A pty batch per turn of the event loop, as a flood hands them over: 1.5 × POST_AT_BYTES.
    const batch = 64 * 1024;
    const count = (1.5 * POST_AT_BYTES) / batch;
    const started = Date.now();
    const stored: Promise<void>[] = [];
    for (let i = 0; i < count; i++) {
      stored.push(writer.append({ incidentId: 'i1', sessionId: 's1', commandId: null, at: i, data: new Uint8Array(batch).fill(i) }, true));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(stored);
    // The first POST_AT_BYTES went at once, the rest after its wait: two transactions, not 24.
    expect(commits).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(POST_WAIT_MS - 1);
    const rows = db.prepare('SELECT at, data FROM chunk ORDER BY rowid').all() as { at: number; data: Buffer }[];
    expect(rows.map((row) => [row.at, row.data.length, row.data[0]])).toEqual(Array.from({ length: count }, (_, i) => [i, batch, i]));
  } finally {
    writer.close();
    db.close();
  }
});
