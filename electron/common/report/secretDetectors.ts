/**
 * War Room's own secret rules: what a responder's terminal shows that gitleaks' rule set (the
 * bulk of the rules, see secretRules.ts) does not look for — passwords in URLs and in command
 * options, `kubectl --from-literal`, Authorization headers, credentials assigned to variables
 * and in connection strings, "the password is …" in a note — plus a few provider formats kept
 * from before the rule set was adopted. One row per kind, as data: the `secret` group is what
 * is replaced (`--password=[REDACTED:cli-password]` keeps the flag readable).
 *
 * `keywords` gate a row as they do gitleaks' rules: the pattern runs only on lines holding one
 * (case-insensitive). `accept` rejects what matched but is no secret (a placeholder, a word).
 *
 * The corpus in tests/unit/electron/common/report/ holds the secrets each row must catch and
 * the look-alikes (git SHAs, UUIDs, `--password-file=PATH`, `<password>` placeholders…) it must
 * leave alone; add to both when a row changes.
 */

export interface WarroomRuleSpec {
  id: string;
  label: string;
  keywords: string[];
  /** The `secret` group is the secret; without one, the whole match. */
  pattern: RegExp;
  /** May span lines (runs on the whole text). */
  multiline?: boolean;
  /** A catch-all: a provider-specific rule's finding of the same secret wins. */
  generic?: boolean;
  entropy?: number;
  /**
   * Characters the match extends over to its left, up to `max` (a variable's name before the
   * keyword it ends in): the pattern starts at the keyword, so V8 searches for it fast, and
   * `accept` still sees the whole name.
   */
  prefix?: { class: string; max: number };
  accept?: (secret: string, match: string, line: string) => boolean;
}

/** A quoted or bare shell word: what a flag or assignment's value looks like. */
const VALUE = String.raw`(?:'[^'\n]*'|"[^"\n]*"|[^\s'"]+)`;
/** Names of options whose value is a credential (long form). */
const SECRET_FLAGS = String.raw`password|passwd|pass|pwd|secret|client-secret|token|auth-token|access-token|api-key|apikey|api-token|private-key`;

