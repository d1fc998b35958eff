/**
 * The incidents list read straight from a data dir's database, read-only and without the store:
 * for the served console's first screen (server/firstScreen.ts), drawn into the page's HTML while
 * the host (store, terminals, runbook library) is still loading. Opening the store would run its
 * integrity check and migrations (up to ~200 ms on a large file); this reads one query's worth.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Incident } from '../../common/incident/model';
import { LATEST_SCHEMA_VERSION } from './migrations';
import { DATABASE_FILE_NAME } from './openDatabase';
import { LIST_INCIDENTS_SQL, toIncident, type IncidentRow } from './rows';

/**
 * The incidents in the data dir `dataDir`, as the list shows them: `[]` when there is no database yet; null when
 * nothing trustworthy can be read (another schema version, a damaged or locked file), in which
 * case the page waits for the host's answer as it would without a first screen.
 */
export function readIncidentList(dataDir: string): Incident[] | null {
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  if (!existsSync(file)) return [];
  let db: Database.Database | undefined;
  try {
    // A reader never blocks the host's writer in WAL mode; a short timeout never blocks the page.
    db = new Database(file, { readonly: true, fileMustExist: true, timeout: 50 });
    if (db.pragma('user_version', { simple: true }) !== LATEST_SCHEMA_VERSION) return null;
    return (db.prepare(LIST_INCIDENTS_SQL).all() as IncidentRow[]).map(toIncident);
  } catch {
    return null;
  } finally {
    db?.close();
  }
}
