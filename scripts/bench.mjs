// `npm run bench [-- name-filter]`: runs every bench/*.bench.ts, each in its own Node
// process (so one bench's memory and JIT state don't colour the next), and prints
// each figure beside its baseline measured in the same run, as a ratio, with the target.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const filter = process.argv[2];
const files = readdirSync(path.join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
  .sort();

const all = [];
for (const file of files) {
  process.stdout.write(`\n▶ ${file}\n`);
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--import', path.join(root, 'scripts/registerTextAssets.mjs'), '--expose-gc', path.join(root, 'scripts/benchOne.ts'), path.join(root, 'bench', file)], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const marker = child.stdout.lastIndexOf('\n@@results ');
  if (child.status !== 0 || marker < 0) {
    process.stdout.write(child.stdout);
    process.stdout.write(`  ✘ ${file} failed (exit ${child.status})\n`);
    all.push({ file, failed: true });
    continue;
  }
  process.stdout.write(child.stdout.slice(0, marker + 1));
  const results = JSON.parse(child.stdout.slice(marker + '\n@@results '.length));
  for (const r of results) {
    const ratio = r.baseline ? `  ${formatRatio(r.value / r.baseline.value)}× ${r.baseline.name} (${fmt(r.baseline.value)} ${r.unit})` : '';
    process.stdout.write(`  ${r.name.padEnd(58)} ${fmt(r.value).padStart(12)} ${r.unit}${ratio}${r.target ? `   target ${r.target}` : ''}\n`);
    all.push({ file, ...r });
  }
}
mkdirSync(path.join(root, 'bench-results'), { recursive: true });
writeFileSync(path.join(root, 'bench-results/latest.json'), JSON.stringify({ at: new Date().toISOString(), results: all }, null, 2));
process.exit(all.some((r) => r.failed) ? 1 : 0);

/** Two decimals, but never a misleading 0.00 for a small ratio. */
function formatRatio(ratio) {
  return ratio >= 0.1 ? ratio.toFixed(2) : Number(ratio.toPrecision(2)).toString();
}

function fmt(n) {
  return Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : Number(n.toPrecision(3)).toString();
}
