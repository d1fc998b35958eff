import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../../../../electron/common/runbook/parseRunbook';
import { RUNBOOK_SCHEMA } from '../../../../../electron/common/runbook/model';

const parse = (text: string, path = '/runbooks/test.md') => parseRunbook({ path, text });
const fence = (lang: string, body: string) => `\`\`\`${lang}\n${body}\n\`\`\``;

describe('parseRunbook: the file and its title', () => {
  it('produces the versioned model with a stable id for the same path', () => {
    const a = parse('# A\n');
    const b = parse('# Something else entirely\n');
    expect(a.schema).toBe(RUNBOOK_SCHEMA);
    expect(a.id).toBe(b.id);
    expect(parse('# A\n', '/runbooks/other.md').id).not.toBe(a.id);
  });

  it('takes the title from front matter, else the first H1, else the file name', () => {
    expect(parse('---\ntitle: From YAML\nowner: me\n---\n# Heading\n').title).toBe('From YAML');
    expect(parse('## Intro\n\n# First H1\n').title).toBe('First H1');
    expect(parse('## Only H2\n', '/x/disk-full.md').title).toBe('disk-full');
  });

  it('warns on invalid front matter and still reads the rest, with the file’s own line numbers', () => {
    const rb = parse('---\ntitle: [unclosed\nowner: x\n---\n# Real title\n\n## Step\n\n```bash\nkubectl get pods\n```\n');
    expect(rb.diagnostics).toContainEqual(expect.objectContaining({ level: 'warning', message: expect.stringMatching(/front matter/) }));
    expect(rb.title).toBe('Real title');
    expect(rb.sections.map((s) => [s.title, s.line])).toEqual([['Real title', 5], ['Step', 7]]);
    expect(rb.steps[0]!.line).toBe(10);
  });

  it('gives an empty model with an error for text that is not a runbook', () => {
    const rb = parseRunbook({ path: 'x.md', bytes: new Uint8Array() });
    expect(rb.diagnostics).toEqual([expect.objectContaining({ level: 'error' })]);
    expect(rb.steps).toEqual([]);
  });
});

describe('parseRunbook: sections', () => {
  it('lists every heading outside code, in order, with parents and unique ids', () => {
    const rb = parse('# Top\n\n## Check\n\n### Pods\n\n```bash\n# not a heading\n```\n\n## Check\n\nSetext\n------\n');
    expect(rb.sections.map((s) => ({ id: s.id, level: s.level, title: s.title, parentId: s.parentId }))).toEqual([
      { id: 'top', level: 1, title: 'Top', parentId: null },
      { id: 'check', level: 2, title: 'Check', parentId: 'top' },
      { id: 'pods', level: 3, title: 'Pods', parentId: 'check' },
      { id: 'check-1', level: 2, title: 'Check', parentId: 'top' },
      { id: 'setext', level: 2, title: 'Setext', parentId: 'top' },
    ]);
  });

  it('keeps site markup out of titles', () => {
    const rb = parse('# Rollback {#rb}\n\n## <a id="x"></a>Check the <em>current</em> release {{ page.version }}\n\n## {% if x %}Verify{% endif %}\n');
    expect(rb.sections.map((s) => s.title)).toEqual(['Rollback', 'Check the current release', 'Verify']);
  });
});

