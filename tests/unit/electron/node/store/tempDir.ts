/** One temp data dir per test, deleted after it (style: tests isolate state). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { IncidentStore } from '../../../../../electron/node/store/incidentStore';

export function useTempDirs(): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'warroom-store-'));
    dirs.push(dir);
    return dir;
  };
}

/** Opens a store (as alice) on a fresh data dir, or on `file`; every one is closed after the test. */
export function useStores(tempDir: () => string): (file?: string) => IncidentStore {
  const open: IncidentStore[] = [];
  afterEach(() => {
    for (const store of open.splice(0)) store.close();
  });
  return (file = join(tempDir(), 'warroom.db')) => {
    const store = IncidentStore.open(file, { actor: 'alice' });
    open.push(store);
    return store;
  };
}
