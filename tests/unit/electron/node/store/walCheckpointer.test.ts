import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { IncidentStore } from '../../../../../electron/node/store/incidentStore';
import { useTempDirs } from './tempDir';

const tempDir = useTempDirs();
const MB = 1024 * 1024;

it('checkpoints terminal output into the database file off the event loop, and close leaves one file', async () => {
  const file = join(tempDir(), 'warroom.db');
  const store = IncidentStore.open(file);
  const incidentId = (await store.createIncident({ title: 'flood', severity: 'SEV3' })).id;
  const data = Buffer.alloc(256 * 1024, 'x');
  // 11 MB: past SQLite's own 4 MB checkpoints (which would have copied 8), short of the host's 64 MB safety net, so only
  // the worker can have copied the pages into the database file.
  for (let i = 0; i < 44; i++) await store.appendOutputChunk(incidentId, { sessionId: 's1', commandId: null, at: i, data });
  const deadline = Date.now() + 10_000;
  while (statSync(file).size < 11 * MB && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  expect(statSync(file).size).toBeGreaterThanOrEqual(11 * MB);
  store.close();
  expect(existsSync(`${file}-wal`)).toBe(false);

  const reopened = IncidentStore.open(file);
  try {
    const chunks = [...reopened.iterateOutputChunks('s1')];
    expect(chunks).toHaveLength(44);
    expect(chunks.every((c) => Buffer.compare(c.data, data) === 0)).toBe(true);
  } finally {
    reopened.close();
  }
});
