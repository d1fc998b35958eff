/**
 * Where a worker thread's program is. Every worker is an entry file of its own that sits
 * beside the module starting it (`terminal/ptyWorker.ts` beside `ptyThread.ts`), and
 * scripts/build.mjs bundles each to out/electron/node/<name>.js, beside the host's bundles:
 * so a bundle finds its workers next to itself.
 *
 * Run from the TypeScript sources (the unit tests, the benches, tsx scripts) there is no
 * bundle: the entry is bundled on first use, with the options build.mjs uses, into
 * node_modules/.cache/warroom-workers/, and again whenever one of its source files changed.
 * So a test runs the code the app ships, never a stale copy, and needs no build step first.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as Esbuild from 'esbuild';

/** What build.mjs gives every Node entry: one ESM file per entry, dependencies from node_modules. */
const NODE_BUNDLE = { bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', loader: { '.sh': 'text', '.zsh': 'text' } } as const;

/**
 * The worker `name` for the module at `callerUrl` (its `import.meta.url`): `<name>.js` beside
 * a bundle, or `<name>.ts` beside a source file, bundled (see above).
 */
export function workerScript(name: string, callerUrl: string, options: { cacheDir?: string } = {}): URL {
  const caller = fileURLToPath(callerUrl);
  if (!caller.endsWith('.ts')) return new URL(`./${name}.js`, callerUrl);
  const entry = path.join(path.dirname(caller), `${name}.ts`);
  if (!existsSync(entry)) throw new Error(`The worker entry ${entry} does not exist.`);
  const root = packageFolderOf(entry);
  return pathToFileURL(bundleFromSource(entry, root, options.cacheDir ?? path.join(root, 'node_modules', '.cache', 'warroom-workers')));
}

/** Source files of a bundle and their size and mtime when it was built. */
type Manifest = Record<string, [size: number, mtimeMs: number]>;

function bundleFromSource(entry: string, root: string, cacheDir: string): string {
  const name = path.relative(root, entry).replace(/\.ts$/, '').replace(/[\\/]/g, '_');
  // .mjs: ESM wherever the cache is; its imports of packages resolve up to root/node_modules.
  const file = path.join(cacheDir, `${name}.mjs`);
  const manifestFile = path.join(cacheDir, `${name}.inputs.json`);
  if (existsSync(file) && upToDate(manifestFile, root)) return file;
  const esbuild = createRequire(import.meta.url)('esbuild') as typeof Esbuild;
  const result = esbuild.buildSync({ ...NODE_BUNDLE, absWorkingDir: root, entryPoints: [entry], write: false, metafile: true, logLevel: 'silent', outfile: file });
  const code = result.outputFiles.find((f) => f.path === file) ?? result.outputFiles[0];
  if (!code) throw new Error(`esbuild produced nothing for ${entry}`);
  const manifest: Manifest = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    const stat = statSync(path.join(root, input));
    manifest[input] = [stat.size, stat.mtimeMs];
  }
  mkdirSync(cacheDir, { recursive: true });
  // Another process (a parallel test file) may build the same entry: each renames a whole file in.
  const unique = `.${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  writeFileSync(file + unique, code.contents);
  renameSync(file + unique, file);
  writeFileSync(manifestFile + unique, JSON.stringify(manifest));
  renameSync(manifestFile + unique, manifestFile);
  return file;
}

function upToDate(manifestFile: string, root: string): boolean {
  try {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    return Object.entries(manifest).every(([input, [size, mtimeMs]]) => {
      const stat = statSync(path.join(root, input));
      return stat.size === size && stat.mtimeMs === mtimeMs;
    });
  } catch {
    return false; // No manifest yet, or a source file gone.
  }
}

/** The nearest folder above `file` with a package.json (where node_modules is). */
function packageFolderOf(file: string): string {
  for (let dir = path.dirname(file); ; ) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${file}.`);
    dir = parent;
  }
}
