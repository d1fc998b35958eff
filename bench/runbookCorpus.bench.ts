import type { BenchResult } from './benchResult';
/**
 * The public runbook corpus (tests/fixtures/corpus): how the engine reads runbooks nobody here
 * wrote, and how fast.
 *
 * - the figures of the corpus audit: files, crashes, error diagnostics, runnable steps, shell
 *   commands, "not a command" rate (target ≤ 2 %), steps inside a session, snippets;
 * - the same audit with the fence label believed (every line of a shell fence a command), the
 *   "before" the content sniffing is measured against;
 * - a check independent of the audit's heuristics: how many of those commands `bash -n` rejects
 *   (placeholders filled with a word first), beside the same count with the fence label believed;
 * - `inspect` of a 10 KB corpus runbook in process: median parse time, target < 5 ms, beside
 *   markdown-it's own parse of the same text.
 *
 * Run: `npm run bench -- runbookCorpus`.
 */
import { spawnSync } from 'node:child_process';
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
function labelBelieved(files: readonly string[]): { commands: number; notCommands: number; lines: string[] } {
  const md = new MarkdownIt();
  let commands = 0;
  let notCommands = 0;
  const lines: string[] = [];
  for (const file of files) {
    for (const token of md.parse(readFileSync(file, 'utf8'), {})) {
      if (token.type !== 'fence' || !/^(bash|sh|shell|zsh|console|shell-session|terminal)\b/i.test(token.info.trim())) continue;
      for (const raw of token.content.split('\n')) {
        const line = raw.replace(/^\s*\$ /, '').trim();
        if (line === '' || line.startsWith('#') || /\\$/.test(raw)) continue;
        commands++;
        lines.push(line);
        if (notACommandKind(line)) notCommands++;
      }
    }
  }
  return { commands, notCommands, lines };
}

/** Placeholders filled with a word, so `<pod-name>` does not read as a redirection. */
const neutral = (text: string) => text.replace(/<([A-Za-z][\w .-]*)>/g, 'X').replace(/\{\{[^}]*\}\}/g, 'X');

function bashRejects(texts: readonly string[]): number {
  let rejected = 0;
  for (const text of texts) if (spawnSync('bash', ['-n'], { input: `${neutral(text)}\n` }).status !== 0) rejected++;
  return rejected;
}

export async function run(): Promise<BenchResult[]> {
  const files = corpusFiles();
  const audit = new CorpusAudit();
  for (const path of files) audit.add(path, () => parseRunbook({ path, bytes: readFileSync(path) }));
  const f = audit.figures;
  const runnable = files.flatMap((path) =>
    parseRunbook({ path, bytes: readFileSync(path) })
      .steps.filter((s) => s.runnable)
      .flatMap((s) => s.commands.filter((c) => !c.client && !c.incomplete).map((c) => c.text)),
  );
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
    { name: 'corpus commands bash -n rejects', value: bashRejects(runnable), unit: 'commands', baseline: { name: 'fence label believed', value: bashRejects(believed.lines) } },
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
