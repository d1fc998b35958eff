import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../../../../electron/common/runbook/parseRunbook';

const parse = (text: string) => parseRunbook({ path: 'x.md', text });

describe('site markup read as structure', () => {
  it('parses the body of MkDocs admonitions and collapsibles as Markdown', () => {
    const rb = parse('# T\n\n??? note "Details"\n    - [ ] Check the graph\n\n    ```bash\n    kubectl top pods\n    ```\n');
    expect(rb.checklist.map((c) => c.text)).toEqual(['Check the graph']);
    expect(rb.steps.map((s) => [s.code, s.line])).toEqual([['kubectl top pods', 7]]);
    expect(JSON.stringify(rb)).not.toContain('???');
  });

  it('parses ::: containers and drops their markers from prose', () => {
    const rb = parse('# T\n\n:::warning\nThis restarts every pod:\n\n```bash\nkubectl rollout restart deploy/api\n```\n:::\n');
    expect(rb.steps.map((s) => s.title)).toEqual(['This restarts every pod']);
  });

  it('titles a step inside <details> by its <summary>', () => {
    const rb = parse('# T\n\n<details>\n<summary>Show the <b>slow</b> queries</summary>\n\n```bash\npsql -c "SELECT 1"\n```\n\n</details>\n');
    expect(rb.steps[0]!.title).toBe('Show the slow queries');
  });

  it('reads TOML front matter titles', () => {
    expect(parse('+++\ntitle = "From TOML"\n+++\n# Heading\n').title).toBe('From TOML');
  });
});
