import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunbookLibrary } from '../../../../../electron/node/library/runbookLibrary';

let dir: string;
let data: string;
const libraries: RunbookLibrary[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-lib-'));
  data = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-lib-data-'));
});
afterEach(() => {
  for (const library of libraries.splice(0)) library.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(data, { recursive: true, force: true });
});

function open(options: Partial<ConstructorParameters<typeof RunbookLibrary>[0]> = {}) {
  const library = new RunbookLibrary({ bundledDir: null, launchDirs: [dir], settingsFile: path.join(data, 'settings.json'), ...options });
  libraries.push(library);
  return library;
}

const write = (name: string, text: string | Uint8Array) => {
  fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  fs.writeFileSync(path.join(dir, name), text);
};

const DB_RUNBOOK = '# Database down\n\n## Check connections\n\n```bash\npsql -c "SELECT count(*) FROM pg_stat_activity"\n```\n';
const CACHE_RUNBOOK = '# Cache latency\n\n## Flush the cache\n\n```bash\nredis-cli FLUSHALL\n```\n';

describe('RunbookLibrary', () => {
  it('lists the runbooks of its folders by title, with the file version hash, skipping READMEs', async () => {
    write('db.md', DB_RUNBOOK);
    write('nested/cache.markdown', CACHE_RUNBOOK);
    write('README.md', '# Not a runbook\n');
    const library = open();
    const list = await library.list();
    expect(list.map((r) => r.title)).toEqual(['Cache latency', 'Database down']);
    expect(list[1]!.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const document = await library.get(list[1]!.id);
    expect(document.source).toBe(DB_RUNBOOK);
    expect(document.runbook.steps).toHaveLength(1);
  });

  it('searches titles, headings and commands, every word required', async () => {
    write('db.md', DB_RUNBOOK);
    write('cache.md', CACHE_RUNBOOK);
    const library = open();
    expect((await library.search('flushall')).map((h) => h.title)).toEqual(['Cache latency']);
    expect((await library.search('pg_stat')).map((h) => h.title)).toEqual(['Database down']);
    expect((await library.search('connections')).map((h) => h.title)).toEqual(['Database down']);
    expect((await library.search('cache psql')).map((h) => h.title)).toEqual([]);
    expect((await library.search('  ')).length).toBe(0);
    const hit = (await library.search('latency'))[0]!;
    expect(hit.matches[0]).toMatchObject({ kind: 'title', text: 'Cache latency' });
  });

  it('keeps a broken file in the list with its diagnostic instead of dropping it', async () => {
    write('db.md', DB_RUNBOOK);
    write('broken.md', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3, 0, 0, 0xff, 0xfe, 0, 0]));
    write('empty.md', '');
    const list = await open().list();
    expect(list).toHaveLength(3);
    const broken = list.filter((r) => r.errorCount > 0).map((r) => path.basename(r.path)).sort();
    expect(broken).toEqual(['broken.md', 'empty.md']);
  });

  it('sees files added, changed and removed on disk', async () => {
    write('db.md', DB_RUNBOOK);
    const library = open();
    await library.ready();
    const changed = new Promise<string[]>((resolve) => library.onDidChange(({ changedIds }) => resolve(changedIds)));
    write('cache.md', CACHE_RUNBOOK);
    await changed;
    await expect.poll(async () => (await library.list()).map((r) => r.title)).toEqual(['Cache latency', 'Database down']);
    fs.rmSync(path.join(dir, 'db.md'));
    await expect.poll(async () => (await library.list()).map((r) => r.title), { timeout: 5000 }).toEqual(['Cache latency']);
  });

  it('lists runbooks of the same title always in the same order, by file', async () => {
    // Two teams' "Incident Response Runbook": which is which must not change between launches
    // (files are read in parallel; the list followed whichever was read first).
    write('team-b/incident-response.md', DB_RUNBOOK.replace('Database down', 'Incident Response Runbook'));
    write('team-a/incident-response.md', CACHE_RUNBOOK.replace('Cache latency', 'Incident Response Runbook'));
    const library = open();
    await library.ready();
    const paths = async () => (await library.list()).map((r) => path.relative(dir, r.path));
    expect(await paths()).toEqual(['team-a/incident-response.md', 'team-b/incident-response.md']);
    // Team A's file, removed and back, is read last: still first in the list.
    fs.rmSync(path.join(dir, 'team-a/incident-response.md'));
    await expect.poll(paths, { timeout: 5000 }).toEqual(['team-b/incident-response.md']);
    write('team-a/incident-response.md', CACHE_RUNBOOK.replace('Cache latency', 'Incident Response Runbook'));
    await expect.poll(async () => (await paths()).length, { timeout: 5000 }).toBe(2);
    expect(await paths()).toEqual(['team-a/incident-response.md', 'team-b/incident-response.md']);
  });

  it('remembers folders added in the app, and refuses a folder that does not exist', async () => {
    const extra = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-lib-extra-'));
    try {
      fs.writeFileSync(path.join(extra, 'cache.md'), CACHE_RUNBOOK);
      const library = open({ launchDirs: [] });
      await library.addFolder(extra);
      expect((await library.list()).map((r) => r.title)).toEqual(['Cache latency']);
      await expect(library.addFolder(path.join(extra, 'missing'))).rejects.toThrow(/no such folder/);
      library.dispose();
      const reopened = open({ launchDirs: [] });
      expect(reopened.folders().map((f) => f.path)).toEqual([extra]);
      expect((await reopened.list()).map((r) => r.title)).toEqual(['Cache latency']);
      await reopened.removeFolder(extra);
      expect(await reopened.list()).toEqual([]);
    } finally {
      fs.rmSync(extra, { recursive: true, force: true });
    }
  });
});
