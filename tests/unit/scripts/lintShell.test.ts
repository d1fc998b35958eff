import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

// `npm run lint` runs scripts/lintShell.mjs over the shell integration: prove it passes them and bites.
const ROOT = join(__dirname, '../../..');
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function lintShell(files: string[] = []) {
  return spawnSync(process.execPath, [join(ROOT, 'scripts/lintShell.mjs'), ...files], { encoding: 'utf8' });
}

function script(name: string, text: string): string {
  dir ??= mkdtempSync(join(tmpdir(), 'wr-lintshell-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('lint:shell', () => {
  it('passes the integration scripts: bash through shellcheck, zsh through zsh -n', () => {
    const result = lintShell();
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/2 bash script\(s\) pass shellcheck, 4 zsh script\(s\) pass zsh -n/);
    expect(result.status).toBe(0);
  });

  it('refuses a bash script shellcheck faults, saying where', () => {
    const file = script('bad.sh', '# shellcheck shell=bash\nrm -rf $1/tmp\n');
    const result = lintShell([file]);
    expect(result.status).toBe(1);
    expect(result.stdout + result.stderr).toContain('SC2086');
  });

  it('refuses a zsh script that does not parse', () => {
    const file = script('bad.zsh', 'if [[ -n $x ]]; then\n  print hi\n');
    const result = lintShell([file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/zsh refused .*bad\.zsh/);
  });
});
