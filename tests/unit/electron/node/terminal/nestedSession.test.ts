import { describe, expect, it } from 'vitest';
import { isNestedSessionCommand } from '../../../../../electron/node/terminal/nestedSession';

describe('isNestedSessionCommand', () => {
  it.each([
    'ssh db-01',
    'ssh -p 2222 -i ~/.ssh/key admin@db-01',
    'ssh -t bastion sudo -i',
    'kubectl exec -it api-7d9 -- sh',
    'kubectl -n prod exec -ti api-7d9 -- bash',
    'docker exec -it web sh',
    'psql postgres://app@db/app',
    'mysql -h db -u root -p',
    'redis-cli -h cache',
    'sudo -i',
    'python3',
    'TERM=xterm ssh host',
  ])('%s opens an interactive session', (line) => {
    expect(isNestedSessionCommand(line)).toBe(true);
  });

  it.each([
    'ssh db-01 uptime',
    'ssh -p 22 host df -h',
    'kubectl get pods',
    'kubectl exec api-7d9 -- cat /etc/hosts',
    'docker ps',
    'psql -c "select 1" app',
    'mysql -e "show processlist"',
    'python3 script.py',
    'bash -c "echo hi"',
    'echo ssh host',
    '',
  ])('%s runs and exits', (line) => {
    expect(isNestedSessionCommand(line)).toBe(false);
  });
});
