/**
 * Runs every awkward fixture in tests/fixtures/runbooks through `warroom inspect --json` (in
 * process) and checks its partial expectations; the format is tests/fixtures/runbooks/README.md.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectCommand } from '../../../../../electron/node/cli/commands/inspectCommand';
import type { Command, Runbook, Step } from '../../../../../electron/common/runbook/model';

const FIXTURES = join(__dirname, '../../../../fixtures/runbooks');

type Json = Record<string, unknown>;
type Expect = Json & { outcome?: 'model' | 'notARunbook' | 'any'; finishWithinMs?: number };

const fixtures = existsSync(FIXTURES)
  ? readdirSync(FIXTURES)
      .filter((f) => f.endsWith('.expect.json'))
      .map((f) => f.slice(0, -'.expect.json'.length))
      .filter((name) => existsSync(join(FIXTURES, `${name}.md`)))
      .sort()
  : [];

const re = (pattern: string) => new RegExp(pattern, 'i');
const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? (v as string[]) : [v as string]);

/** "All text" of the model, as the README defines it. */
function allText(rb: Runbook): string[] {
  return [
    rb.title,
    ...rb.sections.map((s) => s.title),
    ...rb.steps.flatMap((s) => [s.title, s.code, s.expectedOutput ?? '', ...s.commands.map((c) => c.text)]),
    ...rb.checklist.map((c) => c.text),
    ...rb.templates.flatMap((t) => [t.title, t.body]),
  ];
}

function matchCommands(commands: readonly Command[], expected: Json[], where: string): void {
  const used = new Set<number>();
  for (const want of expected) {
    let index: number;
    if (typeof want['text'] === 'string') index = commands.findIndex((c, i) => !used.has(i) && c.text.trim() === (want['text'] as string).trim());
    else if (want['textIncludes'] !== undefined) index = commands.findIndex((c, i) => !used.has(i) && list(want['textIncludes']).every((s) => c.text.includes(s)));
    else index = commands.findIndex((_, i) => !used.has(i));
    const label = `${where}: command ${JSON.stringify(want['text'] ?? want['textIncludes'] ?? '(next)')} in ${JSON.stringify(commands.map((c) => c.text))}`;
    expect(index, label).toBeGreaterThanOrEqual(0);
    used.add(index);
    const got = commands[index]!;
    for (const s of list(want['textExcludes'])) expect(got.text, label).not.toContain(s);
    if (want['risk'] !== undefined) expect(got.risk, `${label} risk (${got.riskReasons.join('; ')})`).toBe(want['risk']);
    if (want['riskReasonsNonEmpty'] !== undefined) expect(got.riskReasons.length > 0, `${label} riskReasons`).toBe(want['riskReasonsNonEmpty']);
    if (want['placeholders'] !== undefined) expect(got.placeholders, `${label} placeholders`).toEqual(want['placeholders']);
    if (want['envInputs'] !== undefined) expect([...got.envInputs].sort(), `${label} envInputs`).toEqual([...(want['envInputs'] as string[])].sort());
    if (want['client'] !== undefined) expect(got.client ?? null, `${label} client`).toBe(want['client']);
    if (want['incomplete'] === true) expect(got.incomplete, `${label} incomplete`).toBe(true);
    if (want['incomplete'] === false) expect(got.incomplete ?? false, `${label} incomplete`).toBe(false);
  }
}

function findStep(steps: readonly Step[], want: Json): Step | undefined {
  if (typeof want['title'] === 'string') return steps.find((s) => s.title.trim() === (want['title'] as string).trim());
  return steps.find((s) => s.code.includes(want['match'] as string));
}

