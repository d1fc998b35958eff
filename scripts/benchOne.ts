// Runs one bench file's `run()` and prints its results after a marker line for scripts/bench.mjs.
import { pathToFileURL } from 'node:url';

const file = process.argv[2];
if (!file) throw new Error('usage: benchOne.ts FILE');
const module = (await import(pathToFileURL(file).href)) as { run: () => Promise<unknown[]> };
const results = await module.run();
process.stdout.write(`\n@@results ${JSON.stringify(results)}\n`);
process.exit(0);
