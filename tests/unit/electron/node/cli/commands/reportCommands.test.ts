import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../../../../electron/node/cli/main';
import { createFixture, SECRET_VALUE, tempDataDir, type Fixture } from '../../report/incidentFixture';
import { capture } from '../captureIo';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

async function fixture(): Promise<Fixture> {
  const f = await createFixture({ withRunbook: false });
  // The CLI opens the data dir itself, as it would in another process.
  f.store.close();
  cleanups.push(f.cleanup);
  return f;
}

function tempDir(): string {
  const dir = tempDataDir('warroom-cli-');
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('warroom incidents / export / import', () => {
  it('lists incidents as a table and as JSON', async () => {
    const f = await fixture();
    const table = capture();
    expect(await runCli(['incidents', '--data', f.dataDir], table.io)).toBe(0);
    expect(table.out[0]).toMatch(new RegExp(`^ID +SEV +STATUS +OPENED +TITLE\\n${f.incidentId}  SEV2  Resolved  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d  Checkout API returns 502s`));
    const json = capture();
    expect(await runCli(['incidents', '--json', '--data', f.dataDir], json.io)).toBe(0);
    expect(JSON.parse(json.out[0]!)).toEqual([expect.objectContaining({ id: f.incidentId, title: 'Checkout API returns 502s' })]);
  });

  it('exports latest to a file named after the incident, md to stdout with --out -, and every format with --out', async () => {
    const f = await fixture();
    const cwd = tempDir();
    const previous = process.cwd();
    process.chdir(cwd);
    try {
      const first = capture();
      expect(await runCli(['export', 'latest', '--format', 'md', '--data', f.dataDir], first.io)).toBe(0);
      const name = fs.readdirSync(cwd)[0]!;
      expect(name).toMatch(/^incident-\d{4}-\d\d-\d\d-checkout-api-returns-502s\.md$/);
      expect(first.out).toEqual([expect.stringMatching(new RegExp(`^Wrote ${path.join(fs.realpathSync(cwd), name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+ secrets redacted`))]);
    } finally {
      process.chdir(previous);
    }
    const stdout = capture();
    expect(await runCli(['export', f.incidentId.slice(0, 10), '--format', 'md', '--out', '-', '--data', f.dataDir, '--time-zone', 'UTC'], stdout.io)).toBe(0);
    expect(stdout.out[0]).toContain('# Incident report: Checkout API returns 502s');
    expect(stdout.out[0]).not.toContain(SECRET_VALUE);
    for (const format of ['html', 'json', 'cast']) {
      const out = path.join(tempDir(), `report.${format}`);
      expect(await runCli(['export', 'latest', '--format', format, '--out', out, '--data', f.dataDir], capture().io)).toBe(0);
      const files = format === 'cast' ? [out.replace('.cast', '-1.cast'), out.replace('.cast', '-2.cast')] : [out];
      for (const file of files) expect(fs.readFileSync(file, 'utf8')).not.toContain(SECRET_VALUE);
    }
  });

  it('--list-redactions shows ids that --keep takes', async () => {
    const f = await fixture();
    const list = capture();
    expect(await runCli(['export', 'latest', '--list-redactions', '--data', f.dataDir], list.io)).toBe(0);
    const id = /^ {2}([0-9a-f]{16}) {2}Value of the secret input/m.exec(list.out[0]!)![1]!;
    const kept = capture();
    expect(await runCli(['export', 'latest', '--format', 'md', '--out', '-', '--keep', id, '--data', f.dataDir], kept.io)).toBe(0);
    expect(kept.out[0]).toContain(SECRET_VALUE);
  });

  it('import: into a new data dir, then again (all duplicates)', async () => {
    const f = await fixture();
    const bundle = path.join(tempDir(), 'bundle.json');
    expect(await runCli(['export', 'latest', '--format', 'json', '--out', bundle, '--data', f.dataDir], capture().io)).toBe(0);
    const target = tempDir();
    const first = capture();
    expect(await runCli(['import', bundle, '--data', target], first.io)).toBe(0);
    expect(first.out[0]).toMatch(new RegExp(`^Created incident ${f.incidentId} “Checkout API returns 502s”: 18 new events, 0 already here, 3 command records added\\.$`));
    expect(first.out[1]).toMatch(/^ {2}chain of device [0-9a-f]{32}: verified \(18 events\), head [0-9a-f]{64}$/);
    const second = capture();
    expect(await runCli(['import', bundle, '--data', target], second.io)).toBe(0);
    expect(second.out[0]).toContain('Merged into incident');
    expect(second.out[0]).toContain('0 new events, 18 already here');
  });

  it.each([
    [['export', 'nope', '--format', 'md'], 1, /^warroom export: no incident 'nope' in this data directory/],
    [['export', 'latest', '--format', 'docx'], 2, /^warroom export: unknown format 'docx' — use one of md, html, pdf, json, cast\.$/],
    [['export', 'latest'], 2, /^warroom export: --format is required/],
    [['export', 'latest', '--format', 'pdf', '--out', '-'], 2, /^warroom export: --out - is for text formats/],
    [['export', 'latest', '--format', 'md', '--time-zone', 'Mars/Olympus'], 1, /^warroom export: Unknown time zone "Mars\/Olympus"/],
    [['import', '/nonexistent/bundle.json'], 1, /^warroom import: \/nonexistent\/bundle\.json: no such file\.$/],
    [['export', 'latest', '--format', 'md', '--out', '/nonexistent/dir/r.md'], 1, /^warroom export: cannot write \/nonexistent\/dir\/r\.md: its folder does not exist\.$/],
  ])('%j fails with one line and exit %i', async (argv, code, message) => {
    const f = await fixture();
    const { io, err } = capture();
    expect(await runCli([...argv, '--data', f.dataDir], io)).toBe(code);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(message);
    expect(err[0]).not.toContain('\n');
  });

  it('export from a data dir with no database says so and creates nothing', async () => {
    const empty = tempDir();
    const { io, err } = capture();
    expect(await runCli(['export', 'latest', '--format', 'md', '--data', empty], io)).toBe(1);
    expect(err[0]).toMatch(/^warroom export: no War Room data in .* \(no warroom\.db\)/);
    expect(fs.readdirSync(empty)).toEqual([]);
  });

  it('a corrupt bundle is refused with one line and the data dir is unchanged', async () => {
    const f = await fixture();
    const bad = path.join(tempDir(), 'bad.json');
    fs.writeFileSync(bad, '{"format": "warroom.bundle/1", "incident": {');
    const db = path.join(f.dataDir, 'warroom.db');
    const before = fs.readFileSync(db);
    const { io, err } = capture();
    expect(await runCli(['import', bad, '--data', f.dataDir], io)).toBe(1);
    expect(err).toEqual([`warroom import: ${bad} is truncated or corrupt (its JSON does not parse) — export it again; nothing was imported.`]);
    expect(fs.readFileSync(db).equals(before)).toBe(true);
  });
});
