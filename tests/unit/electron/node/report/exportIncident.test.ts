import fs from 'node:fs';
import Ajv from 'ajv';
import { afterEach, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { buildReport } from '../../../../../electron/common/report/buildReport';
import { parseBundle } from '../../../../../electron/common/report/bundle';
import { renderMarkdown } from '../../../../../electron/common/report/renderMarkdown';
import { parseRunbook } from '../../../../../electron/common/runbook/parseRunbook';
import { exportIncident, previewRedactions } from '../../../../../electron/node/report/exportIncident';
import { NO_BROWSER_MESSAGE } from '../../../../../electron/node/report/printPdf';
import { createFixture, GITHUB_TOKEN, SECRET_VALUE, type Fixture } from './incidentFixture';

/** A runbook (never attached to the incident) whose one step runs a command. */
const STEP_RUNBOOK_MD = '# Pods runbook\n\n## Diagnose\n\nLook at the pods first:\n\n```bash\n# List the checkout pods\nkubectl -n shop get pods\n```\n';

let fixture: Fixture;
afterEach(() => fixture?.cleanup());

async function text(format: 'md' | 'html' | 'json' | 'cast', timeZone = 'Europe/Berlin', keep?: string[]): Promise<string> {
  const result = await exportIncident(fixture.store, fixture.incidentId, format, fixture.lookup, { timeZone, keep });
  return result.files.map((f) => f.content as string).join('\n');
}

async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await getDocument({ data: bytes, useSystemFonts: true, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return pages.join('\n');
}

describe('exportIncident', () => {
  it('Markdown: title, zone-stated times, template sections, commands with exit codes, notes, redactions', async () => {
    fixture = await createFixture();
    const md = await text('md');
    expect(md).toMatch(/^# Incident report: Checkout API returns 502s$/m);
    expect(md).toContain('All times are Europe/Berlin (UTC+01:00).');
    // Template sections in the template's order, then the data sections it lacks.
    const headings = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings.slice(0, 8)).toEqual(['Overview', 'Summary', 'Impact', 'Timeline', 'Root cause', 'Evidence', 'Lessons learned', 'Milestones']);
    expect(headings).toEqual(expect.arrayContaining(['Commands', 'Checklist', 'Status updates', 'Action items', 'Record integrity']));
    // The template's placeholders are filled from the incident; its prompts become TO COMPLETE.
    expect(md).toContain('**Severity:** SEV2  **Commander:** alice');
    expect(md).toContain('> **TO COMPLETE:** Why the checkout pods ran out of database connections.');
    expect(md).toContain('- Duration: 10 min 30 s');
    // Times in the zone (the incident was created "now"; check the format and a command's row).
    expect(md).toMatch(/\| \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \| alice \| Note: PagerDuty alert fired/);
    expect(md).toContain('**Exit:** 1');
    expect(md).toContain('### 2. `kubectl -n shop rollout restart deploy/checkout`');
    expect(md).toContain('★ Ran `kubectl -n shop rollout restart deploy/checkout`');
    expect(md).toContain('**Key events** (starred by the responders)');
    // Notes are escaped, not markup.
    expect(md).toContain('Pool exhausted: max\\_connections reached \\| see \\<pg\\_stat\\_activity\\> \\*now\\*');
    // Long output is trimmed with a marker.
    expect(md).toContain('log line 39 GET /cart 200\n… [440 lines');
    expect(md).toContain('log line 499 GET /cart 200');
    expect(md).not.toContain('log line 250 GET');
    // Secrets never appear.
    expect(md).not.toContain(SECRET_VALUE);
    expect(md).not.toContain(GITHUB_TOKEN);
    expect(md).toContain('PGPASSWORD=[REDACTED:secret-input] psql');
    expect(md).toMatch(/Authorization: (?:token )?\[REDACTED:[a-z-]+\]/);
    expect(md).not.toContain(GITHUB_TOKEN);
    expect(md).toMatch(/\| `[0-9a-f]{32}` \| 19 \| `[0-9a-f]{64}` \| verified \|/);
  });

  it('states the zone it was asked for, and UTC', async () => {
    fixture = await createFixture({ withRunbook: false });
    const utc = await text('md', 'UTC');
    const ny = await text('md', 'America/New_York');
    expect(utc).toContain('All times are UTC.');
    expect(ny.split('\n')[2]).toMatch(/All times are America\/New\\_York \(UTC−0[45]:00\)\./);
    const created = fixture.store.getIncident(fixture.incidentId)!.createdAt;
    const utcTime = new Date(created).toISOString().slice(11, 19);
    // The date is written too for the first event of a new day (the fixture's note is 10 min earlier).
    expect(utc).toMatch(new RegExp(`\\| (?:\\d{4}-\\d{2}-\\d{2} )?${utcTime} \\| alice \\| Incident opened:`));
    // Without a template: the standard sections.
    expect([...utc.matchAll(/^## (.+)$/gm)].map((m) => m[1])).toEqual([
      'Summary', 'Milestones', 'Timeline', 'Commands', 'Checklist', 'Status updates', 'Root cause', 'Resolution', 'Action items', 'Lessons learned', 'Incident inputs', 'Record integrity',
    ]);
  });

  it('HTML: self-contained (no external src/href/link/script), escaped, with the same content', async () => {
    fixture = await createFixture();
    const html = await text('html');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<title>Incident report: Checkout API returns 502s</title>');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).not.toMatch(/\s(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;`);
    expect(html).toContain('see &lt;pg_stat_activity&gt; *now*');
    expect(html).toContain('<span class="exit exit--fail">exit 1</span>');
    expect(html).not.toContain(SECRET_VALUE);
    expect(html).not.toContain(GITHUB_TOKEN);
  });

  it('JSON: the full bundle, full output, secrets redacted, redacted events keep digest and drop salt', async () => {
    fixture = await createFixture();
    const json = await text('json');
    const bundle = parseBundle(json);
    expect(bundle.format).toBe('warroom.bundle/1');
    expect(bundle.commands[2]!.output).toContain('log line 250 GET /cart 200');
    expect(json).not.toContain(SECRET_VALUE);
    expect(json).not.toContain(GITHUB_TOKEN);
    const stored = fixture.store.readBundleRecords(fixture.incidentId).events;
    const redacted = bundle.events.filter((e) => e.redacted);
    expect(redacted.length).toBeGreaterThan(0);
    for (const e of redacted) {
      const original = stored.find((s) => s.id === e.id)!;
      expect(e.salt).toBeNull();
      expect(e.digest).toBe(original.digest);
      expect(e.chainHead).toBe(original.chainHead);
    }
    expect(bundle.variables).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'DB_PASSWORD', secret: true, value: null })]));
    expect(bundle.chains.every((c) => c.ok)).toBe(true);
    // The schema document in docs/ describes what we write.
    const validate = new Ajv({ allErrors: true }).compile(JSON.parse(fs.readFileSync(new URL('../../../../../docs/bundle-schema.json', import.meta.url), 'utf8')) as object);
    expect(validate(JSON.parse(json)), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...JSON.parse(json), format: 'warroom.bundle/2' })).toBe(false);
  });

  it('preview lists each secret once, and a kept one stays in clear in every format', async () => {
    fixture = await createFixture();
    const findings = await previewRedactions(fixture.store, fixture.incidentId, fixture.lookup);
    const input = findings.find((f) => f.kind === 'secret-input')!;
    expect(input.count).toBeGreaterThanOrEqual(3);
    expect(input.excerpt).not.toContain(SECRET_VALUE);
    expect(findings.map((f) => [f.label, f.count])).toContainEqual([expect.any(String), 2]);
    for (const f of findings) expect(f.excerpt + f.where.join(' ')).not.toContain(GITHUB_TOKEN);
    const md = await text('md', 'UTC', [input.id]);
    expect(md).toContain(SECRET_VALUE);
    expect(md).not.toContain(GITHUB_TOKEN);
    expect(md).toContain('1 detected secret was deliberately kept in clear');
    // The choice is on the timeline, without the value, and the next report says so.
    const kept = fixture.store.getEvents(fixture.incidentId).filter((e) => e.kind === 'redaction.kept');
    expect(kept.map((e) => e.payload)).toEqual([{ format: 'md', secrets: [{ kind: 'secret-input', label: input.label, count: expect.any(Number) }] }]);
    expect(JSON.stringify(kept)).not.toContain(SECRET_VALUE);
    const next = await text('md', 'UTC');
    expect(next).toContain("Exported as md keeping 1 secret in clear (chosen in the redaction preview): Value of the secret input");
    expect(next).not.toContain(SECRET_VALUE);
  });

  it('cast: one asciicast v2 file per session, no env, a secret split across chunks redacted', async () => {
    fixture = await createFixture();
    const result = await exportIncident(fixture.store, fixture.incidentId, 'cast', fixture.lookup);
    expect(result.files.map((f) => f.fileName)).toEqual([expect.stringMatching(/-terminal-1\.cast$/), expect.stringMatching(/-terminal-2\.cast$/)]);
    const [first] = result.files;
    const lines = (first!.content as string).trim().split('\n').map((l) => JSON.parse(l) as unknown);
    expect(lines[0]).toMatchObject({ version: 2, width: 120, height: 36 });
    expect(lines[0]).not.toHaveProperty('env');
    const output = lines.slice(1).map((l) => (l as [number, string, string])[2]).join('');
    expect(output).toContain('DB pass is [REDACTED:secret-input] (leaked)');
    expect(first!.content).not.toContain('Hunter2');
    expect((lines[2] as [number])[0]).toBeCloseTo(0.1, 3);
  });

  it('PDF: printed by the system Chromium; its text has the title, times, commands and redactions', async () => {
    fixture = await createFixture();
    const result = await exportIncident(fixture.store, fixture.incidentId, 'pdf', fixture.lookup, { timeZone: 'UTC' });
    const bytes = result.files[0]!.content as Uint8Array;
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    const pdf = (await pdfText(bytes)).replace(/\s+/g, ' ');
    expect(pdf).toContain('Incident report: Checkout API returns 502s');
    expect(pdf).toContain('All times are UTC.');
    expect(pdf).toContain('kubectl -n shop rollout restart deploy/checkout');
    expect(pdf).toContain('exit 1');
    expect(pdf).toContain('PagerDuty alert fired');
    expect(pdf).toContain('[REDACTED:secret-input]');
    expect(pdf).not.toContain(SECRET_VALUE);
  }, 60_000);

  it("names a command's runbook step by its title in every format, and by its id only once the runbook has left the library", async () => {
    fixture = await createFixture({ withRunbook: false });
    const runbook = parseRunbook({ text: STEP_RUNBOOK_MD, path: '/runbooks/pods.md' });
    const step = runbook.steps[0]!;
    expect(step.title).toBe('List the checkout pods');
    const { command } = await fixture.store.startCommand(fixture.incidentId, { sessionId: 'sess-3', commandLine: 'kubectl -n shop get pods', cwd: '/srv', step: { runbookId: runbook.id, stepId: step.id, runbookHash: 'h1' } });
    await fixture.store.finishCommand(command.id, { exitCode: 0, output: 'checkout-1 Running\n' });
    const inLibrary = async (id: string) => (id === runbook.id ? runbook : null);
    const exported = async (format: 'md' | 'html' | 'json', lookup: typeof inLibrary) =>
      (await exportIncident(fixture.store, fixture.incidentId, format, lookup, { timeZone: 'UTC' })).files[0]!.content as string;

    const md = await exported('md', inLibrary);
    // A runbook that was never attached still names its step (the step ran from it).
    expect(md).toContain('**Runbook step:** Pods runbook › List the checkout pods');
    expect(md).toContain('(runbook step Pods runbook › List the checkout pods)');
    expect(md).not.toContain(step.id);
    const html = await exported('html', inLibrary);
    expect(html).toContain('step: Pods runbook › List the checkout pods');
    expect(html).not.toContain(step.id);
    const json = await exported('json', inLibrary);
    const bundle = parseBundle(json);
    // The bundle keeps the ids and carries the title beside them.
    expect(bundle.commands.find((c) => c.id === command.id)!.step).toEqual({ runbookId: runbook.id, stepId: step.id, runbookHash: 'h1', title: 'List the checkout pods' });
    const validate = new Ajv({ allErrors: true }).compile(JSON.parse(fs.readFileSync(new URL('../../../../../docs/bundle-schema.json', import.meta.url), 'utf8')) as object);
    expect(validate(JSON.parse(json)), JSON.stringify(validate.errors)).toBe(true);

    // Gone from the library: the id is all there is.
    const gone = await exported('md', async () => null);
    expect(gone).toContain(`**Runbook step:** ${runbook.id} › ${step.id.replace(/_/g, '\\_')}`);
    expect(parseBundle(await exported('json', async () => null)).commands.find((c) => c.id === command.id)!.step).toMatchObject({ stepId: step.id, title: null });

    // A bundle written before titles existed still parses, validates and renders (by id).
    const old = JSON.parse(json) as { commands: { step: Record<string, unknown> | null }[] };
    for (const c of old.commands) if (c.step) delete c.step.title;
    expect(validate(old)).toBe(true);
    const oldMd = renderMarkdown(buildReport(parseBundle(JSON.stringify(old)), { timeZone: 'UTC' }));
    expect(oldMd).toContain(`**Runbook step:** Pods runbook › ${step.id.replace(/_/g, '\\_')}`);
  });

  it("states each command's terminal tab, host and directory where recorded (nothing when not), redacted like the rest", async () => {
    fixture = await createFixture();
    const { command } = await fixture.store.startCommand(fixture.incidentId, { sessionId: 'sess-9', commandLine: 'uptime', cwd: '/var/tmp', terminal: `psql ${SECRET_VALUE}`, host: 'db-7.internal' });
    await fixture.store.finishCommand(command.id, { exitCode: 0, output: 'up 3 days\n' });
    const md = await text('md', 'UTC');
    const block = md.slice(md.search(/### \d+\. `uptime`/));
    const facts = block.split('\n')[2]!;
    expect(facts).toContain('**Terminal:** psql ');
    expect(facts).toContain('**Host:** `db-7.internal`');
    expect(facts).toContain('**Directory:** `/var/tmp`');
    // The timeline entry says it too.
    expect(md).toMatch(/Ran `uptime` in \/var\/tmp, in psql \S+ on db-7\.internal/);
    // The secret in the tab's name goes through the same redaction as every other recorded text.
    expect(md).not.toContain(SECRET_VALUE);
    // Commands recorded without a place (the fixture's, and any from before it was kept) state none.
    const psqlStart = md.search(/### \d+\. `PGPASSWORD/);
    const psqlBlock = md.slice(psqlStart, md.indexOf('### ', psqlStart + 4));
    expect(psqlBlock).toContain('**Directory:** `/srv/checkout`');
    expect(psqlBlock).not.toContain('**Terminal:**');
    expect(psqlBlock).not.toContain('**Host:**');

    const html = await text('html', 'UTC');
    expect(html).toContain('<span>on <code>db-7.internal</code></span>');
    expect(html).toMatch(/<span>terminal psql [^<]+<\/span> · <span>on <code>db-7\.internal<\/code><\/span> · <span>in <code>\/var\/tmp<\/code><\/span>/);
    expect(html).not.toContain(SECRET_VALUE);
  });

  it('action items: open vs done in the report, each edit, done and reopen on its timeline', async () => {
    fixture = await createFixture({ withRunbook: false });
    const { store, incidentId } = fixture;
    const t0 = store.getIncident(incidentId)!.createdAt;
    const [pgbouncer] = store.getActionItems(incidentId);
    await store.appendEvent(incidentId, { kind: 'actionItem.edited', payload: { itemId: pgbouncer!.id, text: 'Add PgBouncer to orders-db', owner: 'carol' }, occurredAt: t0 + 21_000, actor: 'bob' });
    await store.appendEvent(incidentId, { kind: 'actionItem.done', payload: { itemId: pgbouncer!.id, text: 'Add PgBouncer to orders-db' }, occurredAt: t0 + 22_000, actor: 'carol' });
    const alert = await store.appendEvent(incidentId, { kind: 'actionItem.added', payload: { text: 'Alert on pool saturation', owner: null }, occurredAt: t0 + 23_000 });
    await store.appendEvent(incidentId, { kind: 'actionItem.done', payload: { itemId: alert.id, text: 'Alert on pool saturation' }, occurredAt: t0 + 24_000 });
    await store.appendEvent(incidentId, { kind: 'actionItem.reopened', payload: { itemId: alert.id, text: 'Alert on pool saturation' }, occurredAt: t0 + 25_000 });

    const md = await text('md', 'UTC');
    const at = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
    const section = md.slice(md.indexOf('## Action items'), md.indexOf('## Lessons learned'));
    expect(section).toContain('1 open, 1 done at export.');
    expect(section).toContain('| Action | Owner | Status | Recorded |');
    expect(section).toContain(`| Add PgBouncer to orders-db | carol | **Done** — carol, ${at(t0 + 22_000)} | ${at(t0 + 8000)} _(edited ${at(t0 + 21_000)})_ |`);
    expect(section).toContain(`| Alert on pool saturation | — | Open | ${at(t0 + 23_000)} |`);
    expect(md).toContain('| bob | Action item “Add PgBouncer in front of orders DB” edited: Add PgBouncer to orders-db (owner: carol) |');
    expect(md).toContain('| carol | Action item done: Add PgBouncer to orders-db |');
    expect(md).toContain('Action item reopened: Alert on pool saturation');
    const html = await text('html', 'UTC');
    expect(html).toContain('<td><strong>Done</strong> — carol,');
    expect(html).toContain('<td>Open</td>');
    const json = JSON.parse(await text('json')) as unknown;
    const validate = new Ajv({ allErrors: true }).compile(JSON.parse(fs.readFileSync(new URL('../../../../../docs/bundle-schema.json', import.meta.url), 'utf8')) as object);
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
  });

  it('PDF without a browser: one clear line', async () => {
    fixture = await createFixture({ withRunbook: false });
    await expect(exportIncident(fixture.store, fixture.incidentId, 'pdf', fixture.lookup, { browser: null })).rejects.toThrow(NO_BROWSER_MESSAGE);
  });
});
