import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUserError } from '../../../../../electron/common/errors';
import { parseInWorker } from '../../../../../electron/node/runbook/parseInWorker';
import { parseRunbookFile } from '../../../../../electron/node/runbook/parseRunbookFile';

let dir: string;
let runbook: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'warroom-worker-'));
  runbook = join(dir, 'rb.md');
  writeFileSync(runbook, '# Worker\n\n## Check\n\n```bash\nkubectl get pods\n```\n');
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('parseInWorker', () => {
  it('parses in a worker thread to the same model as in-thread parsing', async () => {
    const [fromWorker, local] = await Promise.all([parseInWorker({ path: runbook }), parseRunbookFile(runbook)]);
    expect(fromWorker).toEqual(local);
    expect(fromWorker.steps).toHaveLength(1);
  });

  it('parses given bytes and handles several requests at once', async () => {
    const texts = Array.from({ length: 5 }, (_, i) => `# Runbook ${i}\n`);
    const results = await Promise.all(
      texts.map((t, i) => parseInWorker({ path: `r${i}.md`, bytes: new TextEncoder().encode(t) })),
    );
    expect(results.map((r) => r.title)).toEqual(texts.map((_, i) => `Runbook ${i}`));
  });

  it('keeps the event loop free while a large runbook parses', async () => {
    const big = new TextEncoder().encode(`# Big\n\n${'## Section\n\nSome prose with `code`.\n\n```bash\nkubectl get pods -n x\n```\n\n'.repeat(20_000)}`);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const rb = await parseInWorker({ path: 'big.md', bytes: big });
    clearInterval(timer);
    expect(rb.steps.length).toBe(20_000);
    expect(ticks).toBeGreaterThan(3);
  }, 30_000);

  it('rejects with the same one-line UserError as the file reader', async () => {
    const error = await parseInWorker({ path: join(dir, 'missing.md') }).catch((e: unknown) => e);
    expect(isUserError(error)).toBe(true);
    expect((error as Error).message).toMatch(/missing\.md: no such file/);
  });

  it('falls back to parsing in this thread when the worker script is missing', async () => {
    const rb = await parseInWorker({ path: runbook }, { workerUrl: join(dir, 'absent.js') });
    expect(rb.title).toBe('Worker');
    const rbDefault = await parseInWorker({ path: runbook });
    expect(rbDefault.title).toBe('Worker');
  });
});
