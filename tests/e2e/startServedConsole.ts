/**
 * Starts a real `warroom serve` (the built host) as its own process and reads the URL it
 * prints: for the end-to-end tests (servedConsole.ts wraps it in a Playwright fixture) and the
 * benchmarks, which must not load Playwright.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

/** How long a host may take to exit after SIGTERM before `stop` reports it and kills it. */
const SHUTDOWN_GRACE_MS = 30_000;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServedConsole {
  /** The URL `warroom serve` printed, with its token. */
  url: string;
  /** The same origin without the token. */
  origin: string;
  token: string;
  dataDir: string;
  process: ChildProcess;
  /** Everything the server wrote on stdout and stderr. */
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts `warroom serve --port 0 --no-open` on a fresh data dir (or `dataDir`, kept on stop)
 * and waits for its URL line. `env` is added to the host's environment (e.g. HOME and SHELL
 * for its terminals).
 */
export async function startServedConsole(extraArgs: string[] = [], dataDir?: string, env: Record<string, string> = {}): Promise<ServedConsole> {
  const dir = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-e2e-'));
  // The shells start in a HOME of their own, not the machine's: a user's rc file is not what
  // these tests are about, and a real one can stall every later shell (pyenv's rehash waits 60 s
  // on a lock file that a shell killed mid-start — as the crash tests do — leaves behind).
  // It lives in the data dir, so a host restarted on the same data dir finds its shells' old cwd.
  const home = env.HOME ? undefined : path.join(dir, 'home');
  if (home) fs.mkdirSync(home, { recursive: true });
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/warroom.js'), 'serve', '--port', '0', '--no-open', '--data', dir, ...extraArgs], {
    cwd: ROOT,
    env: { ...process.env, ...(home ? { HOME: home, ZDOTDIR: home } : {}), ...env, WARROOM_DATA: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (d) => (output += d));
  const lines = readline.createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`warroom serve printed no URL: ${output}`)), 15_000);
    lines.once('line', (line) => {
      output += line + '\n';
      clearTimeout(timer);
      resolve(line.trim());
    });
    child.once('exit', (code) => reject(new Error(`warroom serve exited with ${code}: ${output}`)));
  });
  lines.on('line', (line) => (output += line + '\n'));
  // A host that dies under a test shows up as a banner in the page; say why in the test's log.
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping) console.error(`warroom serve exited before the test stopped it (${signal ?? `exit ${code}`}); its output:\n${output}`);
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    dataDir: dir,
    process: child,
    output: () => output,
    stop: async () => {
      stopping = true;
      // Still running: neither exited nor killed by a signal (a stop called twice, after a kill,
      // would otherwise wait for an exit that already happened).
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        // Once in a loaded CI run a host took over 3 minutes to exit after SIGTERM, failing a
        // test about something else. Clean shutdown is serveShutdown.spec's to assert; here a
        // slow one is reported with the host's output and log, and killed.
        const slow = await Promise.race([exited.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), SHUTDOWN_GRACE_MS))]);
        if (slow) {
          const logFile = path.join(dir, 'logs', 'warroom.log');
          const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-4000) : '(no log)';
          console.error(`warroom serve did not exit ${SHUTDOWN_GRACE_MS / 1000} s after SIGTERM; killing it. Output:\n${output}\nLog tail:\n${log}`);
          child.kill('SIGKILL');
          await exited;
        }
      }
      if (!dataDir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
