import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { workerScript } from '../../../../electron/node/workerScript';

const ROOT = join(__dirname, '../../../..');
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** Runs a worker script and resolves with its first message. */
function firstMessage(script: URL): Promise<unknown> {
  const worker = new Worker(script);
  return new Promise((resolve, reject) => {
    worker.once('message', (m) => void worker.terminate().then(() => resolve(m)));
    worker.once('error', reject);
  });
}

/** A package with a caller module and a worker entry beside it that imports a helper. */
function fixture(): { caller: string; helper: string; cacheDir: string } {
  dir = mkdtempSync(join(tmpdir(), 'wr-workerscript-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'fixture', type: 'module' }));
  mkdirSync(join(dir, 'src'));
  const helper = join(dir, 'src/greeting.ts');
  writeFileSync(helper, "export const greeting: string = 'hello';\n");
  writeFileSync(join(dir, 'src/echoWorker.ts'), "import { parentPort } from 'node:worker_threads';\nimport { greeting } from './greeting';\nparentPort!.postMessage(greeting);\n");
  const caller = join(dir, 'src/caller.ts');
  writeFileSync(caller, 'export {};\n');
  return { caller, helper, cacheDir: join(dir, 'cache') };
}

describe('workerScript', () => {
  it('finds a bundle\'s worker beside it', () => {
    expect(workerScript('ptyWorker', 'file:///app/out/electron/node/cli.js').href).toBe('file:///app/out/electron/node/ptyWorker.js');
  });

  it('bundles a worker from the sources, and again once one of its files changed', async () => {
    const { caller, helper, cacheDir } = fixture();
    const first = workerScript('echoWorker', pathToFileURL(caller).href, { cacheDir });
    expect(await firstMessage(first)).toBe('hello');
    const built = readdirSync(cacheDir);
    // Unchanged sources: the same file, not rebuilt.
    expect(workerScript('echoWorker', pathToFileURL(caller).href, { cacheDir }).href).toBe(first.href);
    expect(readdirSync(cacheDir)).toEqual(built);
    writeFileSync(helper, "export const greeting: string = 'changed';\n");
    utimesSync(helper, new Date(), new Date(Date.now() + 5000));
    expect(await firstMessage(workerScript('echoWorker', pathToFileURL(caller).href, { cacheDir }))).toBe('changed');
  });

  it('says which entry is missing', () => {
    const { caller, cacheDir } = fixture();
    expect(() => workerScript('noSuchWorker', pathToFileURL(caller).href, { cacheDir })).toThrow(/noSuchWorker\.ts does not exist/);
  });

  it('has every worker the host starts listed as an entry of the app build', () => {
    const build = readFileSync(join(ROOT, 'scripts/build.mjs'), 'utf8');
    const started = new Set<string>();
    const walk = (folder: string): void => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (path.endsWith('.ts')) for (const m of readFileSync(path, 'utf8').matchAll(/(?:workerScript|startStoreWorker)\('(\w+)'/g)) started.add(m[1]!);
      }
    };
    walk(join(ROOT, 'electron'));
    for (const m of readFileSync(join(ROOT, 'electron/node/store/storeWorker.ts'), 'utf8').matchAll(/'(\w+Worker)'/g)) started.add(m[1]!);
    expect([...started].sort()).toEqual(['chunkWriterWorker', 'ptyWorker', 'runbookWorker', 'walCheckpointWorker']);
    for (const name of started) expect(build, name).toMatch(new RegExp(`\\b${name}: 'electron/node/[\\w/]+/${name}\\.ts'`));
  });
});
