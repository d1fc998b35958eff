import { describe, expect, it } from 'vitest';
import { fillTemplate, unfilledFields } from '../../../../../electron/common/incident/fillTemplate';

describe('fillTemplate', () => {
  it('fills bracket, curly and angle placeholders by loose name and leaves unknown ones as written', () => {
    const body = '[Severity] [Title]\nImpact: [Impact]\nStarted: {{ start_time }} by <commander>\nCause: [Root cause]\n[RESOLVED]';
    const filled = fillTemplate(body, { Severity: 'SEV1', Title: 'Checkout down', impact: 'EU users', startTime: '03:02 CET', Commander: 'ana', 'Root cause': '' });
    expect(filled).toBe('SEV1 Checkout down\nImpact: EU users\nStarted: 03:02 CET by ana\nCause: [Root cause]\n[RESOLVED]');
  });

  it('names the fields a filled text still asks for, once each, as written; literal status words are not fields', () => {
    const text = 'SEV1 Checkout down [RESOLVED] [UPDATE]\nHost: [Host] ({{ host }})\nSymptom: <Symptom>\nCause: [Root cause]';
    expect(unfilledFields(text)).toEqual(['Host', 'Symptom', 'Root cause']);
    expect(unfilledFields(fillTemplate(text, { host: 'db-7', symptom: '5xx', 'root cause': 'disk full' }))).toEqual([]);
    // A field spelled in capitals that is no status word is still a field.
    expect(unfilledFields('[REGION] is down')).toEqual(['REGION']);
  });
});
