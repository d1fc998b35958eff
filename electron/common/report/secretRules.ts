/**
 * The rules the redactor runs, as data: gitleaks' default rule set (vendored in rules/, see
 * rules/README.md: its ~220 provider formats, keywords, entropy thresholds and allowlists,
 * converted from Go's regex dialect by scripts/gitleaks/convertRules.ts) followed by War
 * Room's own rules for what a terminal shows and gitleaks does not look for (secretDetectors.ts:
 * passwords in URLs and options, `--from-literal`, credential assignments…).
 *
 * Every rule names keywords; a rule runs on a text only where one of them occurs
 * (secretScanner.ts), so adding rules costs little on the megabytes that hold none.
 */
import gitleaks from './rules/gitleaks.json';
import type { ConvertedRule, JsPattern } from './gitleaksFormat';
import { WARROOM_RULES, type WarroomRuleSpec } from './secretDetectors';

export interface Allowlist {
  target: 'secret' | 'match' | 'line';
  regexes: RegExp[];
  stopwords: string[];
}

export interface SecretRule {
  /** Stable id, printed in `[REDACTED:id]`. */
  id: string;
  /** Short human words for the preview (`GitHub PAT`). */
  label: string;
  description: string;
  source: 'gitleaks' | 'warroom';
  /** Lower-case; the rule runs only where one occurs. */
  keywords: string[];
  /** Global, with indices (`d`), so the secret's group can be located. */
  pattern: RegExp;
  /** Split-off leading `[class]{0,max}?`: widens the match to the left (for `match` allowlists). */
  prefix?: { test: RegExp; max: number };
  /** Which group is the secret: a number, a name, or (undefined) the first group that matched. */
  secretGroup?: number | string;
  /** The secret's Shannon entropy must exceed this. */
  entropy?: number;
  /** Line breaks a match may span; null: any (the rule then scans whole texts). */
  lineSpan: number | null;
  allowlists: Allowlist[];
  /** A catch-all rule: a specific rule's finding of the same secret wins. */
  generic: boolean;
  /** Extra test on the secret (War Room rules): false rejects it. */
  accept?: (secret: string, match: string, line: string) => boolean;
}

export interface RuleSet {
  rules: SecretRule[];
  /** Rules-wide allowlist on the secret (gitleaks' global one). */
  allowlist: Allowlist;
  source: typeof gitleaks.source;
  notConverted: typeof gitleaks.notConverted;
}

const compile = (p: JsPattern, extra = '') => new RegExp(p.source, p.flags + extra);

/** Words the humanised labels spell their own way. */
const LABEL_WORDS: Record<string, string> = {
  api: 'API', aws: 'AWS', gcp: 'GCP', jwt: 'JWT', pat: 'PAT', id: 'ID', url: 'URL', ssh: 'SSH', sdk: 'SDK', oauth: 'OAuth',
  github: 'GitHub', gitlab: 'GitLab', npm: 'npm', pypi: 'PyPI', ci: 'CI', cd: 'CD', dsn: 'DSN', pkcs12: 'PKCS#12', gcs: 'GCS',
  sas: 'SAS', ad: 'AD', iam: 'IAM', sso: 'SSO', mfa: 'MFA', ssn: 'SSN', ec: 'EC', rsa: 'RSA', pgp: 'PGP', sk: 'SK',
  '1password': '1Password', digitalocean: 'DigitalOcean', openai: 'OpenAI', hashicorp: 'HashiCorp', linkedin: 'LinkedIn',
  sendgrid: 'SendGrid', mailgun: 'Mailgun', hubspot: 'HubSpot', pagerduty: 'PagerDuty', planetscale: 'PlanetScale',
};

/** `github-fine-grained-pat` → `GitHub fine grained PAT`. */
export function humanLabel(id: string): string {
  const words = id.split('-').map((w) => LABEL_WORDS[w] ?? w);
  const first = words[0]!;
  words[0] = first === first.toLowerCase() ? first.charAt(0).toUpperCase() + first.slice(1) : first;
  return words.join(' ');
}

function fromGitleaks(rule: ConvertedRule): SecretRule {
  // Allowlists that need a file path or a commit can never hold for terminal output: with
  // OR they still apply through their regexes and stopwords; with AND they never apply.
  const allowlists = rule.allowlists
    .filter((a) => !(a.condition === 'AND' && (a.hasPaths || a.hasCommits)))
    .map((a) => ({ target: a.regexTarget, regexes: a.regexes.map((p) => compile(p)), stopwords: a.stopwords }))
    .filter((a) => a.regexes.length > 0 || a.stopwords.length > 0);
  return {
    id: rule.id,
    label: humanLabel(rule.id),
    description: rule.description,
    source: 'gitleaks',
    keywords: rule.keywords,
    pattern: compile(rule.regex, 'gd'),
    ...(rule.regex.prefix ? { prefix: { test: new RegExp(`^${rule.regex.prefix.class}$`), max: rule.regex.prefix.max } } : {}),
    ...(rule.secretGroup ? { secretGroup: rule.secretGroup } : {}),
    ...(rule.entropy ? { entropy: rule.entropy } : {}),
    lineSpan: rule.regex.lineSpan,
    allowlists,
    generic: rule.id.includes('generic'),
  };
}

function fromWarroom(spec: WarroomRuleSpec): SecretRule {
  const flags = new Set([...spec.pattern.flags, 'g', 'd']);
  return {
    id: spec.id,
    label: spec.label,
    description: spec.label,
    source: 'warroom',
    keywords: spec.keywords.map((k) => k.toLowerCase()),
    pattern: new RegExp(spec.pattern.source, [...flags].join('')),
    secretGroup: 'secret',
    ...(spec.entropy ? { entropy: spec.entropy } : {}),
    ...(spec.prefix ? { prefix: { test: new RegExp(`^${spec.prefix.class}$`), max: spec.prefix.max } } : {}),
    lineSpan: spec.multiline ? null : 0,
    allowlists: [],
    generic: spec.generic ?? false,
    ...(spec.accept ? { accept: spec.accept } : {}),
  };
}

let cached: RuleSet | undefined;

/** The rule set, compiled once per process. */
export function secretRules(): RuleSet {
  cached ??= {
    rules: [...(gitleaks.rules as ConvertedRule[]).map(fromGitleaks), ...WARROOM_RULES.map(fromWarroom)],
    allowlist: { target: 'secret', regexes: gitleaks.allowlist.regexes.map((p) => compile(p)), stopwords: gitleaks.allowlist.stopwords },
    source: gitleaks.source,
    notConverted: gitleaks.notConverted,
  };
  return cached;
}
