/**
 * What the team sync keeps in the data dir, beside the database, in `sync/`:
 * `state.json` (the remembered remote, the incidents marked private, the last sync's outcome,
 * which remote files were already imported) and `mirror.git` (a bare repository: the local
 * copy of the remote's history). Private marks are local: they never leave this machine.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../common/errors';

export interface LastSync {
  at: number;
  ok: boolean;
  /** The one line the sync printed, or its error. */
  message: string;
  pushed: number;
  pulled: number;
  devices: number;
}

export interface SyncState {
  remote: string | null;
  private: string[];
  lastSync: LastSync | null;
  /** Remote path → blob id already imported whole (skipped until it changes). */
  imported: Record<string, string>;
  /**
   * Another device's events file: how many lines were verified and imported, and the chain
   * head of the last. The next sync verifies only the lines after it, from that head.
   */
  segments: Record<string, { lines: number; head: string }>;
}

export const SYNC_DIR = 'sync';

export function syncDir(dataDir: string): string {
  return path.join(dataDir, SYNC_DIR);
}

export function mirrorDir(dataDir: string): string {
  return path.join(syncDir(dataDir), 'mirror.git');
}

function stateFile(dataDir: string): string {
  return path.join(syncDir(dataDir), 'state.json');
}

export function readSyncState(dataDir: string): SyncState {
  const empty: SyncState = { remote: null, private: [], lastSync: null, imported: {}, segments: {} };
  let text: string;
  try {
    text = fs.readFileSync(stateFile(dataDir), 'utf8');
  } catch {
    return empty;
  }
  try {
    const value = JSON.parse(text) as Partial<SyncState>;
    return {
      remote: typeof value.remote === 'string' ? value.remote : null,
      private: Array.isArray(value.private) ? value.private.filter((x): x is string => typeof x === 'string') : [],
      lastSync: value.lastSync ?? null,
      imported: value.imported && typeof value.imported === 'object' ? value.imported : {},
      segments: value.segments && typeof value.segments === 'object' ? value.segments : {},
    };
  } catch {
    // A damaged state file costs a re-read of the remote (imports deduplicate), not data.
    return empty;
  }
}

/** Written aside and renamed: a crash leaves the old state or the new one, never half. */
export function writeSyncState(dataDir: string, state: SyncState): void {
  fs.mkdirSync(syncDir(dataDir), { recursive: true, mode: 0o700 });
  const file = stateFile(dataDir);
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
  fs.renameSync(temp, file);
}

export function updateSyncState(dataDir: string, change: (state: SyncState) => void): SyncState {
  const state = readSyncState(dataDir);
  change(state);
  writeSyncState(dataDir, state);
  return state;
}

/** A lock held while a sync runs, so two processes on one data dir never race on the mirror. */
const STALE_LOCK_MS = 10 * 60_000;

export function acquireSyncLock(dataDir: string): () => void {
  fs.mkdirSync(syncDir(dataDir), { recursive: true, mode: 0o700 });
  const file = path.join(syncDir(dataDir), 'lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
      return () => fs.rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0);
      if (age < STALE_LOCK_MS && holderAlive(file)) throw new UserError('another sync of this data directory is running — try again in a moment.', 'E_SYNC_BUSY');
      fs.rmSync(file, { force: true });
    }
  }
  throw new UserError('cannot take the sync lock of this data directory.', 'E_SYNC_BUSY');
}

function holderAlive(file: string): boolean {
  const pid = Number(fs.readFileSync(file, { encoding: 'utf8', flag: 'r' }));
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
