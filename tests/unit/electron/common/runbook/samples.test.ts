/**
 * The shared real-world samples (../shared/runbook-samples, skipped when absent) and the
 * project's bundled runbooks must parse cleanly and sensibly.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../../../../electron/common/runbook/parseRunbook';

const SAMPLES = '/work/shared/runbook-samples';
const BUNDLED = join(__dirname, '../../../../../runbooks');

const read = (path: string) => parseRunbook({ path, bytes: new Uint8Array(readFileSync(path)) });
const mdFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md') : []);

describe.skipIf(!existsSync(join(SAMPLES, 'compose-stack-incident-response.md')))('shared sample: compose stack', () => {
  const rb = read(join(SAMPLES, 'compose-stack-incident-response.md'));

  it('has no error diagnostics', () => {
    expect(rb.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
  });

  it('reads the severity table with response times', () => {
    expect(rb.severityLevels.map((l) => [l.id, l.rank, l.responseMinutes])).toEqual([
      ['P1', 0, 5],
      ['P2', 1, 15],
      ['P3', 2, 60],
      ['P4', 3, 240],
    ]);
  });

  it('turns the bash blocks into titled, classified steps', () => {
    expect(rb.steps.length).toBeGreaterThanOrEqual(25);
    expect(new Set(rb.steps.map((s) => s.title)).size).toBe(rb.steps.length);
    const titles = rb.steps.map((s) => s.title);
    expect(titles).toContain('Check all service health');
    expect(titles).toContain('Clear Redis cache if needed');
    const flush = rb.steps.flatMap((s) => s.commands).find((c) => c.text.includes('FLUSHDB'));
    expect(flush?.risk).toBe('destroy');
    const restart = rb.steps.flatMap((s) => s.commands).find((c) => c.text.startsWith('docker-compose restart <service-name>'));
    expect(restart?.placeholders).toEqual(['service-name']);
  });

  it('finds the incident report template and keeps its headings and tasks out of the runbook', () => {
    expect(rb.templates.map((t) => [t.kind, t.title])).toEqual([['report', 'Incident Report Template']]);
    expect(rb.templates[0]!.placeholders).toContain('DATE');
    expect(rb.sections.map((s) => s.title)).not.toContain('Summary');
    expect(rb.checklist).toEqual([]);
  });

  it('reads the contact table', () => {
    expect(rb.contacts.map((c) => c.name)).toEqual(['On-call SRE', 'Platform Lead', 'Database Admin']);
  });
});

describe.skipIf(!existsSync(join(SAMPLES, 'tiktoktoe-incident-response.md')))('shared sample: tiktoktoe', () => {
  const rb = read(join(SAMPLES, 'tiktoktoe-incident-response.md'));

  it('has no error diagnostics', () => {
    expect(rb.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
  });

  it('reads the heading-shaped severity scale', () => {
    expect(rb.severityLevels.map((l) => [l.id, l.name, l.rank, l.responseMinutes])).toEqual([
      ['SEV1', 'Critical', 0, 15],
      ['SEV2', 'High', 1, 30],
      ['SEV3', 'Medium', 2, 120],
    ]);
  });

  it('reads steps from fences inside numbered lists, titled by their comments', () => {
    const titles = rb.steps.map((s) => s.title);
    expect(titles).toContain('Roll back to last known good version');
    expect(new Set(titles).size).toBe(titles.length);
    const undo = rb.steps.find((s) => s.title === 'Roll back to last known good version');
    expect(undo?.commands.map((c) => [c.text, c.risk])).toEqual([['kubectl rollout undo deployment/tiktok-toe', 'change']]);
    const flushall = rb.steps.flatMap((s) => s.commands).find((c) => c.text === 'redis-cli FLUSHALL');
    expect(flushall?.risk).toBe('destroy');
  });

  it('reads the three communication templates, severity ids and status words literal', () => {
    expect(rb.templates.map((t) => [t.kind, t.title])).toEqual([
      ['communication', 'SEV1 Incident'],
      ['communication', 'SEV2 Incident'],
      ['communication', 'Resolution Notice'],
    ]);
    for (const t of rb.templates) {
      expect(t.placeholders).not.toContain('SEV1');
      expect(t.placeholders).not.toContain('RESOLVED');
    }
  });

  it('reads the contact list and the escalation path in order', () => {
    const path = rb.contacts.filter((c) => c.escalationOrder !== null);
    expect(path.map((c) => [c.escalationOrder, c.name])).toEqual([
      [1, 'On-call Engineer'],
      [2, 'Team Lead'],
      [3, 'Engineering Manager'],
      [4, 'CTO'],
    ]);
  });
});

describe.skipIf(mdFiles(BUNDLED).length === 0)('bundled runbooks', () => {
  it.each(mdFiles(BUNDLED))('%s parses with no error diagnostics, and has steps and a title', (file) => {
    const rb = read(join(BUNDLED, file));
    expect(rb.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    expect(rb.steps.length).toBeGreaterThan(0);
    expect(rb.title).not.toBe('');
    expect(new Set(rb.steps.map((s) => s.title)).size).toBe(rb.steps.length);
  });
});
