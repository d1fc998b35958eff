import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { IncidentStore } from '../../electron/node/store/incidentStore';
import { expect, startServedConsole, test } from './servedConsole';

/** A real War Room database with an incident in it, closed (WAL folded in). */
async function populatedDatabase(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'warroom.db');
  const store = IncidentStore.open(file);
  const incident = await store.createIncident({ title: 'Evidence', severity: 'SEV1' });
  for (let i = 0; i < 200; i++) await store.appendEvent(incident.id, { kind: 'note', payload: { text: `note ${i} `.repeat(20) } });
  store.close();
  return file;
}

const cases = [
  {
    name: 'damaged',
    damage: (file: string) => {
      const bytes = fs.readFileSync(file);
      // Keep the 100-byte header (it still looks like SQLite); wreck the schema page.
      bytes.fill(0xa5, 100, 4096);
      fs.writeFileSync(file, bytes);
    },
    message: /database .*warroom\.db is damaged.*left untouched.*\.recover/,
  },
  {
    name: 'from a newer War Room',
    damage: (file: string) => {
      const db = new Database(file);
      db.pragma('user_version = 999');
      db.close();
    },
    message: /newer War Room/,
  },
];

for (const { name, damage, message } of cases) {
  test(`a ${name} database is refused with a clear message in the console and left byte-identical`, async ({ page }) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-e2e-refused-'));
    const file = await populatedDatabase(dataDir);
    damage(file);
    const before = fs.readFileSync(file);
    const served = await startServedConsole([], dataDir);
    try {
      await page.goto(served.url);
      // The host is up (runbooks work) and the console says why incidents are not.
      await expect(page.getByTestId('host-status')).toHaveText('Connected to warroom serve');
      const banner = page.getByTestId('store-error');
      await expect(banner).toBeVisible();
      await expect(banner).toHaveAttribute('role', 'alert');
      await expect(banner).toContainText(message);
      await expect(page.getByRole('navigation', { name: 'Runbooks' }).getByRole('button').first()).toBeVisible();
      // The welcome screen's team sync says why it is off, in words for the responder.
      await expect(page.getByRole('region', { name: 'Sync' })).toHaveText(/Team sync is off until the database is fixed \(see above\)\./);
      // Trying to open an incident anyway gets the same one-line reason, and writes nothing.
      await page.getByRole('button', { name: 'New incident' }).click();
      await page.getByRole('dialog').getByRole('textbox', { name: 'Title' }).fill('Should not be written');
      await page.getByRole('dialog').getByRole('button', { name: 'Create incident' }).click();
      await expect(page.getByRole('dialog').getByRole('alert')).toContainText(message);
    } finally {
      await served.stop();
    }
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    // SQLite may leave an empty WAL beside a WAL-mode file it only read; nothing was written to it.
    if (fs.existsSync(`${file}-wal`)) expect(fs.statSync(`${file}-wal`).size).toBe(0);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
}
