import type { Database } from 'better-sqlite3';

/**
 * The recording device's id, made once per database and kept in `meta`. Every process that
 * opens this data dir records as the same device (they share one chain, serialized by
 * BEGIN IMMEDIATE); a teammate's laptop has its own, so a merged incident verifies per device.
 * A copied data dir keeps the id: two machines recording from copies would fork a chain.
 */
export function ensureDeviceId(db: Database): string {
  // INSERT OR IGNORE: two processes opening a fresh data dir at once agree on the first id.
  db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('device_id', ?)").run(newDeviceId());
  return db.prepare("SELECT value FROM meta WHERE key = 'device_id'").pluck().get() as string;
}

/** 128 random bits, hex: unique without coordination. */
function newDeviceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
