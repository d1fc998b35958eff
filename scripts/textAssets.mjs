// Text assets: the shell integration scripts (*.sh, *.zsh) are imported as modules whose
// default export is the file's text. One contract, three loaders:
//   - the app build: esbuild's `text` loader (TEXT_LOADERS, scripts/build.mjs);
//   - the unit tests: the Vite plugin below (vitest.config.ts);
//   - tsx runs (the benches): the Node load hook below (registerTextAssets.mjs).
import { readFile } from 'node:fs/promises';

export const TEXT_EXTENSIONS = ['.sh', '.zsh'];
export const TEXT_LOADERS = Object.fromEntries(TEXT_EXTENSIONS.map((ext) => [ext, 'text']));

const isTextAsset = (path) => TEXT_EXTENSIONS.some((ext) => path.endsWith(ext));
const textModule = (text) => `export default ${JSON.stringify(text)};`;

/** Vite/vitest plugin: a text asset loads as its text. */
export function textAssetsPlugin() {
  return {
    name: 'warroom-text-assets',
    enforce: 'pre',
    async load(id) {
      const path = id.split('?')[0];
      return isTextAsset(path) ? textModule(await readFile(path, 'utf8')) : null;
    },
  };
}

/** Node module hook (see registerTextAssets.mjs). */
export async function load(url, context, nextLoad) {
  if (url.startsWith('file:') && isTextAsset(new URL(url).pathname)) {
    return { format: 'module', source: textModule(await readFile(new URL(url), 'utf8')), shortCircuit: true };
  }
  return nextLoad(url, context);
}
