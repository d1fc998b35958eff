/**
 * What counts as a secret in an incident's text: one row per kind, as data. A row's
 * `pattern` finds the secret; where it has a `secret` group only that part is replaced
 * (`--password=[REDACTED:cli-password]` keeps the flag readable), else the whole match.
 *
 * Each row has a `hint`: a cheap test that must pass before the pattern runs at all. Output
 * can be tens of megabytes and almost none of it holds a secret, so most rows are skipped
 * after one fast scan. A row may also demand `context` on the same line (`-pSECRET` is a
 * password only where mysql is involved; elsewhere `-p` is a port or `mkdir -p`).
 *
 * The corpus in tests/unit/electron/common/report/redaction.test.ts holds the secrets each row
 * must catch and the look-alikes (git SHAs, UUIDs, `--password-file=PATH`, `<password>`
 * placeholders…) it must leave alone; add to both when a row changes.
 */

export interface SecretDetector {
  /** Stable id, printed in `[REDACTED:kind]`. */
  kind: string;
  /** Human words for the preview. */
  label: string;
  /** Cheap pre-test over the whole text; the pattern runs only when it matches. */
  hint: RegExp;
  /** Global regexp; an optional `secret` named group narrows what is replaced. */
  pattern: RegExp;
  /** Required somewhere on the same line as the match. */
  context?: RegExp;
  /** A shorter secret is no secret (or would shred ordinary text). */
  minLength?: number;
  /** The value must look machine-made (a digit beside letters, or long): `Bearer authentication` is prose. */
  random?: boolean;
}

/** A quoted or bare shell word: what a flag or assignment's value looks like. */
const VALUE = String.raw`(?:'[^'\n]*'|"[^"\n]*"|[^\s'"]+)`;
/** Names of options whose value is a credential (long form). */
const SECRET_FLAGS = String.raw`password|passwd|pass|pwd|secret|client-secret|token|auth-token|access-token|api-key|apikey|api-token|private-key`;
/** Variable names holding credentials: PGPASSWORD, MYSQL_PWD, GITHUB_TOKEN, X_SECRET, REDISCLI_AUTH… */
const SECRET_VAR = String.raw`[A-Za-z_][A-Za-z0-9_]*?(?:PASSWORD|PASSWD|_PWD|SECRET|TOKEN|API_?KEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIALS?|_AUTH|password|passwd|secret|token|api_?key|access_key|private_key)`;

