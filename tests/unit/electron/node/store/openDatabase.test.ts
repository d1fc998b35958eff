import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../../../electron/common/errors';
import { migrate } from '../../../../../electron/node/store/migrate';
import type { Migration } from '../../../../../electron/node/store/migrations';
import { LATEST_SCHEMA_VERSION } from '../../../../../electron/node/store/migrations';
import { openDatabase } from '../../../../../electron/node/store/openDatabase';
import { IncidentStore } from '../../../../../electron/node/store/incidentStore';
import { useTempDirs } from './tempDir';

const tempDir = useTempDirs();

function refusal(file: string): UserError {
  try {
    openDatabase(file).close();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error('openDatabase accepted the file');
}

/** A real database with enough timeline to span many pages, checkpointed into the main file. */
async function populatedDatabase(file: string): Promise<void> {
  const store = IncidentStore.open(file);
  const incident = await store.createIncident({ title: 'Checkout errors', severity: 'SEV2' });
  await Promise.all(
    Array.from({ length: 400 }, (_, i) => store.appendEvent(incident.id, { kind: 'note', payload: { text: `observation ${i} `.repeat(8) } })),
  );
  store.close();
  // Closing the last connection checkpoints the WAL into the main file and removes it.
  expect(existsSync(`${file}-wal`)).toBe(false);
}

describe('openDatabase', () => {
  it('creates a new database at the latest schema with WAL, FULL sync and foreign keys', () => {
    const file = join(tempDir(), 'warroom.db');
    const db = openDatabase(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      const tables = db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'").all() as { name: string; strict: number }[];
      expect(tables.map((t) => t.name).sort()).toEqual(
        ['checklist_state', 'command_records', 'events', 'incident_variables', 'incidents', 'meta', 'output_chunks', 'terminal_tabs'].sort(),
      );
      for (const table of tables) expect({ table: table.name, strict: table.strict }).toEqual({ table: table.name, strict: 1 });
    } finally {
      db.close();
    }
  });

  it('reopens an up-to-date database without changing its data', async () => {
    const file = join(tempDir(), 'warroom.db');
    const first = IncidentStore.open(file);
    const incident = await first.createIncident({ title: 'DNS failures', severity: 'SEV1' });
    const deviceId = first.deviceId;
    first.close();
    const second = IncidentStore.open(file);
    expect(second.getIncident(incident.id)?.title).toBe('DNS failures');
    expect(second.deviceId).toBe(deviceId);
    second.close();
  });

  it('refuses a database from a newer War Room and leaves it byte-identical', () => {
    const file = join(tempDir(), 'warroom.db');
    openDatabase(file).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 7}`);
    raw.close();
    const before = readFileSync(file);

    const error = refusal(file);
    expect(error.code).toBe('E_DB_NEWER');
    expect(error.message).toContain('newer War Room');
    expect(error.message).toContain(file);
    expect(error.message).not.toContain('\n');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a damaged database, says how to recover, and leaves it byte-identical', async () => {
    const file = join(tempDir(), 'warroom.db');
    await populatedDatabase(file);
    const pristine = readFileSync(file);
    const pageSize = pristine.readUInt16BE(16);
    const pages = pristine.length / pageSize;
    expect(pages).toBeGreaterThan(10);
    // Garbage over three pages in the middle of the file, as a torn write or bad sector leaves.
    const damaged = Buffer.from(pristine);
    for (const page of [Math.floor(pages / 3), Math.floor(pages / 2), pages - 2]) {
      for (let i = 0; i < pageSize; i++) damaged[page * pageSize + i] = (i * 131 + page * 7) & 0xff;
    }
    writeFileSync(file, damaged);

    const error = refusal(file);
    expect(error.code).toBe('E_DB_DAMAGED');
    expect(error.message).toContain('damaged');
    expect(error.message).toContain('.recover');
    expect(error.message).not.toContain('\n');
    expect(readFileSync(file).equals(damaged)).toBe(true);
  });

  it('refuses a database whose schema page is garbage, untouched', async () => {
    const file = join(tempDir(), 'warroom.db');
    await populatedDatabase(file);
    const damaged = readFileSync(file);
    // Keep the 100-byte file header (so it still looks like SQLite); wreck the schema b-tree.
    damaged.fill(0xa5, 100, 4096);
    writeFileSync(file, damaged);

    expect(refusal(file).code).toBe('E_DB_DAMAGED');
    expect(readFileSync(file).equals(damaged)).toBe(true);
  });

  it('refuses a file that is not SQLite and leaves it byte-identical', () => {
    const file = join(tempDir(), 'warroom.db');
    const text = Buffer.from('# Incident notes\nThis is a Markdown file, not a database.\n'.repeat(200));
    writeFileSync(file, text);

    const error = refusal(file);
    expect(error.code).toBe('E_DB_NOT_SQLITE');
    expect(error.message).toContain('not an SQLite file');
    expect(readFileSync(file).equals(text)).toBe(true);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('treats an empty file as a new database', () => {
    const file = join(tempDir(), 'warroom.db');
    writeFileSync(file, '');
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });
});

describe('migrate', () => {
  const createA: Migration = { version: 1, up: (db) => db.exec('CREATE TABLE a (x INTEGER) STRICT') };
  const createB: Migration = { version: 2, up: (db) => db.exec('CREATE TABLE b (y INTEGER) STRICT') };

  it('applies every pending migration and records the version', () => {
    const db = new Database(join(tempDir(), 'm.db'));
    expect(migrate(db, [createA], 'm.db')).toEqual({ from: 0, to: 1 });
    expect(migrate(db, [createA, createB], 'm.db')).toEqual({ from: 1, to: 2 });
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name IN ('a', 'b')").pluck().get()).toBe(2);
    db.close();
  });

  it('applies pending migrations in one transaction: a failure leaves the old version intact', () => {
    const db = new Database(join(tempDir(), 'm.db'));
    const broken: Migration = { version: 2, up: () => { throw new Error('boom'); } };
    expect(() => migrate(db, [createA, broken], 'm.db')).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'a'").pluck().get()).toBe(0);
    db.close();
  });

  it('rejects a migration list with a gap', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [createB], 'x')).toThrow(/migration list is broken/);
    db.close();
  });
});
