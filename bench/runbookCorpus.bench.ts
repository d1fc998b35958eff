import type { BenchResult } from './benchResult';
/**
 * The public runbook corpus (tests/fixtures/corpus): how the engine reads runbooks nobody here
 * wrote, and how fast.
 *
 * - the figures of the corpus audit: files, crashes, error diagnostics, runnable steps, shell
 *   commands, "not a command" rate (target ≤ 2 %), steps inside a session, snippets;
 * - the same audit with the fence label believed (every line of a shell fence a command), the
 *   "before" the content sniffing is measured against;
 * - `inspect` of a 10 KB corpus runbook in process: median parse time, target < 5 ms, beside
 *   markdown-it's own parse of the same text.
 *
 * Run: `npm run bench -- runbookCorpus`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import MarkdownIt from 'markdown-it';
import { parseRunbook } from '../electron/common/runbook/parseRunbook';
import { CorpusAudit, notACommandKind } from '../tests/support/commandAudit';
import { pairedMedians } from './benchMath';

export type { BenchResult } from './benchResult';

const CORPUS = join(dirname(fileURLToPath(import.meta.url)), '../tests/fixtures/corpus');
const RUNS = 300;

function corpusFiles(): string[] {
  return readdirSync(CORPUS)
    .filter((d) => statSync(join(CORPUS, d)).isDirectory())
    .sort()
    .flatMap((d) =>
      readdirSync(join(CORPUS, d))
        .filter((f) => f.endsWith('.md'))
        .sort()
        .map((f) => join(CORPUS, d, f)),
    );
}

/** Lines of shell-labelled fences, each taken as a command: what a parser that believes the label runs. */
function labelBelieved(files: readonly string[]): { commands: number; notCommands: number } {
  const md = new MarkdownIt();
  let commands = 0;
  let notCommands = 0;
  for (const file of files) {
    for (const token of md.parse(readFileSync(file, 'utf8'), {})) {
      if (token.type !== 'fence' || !/^(bash|sh|shell|zsh|console|shell-session|terminal)\b/i.test(token.info.trim())) continue;
      for (const raw of token.content.split('\n')) {
        const line = raw.replace(/^\s*\$ /, '').trim();
        if (line === '' || line.startsWith('#') || /\\$/.test(raw)) continue;
        commands++;
        if (notACommandKind(line)) notCommands++;
      }
    }
  }
  return { commands, notCommands };
}

export async function run(): Promise<BenchResult[]> {
  const files = corpusFiles();
  const audit = new CorpusAudit();
  for (const path of files) audit.add(path, () => parseRunbook({ path, bytes: readFileSync(path) }));
  const f = audit.figures;
  const believed = labelBelieved(files);
  const results: BenchResult[] = [
    { name: 'corpus runbooks', value: f.files, unit: 'files' },
    { name: 'corpus crashes', value: f.crashes, unit: 'files', target: '0' },
    { name: 'corpus error diagnostics', value: f.errorDiagnostics, unit: 'diagnostics' },
    { name: 'corpus runnable steps', value: f.runnableSteps, unit: 'steps' },
    { name: 'corpus steps inside a session', value: f.stepsInside, unit: 'steps' },
    { name: 'corpus copy-only snippets', value: f.snippets, unit: 'steps' },
    { name: 'corpus shell commands', value: f.commands, unit: 'commands' },
    {
      name: 'corpus "not a command" rate',
      value: f.notCommandRate,
      unit: '%',
      baseline: { name: 'fence label believed', value: Math.round((1000 * believed.notCommands) / Math.max(1, believed.commands)) / 10 },
      target: '≤ 2 %',
    },
  ];
  // The corpus file closest to 10 KB: the size for "a runbook".
  const sized = files.map((path) => ({ path, size: statSync(path).size })).sort((a, b) => Math.abs(a.size - 10_240) - Math.abs(b.size - 10_240))[0]!;
  const bytes = new Uint8Array(readFileSync(sized.path));
  const text = new TextDecoder().decode(bytes);
  const md = new MarkdownIt('default', { html: true, linkify: true });
  const timed = pairedMedians(RUNS, () => parseRunbook({ path: sized.path, bytes }), () => md.parse(text, {}), 30);
  results.push({
    name: `inspect a ${(bytes.length / 1024).toFixed(1)} KB corpus runbook`,
    value: Number(timed.value.toFixed(3)),
    unit: 'ms',
    baseline: { name: 'markdown-it parse', value: Number(timed.baseline.toFixed(3)) },
    target: '< 5 ms',
  });
  return results;
}
