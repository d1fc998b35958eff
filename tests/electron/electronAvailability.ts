import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Whether this machine has an Electron binary. The `electron` package downloads
 * it on first use; where that download is blocked (as on our CI machines) the
 * Electron tests are skipped, and say why.
 */
export function electronBinary(): { path: string } | { reason: string } {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], { encoding: 'utf8', timeout: 120_000 });
  const binary = probe.status === 0 ? probe.stdout.trim() : '';
  if (binary && existsSync(binary)) return { path: binary };
  return { reason: 'no Electron binary on this machine (its download is blocked here); the served console is tested in tests/e2e instead' };
}
