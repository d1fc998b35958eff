/**
 * Prints (JSON) a sample of the rule set's one-line true positives — every Nth gitleaks rule's
 * first example a terminal shows as it is — and the secret each rule finds in it, for
 * redaction.spec.ts. Run with `node --import tsx redactionSample.ts N`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { secretRules } from '../../electron/common/report/secretRules';
import { SecretScanner } from '../../electron/common/report/secretScanner';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const stride = Number(process.argv[2] ?? 5);
const examples = JSON.parse(fs.readFileSync(path.join(root, 'tests/fixtures/gitleaks/examples.json'), 'utf8')) as { rules: Record<string, { tps: (string | { text: string })[] }> };
const ruleSet = secretRules();
const lines: string[] = [];
const secrets: string[] = [];
ruleSet.rules
  .filter((r) => r.source === 'gitleaks')
  .forEach((rule, i) => {
    if (i % stride !== 0) return;
    const scanner = new SecretScanner({ ...ruleSet, rules: [rule] });
    const tp = (examples.rules[rule.id]?.tps ?? []).map((t) => (typeof t === 'string' ? t : t.text)).find((t) => /^[\x20-\x7e]{1,110}$/.test(t));
    if (!tp) return;
    const found = scanner.scan(tp).map((d) => tp.slice(d.start, d.end));
    if (found.length === 0) return;
    lines.push(tp);
    secrets.push(...found);
  });
process.stdout.write(JSON.stringify({ lines, secrets }));
