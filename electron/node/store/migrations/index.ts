/**
 * Every migration, in version order. Add-only: append the next file, never edit a shipped one
 * (a database somewhere already ran it).
 */
import { migration as m001 } from './001-initial';
import { migration as m002 } from './002-timeline-order';
import { migration as m003 } from './003-action-items';
import type { Migration } from './migration';

export type { Migration } from './migration';

export const MIGRATIONS: readonly Migration[] = [m001, m002, m003];

/** The schema version this build writes; a database with a higher `user_version` is refused. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
