import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../../../../../electron/node/cli/cliIo';
import { lintCommand } from '../../../../../../electron/node/cli/commands/lintCommand';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'warroom-lint-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await lintCommand(argv, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, out, err };
}

describe('warroom lint', () => {
  it('exits 0 with no problem lines for a clean runbook', async () => {
    writeFileSync(join(dir, 'ok.md'), '# OK\n\n## Look\n\n```bash\nkubectl get pods -n shop\n```\n');
    const { code, out } = await run([join(dir, 'ok.md')]);
    expect(code).toBe(0);
    expect(out.filter((l) => /:\d+: /.test(l))).toEqual([]);
  });

  it('reports unterminated fences, unknown commands, incomplete commands and placeholder typos as file:line', async () => {
    mkdirSync(join(dir, 'team'));
    writeFileSync(join(dir, 'team', 'bad.md'), [
      '# Bad', '', '```bash', './scripts/fix-everything.sh --now', '```', '', '```bash', 'kubectl logs {{pod} -n shop', '```', '',
      '```bash', 'kubectl get pods ...', '```', '', '```bash', 'kubectl get pods', '',
    ].join('\n'));
    writeFileSync(join(dir, 'empty.md'), '');
    writeFileSync(join(dir, 'notes.txt'), 'not a runbook');
    const { code, out } = await run([dir]);
    expect(code).toBe(1);
    const bad = join(dir, 'team', 'bad.md');
    expect(out).toContainEqual(expect.stringMatching(new RegExp(`^${bad}:4: warning: cannot classify`)));
    expect(out).toContainEqual(expect.stringMatching(new RegExp(`^${bad}:8: warning: placeholder \`\\{\\{pod\\}\` is missing a closing brace`)));
    expect(out).toContainEqual(expect.stringMatching(new RegExp(`^${bad}:12: warning: .*(elided|incomplete|cut off)`)));
    expect(out).toContainEqual(expect.stringMatching(new RegExp(`^${bad}:15: warning: .*never closed`)));
    expect(out).toContainEqual(expect.stringMatching(new RegExp(`^${join(dir, 'empty.md')}:1: error: the file is empty`)));
    expect(out.some((l) => l.includes('notes.txt'))).toBe(false);
  });

  it('says so in one line when the path does not exist', async () => {
    const missing = await run([join(dir, 'nope')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toHaveLength(1);
  });

  it('throws a UsageError on a bad command line instead of linting', async () => {
    await expect(run([])).rejects.toBeInstanceOf(UsageError);
    await expect(run(['--fix', dir])).rejects.toBeInstanceOf(UsageError);
    await expect(run([dir, dir])).rejects.toBeInstanceOf(UsageError);
  });
});
