// `npm start [-- serve flags]`: build, then launch the Electron app. Where the
// Electron binary cannot be had (no network at install, a blocked download), say
// so in one line and serve the console to a browser instead, with the same flags.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const passThrough = process.argv.slice(2);

const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const electron = findElectron();
if (electron.path) {
  // The app opens its database with better-sqlite3 built for Electron's ABI (docs/packaging.md).
  const sqlite = spawnSync(process.execPath, [path.join(root, 'scripts/build-electron-sqlite.mjs'), '--if-missing'], { cwd: root, stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
  if (sqlite.status !== 0) {
    electron.path = undefined;
    electron.reason = `its SQLite addon could not be built: ${sqlite.stderr.trim().replace(/^build-electron-sqlite: /, '')}`;
  }
}
if (electron.path) {
  const child = spawn(electron.path, [path.join(root, 'out/electron/main/main.cjs'), ...passThrough], { cwd: root, stdio: 'inherit' });
  forwardSignals(child);
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(`War Room: the Electron app cannot start here (${electron.reason}); serving the console to your browser instead.`);
  const child = spawn(process.execPath, [path.join(root, 'bin/warroom.js'), 'serve', ...passThrough], { cwd: root, stdio: 'inherit' });
  forwardSignals(child);
  child.on('exit', (code) => process.exit(code ?? 0));
}

/**
 * Asks the `electron` package for its binary in a child process: on first use it
 * tries to download it, and that attempt's noise stays out of the user's way.
 */
function findElectron() {
  if (process.env.WARROOM_NO_ELECTRON) return { reason: 'WARROOM_NO_ELECTRON is set' };
  if (!existsSync(path.join(root, 'node_modules/electron/package.json'))) return { reason: 'the electron package is not installed' };
  // Why 120 s: a first download of ~100 MB on a slow link; a blocked one fails at once.
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  const binary = probe.status === 0 ? probe.stdout.trim() : '';
  if (binary && existsSync(binary)) return { path: binary };
  return { reason: 'its binary could not be downloaded' };
}

function forwardSignals(child) {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
}
