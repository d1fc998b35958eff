/**
 * The public corpus (tests/fixtures/corpus/SOURCES.md): 300+ runbooks from three public
 * repositories, parsed as `warroom inspect` would. No crash, no error diagnostic, and at most
 * 2 % of the commands behind a Run button are not shell commands (YAML, PromQL, output, …).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../../../../electron/common/runbook/parseRunbook';
import type { Runbook } from '../../../../../electron/common/runbook/model';
import { CorpusAudit } from '../../../../support/commandAudit';

const CORPUS = join(__dirname, '../../../../fixtures/corpus');
/** The target: at most this share of runnable commands may be something else. */
const MAX_NOT_A_COMMAND_PERCENT = 2;

function sources(): string[] {
  return readdirSync(CORPUS).filter((name) => statSync(join(CORPUS, name)).isDirectory()).sort();
}

function filesOf(source: string): string[] {
  return readdirSync(join(CORPUS, source)).filter((name) => name.endsWith('.md')).sort();
}

const parsed = new Map<string, Runbook>();
const audit = new CorpusAudit();
for (const source of sources()) {
  for (const name of filesOf(source)) {
    const path = join(CORPUS, source, name);
    const runbook = audit.add(`${source}/${name}`, () => parseRunbook({ path, bytes: readFileSync(path) }));
    if (runbook) parsed.set(`${source}/${name}`, runbook);
  }
}

describe('the public runbook corpus', () => {
  it('holds at least 300 runbooks from at least three public repositories, each with its licence', () => {
    const names = sources();
    expect(names.length).toBeGreaterThanOrEqual(3);
    expect(audit.figures.files).toBeGreaterThanOrEqual(300);
    const listed = readFileSync(join(CORPUS, 'SOURCES.md'), 'utf8');
    for (const source of names) {
      expect(readdirSync(join(CORPUS, source))).toContain('LICENSE');
      expect(listed).toContain(`\`${source}/\``);
    }
  });

  it('parses every file without a crash or an error diagnostic', () => {
    expect(audit.crashed).toEqual([]);
    expect(audit.figures.errorDiagnostics).toBe(0);
  });

  it(`keeps "not a command" under ${MAX_NOT_A_COMMAND_PERCENT} % of the runnable commands`, () => {
    const { commands, notCommands, notCommandRate } = audit.figures;
    // The figures the bench prints, here for the record of a failing run.
    console.log(`corpus: ${JSON.stringify(audit.figures)}`);
    expect(commands).toBeGreaterThan(1000);
    expect(notCommandRate, audit.found.map((f) => `${f.path}:${f.line} ${f.kind}: ${f.text.split('\n', 1)[0]}`).join('\n')).toBeLessThanOrEqual(MAX_NOT_A_COMMAND_PERCENT);
    expect(notCommands).toBe(audit.found.length);
  });

  it('keeps the model of each hand-checked step as it was judged', () => {
    const rows = readFileSync(join(CORPUS, 'hand-checked-sample.tsv'), 'utf8')
      .split('\n')
      .filter((l) => l !== '' && !l.startsWith('#'))
      .map((l) => l.split('\t'));
    expect(rows).toHaveLength(50);
    const wrong = rows.filter((r) => r[2] === 'wrong');
    expect(wrong).toEqual([]);
    for (const [where, model] of rows) {
      const at = where!.lastIndexOf(':');
      const runbook = parsed.get(where!.slice(0, at));
      const step = runbook?.steps.find((s) => s.line === Number(where!.slice(at + 1)));
      expect(step, where).toBeDefined();
      expect(step!.runnable ? 'run' : 'copy', where).toBe(model);
    }
  });

  it('shows YAML manifests and queries from shell fences as snippets of their language', () => {
    const langs = new Set([...parsed.values()].flatMap((rb) => rb.steps.filter((s) => !s.runnable).map((s) => s.lang)));
    expect(langs).toContain('yaml');
    const kept = [...parsed.values()].flatMap((rb) => rb.steps).filter((s) => s.lang === 'yaml');
    expect(kept.every((s) => !s.runnable && s.commands.length === 0)).toBe(true);
  });
});
