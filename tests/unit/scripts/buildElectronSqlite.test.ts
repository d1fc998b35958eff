import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SCRIPT = path.join(ROOT, 'scripts/build-electron-sqlite.mjs');
const electronVersion = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version as string;

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-esqlite-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * A stand-in for node-gyp: records how it was called (argv, cwd, the npm nodedir
 * variable) and writes the addon where node-gyp would, or fails like node-gyp
 * does when Electron's headers cannot be downloaded.
 */
function fakeNodeGyp(mode: 'build' | 'offline'): string {
  const file = path.join(dir, 'fake-node-gyp.cjs');
  fs.writeFileSync(
    file,
    `const fs = require('fs'), path = require('path');
fs.writeFileSync(${JSON.stringify(path.join(dir, 'call.json'))}, JSON.stringify({ argv: process.argv.slice(2), cwd: process.cwd(), nodedir: process.env.npm_config_nodedir ?? null, sources: fs.readdirSync('.') }));
if (${JSON.stringify(mode)} === 'offline') {
  console.log('gyp http GET https://electronjs.org/headers/v1/node-v1-headers.tar.gz');
  console.error('gyp WARN install got an error, rolling back install');
  console.error('gyp ERR! stack Error: This is most likely not a problem with node-gyp or the package itself and');
  console.error('gyp ERR! stack is related to network connectivity.');
  process.exit(1);
}
fs.mkdirSync('build/Release', { recursive: true });
fs.writeFileSync('build/Release/better_sqlite3.node', 'addon for electron');
`,
  );
  return file;
}

describe('build-electron-sqlite --dry-run', () => {
  it('prints the exact node-gyp command against Electron headers, and writes nothing', () => {
    const out = path.join(dir, 'native', 'better_sqlite3.node');
    const { code, stdout } = run(['--dry-run', '--electron-version', '45.1.0', '--arch', 'arm64', '--out', out]);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    const gyp = lines.find((line) => line.includes(' rebuild '));
    expect(gyp).toContain('--target=45.1.0');
    expect(gyp).toContain('--arch=arm64');
    expect(gyp).toContain('--runtime=electron');
    expect(gyp).toContain('--dist-url=https://electronjs.org/headers');
    expect(gyp).toContain('--release');
    // Built in a scratch copy, never in node_modules (the Node build stays for the CLI and tests).
    expect(gyp).toMatch(new RegExp(`^cd ${path.join(dir, 'native', '.work')} && `));
    expect(lines.at(-1)).toBe(`cp ${path.join(dir, 'native', '.work', 'build', 'Release', 'better_sqlite3.node')} ${out}`);
    expect(fs.existsSync(path.join(dir, 'native'))).toBe(false);
  });

  it('defaults to the installed Electron, this arch, and build/electron-native/<arch>/', () => {
    const { code, stdout } = run(['--dry-run']);
    expect(code).toBe(0);
    expect(stdout).toContain(`--target=${electronVersion}`);
    expect(stdout).toContain(`--arch=${process.arch}`);
    expect(stdout).toContain(path.join(ROOT, 'build', 'electron-native', process.arch, 'better_sqlite3.node'));
  });

  it('passes a custom headers mirror and a local headers folder on', () => {
    const { stdout } = run(['--dry-run', '--dist-url', 'https://mirror.example/electron', '--nodedir', '/opt/electron-headers']);
    expect(stdout).toContain('--dist-url=https://mirror.example/electron');
    expect(stdout).toContain('--nodedir=/opt/electron-headers');
  });
});

describe('build-electron-sqlite argument errors', () => {
  it.each([
    [['--arch', 'sparc'], "--arch 'sparc' is not one of x64, arm64, ia32, armv7l."],
    [['--electron-version', 'latest'], "--electron-version 'latest' is not a version like 45.4.1."],
    [['--dist-url', 'file:///etc'], "--dist-url 'file:///etc' is not an http(s) URL."],
    [['--frobnicate'], "Unknown option '--frobnicate'"],
    [['--out'], "Option '--out <value>' argument missing"],
  ])('%j fails with usage exit 2 and one line', (args, message) => {
    const { code, stderr } = run(['--dry-run', ...args]);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(message);
  });
});

describe('build-electron-sqlite with node-gyp', () => {
  it('builds in a scratch copy, without npm nodedir, then copies the addon out and stamps it', () => {
    const out = path.join(dir, 'x64', 'better_sqlite3.node');
    const { code, stdout, stderr } = run(['--node-gyp', fakeNodeGyp('build'), '--out', out, '--electron-version', '45.2.0', '--arch', 'x64'], { npm_config_nodedir: '/usr' });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toBe('addon for electron');
    const call = JSON.parse(fs.readFileSync(path.join(dir, 'call.json'), 'utf8'));
    expect(call.argv).toEqual(expect.arrayContaining(['rebuild', '--target=45.2.0', '--runtime=electron']));
    expect(call.nodedir).toBeNull();
    expect(call.sources).toEqual(expect.arrayContaining(['binding.gyp', 'src', 'deps']));
    expect(fs.existsSync(path.join(dir, 'x64', '.work'))).toBe(false);
    expect(JSON.parse(fs.readFileSync(`${out}.json`, 'utf8'))).toMatchObject({ electron: '45.2.0', arch: 'x64' });
    expect(stdout).toContain('wrote');

    // --if-missing (what `npm start` uses) skips a build that is already there for this Electron…
    fs.rmSync(path.join(dir, 'call.json'));
    const again = run(['--node-gyp', fakeNodeGyp('build'), '--out', out, '--electron-version', '45.2.0', '--arch', 'x64', '--if-missing']);
    expect(again.stdout).toContain('is up to date');
    expect(fs.existsSync(path.join(dir, 'call.json'))).toBe(false);
    // …and rebuilds after an Electron upgrade.
    run(['--node-gyp', fakeNodeGyp('build'), '--out', out, '--electron-version', '46.0.0', '--arch', 'x64', '--if-missing']);
    expect(fs.existsSync(path.join(dir, 'call.json'))).toBe(true);
  });

  it('says in one line that the headers download is blocked', () => {
    const out = path.join(dir, 'x64', 'better_sqlite3.node');
    const { code, stderr } = run(['--node-gyp', fakeNodeGyp('offline'), '--out', out, '--electron-version', '45.2.0']);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^build-electron-sqlite: cannot download the Electron 45\.2\.0 headers from https:\/\/electronjs\.org\/headers\/v45\.2\.0 .*--nodedir DIR/);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readFileSync(path.join(dir, 'x64', 'node-gyp.log'), 'utf8')).toContain('network connectivity');
  });
});