function checkModel(rb: Runbook, e: Expect): void {
  if (e['title'] !== undefined) expect(rb.title.trim()).toBe(e['title']);
  if (e['titleMatches'] !== undefined) expect(rb.title).toMatch(re(e['titleMatches'] as string));
  const sectionTitles = rb.sections.map((s) => s.title.trim());
  if (e['sectionTitles'] !== undefined) expect(sectionTitles).toEqual(e['sectionTitles']);
  if (e['sectionTitlesInclude'] !== undefined) expect(sectionTitles).toEqual(expect.arrayContaining(e['sectionTitlesInclude'] as string[]));
  if (e['sectionCount'] !== undefined) expect(rb.sections).toHaveLength(e['sectionCount'] as number);
  for (const want of (e['sections'] as Json[] | undefined) ?? []) {
    const section = rb.sections.find((s) => s.title.trim() === want['title']);
    expect(section, `section ${String(want['title'])} in ${JSON.stringify(sectionTitles)}`).toBeDefined();
    if (want['level'] !== undefined) expect(section!.level).toBe(want['level']);
    if (want['parentTitle'] !== undefined) {
      const parent = rb.sections.find((s) => s.id === section!.parentId);
      expect(parent?.title.trim() ?? null, `parent of ${String(want['title'])}`).toBe(want['parentTitle']);
    }
  }
  const stepTitles = rb.steps.map((s) => s.title.trim());
  if (e['stepCount'] !== undefined) expect(rb.steps.length, JSON.stringify(stepTitles)).toBe(e['stepCount']);
  if (e['stepTitles'] !== undefined) expect(stepTitles).toEqual(e['stepTitles']);
  if (e['stepTitlesInclude'] !== undefined) expect(stepTitles).toEqual(expect.arrayContaining(e['stepTitlesInclude'] as string[]));
  for (const want of (e['steps'] as Json[] | undefined) ?? []) {
    const step = findStep(rb.steps, want);
    const where = `step ${JSON.stringify(want['title'] ?? want['match'])}`;
    expect(step, `${where} in ${JSON.stringify(stepTitles)}`).toBeDefined();
    if (want['runnable'] !== undefined) expect(step!.runnable, `${where} runnable`).toBe(want['runnable']);
    if (want['lang'] !== undefined) expect(step!.lang, `${where} lang`).toBe(want['lang']);
    for (const s of list(want['codeIncludes'])) expect(step!.code, where).toContain(s);
    for (const s of list(want['codeExcludes'])) expect(step!.code, where).not.toContain(s);
    for (const s of list(want['expectedOutputIncludes'])) expect(step!.expectedOutput ?? '', `${where} expectedOutput`).toContain(s);
    if ('inside' in want) expect(step!.inside?.command ?? null, `${where} inside`).toBe(want['inside']);
    if (want['commandCount'] !== undefined) expect(step!.commands.length, `${where} commands ${JSON.stringify(step!.commands.map((c) => c.text))}`).toBe(want['commandCount']);
    if (want['commands'] !== undefined) matchCommands(step!.commands, want['commands'] as Json[], where);
  }
  const allCommands = rb.steps.flatMap((s) => s.commands);
  if (e['allCommands'] !== undefined) matchCommands(allCommands, e['allCommands'] as Json[], 'allCommands');
  for (const s of list(e['noCommandIncludes'])) {
    expect(allCommands.filter((c) => c.text.includes(s)).map((c) => c.text), `no command includes ${s}`).toEqual([]);
  }
  if (e['allPlaceholders'] !== undefined) expect([...new Set(allCommands.flatMap((c) => c.placeholders))].sort()).toEqual([...new Set(e['allPlaceholders'] as string[])].sort());
  if (e['allEnvInputs'] !== undefined) expect([...new Set(allCommands.flatMap((c) => c.envInputs))].sort()).toEqual([...new Set(e['allEnvInputs'] as string[])].sort());
  const levels = [...rb.severityLevels].sort((a, b) => a.rank - b.rank);
  if (e['severityIds'] !== undefined) expect(levels.map((l) => l.id)).toEqual(e['severityIds']);
  for (const want of (e['severity'] as Json[] | undefined) ?? []) {
    const level = rb.severityLevels.find((l) => l.id === want['id']);
    expect(level, `severity ${String(want['id'])} in ${JSON.stringify(levels.map((l) => l.id))}`).toBeDefined();
    for (const key of ['name', 'rank', 'responseMinutes'] as const) {
      if (want[key] !== undefined) expect(level![key], `severity ${String(want['id'])} ${key}`).toBe(want[key]);
    }
  }
  if (e['checklistCount'] !== undefined) expect(rb.checklist.length, JSON.stringify(rb.checklist.map((c) => c.text))).toBe(e['checklistCount']);
  let from = 0;
  for (const want of (e['checklist'] as Json[] | undefined) ?? []) {
    const index = rb.checklist.findIndex(
      (c, i) => i >= from && (typeof want['text'] === 'string' ? c.text.trim() === want['text'] : list(want['textIncludes']).every((s) => c.text.includes(s))),
    );
    expect(index, `checklist ${JSON.stringify(want)} in ${JSON.stringify(rb.checklist.map((c) => c.text))}`).toBeGreaterThanOrEqual(0);
    if (want['checked'] !== undefined) expect(rb.checklist[index]!.checked).toBe(want['checked']);
    from = index + 1;
  }
  if (e['templateCount'] !== undefined) expect(rb.templates.length, JSON.stringify(rb.templates.map((t) => t.title))).toBe(e['templateCount']);
  for (const want of (e['templates'] as Json[] | undefined) ?? []) {
    const template = rb.templates.find(
      (t) => t.kind === want['kind'] && (typeof want['title'] === 'string' ? t.title.trim() === want['title'] : t.title.includes(want['titleIncludes'] as string)),
    );
    const where = `template ${want['kind'] as string} ${JSON.stringify(want['title'] ?? want['titleIncludes'])}`;
    expect(template, `${where} in ${JSON.stringify(rb.templates.map((t) => `${t.kind}:${t.title}`))}`).toBeDefined();
    for (const s of list(want['bodyIncludes'])) expect(template!.body, where).toContain(s);
    for (const s of list(want['placeholdersInclude'])) expect(template!.placeholders, `${where} placeholders`).toContain(s);
    for (const s of list(want['placeholdersExclude'])) expect(template!.placeholders, `${where} placeholders`).not.toContain(s);
  }
  for (const want of (e['linksInclude'] as Json[] | undefined) ?? []) {
    expect(rb.links.some((l) => l.url === want['url'] && (want['text'] === undefined || l.text.trim() === want['text'])), `link ${JSON.stringify(want)} in ${JSON.stringify(rb.links)}`).toBe(true);
  }
  const diagnostics = JSON.stringify(rb.diagnostics);
  for (const want of (e['diagnosticsInclude'] as Json[] | undefined) ?? []) {
    const hits = rb.diagnostics.filter((d) => (want['level'] === undefined || d.level === want['level']) && re(want['messageMatches'] as string).test(d.message));
    expect(hits.length, `diagnostic ${JSON.stringify(want)} in ${diagnostics}`).toBeGreaterThanOrEqual((want['min'] as number | undefined) ?? 1);
  }
  for (const want of (e['diagnosticsExclude'] as Json[] | undefined) ?? []) {
    const hits = rb.diagnostics.filter((d) => (want['level'] === undefined || d.level === want['level']) && re(want['messageMatches'] as string).test(d.message));
    expect(hits, `no diagnostic ${JSON.stringify(want)}`).toEqual([]);
  }
  if (e['noErrorDiagnostics'] === true) expect(rb.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
  const texts = allText(rb);
  if (e['noCarriageReturns'] === true) expect(texts.filter((t) => t.includes('\r'))).toEqual([]);
  for (const s of list(e['absent'])) expect(texts.filter((t) => t.includes(s)), `absent ${JSON.stringify(s)}`).toEqual([]);
}

describe.skipIf(fixtures.length === 0)('runbook fixtures', () => {
  it.each(fixtures)('%s', async (name) => {
    const e = JSON.parse(readFileSync(join(FIXTURES, `${name}.expect.json`), 'utf8')) as Expect;
    const out: string[] = [];
    const err: string[] = [];
    const started = performance.now();
    const code = await inspectCommand([join(FIXTURES, `${name}.md`), '--json'], { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
    const elapsed = performance.now() - started;
    if (e.finishWithinMs !== undefined) expect(elapsed).toBeLessThan(e.finishWithinMs);
    const outcome = e.outcome ?? 'model';
    const cleanFailure = () => {
      const lines = err.join('\n').split('\n').filter((l) => l.trim() !== '');
      expect(lines).toHaveLength(1);
      expect(err.join('\n')).not.toMatch(/^\s+at /m);
    };
    if (code !== 0) {
      expect(outcome, `inspect failed: ${err.join('\n')}`).not.toBe('model');
      cleanFailure();
      return;
    }
    const rb = JSON.parse(out.join('\n')) as Runbook;
    if (outcome === 'notARunbook') expect(rb.diagnostics.some((d) => d.level !== 'info')).toBe(true);
    checkModel(rb, e);
  });
});