describe('parseRunbook: code blocks and steps', () => {
  it('finds fences in lists and block quotes, ~~~ fences and indented code', () => {
    const rb = parse(
      [
        '# T', '', '1. **Restart it:**', '   ```bash', '   kubectl rollout restart deployment/api', '   ```', '',
        '> ```sh', '> kubectl get pods', '> ```', '', '~~~bash', 'kubectl top pods', '~~~', '', 'Indented:', '',
        '    kubectl get nodes', '',
      ].join('\n'),
    );
    expect(rb.steps.map((s) => s.code)).toEqual(['kubectl rollout restart deployment/api', 'kubectl get pods', 'kubectl top pods', 'kubectl get nodes']);
    expect(rb.steps[0]!.title).toBe('Restart it');
    expect(rb.steps.map((s) => s.line)).toEqual([5, 9, 13, 18]);
  });

  it('ignores what HTML comments hide', () => {
    const rb = parse('# T\n\n<!--\n## Hidden section\n\n```bash\nrm -rf /\n```\n\n- [ ] hidden task\n-->\n\n```bash\nkubectl get pods\n```\n');
    expect(rb.sections.map((s) => s.title)).toEqual(['T']);
    expect(rb.steps.map((s) => s.code)).toEqual(['kubectl get pods']);
    expect(rb.checklist).toEqual([]);
  });

  it('runs an unterminated fence to the end of the file, with a warning', () => {
    const rb = parse('# T\n\n## Fix\n\n```bash\nkubectl get pods\n\n## Not a heading\n');
    expect(rb.sections.map((s) => s.title)).toEqual(['T', 'Fix']);
    expect(rb.steps.map((s) => s.code).join('\n')).toContain('## Not a heading');
    expect(rb.diagnostics).toContainEqual(expect.objectContaining({ level: 'warning', line: 5, message: expect.stringMatching(/never closed/) }));
  });

  it('does not warn about fences that are closed, even at the end of the file or in a list', () => {
    const rb = parse('# T\n\n- item\n  ```bash\n  kubectl get pods\n  ```\n\n```bash\nkubectl top pods\n```');
    expect(rb.diagnostics.filter((d) => /never closed/.test(d.message))).toEqual([]);
  });

  it('treats the brief’s shell languages as runnable, case-insensitively', () => {
    for (const lang of ['bash', 'sh', 'shell', 'zsh', 'console', 'shell-session', 'terminal', 'cmd', 'command', 'BASH', 'Shell']) {
      const rb = parse(`# T\n\n${fence(lang, 'kubectl get pods')}\n`);
      expect(rb.steps[0]?.runnable, lang).toBe(true);
      expect(rb.steps[0]?.lang).toBe(lang.toLowerCase());
    }
  });

  it('reads shell in unlabeled and text fences when it starts with a known command, with an info diagnostic', () => {
    const rb = parse(`# T\n\n${fence('', 'kubectl get pods -n shop')}\n\n## Notes\n\n${fence('text', 'Just some words about the system.')}\n`);
    expect(rb.steps.map((s) => [s.lang, s.runnable])).toEqual([[null, true], ['text', false]]);
    expect(rb.diagnostics).toContainEqual(expect.objectContaining({ level: 'info', line: 3 }));
  });

  it('keeps other languages as copy-only steps', () => {
    const rb = parse(`# T\n\n## Query\n\n${fence('promql', 'rate(http_requests_total[5m])')}\n\n${fence('yaml', 'replicas: 3')}\n`);
    expect(rb.steps.map((s) => [s.lang, s.runnable, s.commands.length])).toEqual([['promql', false, 0], ['yaml', false, 0]]);
  });

  it('splits SQL blocks into statements judged with the sql client', () => {
    const rb = parse(`# T\n\n## Inspect\n\n${fence('sql', "-- Long queries\nSELECT pid, query\nFROM pg_stat_activity\nWHERE query <> ';';\n\nDELETE FROM sessions;")}\n`);
    const commands = rb.steps.flatMap((s) => s.commands);
    expect(commands.map((c) => [c.text, c.client, c.line])).toEqual([
      ["SELECT pid, query\nFROM pg_stat_activity\nWHERE query <> ';';", 'sql', 7],
      ['DELETE FROM sessions;', 'sql', 11],
    ]);
    expect(rb.steps.every((s) => !s.runnable)).toBe(true);
    expect(rb.steps[0]!.title).toBe('Long queries');
  });

  it('attaches output blocks and a following plain block without commands to the previous step', () => {
    const rb = parse(
      `# T\n\n## A\n\n${fence('bash', 'kubectl get pods')}\n\nYou should see:\n\n${fence('', 'NAME   READY\napi-1  1/1')}\n\n## B\n\n${fence('bash', 'kubectl top pods')}\n\n${fence('output', 'api-1 10m')}\n`,
    );
    expect(rb.steps).toHaveLength(2);
    expect(rb.steps[0]!.expectedOutput).toBe('NAME   READY\napi-1  1/1');
    expect(rb.steps[1]!.expectedOutput).toBe('api-1 10m');
  });

  it('titles steps by the leading comment, else the preceding prose, else the section, and keeps them unique', () => {
    const rb = parse(
      [
        '# T', '', '## Restart', '', fence('bash', '# Restart the API\nkubectl rollout restart deployment/api'), '',
        '**Check the pods:**', '', fence('bash', 'kubectl get pods'), '', fence('bash', 'kubectl get pods -o wide'), '',
        '## Verify', '', fence('bash', 'kubectl get deploy'), '', '## Verify', '', fence('bash', 'kubectl get svc'),
      ].join('\n'),
    );
    expect(rb.steps.map((s) => s.title)).toEqual(['Restart the API', 'Check the pods', 'Check the pods (2)', 'Verify', 'Verify (2)']);
  });

  it('does not take prose from another section as a title', () => {
    const rb = parse(`# T\n\nSome intro.\n\n## Act\n\n${fence('bash', 'kubectl get pods')}\n`);
    expect(rb.steps[0]!.title).toBe('Act');
  });

  it('keeps step ids stable across unrelated edits, and distinct for identical code', () => {
    const before = parse(`# T\n\n## A\n\n${fence('bash', 'kubectl get pods')}\n\n## B\n\n${fence('bash', 'kubectl top pods')}\n`);
    const after = parse(`# T\n\nNew intro paragraph.\n\n## A\n\n${fence('bash', 'kubectl get pods')}\n\n## B\n\nMore words.\n\n${fence('bash', 'kubectl top pods')}\n`);
    expect(after.steps.map((s) => s.id)).toEqual(before.steps.map((s) => s.id));
    const twice = parse(`# T\n\n## A\n\n${fence('bash', 'kubectl get pods')}\n\n${fence('bash', 'kubectl get pods')}\n`);
    expect(new Set(twice.steps.map((s) => s.id)).size).toBe(2);
  });

  it('fills each command with placeholders, risk and environment inputs (assigned anywhere in the runbook)', () => {
    const rb = parse(`# T\n\n${fence('bash', 'export NS=shop')}\n\n${fence('bash', 'kubectl delete pod <pod-name> -n $NS --context $KUBE_CONTEXT')}\n`);
    const command = rb.steps[1]!.commands[0]!;
    expect(command.placeholders).toEqual(['pod-name']);
    expect(command.envInputs).toEqual(['KUBE_CONTEXT']);
    expect(command.risk).toBe('destroy');
    expect(command.riskReasons.length).toBeGreaterThan(0);
  });

  it('keeps Liquid and admonition markup out of steps, and reads code inside admonitions', () => {
    const rb = parse('# T\n\n{% include "x.html" %}\n\n!!! warning "Careful"\n    Read this first:\n\n    ```bash\n    kubectl get pods\n    ```\n\n{% highlight bash %}\nkubectl top pods\n{% endhighlight %}\n');
    expect(rb.steps.map((s) => [s.title, s.code])).toEqual([['Read this first', 'kubectl get pods'], ['Read this first (2)', 'kubectl top pods']]);
  });
});

