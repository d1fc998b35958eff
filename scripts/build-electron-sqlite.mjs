// Builds better-sqlite3 for Electron's ABI into its own folder, leaving the Node
// build in node_modules alone (the CLI and the tests use that one):
//   build/electron-native/<arch>/better_sqlite3.node
// better-sqlite3 12.x is a NAN addon: one build per runtime ABI. The source is
// copied to a scratch folder and built there with node-gyp against Electron's
// headers; main hands the result to the host as WARROOM_SQLITE_BINDING.
// See docs/packaging.md.
//
// Usage: node scripts/build-electron-sqlite.mjs [--electron-version V] [--arch A]
//          [--out FILE] [--dist-url URL] [--nodedir DIR] [--node-gyp FILE]
//          [--if-missing] [--dry-run]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NAME = 'build-electron-sqlite';
/** Where Electron publishes its headers (what @electron/rebuild uses too). */
const DEFAULT_DIST_URL = 'https://electronjs.org/headers';
/** The archs Electron ships; anything else is a typo we catch before a long build. */
const ARCHS = ['x64', 'arm64', 'ia32', 'armv7l'];
/** The files node-gyp needs to build better-sqlite3 (its sources and the bundled SQLite). */
const SOURCES = ['binding.gyp', 'package.json', 'src', 'deps'];
const ADDON = 'better_sqlite3.node';
const EXIT_USAGE = 2;

const fail = (message, code = 1) => {
  console.error(`${NAME}: ${message}`);
  process.exit(code);
};

let options;
try {
  options = parseArgs({
    args: process.argv.slice(2),
    options: {
      'electron-version': { type: 'string' },
      arch: { type: 'string' },
      out: { type: 'string' },
      'dist-url': { type: 'string' },
      nodedir: { type: 'string' },
      'node-gyp': { type: 'string' },
      'if-missing': { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  }).values;
} catch (error) {
  // Node's own messages may run over several lines; the first says what is wrong.
  fail(`${error.message.split('\n')[0].replace(/\.$/, '')}. Run with --help for the options.`, EXIT_USAGE);
}
if (options.help) {
  console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').filter((line) => line.startsWith('//')).map((line) => line.slice(3)).join('\n'));
  process.exit(0);
}

const electronVersion = options['electron-version'] ?? installedVersion('electron');
if (!electronVersion) fail('the electron package is not installed; pass --electron-version X.Y.Z.', EXIT_USAGE);
if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(electronVersion)) fail(`--electron-version '${electronVersion}' is not a version like 45.4.1.`, EXIT_USAGE);
const arch = options.arch ?? process.arch;
if (!ARCHS.includes(arch)) fail(`--arch '${arch}' is not one of ${ARCHS.join(', ')}.`, EXIT_USAGE);
const distUrl = options['dist-url'] ?? DEFAULT_DIST_URL;
if (!/^https?:\/\/\S+$/.test(distUrl)) fail(`--dist-url '${distUrl}' is not an http(s) URL.`, EXIT_USAGE);
const out = path.resolve(options.out ?? path.join(root, 'build', 'electron-native', arch, ADDON));
const stampFile = `${out}.json`;
const sqliteVersion = installedVersion('better-sqlite3');
if (!sqliteVersion) fail('better-sqlite3 is not installed; run npm install first.');
const stamp = { electron: electronVersion, betterSqlite3: sqliteVersion, arch };

if (options['if-missing'] && fs.existsSync(out) && sameStamp(stampFile, stamp)) {
  console.log(`${NAME}: ${path.relative(root, out)} is up to date (Electron ${electronVersion}, ${arch}).`);
  process.exit(0);
}

const nodeGyp = options['node-gyp'] ?? findNodeGyp();
if (!nodeGyp) fail('cannot find node-gyp (it comes with npm); install it with `npm install -g node-gyp` or pass --node-gyp FILE.');
const source = path.join(root, 'node_modules', 'better-sqlite3');
const work = path.join(path.dirname(out), '.work');
const gypArgs = [
  nodeGyp,
  'rebuild',
  '--release',
  `--target=${electronVersion}`,
  `--arch=${arch}`,
  `--dist-url=${distUrl}`,
  '--runtime=electron',
  // Electron's headers are cached apart from Node's, where @electron/rebuild keeps them.
  `--devdir=${path.join(os.homedir(), '.electron-gyp')}`,
  ...(options.nodedir ? [`--nodedir=${path.resolve(options.nodedir)}`] : []),
];
// npm passes its config to node-gyp as npm_config_* variables; a `nodedir` there
// (Node's own headers) would silently build for Node instead of Electron.
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_(nodedir|target|arch|runtime|disturl|dist_url|devdir)$/i.test(key)));

if (options['dry-run']) {
  const q = (s) => (/^[\w./=:@%+-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`);
  console.log(`rm -rf ${q(work)} && mkdir -p ${q(work)}`);
  console.log(`cp -R ${SOURCES.map((name) => q(path.join(source, name))).join(' ')} ${q(work)}/`);
  console.log(`cd ${q(work)} && ${q(process.execPath)} ${gypArgs.map(q).join(' ')}`);
  console.log(`cp ${q(path.join(work, 'build', 'Release', ADDON))} ${q(out)}`);
  process.exit(0);
}

fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(work, { recursive: true });
fs.mkdirSync(path.dirname(out), { recursive: true });
for (const name of SOURCES) fs.cpSync(path.join(source, name), path.join(work, name), { recursive: true });
console.log(`${NAME}: building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${arch})…`);
const started = Date.now();
const gyp = spawnSync(process.execPath, gypArgs, { cwd: work, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const log = path.join(path.dirname(out), 'node-gyp.log');
fs.writeFileSync(log, `${gyp.stdout ?? ''}${gyp.stderr ?? ''}`);
if (gyp.status !== 0) {
  fs.rmSync(work, { recursive: true, force: true });
  const output = `${gyp.stdout ?? ''}${gyp.stderr ?? ''}`;
  const headers = `${distUrl}/v${electronVersion}`;
  if (/network connectivity|install got an error|ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|\b(403|404)\b.*headers/i.test(output)) {
    fail(`cannot download the Electron ${electronVersion} headers from ${headers} (the network refused it); run this where that URL is reachable, or pass --nodedir DIR with the headers unpacked. Log: ${path.relative(root, log)}`);
  }
  fail(`node-gyp could not build better-sqlite3 for Electron ${electronVersion} (${arch}); a C++ toolchain and Python 3 are needed (docs/packaging.md). Log: ${path.relative(root, log)}`);
}
fs.copyFileSync(path.join(work, 'build', 'Release', ADDON), out);
fs.writeFileSync(stampFile, `${JSON.stringify(stamp, null, 2)}\n`);
fs.rmSync(work, { recursive: true, force: true });
console.log(`${NAME}: wrote ${path.relative(root, out)} in ${((Date.now() - started) / 1000).toFixed(0)} s.`);

function installedVersion(name) {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

function sameStamp(file, expected) {
  try {
    const found = JSON.parse(fs.readFileSync(file, 'utf8'));
    return Object.entries(expected).every(([key, value]) => found[key] === value);
  } catch {
    return false;
  }
}

/** node-gyp as npm runs it: npm's own setting, a local install, or the copy bundled with npm. */
function findNodeGyp() {
  const npmDir = path.dirname(process.execPath);
  const candidates = [
    process.env.npm_config_node_gyp,
    path.join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    path.join(npmDir, '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    path.join(npmDir, 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  return candidates.find((file) => file && fs.existsSync(file));
}