const unquote = (value: string) => value.replace(/^['"]|['"]$/g, '');
const notPlaceholder = (secret: string) => !isPlaceholderValue(secret);
/** Made by a machine: a digit beside letters, or long. `Bearer authentication` is prose. */
const looksRandom = (secret: string) => notPlaceholder(secret) && (secret.length >= 24 || (/\d/.test(secret) && /[A-Za-z]/.test(secret)));
const withContext = (context: RegExp) => (secret: string, _match: string, line: string) => notPlaceholder(secret) && context.test(line);

export function shannonEntropy(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let entropy = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/**
 * What a variable or key named like a credential holds, by its name: `password` for names a
 * person's password goes in (any non-placeholder value is a secret), `key` for names machine
 * keys and tokens go in (the value must look random), null for other names. `TOKEN_TTL`,
 * `MAX_TOKENS`, `PRIMARY_KEY` and `ACCESS_KEY_ID` are not credentials.
 */
export function credentialName(name: string): 'password' | 'key' | null {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (words.length === 0) return null;
  const last = words[words.length - 1]!;
  if (['pass', 'pwd', 'passwd', 'passphrase', 'secret', 'credential', 'credentials', 'creds', 'auth'].includes(last) || last.endsWith('password')) return 'password';
  // PASSWORD_POLICY, PASSWORD_FILE: only a machine-made value there is taken for a secret.
  if (words.some((w) => w.endsWith('password') || w === 'passwd')) return 'key';
  if (['key', 'token', 'apikey', 'secretkey', 'accesskey', 'privatekey', 'authtoken', 'sas', 'signature'].includes(last)) {
    const before = words[words.length - 2];
    // Names of keys and tokens that are identifiers, not credentials (gitleaks' generic allowlist has the same).
    if (before && ['public', 'primary', 'foreign', 'sort', 'partition', 'range', 'hash', 'cache', 'idempotency', 'routing', 'shard', 'row', 'lookup', 'index', 'map', 'group', 'object', 'ssh', 'gpg', 'bucket', 'schema', 'natural', 'idx', 'sequence', 'hot', 'csrf', 'xsrf', 'entry', 'issuer', 'max', 'min', 'next', 'page', 'continuation', 'sync', 'cursor'].includes(before)) return null;
    if (words.length === 1 && last === 'key' && /^key$/.test(name)) return null;
    return 'key';
  }
  return null;
}

/** Passwords are whatever a person chose; keys and tokens must look machine-made. */
function acceptCredential(kind: 'password' | 'key', value: string): boolean {
  const bare = unquote(value);
  if (isPlaceholderValue(bare) || /^[/~.]/.test(bare) || /^https?:\/\/[^:@]*$/.test(bare)) return false;
  if (kind === 'password') return bare.length >= 4 && shannonEntropy(bare) > 1.5;
  return bare.length >= 12 && shannonEntropy(bare) >= 3 && (/\d/.test(bare) || bare.length >= 24) && !/^\d+$/.test(bare);
}

const ASSIGNED_NAME = /^(?:export[ \t]+)?["']?(?<name>[A-Za-z0-9_.-]+)/;
/** The last word of a credential's name, or `password` anywhere in it, right before `=` or `:`. */
const CREDENTIAL_WORD = String.raw`(?:key|token|secret|pass|pwd|passwd|passphrase|credentials?|creds|auth|sas|signature|passw(?:or)?d[A-Za-z0-9_.-]*)`;

export const WARROOM_RULES: readonly WarroomRuleSpec[] = [
  {
    id: 'private-key',
    label: 'Private key block',
    keywords: ['private key-----'],
    pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?=[\s\S]*?[A-Za-z0-9+/=]{20})[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY-----/,
    multiline: true,
  },
  {
    id: 'gcp-private-key-id',
    label: 'GCP service-account key ID',
    keywords: ['private_key_id'],
    pattern: /"private_key_id"\s*:\s*"(?<secret>[0-9a-f]{40})"/,
  },
  { id: 'jwt', entropy: 3, label: 'JSON Web Token', keywords: ['eyj'], pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/ },
  { id: 'aws-access-key', entropy: 3, label: 'AWS access key ID', keywords: ['akia', 'asia', 'abia', 'acca'], pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/ },
  {
    id: 'aws-secret-key',
    label: 'AWS secret access key',
    keywords: ['secret'],
    pattern: /(?:aws_?secret_?access_?key|aws_?secret_?key|secret_?access_?key|"SecretAccessKey")["']?\s*[:=]\s*["']?(?<secret>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/i,
  },
  { id: 'gcp-api-key', entropy: 3, label: 'Google API key', keywords: ['aiza'], pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/ },
  {
    id: 'github-token', entropy: 3,
    label: 'GitHub token',
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/,
  },
  { id: 'slack-token', entropy: 3, label: 'Slack token', keywords: ['xox', 'xapp-'], pattern: /\b(?:xox[abposr]-[A-Za-z0-9-]{10,}|xapp-\d-[A-Za-z0-9-]{10,})/ },
  { id: 'slack-webhook', label: 'Slack webhook URL', keywords: ['hooks.slack.com'], pattern: /hooks\.slack\.com\/(?:services|workflows)\/(?<secret>[A-Za-z0-9/_-]{20,})/ },
  { id: 'stripe-key', entropy: 3, label: 'Stripe secret key', keywords: ['sk_live_', 'rk_live_'], pattern: /\b[rs]k_live_[0-9A-Za-z]{20,}\b/ },
  { id: 'npm-token', entropy: 3, label: 'npm token', keywords: ['npm_'], pattern: /\bnpm_[A-Za-z0-9]{36}\b/ },
  {
    id: 'url-password',
    label: 'Password in a URL',
    keywords: ['://'],
    pattern: /\b[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^\s:/@'"]*:(?<secret>[^\s@/'"]+)@/,
    accept: notPlaceholder,
  },
  {
    id: 'bearer-token',
    label: 'Authorization header',
    keywords: ['bearer', 'authorization'],
    pattern: /\b(?:authorization\s*:\s*(?:bearer|basic|token)|bearer)\s+(?<secret>[A-Za-z0-9._~+/=-]{8,})/i,
    accept: looksRandom,
  },
  {
    id: 'api-key-header',
    label: 'API key header',
    keywords: ['api-key', 'auth-token', 'private-token', 'access-token'],
    pattern: /\b(?:x-api-key|api-key|x-auth-token|private-token|x-access-token)\s*:\s*(?<secret>[^\s'"]{8,})/i,
    accept: notPlaceholder,
  },
  {
    id: 'from-literal',
    label: 'kubectl --from-literal value',
    keywords: ['--from-literal'],
    pattern: new RegExp(String.raw`--from-literal[= ][^=\s]+=(?<secret>${VALUE})`),
    accept: notPlaceholder,
  },
  {
    id: 'cli-password',
    label: 'Credential passed as an option',
    keywords: SECRET_FLAGS.split('|').map((f) => `--${f}`),
    pattern: new RegExp(String.raw`(?<![\w-])--(?:${SECRET_FLAGS})(?:=|[ \t]+)(?!-)(?<secret>${VALUE})`, 'i'),
    accept: notPlaceholder,
  },
  {
    id: 'cli-password',
    label: 'Password passed as -pSECRET',
    keywords: ['mysql', 'mariadb'],
    pattern: /(?<=\s)-p(?<secret>[^\s'"-][^\s]*|'[^'\n]+'|"[^"\n]+")/,
    accept: withContext(/\b(?:mysql|mysqldump|mysqladmin|mariadb|mariadb-dump)\b/),
  },
  {
    id: 'cli-password',
    label: 'Password passed as -p SECRET',
    keywords: ['login', 'sshpass'],
    pattern: /(?<=\s)-p[ \t]+(?<secret>[^\s'"-][^\s]*|'[^'\n]+'|"[^"\n]+")/,
    accept: withContext(/\b(?:docker\s+login|sshpass|podman\s+login|helm\s+registry\s+login)\b/),
  },
  {
    id: 'cli-password',
    label: 'Password passed to redis-cli -a',
    keywords: ['redis-cli'],
    pattern: /(?<=\s)-a[ \t]+(?<secret>[^\s'"-][^\s]*|'[^'\n]+'|"[^"\n]+")/,
    accept: withContext(/\bredis-cli\b/),
  },
  {
    id: 'basic-auth',
    label: 'User and password (-u user:pass)',
    keywords: ['curl', 'wget', 'http'],
    pattern: /(?<![\w-])(?:-u|--user)[ \t]+['"]?[^\s:'"]+:(?<secret>[^\s'"]+)/,
    accept: withContext(/\b(?:curl|wget|http|https)\b/),
  },
  {
    // `API_KEY=…`, `export DB_PASSWORD=…`, `"client_secret": "…"`, `api_key: …`: the name says
    // what the value is (credentialName), the value's entropy says whether it is one.
    id: 'secret-assignment',
    label: 'Credential assigned to a variable or key',
    keywords: ['key', 'token', 'secret', 'pass', 'pwd', 'credential', 'creds', 'auth', 'sas', 'signature'],
    // A bare value ends at `;` too: the next connection-string field or shell command.
    pattern: new RegExp(String.raw`(?<![:/@])${CREDENTIAL_WORD}["']?[ \t]*(?:=|:)[ \t]*(?<secret>'[^'\n]*'|"[^"\n]*"|[^\s'";]+)`, 'i'),
    prefix: { class: '[A-Za-z0-9_.-]', max: 64 },
    generic: true,
    accept: (secret, match) => {
      const name = ASSIGNED_NAME.exec(match)?.groups?.name ?? '';
      const kind = credentialName(name);
      return kind !== null && acceptCredential(kind, secret);
    },
  },
  {
    // Azure storage / Service Bus / ADO.NET connection strings: `…;AccountKey=…;…`.
    id: 'connection-string-secret',
    label: 'Secret in a connection string',
    keywords: ['accountkey', 'sharedaccesskey', 'sharedaccesssignature', 'password=', 'pwd='],
    pattern: /(?<![\w-])(?:AccountKey|SharedAccessKey|SharedAccessSignature|Password|Pwd)[ \t]*=[ \t]*(?<secret>[^;'"\s]+)/i,
    accept: (secret) => notPlaceholder(secret) && secret.length >= 4,
  },
  {
    id: 'config-secret',
    label: 'Secret in configuration output',
    keywords: ['password', 'passwd', 'secret', 'token', 'apikey', 'api_key'],
    pattern: /(?<![\w:/.-])["']?(?:password|passwd|secret|client_secret|token|access_token|auth_token|api_?key)["']?[ \t]*:[ \t]*(?<secret>"[^"\n]{4,}"|'[^'\n]{4,}'|[^\s,"'{}[\]]{4,})/i,
    generic: true,
    accept: notPlaceholder,
  },
  {
    // A note: "DB password is Sup3rS3cret! (rotated at 23:20)". Only a value that mixes kinds
    // of characters: "the password is rotated daily" is prose.
    id: 'prose-password',
    label: 'Password written in prose',
    keywords: ['password', 'passwd', 'passphrase', 'pwd'],
    pattern: /\b(?:password|passwd|passphrase|pwd)\s+(?:is|was|now|:|=|->|→)\s+["'“‘`]?(?<secret>[^\s"'”’`]*[^\s"'”’`.,;:)])/i,
    accept: (secret) => notPlaceholder(secret) && secret.length >= 6 && [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(secret)).length >= 3,
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
  // Masks and fill-ins: `ghp_xxxxxxxx…`, `sha256~XXXXXXXXXX_PUT_YOUR_TOKEN_HERE`, `[PASSWORD]`, `<user:password>`.
  /([xX*•#.0_-])\1{7,}/,
  /^\[[A-Z0-9_ -]+\]$/,
  /[<>]/,
  // References, not values: `${{ secrets.X }}`, `${aws_db_instance.default.password}`, `var.db_password`, `process.env.X`.
  /^\$\{.*\}$/,
  /^(?:var|local|module|data|process\.env|os\.environ|env|secrets|vars)\.[\w.]+$/,
];

export function isPlaceholderValue(value: string): boolean {
  const bare = value.replace(/^['"]|['"]$/g, '');
  if (bare === '') return true;
  return NOT_A_SECRET.some((re) => re.test(bare));
}