describe('parseRunbook: templates, checklist, contacts, links', () => {
  it('reads communication templates under communication headings, titled by the nearest heading', () => {
    const rb = parse(
      `# Svc\n\n## Severity\n\n| Level | Response |\n|---|---|\n| SEV1 | 15 min |\n| SEV2 | 1 hour |\n\n## Communication templates\n\n### Initial notice\n\n${fence('', '[SEV1] Checkout down\nImpact: [Description of impact]\nStatus: [INVESTIGATING]\nSee [the dashboard](https://x) for {{service}}')}\n`,
    );
    expect(rb.steps).toEqual([]);
    expect(rb.templates).toHaveLength(1);
    const t = rb.templates[0]!;
    expect([t.kind, t.title, t.line]).toEqual(['communication', 'Initial notice', 15]);
    expect(t.placeholders).toContain('Description of impact');
    expect(t.placeholders).not.toContain('SEV1');
    expect(t.placeholders).not.toContain('INVESTIGATING');
  });

  it('does not make shell under a communication heading a template', () => {
    const rb = parse(`# T\n\n## Notify the channel\n\n${fence('bash', 'curl -X POST -d @msg.json https://hooks.example/x')}\n`);
    expect(rb.templates).toEqual([]);
    expect(rb.steps).toHaveLength(1);
  });

  it('reads the report template, fenced or written as the section’s own Markdown', () => {
    const fenced = parse(`# T\n\n## Incident Report Template\n\n${fence('markdown', '## Summary\n[What happened]\n\n1. [ ] Action item')}\n`);
    expect(fenced.templates.map((t) => [t.kind, t.title])).toEqual([['report', 'Incident Report Template']]);
    expect(fenced.checklist).toEqual([]);
    const plain = parse('# T\n\n## Postmortem template\n\n### Summary\n\n[What happened]\n\n- [ ] Follow-up\n\n## Contacts\n');
    expect(plain.templates).toEqual([expect.objectContaining({ kind: 'report', title: 'Postmortem template', line: 5 })]);
    expect(plain.templates[0]!.body).toContain('### Summary');
    expect(plain.templates[0]!.placeholders).toContain('What happened');
    expect(plain.checklist).toEqual([]);
  });

  it('collects every task-list item with its section', () => {
    const rb = parse('# T\n\n## Start\n\n- [ ] Page the IC\n- [x] Open the channel\n* [X] **Bold** task\n1. [ ] Ordered task\n- not a task\n\n> - [ ] Quoted task\n');
    expect(rb.checklist.map((c) => [c.text, c.checked, c.sectionId, c.line])).toEqual([
      ['Page the IC', false, 'start', 5],
      ['Open the channel', true, 'start', 6],
      ['Bold task', true, 'start', 7],
      ['Ordered task', false, 'start', 8],
      ['Quoted task', false, 'start', 11],
    ]);
    expect(new Set(rb.checklist.map((c) => c.id)).size).toBe(5);
  });

  it('collects contacts from contact tables and escalation lists', () => {
    const rb = parse('# T\n\n## Contacts\n\n| Role | Contact |\n|---|---|\n| DBA | dba@example.com |\n\n## Escalation path\n\n1. On-call engineer\n2. Team lead: +1 555 0100 200\n');
    expect(rb.contacts.map((c) => [c.name, c.reach, c.escalationOrder])).toEqual([
      ['DBA', ['dba@example.com'], null],
      ['On-call engineer', [], 1],
      ['Team lead', ['+1 555 0100 200'], 2],
    ]);
  });

  it('collects links with their lines, but not in-page anchors or mail addresses', () => {
    const rb = parse('# T\n\nSee the [dashboard](https://grafana.example/d/abc) and\n[the DB runbook](./postgres.md), [top](#t), ops@example.com\nor https://status.example.com\n');
    expect(rb.links).toEqual([
      { text: 'dashboard', url: 'https://grafana.example/d/abc', line: 3 },
      { text: 'the DB runbook', url: './postgres.md', line: 4 },
      { text: 'https://status.example.com', url: 'https://status.example.com', line: 5 },
    ]);
  });
});

