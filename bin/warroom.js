#!/usr/bin/env node
// The `warroom` command. The TypeScript sources are bundled to out/ by `npm run build`
// (which `npm install` runs through the `prepare` script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../out/electron/node/cli.js', import.meta.url));
if (!existsSync(entry)) {
  process.stderr.write("warroom: not built yet; run 'npm run build' in the War Room folder first.\n");
  process.exit(1);
}
await import(new URL('../out/electron/node/cli.js', import.meta.url).href);
