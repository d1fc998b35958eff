// `npm run lint:shell [FILE...]`: lints the shell integration scripts (electron/node/terminal/shell/):
// bash (*.sh) with shellcheck, zsh (*.zsh) with `zsh -n`, a syntax check only: shellcheck does
// not support zsh. Prints what failed and exits non-zero; a missing tool is a failure too, so a
// machine without it cannot pass by skipping (.ci/run installs both).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'electron/node/terminal/shell');
const files = process.argv.length > 2 ? process.argv.slice(2) : readdirSync(dir).sort().map((f) => path.join(dir, f));
const bash = files.filter((f) => f.endsWith('.sh'));
const zsh = files.filter((f) => f.endsWith('.zsh'));

let failed = false;
function run(tool, args, what) {
  const result = spawnSync(tool, args, { encoding: 'utf8' });
  if (result.error) {
    console.error(`lint:shell: cannot run ${tool} (${result.error.code}): install it (apt-get install ${tool}) to lint ${what}.`);
    failed = true;
  } else if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    console.error(`lint:shell: ${tool} refused ${what}.`);
    failed = true;
  }
}
// Style level: every finding counts; a deliberate one is disabled in the script, with its reason.
if (bash.length) run('shellcheck', ['--shell=bash', '--severity=style', '--external-sources', ...bash], bash.map((f) => path.relative(root, f)).join(', '));
for (const file of zsh) run('zsh', ['-n', file], path.relative(root, file));
if (!failed) console.log(`lint:shell: ${bash.length} bash script(s) pass shellcheck, ${zsh.length} zsh script(s) pass zsh -n.`);
process.exit(failed ? 1 : 0);