export const SECRET_DETECTORS: readonly SecretDetector[] = [
  {
    kind: 'private-key',
    label: 'Private key block',
    hint: /PRIVATE KEY-----/,
    pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY-----/g,
  },
  {
    kind: 'gcp-private-key-id',
    label: 'GCP service-account key id',
    hint: /private_key_id/,
    pattern: /"private_key_id"\s*:\s*"(?<secret>[0-9a-f]{40})"/g,
  },
  {
    kind: 'jwt',
    label: 'JSON Web Token',
    hint: /eyJ/,
    pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
  },
  {
    kind: 'aws-access-key',
    label: 'AWS access key id',
    hint: /(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]/,
    pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g,
  },
  {
    kind: 'aws-secret-key',
    label: 'AWS secret access key',
    hint: /aws_?secret|secret_?access_?key|SecretAccessKey/i,
    pattern: /(?:aws_?secret_?access_?key|aws_?secret_?key|secret_?access_?key|"SecretAccessKey")["']?\s*[:=]\s*["']?(?<secret>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
  },
  {
    kind: 'gcp-api-key',
    label: 'Google API key',
    hint: /AIza/,
    pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g,
  },
  {
    kind: 'github-token',
    label: 'GitHub token',
    hint: /gh[pousr]_|github_pat_/,
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g,
  },
  {
    kind: 'slack-token',
    label: 'Slack token',
    hint: /xox[abposr]-|xapp-/,
    pattern: /\b(?:xox[abposr]-[A-Za-z0-9-]{10,}|xapp-\d-[A-Za-z0-9-]{10,})/g,
  },
  {
    kind: 'slack-webhook',
    label: 'Slack webhook URL',
    hint: /hooks\.slack\.com/,
    pattern: /hooks\.slack\.com\/(?:services|workflows)\/(?<secret>[A-Za-z0-9/_-]{20,})/g,
  },
  {
    kind: 'stripe-key',
    label: 'Stripe secret key',
    hint: /[rs]k_live_/,
    pattern: /\b[rs]k_live_[0-9A-Za-z]{20,}\b/g,
  },
  {
    kind: 'npm-token',
    label: 'npm token',
    hint: /npm_/,
    pattern: /\bnpm_[A-Za-z0-9]{36}\b/g,
  },
  {
    kind: 'url-password',
    label: 'Password in a URL',
    hint: /:\/\/[^\s/@]*:[^\s/@]*@/,
    pattern: /\b[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^\s:/@'"]*:(?<secret>[^\s@/'"]+)@/g,
  },
  {
    kind: 'bearer-token',
    label: 'Authorization header',
    hint: /bearer|basic|token /i,
    pattern: /\b(?:authorization\s*:\s*(?:bearer|basic|token)|bearer)\s+(?<secret>[A-Za-z0-9._~+/=-]{8,})/gi,
    random: true,
  },
  {
    kind: 'api-key-header',
    label: 'API key header',
    hint: /(?:api-key|auth-token|private-token|access-token)\s*:/i,
    pattern: /\b(?:x-api-key|api-key|x-auth-token|private-token|x-access-token)\s*:\s*(?<secret>[^\s'"]{8,})/gi,
  },
  {
    kind: 'from-literal',
    label: 'kubectl --from-literal value',
    hint: /--from-literal/,
    pattern: new RegExp(String.raw`--from-literal[= ][^=\s]+=(?<secret>${VALUE})`, 'g'),
  },
  {
    kind: 'cli-password',
    label: 'Credential passed as an option',
    hint: /--(?:pass|pwd|secret|client-secret|token|auth-token|access-token|api-key|apikey|api-token|private-key)/i,
    pattern: new RegExp(String.raw`(?<![\w-])--(?:${SECRET_FLAGS})(?:=|[ \t]+)(?!-)(?<secret>${VALUE})`, 'gi'),
  },
  {
    kind: 'cli-password',
    label: 'Password passed as -pSECRET',
    hint: /\s-p[^\s]/,
    pattern: /(?<=\s)-p(?<secret>[^\s'"-][^\s]*|'[^'\n]+'|"[^"\n]+")/g,
    context: /\b(?:mysql|mysqldump|mysqladmin|mariadb|mariadb-dump)\b/,
  },
  {
    kind: 'cli-password',
    label: 'Password passed as -p SECRET',
    hint: /\s-p\s/,
    pattern: /(?<=\s)-p[ \t]+(?<secret>[^\s'"-][^\s]*|'[^'\n]+'|"[^"\n]+")/g,
    context: /\b(?:docker\s+login|sshpass|podman\s+login|helm\s+registry\s+login)\b/,
  },
  {
    kind: 'cli-password',
    label: 'Password passed to redis-cli -a',
    hint: /\s-a\s/,
    pattern: /(?<=\s)-a[ \t]+(?<secret>[^\s'"-][^\s]*|'[^'\n]+'|"[^"\n]+")/g,
    context: /\bredis-cli\b/,
  },
  {
    kind: 'basic-auth',
    label: 'User and password (-u user:pass)',
    hint: /(?:-u|--user)\s/,
    pattern: /(?<![\w-])(?:-u|--user)[ \t]+['"]?[^\s:'"]+:(?<secret>[^\s'"]+)/g,
    context: /\b(?:curl|wget|http|https)\b/,
  },
  {
    kind: 'env-secret',
    label: 'Secret in a variable assignment',
    hint: /(?:PASS|PWD|SECRET|TOKEN|KEY|CREDENTIAL|AUTH)[A-Z0-9_]*=|(?:pass|pwd|secret|token|key)[a-z0-9_]*=/i,
    pattern: new RegExp(String.raw`(?<![\w-])(?:export[ \t]+)?(?<name>${SECRET_VAR})=(?<secret>${VALUE})`, 'g'),
  },
  {
    kind: 'config-secret',
    label: 'Secret in configuration output',
    hint: /(?:password|passwd|secret|token|api_?key)["']?\s*:/i,
    pattern: /(?<![\w-])["']?(?:password|passwd|secret|client_secret|token|access_token|auth_token|api_?key)["']?[ \t]*:[ \t]*(?<secret>"[^"\n]{4,}"|'[^'\n]{4,}'|[^\s,"'{}[\]]{4,})/gi,
  },
];

/** Values that are placeholders or references, not secrets: `<password>`, `$PGPASSWORD`, `***`… */
const NOT_A_SECRET = [
  /^<[^<>]*>$/,
  /^\{\{/,
  /^\{%/,
  /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/,
  /^\$\(.*\)$/,
  /^%[sd]$/,
  /^[*x•.]+$/i,
  /^\[REDACTED/,
  /^(?:redacted|changeme|change_me|password|secret|token|none|null|true|false|prompt|\*+)$/i,
  /^(?:YOUR|MY)[_-]/i,
  /[_-]HERE$/i,
  /^REPLACE_?ME$/i,
];

export function isPlaceholderValue(value: string): boolean {
  const bare = value.replace(/^['"]|['"]$/g, '');
  if (bare === '') return true;
  return NOT_A_SECRET.some((re) => re.test(bare));
}
