import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../../../../../electron/node/cli/cliIo';
import { runCli } from '../../../../../../electron/node/cli/main';
import { inspectCommand } from '../../../../../../electron/node/cli/commands/inspectCommand';
import type { Runbook } from '../../../../../../electron/common/runbook/model';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'warroom-inspect-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await inspectCommand(argv, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const RUNBOOK = [
  '# Cache outage', '', '## Severity', '', '| Level | Response |', '|---|---|', '| SEV1 | 15 minutes |', '| SEV2 | 1 hour |', '',
  '## Fix', '', '- [ ] Tell the channel', '', '```bash', '# Flush the cache', 'redis-cli -h <host> FLUSHALL', '```', '',
  '## Updates', '', '```', '[SEV1] Cache down: [Impact]', '```', '', '```bash', '```', '', '```bash', 'kubectl get pods', '',
].join('\n');

describe('warroom inspect', () => {
  it('prints the model as 2-space indented JSON with --json', async () => {
    const path = join(dir, 'cache.md');
    writeFileSync(path, RUNBOOK);
    const { code, out, err } = await run([path, '--json']);
    expect(code).toBe(0);
    expect(err).toBe('');
    const model = JSON.parse(out) as Runbook;
    expect(model.schema).toBe('warroom.runbook/1');
    expect(model.steps[0]!.commands[0]).toMatchObject({ risk: 'destroy', placeholders: ['host'] });
    expect(out).toContain('\n  "schema": "warroom.runbook/1"');
  });

  it('prints a human summary without --json', async () => {
    const path = join(dir, 'cache.md');
    writeFileSync(path, RUNBOOK);
    const { code, out } = await run([path]);
    expect(code).toBe(0);
    expect(out).toContain('Cache outage');
    expect(out).toMatch(/4 sections, 2 steps/);
    expect(out).toContain('Flush the cache');
    expect(out).toMatch(/destroy; fill: host/);
    expect(out).toMatch(/SEV1: respond within 15 min/);
    expect(out).toMatch(/Updates \(communication\)\s+fill: Impact/);
    expect(out).toContain('[ ] Tell the channel');
    expect(out).toMatch(new RegExp(`${path}:[0-9]+: warning: .*never closed`));
  });

  it('fails with one line on stderr and exit 1 for a missing, binary or empty file', async () => {
    writeFileSync(join(dir, 'empty.md'), '');
    writeFileSync(join(dir, 'bin.md'), Buffer.from([0, 1, 2, 3, 0, 0, 0, 9, 0, 0]));
    for (const name of ['missing.md', 'empty.md', 'bin.md']) {
      const { code, out, err } = await run([join(dir, name), '--json']);
      expect(code, name).toBe(1);
      expect(out).toBe('');
      expect(err.trim().split('\n'), name).toHaveLength(1);
      expect(err).toContain(name);
    }
  });

  it('throws a UsageError on a bad command line instead of running', async () => {
    const path = join(dir, 'cache.md');
    writeFileSync(path, RUNBOOK);
    await expect(run([])).rejects.toBeInstanceOf(UsageError);
    await expect(run([path, path])).rejects.toBeInstanceOf(UsageError);
    await expect(run([path, '--yaml'])).rejects.toBeInstanceOf(UsageError);
    await expect(run([path, '--json=yes'])).rejects.toBeInstanceOf(UsageError);
  });

  it('warroom inspect --help prints its usage and exits 0', async () => {
    const out: string[] = [];
    expect(await runCli(['inspect', '--help'], { stdout: (s) => out.push(s), stderr: () => {} })).toBe(0);
    expect(out.join('\n')).toContain('warroom inspect FILE [--json]');
  });
});
