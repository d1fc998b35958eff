import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../../../electron/common/report/redaction';

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
    expect(finding!.excerpt).toContain('--password=•••••• (13 chars)');
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

  it('hides a value found once everywhere it appears, whatever surrounds it', () => {
    const note = 'DB password is Sup3rS3cret! (rotated at 23:20) — postgres://app:Sup3rS3cret@db01:5432/app';
    const r = new Redactor();
    // Learned from the connection URL in an output, then found in prose where no rule looks.
    r.learn('FATAL: postgres://app:Sup3rS3cret@db01:5432/app refused');
    expect(r.redact('rotated Sup3rS3cret yesterday', 'note')).toBe('rotated [REDACTED:url-password] yesterday');
    const out = r.redact(note, 'note');
    expect(out).not.toContain('Sup3rS3cret');
    expect(r.findings().every((f) => !f.excerpt.includes('Sup3rS3cret'))).toBe(true);
  });

  it('masks every secret in the preview excerpt, kept ones too', () => {
    const line = 'export API_KEY=3f9a1c2b4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f90 GH=ghp_R2d2C3poBb8Luke5Leia9Han0Solo1Chewie4';
    const probe = new Redactor();
    probe.redact(line, 'x');
    const keepAll = new Redactor({ keep: probe.findings().map((f) => f.id) });
    expect(keepAll.redact(line, 'x')).toBe(line);
    for (const f of keepAll.findings()) {
      expect(f.excerpt).not.toContain('3f9a1c2b4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f90');
      expect(f.excerpt).not.toContain('ghp_R2d2C3poBb8Luke5Leia9Han0Solo1Chewie4');
    }
    expect(keepAll.maskAll(line)).not.toMatch(/3f9a1c2b|Chewie4/);
    // Not even the part of a neighbouring secret that the excerpt's edge cuts.
    for (const f of keepAll.findings()) expect(f.excerpt).not.toMatch(/ghp_R2|7e8f90|c6d7e8/);
  });

  it('does not spread a short value found by a rule to other words', () => {
    const r = new Redactor();
    expect(r.redact('mysql -u root -pabc1 orders', 'x')).toBe('mysql -u root -p[REDACTED:cli-password] orders');
    expect(r.redact('abc1 is also a label here', 'x')).toBe('abc1 is also a label here');
  });
});
