import type { BenchResult } from './benchResult';
/**
 * The shell half of the runbook engine: splitting every code block of the shared samples
 * into steps and commands, then classifying, finding placeholders and env inputs for each
 * command — the work done per block when a runbook opens.
 *
 * - samples: mean time for all blocks of both samples, target < 5 ms;
 * - a generated 1 MB block mix (continuations, heredocs, quoted SQL, transcripts): target < 500 ms,
 *   so the shell half keeps a 5 MB runbook well under the brief's two seconds.
 * Baseline: splitBlock alone, so the ratio says what risk/placeholder/env analysis adds.
 *
 * Run: `npx tsx bench/shellSplit.bench.ts` (prints JSON), or through `npm run bench`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { classifyRisk, findEnvInputs, findPlaceholders, splitBlock } from '../electron/common/runbook/shell';

export type { BenchResult } from './benchResult';

const SAMPLES = '/work/shared/runbook-samples';
/** Runs over the samples: each run takes well under a millisecond, so many give a stable mean. */
const SAMPLE_RUNS = 300;
/** Runs over the generated mix: each takes a noticeable fraction of a second. */
const BIG_RUNS = 5;
/** Size of the generated block mix. */
const BIG_BYTES = 1024 * 1024;

interface Block {
  lang: string | null;
  code: string;
}

function fencedBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\S*)/.exec(lines[i] as string);
    if (!open) continue;
    const indent = open[1]?.length ?? 0;
    const body: string[] = [];
    i++;
    while (i < lines.length && !/^\s*```\s*$/.test(lines[i] as string)) body.push((lines[i++] as string).slice(indent));
    out.push({ lang: open[2] || null, code: body.join('\n') });
  }
  return out;
}

function generated(): Block[] {
  const parts: Block[] = [];
  let size = 0;
  for (let i = 0; size < BIG_BYTES; i++) {
    const bash = `# Check pods ${i}\nkubectl get pods -n <namespace> -l app=api-${i}\n\n# Restart\nkubectl rollout restart deploy/api-${i} \\\n  -n $NAMESPACE\n\npsql -h $DB_HOST -c "\nSELECT pid, query\nFROM pg_stat_activity\n\nWHERE state = 'idle';\n"\ncat <<'EOF' > /tmp/fix-${i}.sql\nUPDATE t SET a = 1;\n\nEOF\nredis-cli --scan --pattern 'tmp:*' | xargs redis-cli DEL\n`;
    const consoleBlock = `$ kubectl get pods\nNAME READY\napi-${i} 1/1\n\npostgres=# SELECT count(*)\npostgres-# FROM t;\n count\n-------\n 1\n`;
    parts.push({ lang: 'bash', code: bash }, { lang: 'console', code: consoleBlock });
    size += bash.length + consoleBlock.length;
  }
  return parts;
}

function analyse(blocks: Block[], full: boolean): number {
  let commands = 0;
  for (const b of blocks) {
    const split = splitBlock(b.code, { lang: b.lang, startLine: 1 });
    if (!full) continue;
    for (const step of split.steps) {
      for (const c of step.commands) {
        commands++;
        classifyRisk(c.text, c.client ? { client: c.client } : undefined);
        findPlaceholders(c.text, 'command');
        findEnvInputs(c.text, new Set());
      }
    }
  }
  return commands;
}

function meanMs(runs: number, f: () => void): number {
  f();
  const start = performance.now();
  for (let i = 0; i < runs; i++) f();
  return (performance.now() - start) / runs;
}

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  if (existsSync(SAMPLES)) {
    const blocks = readdirSync(SAMPLES)
      .filter((f) => f.endsWith('.md') && f !== 'README.md')
      .flatMap((f) => fencedBlocks(readFileSync(join(SAMPLES, f), 'utf8')));
    const splitOnly = meanMs(SAMPLE_RUNS, () => analyse(blocks, false));
    const full = meanMs(SAMPLE_RUNS, () => analyse(blocks, true));
    results.push({
      name: `shell half over all ${blocks.length} code blocks of the samples`,
      value: Number(full.toFixed(3)),
      unit: 'ms',
      baseline: { name: 'splitBlock alone', value: Number(splitOnly.toFixed(3)) },
      target: '< 5 ms',
    });
  }
  const big = generated();
  const bigSplit = meanMs(BIG_RUNS, () => analyse(big, false));
  const bigFull = meanMs(BIG_RUNS, () => analyse(big, true));
  results.push({
    name: `shell half over a generated 1 MB mix (${big.length} blocks)`,
    value: Math.round(bigFull),
    unit: 'ms',
    baseline: { name: 'splitBlock alone', value: Math.round(bigSplit) },
    target: '< 500 ms',
  });
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await run(), null, 2));
}
