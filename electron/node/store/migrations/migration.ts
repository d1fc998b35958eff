import type { Database } from 'better-sqlite3';

/**
 * One schema version. `up` runs inside the transaction that applies every pending migration,
 * so it must not begin or commit one itself.
 */
export interface Migration {
  version: number;
  up(db: Database): void;
}
