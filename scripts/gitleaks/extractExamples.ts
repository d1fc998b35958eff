/**
 * Extracts every gitleaks rule's true- and false-positive examples from its generator code
 * into tests/fixtures/gitleaks/examples.json, which tests/unit/…/report/gitleaksRules.test.ts
 * runs: each rule must catch its true positives and leave its false positives.
 *
 *   npx tsx scripts/gitleaks/extractExamples.ts PATH-TO-GITLEAKS-CHECKOUT
 *
 * The checkout must be at the version in electron/common/report/rules/SOURCE.json. Random
 * examples (`secrets.NewSecret`) come from a seeded generator: the same source gives the same
 * fixture. Examples the evaluator cannot build are listed under `skipped`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GoEvaluator, splitPackage, tokenize, type Example, type RuleExamples } from './goExamples';
import { seededRandom } from './regexSample';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SEED = 18;

const checkout = process.argv[2];
if (!checkout) {
  console.error('usage: npx tsx scripts/gitleaks/extractExamples.ts PATH-TO-GITLEAKS-CHECKOUT');
  process.exit(2);
}
const rulesDir = path.join(checkout, 'cmd/generate/config/rules');
const files = fs.readdirSync(rulesDir).filter((f) => f.endsWith('.go') && !f.endsWith('_test.go')).sort();
const tokensByFile = files.map((f) => ({ file: f, tokens: tokenize(fs.readFileSync(path.join(rulesDir, f), 'utf8')) }));
// Package-level variables may be used from any file of the package.
const vars = new Map(tokensByFile.flatMap(({ tokens }) => [...splitPackage(tokens).vars]));
const converted = JSON.parse(fs.readFileSync(path.join(root, 'electron/common/report/rules/gitleaks.json'), 'utf8')) as { rules: { id: string; allowlists: { stopwords: string[] }[] }[] };
const genericStopwords = converted.rules.find((r) => r.id === 'generic-api-key')?.allowlists.flatMap((a) => a.stopwords) ?? [];
const evaluator = new GoEvaluator(vars, seededRandom(SEED), genericStopwords);

const rules: Record<string, { tps: Example[]; fps: Example[] }> = {};
const skipped: { rule: string; file: string; example: string }[] = [];
for (const { file, tokens } of tokensByFile) {
  for (const fn of splitPackage(tokens).funcs) {
    let examples: RuleExamples | null;
    try {
      examples = evaluator.ruleExamples(fn);
    } catch (error) {
      skipped.push({ rule: fn.name, file, example: `whole function: ${(error as Error).message}` });
      continue;
    }
    if (!examples) continue;
    rules[examples.ruleId] = { tps: examples.tps, fps: examples.fps };
    for (const s of examples.skipped) skipped.push({ rule: examples.ruleId, file, example: s });
  }
}
const source = JSON.parse(fs.readFileSync(path.join(root, 'electron/common/report/rules/SOURCE.json'), 'utf8')) as { version: string; commit: string };
const out = path.join(root, 'tests/fixtures/gitleaks/examples.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify({ source: { ...source, from: 'cmd/generate/config/rules/*.go', seed: SEED }, rules, skipped }, null, 1) + '\n');
const count = (k: 'tps' | 'fps') => Object.values(rules).reduce((n, r) => n + r[k].length, 0);
console.log(`${Object.keys(rules).length} rules: ${count('tps')} true positives, ${count('fps')} false positives; ${skipped.length} examples skipped.`);
for (const s of skipped) console.log(`  skipped ${s.rule} (${s.file}): ${s.example}`);
