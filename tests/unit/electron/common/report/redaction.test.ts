import { describe, expect, it } from 'vitest';
import { Redactor, findSecrets, redactionMarker } from '../../../../../electron/common/report/redaction';

/**
 * Realistic secrets as they show up in a responder's terminal: [text, the secret that must
 * disappear, the kind expected]. Every one must be caught.
 */
const SECRETS: [string, string, string][] = [
  ['psql postgres://app:S3cr3tPass@db.internal:5432/orders', 'S3cr3tPass', 'url-password'],
  ['export DATABASE_URL=postgresql://orders_rw:q8Zr!x2m@10.0.3.4/orders', 'q8Zr!x2m', 'url-password'],
  ['redis-cli -u redis://:r3disP4ss@cache-01:6379 ping', 'r3disP4ss', 'url-password'],
  ['mongosh "mongodb+srv://admin:Mongo_2024_pw@cluster0.abcde.mongodb.net/test"', 'Mongo_2024_pw', 'url-password'],
  ['mysql -h db -u root --password=Tr0ub4dor3 orders', 'Tr0ub4dor3', 'cli-password'],
  ['mysql -h db -u root -pTr0ub4dor3 -e "show processlist"', 'Tr0ub4dor3', 'cli-password'],
  ['mysqldump -u backup -p"b@ckup pass" orders > dump.sql', 'b@ckup pass', 'cli-password'],
  ['docker login -u deploy -p dckr_pat_a1B2c3D4e5F6 registry.example.com', 'dckr_pat_a1B2c3D4e5F6', 'cli-password'],
  ['redis-cli -h cache-01 -a Redis#Secret99 info memory', 'Redis#Secret99', 'cli-password'],
  ['vault login --token s.9f8e7d6c5b4a39281706', 's.9f8e7d6c5b4a39281706', 'cli-password'],
  ['kubectl --token=kube-tok-7f3a9c2e1b get pods', 'kube-tok-7f3a9c2e1b', 'cli-password'],
  ['kubectl create secret generic db --from-literal=password=Sup3rS3cret! -n prod', 'Sup3rS3cret!', 'from-literal'],
  ["kubectl create secret generic api --from-literal=API_KEY='k-29f8a7e6d5c4'", "'k-29f8a7e6d5c4'", 'from-literal'],
  ['curl -H "Authorization: Bearer 8f14e45fceea167a5a36dedd4bea2543" https://api.internal/health', '8f14e45fceea167a5a36dedd4bea2543', 'bearer-token'],
  ['curl -H "Authorization: Basic YWRtaW46aHVudGVyMg==" http://localhost:8080/admin', 'YWRtaW46aHVudGVyMg==', 'bearer-token'],
  ['curl -H "X-Api-Key: 4f9a2c7e1b3d5f8a" https://billing/api/v1/invoices', '4f9a2c7e1b3d5f8a', 'api-key-header'],
  ['curl -u admin:hunter2hunter https://grafana.internal/api/health', 'hunter2hunter', 'basic-auth'],
  [
    'token: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    'jwt',
  ],
  ['aws_access_key_id = AKIAIOSFODNN7EXAMPLE', 'AKIAIOSFODNN7EXAMPLE', 'aws-access-key'],
  ['export AWS_ACCESS_KEY_ID=ASIAY34FZKBOKMUTVV7A', 'ASIAY34FZKBOKMUTVV7A', 'aws-access-key'],
  ['aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'aws-secret-key'],
  ['"SecretAccessKey": "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",', 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY', 'aws-secret-key'],
  [
    '"private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\\n-----END PRIVATE KEY-----\\n",',
    'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7',
    'private-key',
  ],
  ['"private_key_id": "5c3a1f0e9d8b7a6c5d4e3f2a1b0c9d8e7f6a5b4c",', '5c3a1f0e9d8b7a6c5d4e3f2a1b0c9d8e7f6a5b4c', 'gcp-private-key-id'],
  ['curl "https://maps.googleapis.com/maps/api/geocode/json?key=AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY"', 'AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY', 'gcp-api-key'],
  ['git clone https://ghp_R2d2C3poBb8Luke5Leia9Han0Solo1Chewie4@github.com/acme/infra', 'ghp_R2d2C3poBb8Luke5Leia9Han0Solo1Chewie4', 'github-token'],
  ['GH_TOKEN=gho_16C7e42F292c6912E7710c838347Ae178B4a gh pr list', 'gho_16C7e42F292c6912E7710c838347Ae178B4a', 'github-token'],
  ['export GITHUB_TOKEN=github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ', 'github-token'],
  ['SLACK_BOT=xoxb-2648392012-2648392012345-AbCdEfGhIjKlMnOpQrStUvWx', 'xoxb-2648392012-2648392012345-AbCdEfGhIjKlMnOpQrStUvWx', 'slack-token'],
  ['curl -X POST https://hooks.slack.com/services/T024BE7LD/B01ABCDEF12/Xy9zAbCdEfGhIjKlMnOpQrSt -d @msg.json', 'T024BE7LD/B01ABCDEF12/Xy9zAbCdEfGhIjKlMnOpQrSt', 'slack-webhook'],
  ['-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM2Y\nq6wzCUvjXl4i/F8s2a\n-----END RSA PRIVATE KEY-----', 'MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM2Y', 'private-key'],
  ['-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----', 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ', 'private-key'],
  ['PGPASSWORD=pg_Secret_42 psql -h db -U app -c "select 1"', 'pg_Secret_42', 'env-secret'],
  ['export STRIPE_SECRET=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLSgr', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLSgr', 'env-secret'],
  ['MYSQL_PWD=OpenSesame77 mysql -u root', 'OpenSesame77', 'env-secret'],
  ["export REDISCLI_AUTH='c4che-p4ss'", "'c4che-p4ss'", 'env-secret'],
  ['password: Pr0d-DB-passw0rd', 'Pr0d-DB-passw0rd', 'config-secret'],
  ['  "client_secret": "GOCSPX-1a2b3c4d5e6f7g8h9i0j"', '"GOCSPX-1a2b3c4d5e6f7g8h9i0j"', 'config-secret'],
  ['sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'stripe-key'],
  ['//registry.npmjs.org/:_authToken=npm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8', 'npm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8', 'npm-token'],
];

/** Text that looks like a secret and is not one: each must come out exactly as it went in. */
const LOOK_ALIKES: string[] = [
  'git checkout 3f2a9c1e8b7d6f5a4c3b2a1f0e9d8c7b6a5f4e3d',
  'commit 9fceb02d0ae598e95dc970b74767f19372d61af8',
  'request id 123e4567-e89b-12d3-a456-426614174000 failed',
  'kubectl get pod checkout-7d9f8b6c5-x2x7z -o wide',
  'echo aGVsbG8gd29ybGQgdGhpcyBpcyBqdXN0IGJhc2U2NA== | base64 -d',
  'image: registry.example.com/checkout@sha256:4f9a2c7e1b3d5f8a4f9a2c7e1b3d5f8a4f9a2c7e1b3d5f8a4f9a2c7e1b3d5f8a',
  'password_policy: strict',
  'vault write auth/userpass/users/alice password_policy=default',
  'mysql --password-file=/etc/mysql/secret.cnf -u root',
  'pg_dump --passwordfile ~/.pgpass orders',
  'psql postgres://app:<password>@db.internal:5432/orders',
  'mysql -u root --password=<your-password> orders',
  'curl -u admin:$ADMIN_PASSWORD https://grafana.internal/api/health',
  'export PGPASSWORD="$DB_PASSWORD"',
  'export DB_PASSWORD=${DB_PASSWORD}',
  'kubectl create secret generic db --from-literal=password={{ .Values.password }}',
  'mysql -u root -p',
  'mysql -u root --password -h db.internal',
  'mkdir -p /var/lib/app && ssh -p 2222 bastion',
  'docker run -p 8080:80 -u 1000:1000 nginx',
  'ps -u postgres -o pid,cmd',
  'Authorization: Bearer <token>',
  'The API expects bearer authentication on every request',
  'secretName: db-credentials',
  'kind: Secret',
  'token_expiry_seconds: 3600',
  'max_tokens=4096 temperature=0.2',
  'SSH_AUTH_SOCK=/tmp/ssh-XXXX/agent.123',
  'PWD=/home/alice OLDPWD=/srv',
  'AWS_REGION=eu-west-1 aws s3 ls s3://acme-logs/2026/11/',
  'arn:aws:iam::123456789012:role/Admin',
  'https://github.com/acme/infra/blob/main/README.md',
  'ssh://git@github.com:22/acme/infra.git',
  'http://[::1]:8080/healthz',
  'Password for user postgres:',
  'kubectl get secret db -o jsonpath="{.data.password}"',
  'curl https://api.internal/health?retry=3&timeout=10',
  'SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8 alice@laptop',
  'export TOKEN_TTL=15m',
  'echo "set a strong password: at least 12 characters"',
];

describe('secret detectors', () => {
  it('has a corpus of at least 30 secrets and 30 look-alikes', () => {
    expect(SECRETS.length).toBeGreaterThanOrEqual(30);
    expect(LOOK_ALIKES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(SECRETS)('catches %s', (text, secret, kind) => {
    const redacted = new Redactor().redact(text, 'test');
    expect(redacted).not.toContain(secret);
    expect(redacted).toContain(redactionMarker(kind));
  });

  it.each(LOOK_ALIKES)('leaves alone %s', (text) => {
    expect(findSecrets(text)).toEqual([]);
    expect(new Redactor().redact(text, 'test')).toBe(text);
  });

  it('keeps the flag, key or scheme readable around the secret', () => {
    const r = new Redactor();
    expect(r.redact('mysql --password=Tr0ub4dor3 -h db', 'x')).toBe('mysql --password=[REDACTED:cli-password] -h db');
    expect(r.redact('psql postgres://app:S3cret@db/orders', 'x')).toBe('psql postgres://app:[REDACTED:url-password]@db/orders');
    expect(r.redact('kubectl create secret generic db --from-literal=password=Sup3r!', 'x')).toBe(
      'kubectl create secret generic db --from-literal=password=[REDACTED:from-literal]',
    );
  });
});

describe('Redactor', () => {
  it('redacts the values of secret inputs wherever they appear, naming the input', () => {
    const r = new Redactor({ secrets: [{ name: 'DB_PASS', value: 'plain-words-pass' }] });
    expect(r.redact('connecting with plain-words-pass as app', 'output')).toBe('connecting with [REDACTED:secret-input] as app');
    expect(r.findings()[0]).toMatchObject({ kind: 'secret-input', label: 'Value of the secret input DB_PASS', count: 1 });
  });

  it('does not mask input values too short to be secrets', () => {
    const r = new Redactor({ secrets: [{ name: 'REPLICAS', value: '3' }] });
    expect(r.redact('scaled to 3 replicas', 'x')).toBe('scaled to 3 replicas');
  });

  it('lists one finding per distinct secret with count, places and a masked excerpt', () => {
    const r = new Redactor();
    r.redact('mysql -u root --password=Tr0ub4dor3xyz -h db', 'Command 1: command line');
    r.redact('line one\nretry: mysql --password=Tr0ub4dor3xyz', 'Command 2: output');
    const [finding, ...rest] = r.findings();
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ kind: 'cli-password', count: 2, where: ['Command 1: command line', 'Command 2: output, line 2'], kept: false });
    expect(finding!.excerpt).toContain('--password=Tr0••••••');
    expect(finding!.excerpt).not.toContain('Tr0ub4dor3xyz');
  });

  it('leaves a kept finding in clear, by its id, and still reports it', () => {
    const probe = new Redactor();
    probe.redact('token ghp_R2d2C3poBb8Luke5Leia9Han0Solo1Chewie4 and AKIAIOSFODNN7EXAMPLE', 'x');
    const github = probe.findings().find((f) => f.kind === 'github-token')!;
    const r = new Redactor({ keep: [github.id] });
    const out = r.redact('token ghp_R2d2C3poBb8Luke5Leia9Han0Solo1Chewie4 and AKIAIOSFODNN7EXAMPLE', 'x');
    expect(out).toBe('token ghp_R2d2C3poBb8Luke5Leia9Han0Solo1Chewie4 and [REDACTED:aws-access-key]');
    expect(r.findings().map((f) => [f.kind, f.kept])).toEqual([
      ['github-token', true],
      ['aws-access-key', false],
    ]);
    expect(r.summary()).toEqual({ redacted: { 'aws-access-key': 1 }, kept: 1 });
  });

  it('gives the same id to the same secret across runs, and different ids to different secrets', () => {
    const a = new Redactor();
    a.redact('--password=OneSecret1', 'x');
    const b = new Redactor();
    b.redact('other text --password=OneSecret1', 'y');
    b.redact('--password=TwoSecret2', 'y');
    expect(b.findings()[0]!.id).toBe(a.findings()[0]!.id);
    expect(b.findings()[1]!.id).not.toBe(a.findings()[0]!.id);
  });

  it('redacts a whole private key block spanning lines', () => {
    const text = 'cat key.pem\n-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIIrYSSNQFaA2Hwf1duRSxKtLYX5CB04fSeQ6tF1aY/PuoAoGCCqGSM49\n-----END EC PRIVATE KEY-----\ndone';
    expect(new Redactor().redact(text, 'x')).toBe('cat key.pem\n[REDACTED:private-key]\ndone');
  });
});
