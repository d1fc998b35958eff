import type { Database } from 'better-sqlite3';
import { UserError } from '../../common/errors';
import type { Migration } from './migrations';

/**
 * Brings the schema up to date the way Signal's `updateSchema` does: all pending migrations in
 * ONE transaction (a crash halfway leaves the old version, never a half-migrated one), then
 * `user_version`. BEGIN IMMEDIATE so two processes opening the same data dir at once migrate
 * one after the other, the second seeing the first's work.
 */
export function migrate(db: Database, migrations: readonly Migration[], file: string): { from: number; to: number } {
  assertContiguous(migrations);
  const latest = migrations.length;
  db.exec('BEGIN IMMEDIATE');
  try {
    const from = db.pragma('user_version', { simple: true }) as number;
    if (from > latest) throw newerDatabaseError(file, from, latest);
    for (const migration of migrations) {
      if (migration.version > from) migration.up(db);
    }
    // PRAGMA takes no bound parameters; `latest` is our own integer.
    if (latest !== from) db.pragma(`user_version = ${latest}`);
    db.exec('COMMIT');
    return { from, to: latest };
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

export function newerDatabaseError(file: string, version: number, latest: number): UserError {
  return new UserError(
    `${file} was written by a newer War Room (schema ${version}; this version knows up to ${latest}) — ` +
      'update War Room to open it; the file was left untouched.',
    'E_DB_NEWER',
  );
}

function assertContiguous(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`migration list is broken: entry ${index} has version ${migration.version}, expected ${index + 1}`);
    }
  });
}
