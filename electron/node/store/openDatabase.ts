/**
 * Opens (or creates) the War Room database and brings its schema up to date — or refuses,
 * leaving the file exactly as it was, when it is not SQLite, was written by a newer War Room,
 * or fails its integrity check. A damaged file is evidence: the responder gets told how to
 * recover it, and nothing here ever writes to it.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { UserError } from '../../common/errors';
import { migrate, newerDatabaseError } from './migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';

export type SqliteDatabase = Database.Database;

export interface OpenDatabaseOptions {
  /**
   * Path of a `better_sqlite3.node` built for the running runtime. Inside Electron the Node
   * build in node_modules has the wrong ABI, so the host passes its Electron-ABI copy here.
   */
  nativeBinding?: string;
}

/** The database's file name inside a data directory. */
export const DATABASE_FILE_NAME = 'warroom.db';

/**
 * How long a statement waits for another process (the app, `warroom serve`, the CLI) to
 * release the write lock before failing. Group commits hold it for milliseconds; 5 s rides
 * out a checkpoint or a large import without making a stuck lock look like a hang.
 */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Above this size the open-time check is `quick_check` (page structure, no index-vs-table
 * cross-check), about half the work of `integrity_check`; both read the whole file. Measured
 * here: integrity_check ≈ 6 ms/MB, quick_check ≈ 3 ms/MB, so a 16 MB file (≈ 30 000 events)
 * still opens in about 100 ms with the full check, and larger ones stay tolerable.
 */
export const FULL_INTEGRITY_CHECK_MAX_BYTES = 16 * 1024 * 1024;

/** Every SQLite 3 database file starts with these 16 bytes. */
const SQLITE_MAGIC = 'SQLite format 3\0';

export function openDatabase(file: string, options: OpenDatabaseOptions = {}): SqliteDatabase {
  const size = fileSize(file);
  if (size !== null && size > 0) probeExisting(file, size, options);

  let db: SqliteDatabase;
  try {
    db = new Database(file, { nativeBinding: options.nativeBinding, timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw new UserError(`Cannot open the War Room database ${file}: ${describe(error)} — check the path and its permissions.`, 'E_DB_OPEN');
  }
  try {
    // WAL: readers never block the writer, and a commit is one sequential append + fsync.
    db.pragma('journal_mode = WAL');
    // FULL: the WAL is synced at every commit, so an acknowledged event survives power loss.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS, file);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof UserError) throw error;
    throw new UserError(`Cannot prepare the War Room database ${file}: ${describe(error)} — it was not modified; check free disk space and permissions.`, 'E_DB_OPEN');
  }
}

/**
 * Checks an existing file through a read-only connection, so a refusal cannot have written a
 * byte: no WAL switch, no migration, no checkpoint on close.
 */
function probeExisting(file: string, size: number, options: OpenDatabaseOptions): void {
  if (!hasSqliteHeader(file)) {
    throw new UserError(
      `${file} is not a War Room database (not an SQLite file) — it was left untouched; move it aside or choose another data directory.`,
      'E_DB_NOT_SQLITE',
    );
  }
  let probe: SqliteDatabase | undefined;
  try {
    probe = new Database(file, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding, timeout: BUSY_TIMEOUT_MS });
    const version = probe.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_SCHEMA_VERSION) throw newerDatabaseError(file, version, LATEST_SCHEMA_VERSION);
    const check = size > FULL_INTEGRITY_CHECK_MAX_BYTES ? 'quick_check' : 'integrity_check';
    // Stop at the first problem: one is enough to refuse, and a badly damaged file has thousands.
    const rows = probe.pragma(`${check}(1)`) as Record<string, unknown>[];
    const result = rows.map((row) => String(Object.values(row)[0])).join('; ');
    if (result !== 'ok') throw damagedError(file, result);
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') throw damagedError(file, describe(error));
    throw new UserError(`Cannot read the War Room database ${file}: ${describe(error)} — it was left untouched; check its permissions.`, 'E_DB_OPEN');
  } finally {
    probe?.close();
  }
}

function damagedError(file: string, problem: string): UserError {
  const aside = `${file}.damaged`;
  return new UserError(
    `The War Room database ${file} is damaged (${oneLine(problem)}); it was left untouched — ` +
      `move it aside (mv "${file}" "${aside}"), recover what it holds with ` +
      `sqlite3 "${aside}" ".recover" | sqlite3 "${file}", then start War Room again.`,
    'E_DB_DAMAGED',
  );
}

function hasSqliteHeader(file: string): boolean {
  const header = Buffer.alloc(SQLITE_MAGIC.length);
  const fd = openSync(file, 'r');
  try {
    const read = readSync(fd, header, 0, header.length, 0);
    return read === header.length && header.toString('latin1') === SQLITE_MAGIC;
  } finally {
    closeSync(fd);
  }
}

function fileSize(file: string): number | null {
  try {
    return statSync(file).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new UserError(`Cannot read the War Room database ${file}: ${describe(error)} — check the path and its permissions.`, 'E_DB_OPEN');
  }
}

/** Longest problem text quoted in a one-line message. */
const MAX_PROBLEM_LENGTH = 160;

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_PROBLEM_LENGTH ? `${flat.slice(0, MAX_PROBLEM_LENGTH - 1)}…` : flat;
}

function describe(error: unknown): string {
  return oneLine(error instanceof Error ? error.message : String(error));
}
