/**
 * Converts the vendored gitleaks configuration (electron/common/report/rules/gitleaks.toml)
 * into the JSON the redactor loads (gitleaks.json beside it): every regex translated from Go's
 * RE2 to JavaScript by re2ToJs.ts, keywords lower-cased, allowlists kept, and every rule that
 * cannot be used listed under `notConverted` with the reason.
 *
 *   npx tsx scripts/gitleaks/convertRules.ts            # rewrite gitleaks.json
 *   npx tsx scripts/gitleaks/convertRules.ts --check    # exit 1 if it is out of date
 *
 * How to update the rules: electron/common/report/rules/README.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ConvertedAllowlist, ConvertedConfig, ConvertedRule, JsPattern } from '../../electron/common/report/gitleaksFormat';
import { re2ToJs, Re2ConversionError } from './re2ToJs';
import { parseToml, type TomlTable, type TomlValue } from './toml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RULES_DIR = path.join(root, 'electron/common/report/rules');

const str = (v: TomlValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const strings = (v: TomlValue | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function pattern(re2: string): JsPattern {
  const { source, flags } = re2ToJs(re2);
  return { source, flags };
}

function allowlist(table: TomlTable): ConvertedAllowlist {
  const target = str(table.regexTarget) ?? 'secret';
  if (target !== 'secret' && target !== 'match' && target !== 'line') throw new Re2ConversionError(`unknown regexTarget ${target}`);
  return {
    ...(str(table.description) ? { description: str(table.description) } : {}),
    regexTarget: target,
    regexes: strings(table.regexes).map(pattern),
    stopwords: strings(table.stopwords).map((w) => w.toLowerCase()),
    condition: str(table.condition) === 'AND' ? 'AND' : 'OR',
    hasPaths: strings(table.paths).length > 0,
    hasCommits: strings(table.commits).length > 0,
  };
}

export function convertConfig(toml: string, source: ConvertedConfig['source']): ConvertedConfig {
  const config = parseToml(toml);
  const global = (config.allowlist ?? {}) as TomlTable;
  const rules: ConvertedRule[] = [];
  const notConverted: ConvertedConfig['notConverted'] = [];
  for (const table of (config.rules ?? []) as TomlTable[]) {
    const id = str(table.id) ?? '(no id)';
    const regex = str(table.regex);
    if (regex === undefined) {
      notConverted.push({ id, reason: 'path-only rule (matches file names; terminal output has none)' });
      continue;
    }
    if (table.required !== undefined) {
      notConverted.push({ id, reason: 'multi-part rule (`required`), not supported' });
      continue;
    }
    try {
      const entropy = typeof table.entropy === 'number' ? table.entropy : undefined;
      const secretGroup = typeof table.secretGroup === 'number' ? table.secretGroup : undefined;
      rules.push({
        id,
        description: str(table.description) ?? id,
        regex: re2ToJs(regex, { splitPrefix: true }),
        ...(secretGroup ? { secretGroup } : {}),
        ...(entropy ? { entropy } : {}),
        keywords: strings(table.keywords).map((k) => k.toLowerCase()),
        ...(str(table.path) ? { path: str(table.path) } : {}),
        allowlists: ((table.allowlists ?? []) as TomlTable[]).map(allowlist),
      });
    } catch (error) {
      if (!(error instanceof Re2ConversionError)) throw error;
      notConverted.push({ id, reason: error.message });
    }
  }
  return {
    source,
    allowlist: { regexes: strings(global.regexes).map(pattern), stopwords: strings(global.stopwords).map((w) => w.toLowerCase()) },
    rules,
    notConverted,
  };
}

/** Reads SOURCE.json (where the TOML came from) and the TOML, and returns the JSON text. */
export function convertVendoredRules(): string {
  const source = JSON.parse(fs.readFileSync(path.join(RULES_DIR, 'SOURCE.json'), 'utf8')) as ConvertedConfig['source'];
  const toml = fs.readFileSync(path.join(RULES_DIR, 'gitleaks.toml'), 'utf8');
  return JSON.stringify(convertConfig(toml, source), null, 1) + '\n';
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const out = path.join(RULES_DIR, 'gitleaks.json');
  const text = convertVendoredRules();
  const converted = JSON.parse(text) as ConvertedConfig;
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
    if (current !== text) {
      console.error(`${path.relative(root, out)} is out of date: run npx tsx scripts/gitleaks/convertRules.ts`);
      process.exit(1);
    }
  } else fs.writeFileSync(out, text);
  console.log(`${converted.rules.length} rules converted, ${converted.notConverted.length} not:`);
  for (const n of converted.notConverted) console.log(`  ${n.id}: ${n.reason}`);
}
