import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../../../../electron/common/errors';
import { parseRunbookFile } from '../../../../../electron/node/runbook/parseRunbookFile';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'warroom-runbook-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function failure(path: string): Promise<UserError> {
  const error = await parseRunbookFile(path).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).message).not.toContain('\n');
  return error as UserError;
}

describe('parseRunbookFile', () => {
  it('reads a runbook file into the model', async () => {
    const path = join(dir, 'disk.md');
    writeFileSync(path, '# Disk full\r\n\r\n```bash\r\ndf -h\r\n```\r\n');
    const rb = await parseRunbookFile(path);
    expect(rb.title).toBe('Disk full');
    expect(rb.path).toBe(path);
    expect(rb.steps.map((s) => s.code)).toEqual(['df -h']);
  });

  it('says in one line when the file is missing, a directory, binary or empty', async () => {
    expect((await failure(join(dir, 'nope.md'))).message).toMatch(/nope\.md: no such file/);
    mkdirSync(join(dir, 'folder.md'));
    expect((await failure(join(dir, 'folder.md'))).message).toMatch(/is a directory/);
    writeFileSync(join(dir, 'bin.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 1, 2, 3, 0, 0, 0, 0]));
    expect((await failure(join(dir, 'bin.md'))).message).toMatch(/bin\.md: the file is binary/);
    writeFileSync(join(dir, 'empty.md'), '');
    expect((await failure(join(dir, 'empty.md'))).message).toMatch(/empty\.md: the file is empty/);
  });

  it.skipIf(process.getuid?.() === 0)('says so when the file cannot be read', async () => {
    const path = join(dir, 'secret.md');
    writeFileSync(path, '# x\n');
    chmodSync(path, 0o000);
    expect((await failure(path)).message).toMatch(/permission denied/);
  });
});
