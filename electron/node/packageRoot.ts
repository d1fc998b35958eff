import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The War Room package folder (where package.json, runbooks/ and out/ live),
 * found by walking up from this module: the same answer from the bundle in
 * out/electron/node and from the TypeScript sources under tests.
 */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'warroom') return (cached = dir);
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the warroom package folder');
    dir = parent;
  }
}

export const bundledRunbooksDir = () => path.join(packageRoot(), 'runbooks');
export const builtRendererDir = () => path.join(packageRoot(), 'out', 'renderer');
