import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { readIncidentList } from '../../../../../electron/node/store/incidentListSnapshot';
import { LATEST_SCHEMA_VERSION } from '../../../../../electron/node/store/migrations';
import { DATABASE_FILE_NAME } from '../../../../../electron/node/store/openDatabase';
import { useStores, useTempDirs } from './tempDir';

// `warroom serve` draws the incidents list into the page's HTML from this read, while the host
// (and its store) is still loading: it must match the store's list, and never guess.
describe('the incidents list read for the first screen', () => {
  const tempDir = useTempDirs();
  const openStore = useStores(tempDir);

  it('is the store’s own list, in its order, read while the store has the file open', async () => {
    const dataDir = tempDir();
    const store = openStore(join(dataDir, DATABASE_FILE_NAME));
    const old = await store.createIncident({ title: 'Old outage', severity: 'SEV3' });
    await store.createIncident({ title: 'Checkout latency', severity: 'SEV2' });
    await store.updateIncident(old.id, { status: 'resolved' });
    await store.createIncident({ title: 'DNS <script>', severity: 'SEV1' });
    expect(readIncidentList(dataDir)).toEqual(store.listIncidents());
    expect(readIncidentList(dataDir)!.map((i) => i.title)).toEqual(['DNS <script>', 'Checkout latency', 'Old outage']);
  });

  it('is empty for a data dir without a database yet, and creates none', () => {
    const dataDir = tempDir();
    expect(readIncidentList(dataDir)).toEqual([]);
    expect(readIncidentList(join(dataDir, 'missing'))).toEqual([]);
  });

  it('is null (the page asks the host) for another schema version or a file that is not a database', () => {
    const newer = tempDir();
    const raw = new Database(join(newer, DATABASE_FILE_NAME));
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.close();
    expect(readIncidentList(newer)).toBeNull();

    const damaged = tempDir();
    writeFileSync(join(damaged, DATABASE_FILE_NAME), 'not a database at all, but a text file '.repeat(200));
    expect(readIncidentList(damaged)).toBeNull();
  });
});
