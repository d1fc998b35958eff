// Builds everything `npm start`, `warroom` and the tests run:
//   out/electron/node/*.js   the host and CLI (ESM, Node)
//   out/electron/main/*.cjs  Electron main process (CJS)
//   out/electron/preload/*.cjs  the sandboxed preload (CJS, self-contained)
//   out/renderer/            the React console (Vite)
// Usage: node scripts/build.mjs [--no-renderer]
import { build as esbuild } from 'esbuild';
import { TEXT_LOADERS } from './textAssets.mjs';
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'out');
const withRenderer = !process.argv.includes('--no-renderer');
const started = Date.now();

// Output name → source. cliRun is the CLI as a module (exports runCli): the packaged
// app's main imports it for `War Room --cli …`, where cli.js would exit on import.
// The workers' programs are entries too, found beside the bundles (electron/node/workerScript.ts).
const nodeEntries = Object.fromEntries(
  Object.entries({
    cli: 'electron/node/cli.ts',
    cliRun: 'electron/node/cli/main.ts',
    utilityHost: 'electron/node/utilityHost.ts',
    runbookWorker: 'electron/node/runbook/runbookWorker.ts',
    ptyWorker: 'electron/node/terminal/ptyWorker.ts',
    chunkWriterWorker: 'electron/node/store/chunkWriterWorker.ts',
    walCheckpointWorker: 'electron/node/store/walCheckpointWorker.ts',
  }).filter(([, entry]) => existsSync(path.join(root, entry))),
);

rmSync(path.join(out, 'electron'), { recursive: true, force: true });

const common = { absWorkingDir: root, bundle: true, sourcemap: 'linked', target: 'node20', logLevel: 'warning' };

await Promise.all([
  esbuild({
    ...common,
    entryPoints: nodeEntries,
    outdir: path.join(out, 'electron/node'),
    platform: 'node',
    format: 'esm',
    // Code shared by entries, and every dynamic import() (each CLI command), becomes a chunk of
    // its own beside them: `warroom --version` loads a few KB, `serve` only what it runs.
    splitting: true,
    // Dependencies load from node_modules at run time (native addons can't be bundled).
    // electron/node/workerScript.ts bundles a worker from the sources with these same options.
    packages: 'external',
    // The shell integration scripts are bundled as text (textAssets.mjs).
    loader: TEXT_LOADERS,
  }),
  existsSync(path.join(root, 'electron/main/main.ts')) &&
    esbuild({
      ...common,
      entryPoints: { main: 'electron/main/main.ts' },
      outdir: path.join(out, 'electron/main'),
      outExtension: { '.js': '.cjs' },
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      packages: 'external',
    }),
  existsSync(path.join(root, 'electron/preload/preload.ts')) &&
    esbuild({
      ...common,
      entryPoints: { preload: 'electron/preload/preload.ts' },
      outdir: path.join(out, 'electron/preload'),
      outExtension: { '.js': '.cjs' },
      // A sandboxed preload can require only 'electron' (and a few polyfills): bundle the rest in.
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
    }),
]);

if (withRenderer) {
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}
console.log(`build: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