describe('parseRunbook: unterminated fences at the very end', () => {
  it('warns when the file ends inside a fence without a final newline', () => {
    const rb = parse('# T\n\n```bash\nkubectl get pods');
    expect(rb.diagnostics).toContainEqual(expect.objectContaining({ level: 'warning', line: 3 }));
    expect(parse('# T\n\n```bash\nkubectl get pods\n```').diagnostics).toEqual([]);
  });
});

describe('parseRunbook: environment inputs across the runbook', () => {
  it('does not ask for a name the runbook assigns further down, nor one set in a text fence', () => {
    const rb = parse(
      `# T\n\n## Check\n\n${fence('bash', 'kubectl -n "$NAMESPACE" get pods\ncurl "$API_URL/health" -H "X-Token: $API_TOKEN"')}\n\n## Setup\n\n${fence('bash', 'export NAMESPACE=shop')}\n\n${fence('text', 'API_URL=https://api.example')}\n`,
    );
    const commands = rb.steps.flatMap((s) => s.commands);
    expect(commands.map((c) => c.envInputs)).toEqual([[], ['API_TOKEN'], []]);
  });

  it('does not read assignments out of a transcript’s sample output', () => {
    const rb = parse(`# T\n\n${fence('console', '$ env | grep DB_\nDB_HOST=db-1')}\n\n${fence('bash', 'psql -h "$DB_HOST"')}\n`);
    expect(rb.steps.flatMap((s) => s.commands).map((c) => c.envInputs)).toEqual([[], ['DB_HOST']]);
  });
});
