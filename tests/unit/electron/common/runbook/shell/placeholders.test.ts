import { describe, expect, it } from 'vitest';
import { fillPlaceholders, findPlaceholders } from '../../../../../../electron/common/runbook/shell';

const inCommand = (text: string): string[] => findPlaceholders(text, 'command');

describe('findPlaceholders in commands', () => {
  it.each([
    ['kubectl logs <pod-name> -n <namespace>', ['pod-name', 'namespace']],
    ['aws rds reboot-db-instance --db-instance-identifier <INSTANCE NAME>', ['INSTANCE NAME']],
    ['curl -H "Authorization: Bearer {{api_token}}" {{ base.url }}/health', ['api_token', 'base.url']],
    ['export TOKEN=YOUR_API_TOKEN', ['YOUR_API_TOKEN']],
    ['curl -u admin:PASSWORD_HERE http://x', ['PASSWORD_HERE']],
    ['vault login REPLACE_ME', ['REPLACE_ME']],
    ['kubectl delete pod {Pod Name} -n {Namespace}', ['Pod Name', 'Namespace']],
    ['kubectl logs <pod> && kubectl describe pod <pod> {{pod}}', ['pod']],
    ['psql -h <db_host.internal> -U <user>', ['db_host.internal', 'user']],
  ])('%s', (text, names) => {
    expect(inCommand(text)).toEqual(names);
  });

  it.each([
    'sort <in >out',
    'diff <(kubectl get pods) <(cat pods.txt)',
    'cat <<EOF\nbody\nEOF',
    'cat <<<"$x"',
    'docker inspect -f "{{.State.Health.Status}}" api',
    'helm template . --set x={{ .Values.image }}',
    'kubectl get pods -o go-template="{{range .items}}{{.metadata.name}}{{end}}"',
    'docker ps --format "{{$name := .Names}}{{$name}}"',
    'curl "http://grafana/api?interval=$__interval&range=${__range}"',
    "awk '{print $1}' access.log",
    'echo "line<br>break"',
    'echo ${YOUR_TOKEN} $YOUR_TOKEN',
    'find . -exec rm {} \\;',
    'echo {a,b,c}',
    "grep '[0-9]' f",
    'cmd < input.txt > output.txt',
  ])('not a placeholder: %s', (text) => {
    expect(inCommand(text)).toEqual([]);
  });

  it('does not read [Text] in commands', () => {
    expect(inCommand('grep "[Error]" app.log')).toEqual([]);
  });
});

describe('findPlaceholders in templates', () => {
  it('finds [Text], keeps links, task boxes and literal tags', () => {
    const template = [
      '[SEV1] [Service] outage',
      'Impact: [Description of impact]',
      'Dashboard: [Grafana](https://grafana/d/x)',
      'See [runbook][ref] for details',
      '[ref]: https://wiki/runbook "Runbook"',
      '- [x] paged',
      '- [ ] mitigated',
      'Status: [RESOLVED] since [HH:MM UTC]',
      'Duration: [X] minutes, owner <oncall-name>',
    ].join('\n');
    expect(findPlaceholders(template, 'template')).toEqual(['Service', 'Description of impact', 'HH:MM UTC', 'X', 'oncall-name']);
  });

  it('keeps the runbook\'s own severity ids literal', () => {
    expect(findPlaceholders('[CRIT-A] [Title]', 'template', { literalWords: new Set(['CRIT-A']) })).toEqual(['Title']);
    expect(findPlaceholders('[CRIT-A] [Title]', 'template')).toEqual(['CRIT-A', 'Title']);
  });
});

describe('fillPlaceholders', () => {
  it('fills every syntax of the same name and leaves the rest', () => {
    const text = 'kubectl logs <pod> -n <namespace>; echo {{pod}} {{ pod }}; kubectl describe pod <pod> <other>';
    expect(fillPlaceholders(text, { pod: 'api-7d9f', namespace: 'prod' })).toBe(
      'kubectl logs api-7d9f -n prod; echo api-7d9f api-7d9f; kubectl describe pod api-7d9f <other>',
    );
  });

  it('fills bare tokens, bracketed template text and capitalised braces', () => {
    expect(fillPlaceholders('vault login YOUR_TOKEN', { YOUR_TOKEN: 's.abc' })).toBe('vault login s.abc');
    expect(fillPlaceholders('[Title]: {Service Name} down', { Title: 'API outage', 'Service Name': 'api' })).toBe('API outage: api down');
  });

  it('does not touch look-alikes while filling', () => {
    const text = 'docker inspect -f "{{.State.Health}}" <container> | sort <in >out';
    expect(fillPlaceholders(text, { container: 'db', in: 'x', out: 'y' })).toBe('docker inspect -f "{{.State.Health}}" db | sort <in >out');
  });

  it('does not treat values as patterns', () => {
    expect(fillPlaceholders('echo <v>', { v: '$& $1 <v>' })).toBe('echo $& $1 <v>');
  });
});
