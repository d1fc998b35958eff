import { describe, expect, it } from 'vitest';
import { findPlaceholderOddities } from '../../../../../electron/common/runbook/placeholderOddities';

const odd = (text: string) => findPlaceholderOddities(text, []).map((o) => o.message);

describe('findPlaceholderOddities', () => {
  it('flags placeholder syntax the resolver will not recognise', () => {
    expect(odd('kubectl logs {{pod} -n x')).toEqual([expect.stringMatching(/missing a closing brace/)]);
    expect(odd('kubectl logs {pod}} -n x')).toEqual([expect.stringMatching(/missing an opening brace/)]);
    expect(odd('echo {{ }}')).toEqual([expect.stringMatching(/empty placeholder/)]);
    expect(odd('kubectl delete pod < pod-name >')).toEqual([expect.stringMatching(/spaces inside the brackets/)]);
    expect(odd('helm upgrade x --set image={{tag')).toEqual([expect.stringMatching(/never closed/)]);
  });

  it('leaves real shell and templates alone', () => {
    expect(odd('sort <in >out')).toEqual([]);
    expect(odd("docker inspect -f '{{.State.Health.Status}}' api")).toEqual([]);
    expect(odd("awk '{print $1}' file")).toEqual([]);
    expect(odd('kubectl logs {{pod}} <container-name>')).toEqual([]);
    expect(odd('diff <(ls a) <(ls b)')).toEqual([]);
    expect(odd('psql -c "SELECT 1 WHERE pid <> pg_backend_pid()"')).toEqual([]);
  });

  it('gives the line within a multi-line command', () => {
    expect(findPlaceholderOddities('kubectl get pods \\\n  -n {{ns}', [])[0]?.lineOffset).toBe(1);
  });
});
