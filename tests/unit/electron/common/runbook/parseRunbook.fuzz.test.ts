/**
 * Fuzz: thousands of random and mutated runbooks (from the shared samples, the fixtures and
 * the bundled runbooks) must never make the parser throw or hang, and the model must keep
 * its invariants (unique step titles, 1-based lines, no `\r` in text).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../../../../electron/common/runbook/parseRunbook';
import type { Runbook } from '../../../../../electron/common/runbook/model';
import { seededRandom } from './seededRandom';

/** Enough inputs to shake out crashes in every rule, within the suite's time budget. */
const ITERATIONS = 10_000;
/** One parse of a small input taking this long means a pathological (super-linear) path. */
const MAX_SINGLE_PARSE_MS = 1_000;
/** Corpus files larger than this would dominate the run time without adding variety. */
const MAX_CORPUS_BYTES = 64 * 1024;

function corpus(): Uint8Array[] {
  const corpusRoot = join(__dirname, '../../../../fixtures/corpus');
  // The public corpus: real runbooks' shapes (transcripts, manifests, queries in shell fences).
  const corpusDirs = existsSync(corpusRoot) ? readdirSync(corpusRoot).map((d) => join(corpusRoot, d)).filter((d) => statSync(d).isDirectory()) : [];
  const dirs = ['/work/shared/runbook-samples', join(__dirname, '../../../../fixtures/runbooks'), join(__dirname, '../../../../../runbooks'), ...corpusDirs];
  const files: Uint8Array[] = [];
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (!name.endsWith('.md') || statSync(path).size > MAX_CORPUS_BYTES) continue;
      files.push(new Uint8Array(readFileSync(path)));
    }
  }
  return files;
}

const SNIPPETS = [
  '```', '```bash', '~~~', '````', '```text', '```sql', '```output', '    ', '`', '``', '<', '>', '<!--', '-->', '{{', '}}', '{%', '%}',
  '\uFEFF', '\r', '\r\n', '\u0000', '# ', '## SEV1 (Critical)', '- [ ] ', '- [x] ', '| P1 | 5 min |', '|---|---|', '<table><tr><td>P1',
  '$ ', 'db=# ', 'mysql> ', '\\', '|', '&&', "'", '"', '<<EOF', 'EOF', '$(', ')', '...', '<snip>', '!!! tip', ':::', '[TOC]',
  '**P0 - Critical**', '---', 'title: x', '> ', '1. ', '* ', '[link](http://x)', 'ðŸš¨', 'â€™', '<details>', '\t', '<pod-name>', '{{ns}}',
  'YOUR_TOKEN', '${VAR:-x}', '$VAR', 'kubectl delete pod x', 'redis-cli FLUSHALL', 'psql -c "', 'Response Time: 15 minutes',
  'sh-5.1$ ', 'bash-4.4# ', '[root@node-1 /]# ', 'PS C:\\> ', '$mac ', 'apiVersion: v1', 'kind: Pod', 'sum by (x) (', 'rate(x[5m])',
  '{job="x"}', '|= "err"', 'oc rsh pod', 'oc debug node/n', 'chroot /host', 'exit', 'health: HEALTH_OK', 'I0611 11:13:35.0 1 x.go:1]',
];

function randomDoc(next: () => number): string {
  const lines: string[] = [];
  const count = Math.floor(next() * 40);
  for (let i = 0; i < count; i++) {
    const parts = Math.floor(next() * 4);
    let line = '';
    for (let p = 0; p < parts; p++) line += SNIPPETS[Math.floor(next() * SNIPPETS.length)]! + (next() < 0.5 ? ' ' : '');
    lines.push(line);
  }
  return lines.join(next() < 0.8 ? '\n' : '\r\n');
}

/** Lines of a corpus file taken per mutated input: a window keeps each parse small, so 10 000 fit in seconds. */
const WINDOW_LINES = 30;
/** Share of text mutations that keep the whole file (the rest take a window of WINDOW_LINES). */
const WHOLE_FILE_CHANCE = 0.03;

