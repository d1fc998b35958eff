// `npm run dist [-- electron-builder flags]`: the installers for this platform.
//   1. build out/ (scripts/build.mjs)
//   2. icons from build/icon.svg (scripts/generate-icons.mjs)
//   3. better-sqlite3 for Electron's ABI, per arch the installers hold
//      (scripts/build-electron-sqlite.mjs; needs Electron's headers from the network)
//   4. electron-builder with build/electron-builder.config.cjs (needs the Electron
//      zip from the network, or -c.electronDist=DIR with an unpacked Electron)
// Each failure is one line; electron-builder's full output is in dist/electron-builder.log.
// See docs/packaging.md.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const passThrough = process.argv.slice(2);

/** The archs the config's installers hold: a universal dmg is merged from both Mac archs. */
const ARCHS = { darwin: ['x64', 'arm64'], win32: ['x64'], linux: [process.arch] };
const PLATFORM_FLAG = { darwin: '--mac', win32: '--win', linux: '--linux' };

const platform = process.platform;
if (!ARCHS[platform]) {
  console.error(`dist: War Room has no installer for ${platform}; build on macOS, Windows or Linux.`);
  process.exit(1);
}

const step = (script, args = []) => {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', script), ...args], { cwd: root, stdio: 'inherit' });
  // The step has already said what failed, in one line.
  if (result.status !== 0) process.exit(result.status ?? 1);
};
step('build.mjs');
step('generate-icons.mjs');
for (const arch of ARCHS[platform]) step('build-electron-sqlite.mjs', ['--if-missing', '--arch', arch]);

const builder = path.join(root, 'node_modules', 'electron-builder', 'cli.js');
if (!fs.existsSync(builder)) {
  console.error('dist: electron-builder is not installed; run npm install (it is a devDependency).');
  process.exit(1);
}
fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
const logFile = path.join(root, 'dist', 'electron-builder.log');
const log = fs.createWriteStream(logFile);
const child = spawn(process.execPath, [builder, '--config', 'build/electron-builder.config.cjs', PLATFORM_FLAG[platform], '--publish', 'never', ...passThrough], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'pipe'],
});
// Progress lines ("  • packaging …") go to the terminal; an error's stack trace only to the log.
let output = '';
let pending = '';
const take = (chunk) => {
  output += chunk;
  log.write(chunk);
  pending += chunk;
  const lines = pending.split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) if (/^\s*•/.test(line)) console.log(line);
};
child.stdout.on('data', take);
child.stderr.on('data', take);
child.on('exit', (code) => {
  log.end();
  if (code === 0) {
    console.log(`dist: installers in ${path.relative(root, path.join(root, 'dist'))}/`);
    return;
  }
  const where = `Log: ${path.relative(root, logFile)}`;
  const failure = output.split('\n').find((line) => line.includes('⨯')) ?? output.trim().split('\n').at(-1) ?? `exit code ${code}`;
  const download = /(getaddrinfo \w+ [\w.-]+|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|status code 40[34])/i.exec(failure);
  if (download) {
    const version = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
    console.error(`dist: electron-builder cannot download Electron ${version} (${download[1]}); package where github.com is reachable, or pass -c.electronDist=DIR with an unpacked Electron. ${where}`);
  } else {
    console.error(`dist: electron-builder failed: ${failure.replace(/^\s*⨯\s*/, '').replace(/\s+stackTrace=.*$/, '').slice(0, 300)}. ${where}`);
  }
  process.exit(code ?? 1);
});
