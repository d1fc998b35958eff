import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { findChromium } from './findBrowser';

/** Why 60 s: long enough for a cold browser start to read the launcher, short enough not to linger. */
const LAUNCHER_LIFETIME_MS = 60_000;

/**
 * Opens the console URL in a Chromium app window, else the default browser.
 * The URL carries the token, and a command line is readable by every local user
 * (/proc/PID/cmdline), so the browser is pointed at a 0600 launcher file that
 * redirects to the URL instead.
 */
export function openConsole(url: string, profileDir: string): { browser: string } {
  const launcherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-open-'));
  const launcher = path.join(launcherDir, 'open-war-room.html');
  const escaped = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  fs.writeFileSync(launcher, `<!doctype html><meta http-equiv="refresh" content="0; url=${escaped}"><title>War Room</title>\n`, { mode: 0o600 });
  const cleanup = setTimeout(() => fs.rmSync(launcherDir, { recursive: true, force: true }), LAUNCHER_LIFETIME_MS);
  cleanup.unref();
  const launcherUrl = pathToFileURL(launcher).href;

  const chromium = findChromium();
  if (chromium) {
    const args = [`--app=${launcherUrl}`, `--user-data-dir=${profileDir}`, '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
    // Chromium refuses to run as root with its sandbox; only then is it turned off.
    if (process.getuid?.() === 0) args.push('--no-sandbox');
    spawn(chromium, args, { detached: true, stdio: 'ignore' }).on('error', () => {}).unref();
    return { browser: chromium };
  }
  const opener = process.platform === 'darwin' ? ['open', [launcher]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', launcher]] : ['xdg-open', [launcher]];
  spawn(opener[0] as string, opener[1] as string[], { detached: true, stdio: 'ignore' }).on('error', () => {}).unref();
  return { browser: opener[0] as string };
}