function mutate(source: string, next: () => number): string {
  const all = source.split('\n');
  const from = Math.floor(next() * Math.max(1, all.length - WINDOW_LINES));
  // Now and then a whole file, so rules that look across a document (severity scales, templates) still meet one.
  const lines = next() < WHOLE_FILE_CHANCE ? all : all.slice(from, from + WINDOW_LINES);
  const edits = 1 + Math.floor(next() * 6);
  for (let e = 0; e < edits && lines.length > 0; e++) {
    const at = Math.floor(next() * lines.length);
    switch (Math.floor(next() * 6)) {
      case 0:
        lines.splice(at, 1 + Math.floor(next() * 3));
        break;
      case 1:
        lines.splice(at, 0, SNIPPETS[Math.floor(next() * SNIPPETS.length)]!);
        break;
      case 2:
        lines.splice(at, 0, ...lines.slice(at, at + 1 + Math.floor(next() * 5)));
        break;
      case 3: {
        const line = lines[at] ?? '';
        const cut = Math.floor(next() * (line.length + 1));
        lines[at] = line.slice(0, cut) + SNIPPETS[Math.floor(next() * SNIPPETS.length)]! + line.slice(cut);
        break;
      }
      case 4:
        lines[at] = (lines[at] ?? '').slice(0, Math.floor(next() * 20));
        break;
      default:
        lines.splice(at, 0, '```' + (next() < 0.5 ? 'bash' : ''));
    }
  }
  return lines.join('\n');
}

/**
 * Bytes of a corpus file taken per byte-level mutation: the start of the file half of the time
 * (where BOMs and encodings are decided), a window elsewhere otherwise. Whole 64 KB files made
 * a quarter of the runs cost most of the test's time without finding anything windows miss.
 */
const WINDOW_BYTES = 2048;

function mutateBytes(bytes: Uint8Array, next: () => number): Uint8Array {
  const from = next() < 0.5 ? 0 : Math.floor(next() * Math.max(1, bytes.length - WINDOW_BYTES));
  const copy = bytes.slice(from, from + WINDOW_BYTES);
  const edits = 1 + Math.floor(next() * 8);
  for (let e = 0; e < edits && copy.length > 0; e++) copy[Math.floor(next() * copy.length)] = Math.floor(next() * 256);
  return next() < 0.3 ? copy.slice(0, Math.floor(next() * copy.length)) : copy;
}

function checkInvariants(rb: Runbook): void {
  const titles = rb.steps.map((s) => s.title);
  if (new Set(titles).size !== titles.length) throw new Error(`duplicate step titles: ${JSON.stringify(titles)}`);
  if (new Set(rb.steps.map((s) => s.id)).size !== rb.steps.length) throw new Error('duplicate step ids');
  if (new Set(rb.sections.map((s) => s.id)).size !== rb.sections.length) throw new Error('duplicate section ids');
  if (new Set(rb.severityLevels.map((l) => l.id)).size !== rb.severityLevels.length) throw new Error('duplicate severity ids');
  for (const item of [...rb.steps, ...rb.sections, ...rb.diagnostics, ...rb.checklist, ...rb.templates]) {
    if (!Number.isInteger(item.line) || item.line < 1) throw new Error(`bad line ${item.line}`);
  }
  const text = [rb.title, ...rb.sections.map((s) => s.title), ...rb.steps.flatMap((s) => [s.title, s.code, ...s.commands.map((c) => c.text)]), ...rb.templates.map((t) => t.body)];
  if (text.some((t) => t.includes('\r'))) throw new Error('\\r reached the model');
  JSON.stringify(rb);
}

describe('parseRunbook fuzz', () => {
  it(`survives ${ITERATIONS} random and mutated inputs`, () => {
    const files = corpus();
    const texts = files.map((b) => new TextDecoder().decode(b));
    const next = seededRandom(0x5eed);
    let slowest = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const kind = i % 4;
      const base = texts.length > 0 ? Math.floor(next() * texts.length) : 0;
      const input =
        kind === 0 || texts.length === 0
          ? { path: `fuzz-${i}.md`, text: randomDoc(next) }
          : kind === 3
            ? { path: `fuzz-${i}.md`, bytes: mutateBytes(files[base]!, next) }
            : { path: `fuzz-${i}.md`, text: mutate(texts[base]!, next) };
      const started = performance.now();
      let rb: Runbook;
      try {
        rb = parseRunbook(input);
        checkInvariants(rb);
      } catch (error) {
        throw new Error(`iteration ${i}: ${(error as Error).stack}\ninput: ${JSON.stringify(input.text ?? '(bytes)').slice(0, 2000)}`);
      }
      slowest = Math.max(slowest, performance.now() - started);
    }
    expect(slowest).toBeLessThan(MAX_SINGLE_PARSE_MS);
  }, 60_000);
});
