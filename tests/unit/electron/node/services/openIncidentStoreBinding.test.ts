import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openIncidentStore } from '../../../../../electron/node/services/openIncidentStore';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
const NODE_BUILD = path.join(ROOT, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');

// Inside Electron main sets WARROOM_SQLITE_BINDING to the Electron-ABI addon; the store must load that one.
describe('openIncidentStore with WARROOM_SQLITE_BINDING', () => {
  let dir: string;
  const saved = process.env.WARROOM_SQLITE_BINDING;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-binding-'))));
  afterEach(() => {
    if (saved === undefined) delete process.env.WARROOM_SQLITE_BINDING;
    else process.env.WARROOM_SQLITE_BINDING = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loads the addon the variable names', () => {
    process.env.WARROOM_SQLITE_BINDING = NODE_BUILD;
    const opened = openIncidentStore(dir);
    expect('store' in opened).toBe(true);
    if ('store' in opened) opened.store.close();
  });

  it('refuses, without throwing, when the named addon is not there', () => {
    process.env.WARROOM_SQLITE_BINDING = path.join(dir, 'missing', 'better_sqlite3.node');
    const opened = openIncidentStore(dir);
    expect('error' in opened).toBe(true);
    if ('error' in opened) expect(opened.error.message).toContain('Cannot open the War Room database');
  });
});
