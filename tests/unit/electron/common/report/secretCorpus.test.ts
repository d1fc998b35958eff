import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../../../electron/common/report/redaction';
import { secretScanner } from '../../../../../electron/common/report/secretScanner';
import { LOOK_ALIKES, SECRETS } from './secretCorpus';

describe('the secret corpus', () => {
  it('has at least 50 secrets and 60 look-alikes', () => {
    expect(SECRETS.length).toBeGreaterThanOrEqual(50);
    expect(LOOK_ALIKES.length).toBeGreaterThanOrEqual(60);
  });

  it.each(SECRETS)('catches %s', (text, secret) => {
    const redacted = new Redactor().redact(text, 'test');
    expect(redacted).not.toContain(secret);
    expect(redacted).toContain('[REDACTED:');
  });

  it.each(LOOK_ALIKES)('leaves alone %s', (text) => {
    expect(secretScanner().scan(text).map((d) => `${d.rule.id}: ${text.slice(d.start, d.end)}`)).toEqual([]);
    expect(new Redactor().redact(text, 'test')).toBe(text);
  });
});
