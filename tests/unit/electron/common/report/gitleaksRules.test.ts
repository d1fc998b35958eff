import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../../../electron/common/report/redaction';
import { secretRules, type SecretRule } from '../../../../../electron/common/report/secretRules';
import { SecretScanner } from '../../../../../electron/common/report/secretScanner';
import gitleaksJson from '../../../../../electron/common/report/rules/gitleaks.json';
import { convertVendoredRules } from '../../../../../scripts/gitleaks/convertRules';
import { re2ToJs } from '../../../../../scripts/gitleaks/re2ToJs';

/**
 * The rule set's own examples (tests/fixtures/gitleaks/examples.json, extracted from
 * gitleaks' rule generators by scripts/gitleaks/extractExamples.ts): each converted rule, run
 * alone as gitleaks validates it, catches every true positive and leaves every false positive;
 * and the whole redactor leaves none of the true positives' secrets in what it writes.
 */
type Example = string | { path: string; text: string };
interface Examples {
  rules: Record<string, { tps: Example[]; fps: Example[] }>;
  skipped: unknown[];
}
/** Rules gitleaks ships without examples (dropbox's two), or whose examples its generator computes in a loop. */
const WITHOUT_EXAMPLES = ['dropbox-long-lived-api-token', 'dropbox-short-lived-api-token', 'jwt-base64'];
const text = (e: Example) => (typeof e === 'string' ? e : e.text);
/** Rules limited to file names (`*.tf`, `nuget.config`…): terminal output has none, so they apply everywhere. */
const rulePath = new Map(gitleaksJson.rules.filter((r) => 'path' in r && r.path).map((r) => [r.id, re2ToJs((r as { path: string }).path)]));
/** A false positive only because of its file name: under our no-path rule it is a true positive. */
const fpOnlyByPath = (ruleId: string, e: Example) => {
  const path = rulePath.get(ruleId);
  return typeof e !== 'string' && path !== undefined && !new RegExp(path.source, path.flags).test(e.path);
};
const examples = JSON.parse(fs.readFileSync(new URL('../../../../fixtures/gitleaks/examples.json', import.meta.url), 'utf8')) as Examples;
const ruleSet = secretRules();
const gitleaksRules = ruleSet.rules.filter((r) => r.source === 'gitleaks');
const alone = (rule: SecretRule) => new SecretScanner({ ...ruleSet, rules: [rule] });

describe("gitleaks' rules on their own examples", () => {
  it('gitleaks.json is the conversion of the vendored gitleaks.toml (run scripts/gitleaks/convertRules.ts after an update)', () => {
    const vendored = fs.readFileSync(new URL('../../../../../electron/common/report/rules/gitleaks.json', import.meta.url), 'utf8');
    expect(convertVendoredRules() === vendored).toBe(true);
  });

  it('converted every rule but the path-only one, and has examples for each', () => {
    expect(ruleSet.notConverted.map((n) => n.id)).toEqual(['pkcs12-file']);
    expect(gitleaksRules.length).toBeGreaterThanOrEqual(220);
    const missing = gitleaksRules.filter((r) => !examples.rules[r.id]?.tps.length).map((r) => r.id);
    expect(missing).toEqual(WITHOUT_EXAMPLES);
  });

  const tested = gitleaksRules.filter((r) => !WITHOUT_EXAMPLES.includes(r.id));
  it.each(tested.map((r) => [r.id, r] as const))('%s catches its true positives and leaves its false positives', (_id, rule) => {
    const scanner = alone(rule);
    const { tps, fps } = examples.rules[rule.id]!;
    expect(tps.map(text).filter((tp) => scanner.scan(tp).length === 0)).toEqual([]);
    expect(fps.filter((fp) => !fpOnlyByPath(rule.id, fp)).map(text).filter((fp) => scanner.scan(fp).length > 0)).toEqual([]);
  });

  it('the redactor leaves none of the true positives’ secrets (0 leaks)', () => {
    const leaks: string[] = [];
    let secrets = 0;
    for (const rule of tested) {
      const scanner = alone(rule);
      for (const tp of examples.rules[rule.id]!.tps.map(text)) {
        const out = new Redactor().redact(tp, 'test');
        for (const d of scanner.scan(tp)) {
          secrets++;
          if (out.includes(tp.slice(d.start, d.end))) leaks.push(`${rule.id}: ${tp}`);
        }
      }
    }
    expect(secrets).toBeGreaterThan(6000);
    expect(leaks).toEqual([]);
  });
});
