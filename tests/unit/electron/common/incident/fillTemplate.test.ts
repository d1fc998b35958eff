import { describe, expect, it } from 'vitest';
import { fillTemplate } from '../../../../../electron/common/incident/fillTemplate';

describe('fillTemplate', () => {
  it('fills bracket, curly and angle placeholders by loose name and leaves unknown ones as written', () => {
    const body = '[Severity] [Title]\nImpact: [Impact]\nStarted: {{ start_time }} by <commander>\nCause: [Root cause]\n[RESOLVED]';
    const filled = fillTemplate(body, { Severity: 'SEV1', Title: 'Checkout down', impact: 'EU users', startTime: '03:02 CET', Commander: 'ana', 'Root cause': '' });
    expect(filled).toBe('SEV1 Checkout down\nImpact: EU users\nStarted: 03:02 CET by ana\nCause: [Root cause]\n[RESOLVED]');
  });
});
