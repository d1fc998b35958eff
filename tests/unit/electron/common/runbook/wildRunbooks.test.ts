/**
 * The model for runbooks written in the wild (issue 17): snippets with no Run button, sample
 * output on the step that printed it, sessions on the step, titles with their placeholders,
 * risk reasons naming the tool the runbook wrote.
 */
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../../../../electron/common/runbook/parseRunbook';

const parse = (text: string) => parseRunbook({ path: '/runbooks/CephOSDCriticallyFull.md', text });

describe('runbooks from the wild', () => {
  it('turns YAML and PromQL in console fences into copyable snippets of their language', () => {
    const rb = parse(
      '# Alert\n\n## Diagnosis\n\nCheck the usage per namespace:\n\n```console\nsum by (namespace) (\n  rate(container_cpu_usage_seconds_total[5m])\n)\n```\n\nApply this config:\n\n```console\napiVersion: machineconfiguration.openshift.io/v1\nkind: KubeletConfig\nmetadata:\n  name: set-allocatable\n```\n',
    );
    expect(rb.steps.map((s) => [s.lang, s.runnable, s.commands.length])).toEqual([
      ['promql', false, 0],
      ['yaml', false, 0],
    ]);
    expect(rb.steps[1]?.title).toBe('Apply this config');
    expect(rb.diagnostics.filter((d) => d.level === 'info').map((d) => d.message).join('\n')).toMatch(/holds a PromQL query, not shell commands/);
  });

  it('makes an output-only console block the previous step’s sample output', () => {
    const rb = parse('# A\n\n```bash\nceph health detail\n```\n\n```console\nHEALTH_ERR 1 full osd(s)\n3 full osd(s)\n```\n');
    expect(rb.steps).toHaveLength(1);
    expect(rb.steps[0]?.expectedOutput).toContain('3 full osd(s)');
  });

  it('records the session a step runs inside, across blocks of a section', () => {
    const rb = parse(
      '# A\n\n## Fix\n\nConnect to the toolbox:\n\n```bash\noc rsh -n openshift-storage $(oc get pods -n openshift-storage -l app=rook-ceph-tools -o name)\n```\n\nThen check:\n\n```bash\nceph -s\n```\n\n## Next\n\n```bash\nceph -s\n```\n',
    );
    expect(rb.steps.map((s) => s.inside?.command ?? null)).toEqual([
      null,
      'oc rsh -n openshift-storage $(oc get pods -n openshift-storage -l app=rook-ceph-tools -o name)',
      null,
    ]);
    expect(rb.steps[1]?.inside?.line).toBe(8);
    expect(rb.steps[1]?.commands[0]?.risk).toBe('read');
  });

  it('keeps placeholders in step titles', () => {
    const rb = parse('# A\n\n```bash\n# Purge the stuck queue in {{region}}\nrabbitmqctl purge_queue stuck -p {{region}}\n```\n');
    expect(rb.steps[0]?.title).toBe('Purge the stuck queue in {{region}}');
  });

  it('names oc in the reasons of oc commands, not kubectl', () => {
    const rb = parse('# A\n\n```bash\noc adm upgrade\noc adm frobnicate now\noc delete pod x\n```\n');
    const reasons = rb.steps.flatMap((s) => s.commands.flatMap((c) => c.riskReasons));
    expect(reasons.join('\n')).not.toMatch(/kubectl/);
    expect(reasons).toContain('the risk rules know oc but not `oc adm frobnicate`; check what it does before running it');
    expect(rb.steps[0]?.commands[0]?.risk).toBe('read');
  });
});
