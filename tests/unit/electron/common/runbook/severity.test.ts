import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../../../../electron/common/runbook/parseRunbook';

const levels = (text: string) =>
  parseRunbook({ path: 'x.md', text }).severityLevels.map((l) => ({ id: l.id, name: l.name, rank: l.rank, responseMinutes: l.responseMinutes }));

describe('severity levels', () => {
  it('reads headings with the name in parentheses and response times in the body', () => {
    const text = [
      '# Svc', '', '## Incident Severity Levels', '',
      '### SEV1 (Critical) - Service Outage', '- Response Time: Immediate (< 15 minutes)', '- Escalation: escalate if not resolved in 1 hour', '',
      '### SEV2 (High) - Degradation', '- Response Time: < 30 minutes', '',
      '### SEV3 (Medium) - Minor', '- Response Time: < 2 hours', '',
    ].join('\n');
    const rb = parseRunbook({ path: 'x.md', text });
    expect(levels(text)).toEqual([
      { id: 'SEV1', name: 'Critical', rank: 0, responseMinutes: 15 },
      { id: 'SEV2', name: 'High', rank: 1, responseMinutes: 30 },
      { id: 'SEV3', name: 'Medium', rank: 2, responseMinutes: 120 },
    ]);
    expect(rb.severityLevels[0]).toMatchObject({ description: 'Service Outage', line: 5 });
  });

  it('reads headings with the name first and the response in the heading', () => {
    expect(levels('# S\n\n## Priorities\n\n### Critical (P0)\n\nSite down.\n\n### P1 - High (Response: 1 hour)\n\nBroken feature.\n')).toEqual([
      { id: 'P0', name: 'Critical', rank: 0, responseMinutes: null },
      { id: 'P1', name: 'High', rank: 1, responseMinutes: 60 },
    ]);
  });

  it('reads bold paragraphs followed by a list', () => {
    const text = '# S\n\n## Severity\n\n**P0 - Critical**\n- Complete outage\n- Respond within 15 minutes\n\n**P1 - High**\n- Major feature down\n- Response: 1 hour\n\n**P2 - Low**\n- 24 hours\n';
    expect(levels(text)).toEqual([
      { id: 'P0', name: 'Critical', rank: 0, responseMinutes: 15 },
      { id: 'P1', name: 'High', rank: 1, responseMinutes: 60 },
      { id: 'P2', name: 'Low', rank: 2, responseMinutes: 1440 },
    ]);
  });

  it('reads Markdown tables with a level column and a response column, keeping the runbook’s spelling', () => {
    const text = '# S\n\n## Severity matrix\n\n| Severity | Name | Impact | Time to respond |\n|---|---|---|---|\n| SEV-2 | High | Degraded | 30 min |\n| SEV-1 | Critical | Down | 5 minutes |\n| SEV-3 | Low | Cosmetic | next business day |\n';
    expect(levels(text)).toEqual([
      { id: 'SEV-1', name: 'Critical', rank: 0, responseMinutes: 5 },
      { id: 'SEV-2', name: 'High', rank: 1, responseMinutes: 30 },
      { id: 'SEV-3', name: 'Low', rank: 2, responseMinutes: null },
    ]);
  });

  it('reads HTML tables', () => {
    const text = '# S\n\n## Severity\n\n<table>\n<tr><th>Level</th><th>Description</th><th>Response</th></tr>\n<tr><td>P1</td><td>Outage</td><td>15 minutes</td></tr>\n<tr><td>P2</td><td>Degraded</td><td>1 hour</td></tr>\n</table>\n';
    const rb = parseRunbook({ path: 'x.md', text });
    expect(rb.severityLevels.map((l) => [l.id, l.responseMinutes, l.description, l.line])).toEqual([
      ['P1', 15, 'Outage', 7],
      ['P2', 60, 'Degraded', 8],
    ]);
  });

  it('ignores distractors: escalation rules, alert thresholds, other tables with a severity column, templates', () => {
    const text = [
      '# S', '',
      '## Alert thresholds', '', '| Alert | Condition | Severity |', '|---|---|---|', '| Errors | error rate > 5% | P1 |', '| Latency | p99 > 2s | P2 |', '',
      '- error rate > 5% → P1', '',
      '## Severity levels', '', '| Level | Meaning | Response |', '|---|---|---|', '| P1 | Outage | 15 min |', '| P2 | Degraded | 1 hour |', '| P3 | Minor | 1 day |', '',
      '## Escalation', '', '- **P1**: page the manager after 30 minutes', '- **P2**: escalate after 4 hours', '',
      '## Communication', '', '```', '[P1/P2] Title', '```', '',
    ].join('\n');
    expect(levels(text)).toEqual([
      { id: 'P1', name: null, rank: 0, responseMinutes: 15 },
      { id: 'P2', name: null, rank: 1, responseMinutes: 60 },
      { id: 'P3', name: null, rank: 2, responseMinutes: 1440 },
    ]);
  });

  it('finds no scale where the runbook defines none', () => {
    expect(levels('# S\n\nIf it is a P1, page someone.\n\n## Escalation\n\n- P1: call the lead\n')).toEqual([]);
  });
});

describe('severity descriptions', () => {
  it('reads a description wrapped over several source lines to the end of its sentence', () => {
    const rb = parseRunbook({
      path: 'wrapped.md',
      text: '# Security\n\n## Severity\n\n### Critical (SEV1)\nConfirmed compromise.\n\nResponse Time: 15 minutes\n\n### Medium (SEV3)\nSuspicious activity: a phishing click, a failed-login burst, a\nvulnerability being actively scanned for.\n\nResponse Time: 24 hours\n',
    });
    expect(rb.severityLevels.map((l) => [l.id, l.description, l.responseMinutes])).toEqual([
      ['SEV1', 'Confirmed compromise.', 15],
      ['SEV3', 'Suspicious activity: a phishing click, a failed-login burst, a vulnerability being actively scanned for.', 1440],
    ]);
  });
});
