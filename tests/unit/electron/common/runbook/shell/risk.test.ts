import { describe, expect, it } from 'vitest';
import { classifyRisk } from '../../../../../../electron/common/runbook/shell';
import { REDIS_RULES } from '../../../../../../electron/common/runbook/shell/redisRules';
import { REDIRECT_RULES } from '../../../../../../electron/common/runbook/shell/risk';
import { PROGRAM_RULES } from '../../../../../../electron/common/runbook/shell/riskRules';
import { MONGO_RULES, SQL_RULES } from '../../../../../../electron/common/runbook/shell/sqlRules';

describe('every risk rule fires on its own example', () => {
  it.each(PROGRAM_RULES.map((r) => [r.example, r] as const))('program rule: %s', (example, rule) => {
    expect(example.trim()).not.toBe('');
    const verdict = classifyRisk(example);
    expect(verdict.risk).toBe(rule.risk);
    expect(verdict.reasons).toContain(rule.reason);
  });

  it.each(SQL_RULES.map((r) => [r.example, r] as const))('SQL rule: %s', (example, rule) => {
    const verdict = classifyRisk(example, { client: 'sql' });
    expect(verdict.risk).toBe(rule.risk);
    expect(verdict.reasons).toContain(rule.reason);
  });

  it.each(MONGO_RULES.map((r) => [r.example, r] as const))('Mongo rule: %s', (example, rule) => {
    const verdict = classifyRisk(example, { client: 'mongosh' });
    expect(verdict.risk).toBe(rule.risk);
    expect(verdict.reasons).toContain(rule.reason);
  });

  it.each(REDIS_RULES.map((r) => [r.example, r] as const))('Redis rule: %s', (example, rule) => {
    const verdict = classifyRisk(example, { client: 'redis-cli' });
    expect(verdict.risk).toBe(rule.risk);
    expect(verdict.reasons).toContain(rule.reason);
  });

  it.each(REDIRECT_RULES.map((r) => [r.example, r] as const))('redirect rule: %s', (example, rule) => {
    const verdict = classifyRisk(example);
    expect(verdict.risk).toBe(rule.risk);
    const [before] = rule.reason.split('{target}');
    expect(verdict.reasons.some((reason) => reason.startsWith(before ?? ''))).toBe(true);
  });

  it('every rule carries an example and human words', () => {
    for (const r of [...PROGRAM_RULES, ...SQL_RULES, ...MONGO_RULES, ...REDIS_RULES, ...REDIRECT_RULES]) {
      expect(r.example.trim().length).toBeGreaterThan(0);
      expect(r.reason.length).toBeGreaterThan(8);
    }
  });
});

const cases: [string, string, string?][] = [
  // the brief's read list
  ['kubectl get pods -n prod', 'read'],
  ['kubectl describe pod api-1', 'read'],
  ['kubectl logs deploy/api --since=10m', 'read'],
  ['kubectl top nodes', 'read'],
  ['kubectl explain pod.spec', 'read'],
  ['kubectl auth can-i get pods', 'read'],
  ['docker ps', 'read'],
  ['docker logs --tail 50 api', 'read'],
  ['docker stats --no-stream', 'read'],
  ['docker inspect api', 'read'],
  ['docker top api', 'read'],
  ['curl -s https://status.example.com/health', 'read'],
  ['curl -I http://localhost/health', 'read'],
  ['redis-cli PING', 'read'],
  ['redis-cli -h cache -p 6380 INFO memory', 'read'],
  ['redis-cli LLEN queue:emails', 'read'],
  ['redis-cli CLIENT LIST', 'read'],
  ['redis-cli --scan --pattern "session:*"', 'read'],
  ['redis-cli GET k', 'read'],
  ['redis-cli TTL k', 'read'],
  ['systemctl status nginx', 'read'],
  ['systemctl is-active nginx', 'read'],
  ['journalctl -u api -n 200 --no-pager', 'read'],
  ['grep -c ERROR app.log', 'read'],
  ['tail -f /var/log/syslog', 'read'],
  ['df -h', 'read'],
  ['free -m', 'read'],
  ['ps aux --sort=-%mem', 'read'],
  ['top -b -n 1', 'read'],
  ['pg_isready -h db', 'read'],
  ['netstat -tulpn', 'read'],
  ['ss -s', 'read'],
  ['lsof -i :5432', 'read'],
  ['dig +short api.example.com', 'read'],
  ['nslookup api.example.com', 'read'],
  ['openssl s_client -connect api.example.com:443 -servername api.example.com', 'read'],
  ['aws rds describe-db-instances --db-instance-identifier prod', 'read'],
  ['aws logs tail /ecs/api --follow', 'read'],
  ['gcloud compute instances list', 'read'],
  ['gcloud sql instances describe prod-db', 'read'],
  ['uptime', 'read'],
  // change
  ['kubectl scale deploy api --replicas=0', 'change'],
  ['kubectl patch deploy api -p \'{"spec":{"replicas":2}}\'', 'change'],
  ['kubectl set image deploy/api api=api:2', 'change'],
  ['kubectl apply -f fix.yaml', 'change'],
  ['kubectl rollout undo deploy/api', 'change'],
  ['kubectl rollout restart deploy/api', 'change'],
  ['kubectl cordon node-1', 'change'],
  ['kubectl uncordon node-1', 'change'],
  ['kubectl label pod api-1 debug=true', 'change'],
  ['docker restart api', 'change'],
  ['docker compose up -d', 'change'],
  ['docker-compose stop worker', 'change'],
  ['systemctl reload nginx', 'change'],
  ['systemctl stop app', 'change'],
  ['kill 1234', 'change'],
  ['curl -X PUT http://localhost/api/flags/x', 'change'],
  ['curl -XPATCH http://localhost/api/flags/x', 'change'],
  ['curl --data-binary @payload.json http://localhost/api', 'change'],
  ['curl -F file=@dump.sql http://localhost/upload', 'change'],
  ['redis-cli CONFIG SET maxmemory 2gb', 'change'],
  ['psql -c "ALTER SYSTEM SET work_mem = \'64MB\'"', 'change'],
  ['psql -c "SELECT pg_reload_conf()"', 'change'],
  ['mysql -e "SET GLOBAL max_connections = 500"', 'change'],
  ['psql -c "INSERT INTO audit (note) VALUES (\'x\')"', 'change'],
  ['echo hi > /tmp/note.txt', 'change'],
  // destroy
  ['redis-cli FLUSHALL', 'destroy'],
  ['redis-cli -n 2 flushdb', 'destroy'],
  ['redis-cli DEL session:1', 'destroy'],
  ['redis-cli UNLINK session:1', 'destroy'],
  ['kubectl delete pod api-1 --grace-period=0 --force', 'destroy'],
  ['kubectl drain node-1 --delete-emptydir-data', 'destroy'],
  ['psql -c "SELECT pg_terminate_backend(4242)"', 'destroy'],
  ['psql -c "DROP TABLE tmp"', 'destroy'],
  ['psql -c "TRUNCATE jobs"', 'destroy'],
  ['psql -c "DELETE FROM jobs WHERE done"', 'destroy'],
  ['psql -c "UPDATE users SET plan = \'free\'"', 'destroy'],
  ['rm -rf /var/cache/app', 'destroy'],
  ['rm -r old/', 'destroy'],
  ['rm --recursive old/', 'destroy'],
  ['find /tmp -type f -mtime +3 -delete', 'destroy'],
  ['find . -name "*.tmp" -exec rm {} \\;', 'destroy'],
  ['kafka-topics.sh --bootstrap-server k:9092 --delete --topic t', 'destroy'],
  ['rabbitmqctl delete_queue q', 'destroy'],
  ['docker-compose down -v', 'destroy'],
  ['docker compose down --volumes', 'destroy'],
  ['docker system prune -a', 'destroy'],
  ['docker volume prune -f', 'destroy'],
  ['docker rm -f api', 'destroy'],
  ['journalctl --vacuum-size=500M', 'destroy'],
  ['journalctl --vacuum-time=2d', 'destroy'],
  ['kill -9 1234', 'destroy'],
  ['kill -KILL 1234', 'destroy'],
  ['kill -s KILL 1234', 'destroy'],
  ['pkill -9 -f worker', 'destroy'],
  ['dd if=/dev/zero of=/dev/sda', 'destroy'],
  ['mkfs.xfs /dev/sdc', 'destroy'],
  ['shred -n 3 key.pem', 'destroy'],
  ['truncate -s 0 big.log', 'destroy'],
  ['curl -X DELETE http://localhost:9200/logs-2024', 'destroy'],
  ['curl --request DELETE http://localhost:9200/logs-2024', 'destroy'],
  // unknown
  ['./scripts/failover.sh --region eu', 'unknown'],
  ['make rollback', 'unknown'],
  ['python3 fix_data.py', 'unknown'],
  ['kubectl frobnicate pods', 'unknown'],
];

describe('classifyRisk on commands runbooks really contain', () => {
  it.each(cases)('%s → %s', (command, risk) => {
    expect(classifyRisk(command).risk).toBe(risk);
  });

  it('says in words why an unknown command is unknown', () => {
    const verdict = classifyRisk('./scripts/failover.sh');
    expect(verdict.reasons[0]).toMatch(/\.\/scripts\/failover\.sh is not a command the risk rules know/);
    expect(classifyRisk('kubectl frobnicate pods').reasons[0]).toMatch(/know kubectl but not `kubectl frobnicate pods`/);
  });

  it('gives the brief\'s FLUSHALL reason', () => {
    expect(classifyRisk('redis-cli FLUSHALL').reasons).toEqual(['FLUSHALL deletes every key in the Redis instance']);
  });
});

describe('wrappers are seen through', () => {
  const wrapped: [string, string][] = [
    ['sudo rm -rf /var/lib/app', 'destroy'],
    ['sudo -u postgres psql -c "DROP DATABASE old"', 'destroy'],
    ['sudo -E env PATH=$PATH kubectl delete ns tmp', 'destroy'],
    // `-e` after the program is that program's option, not sudo's edit mode.
    ['sudo /usr/bin/chpst -e /etc/app/env -u app /opt/app/bin/report', 'unknown'],
    ['sudo -e /etc/hosts', 'change'],
    // A tool the rules do not know, running a known command after `--`: that command counts too.
    ['vault-exec prod-admin -- kubectl -n apps delete -f jumpbox.yaml', 'destroy'],
    ['vault-exec prod-admin -- kubectl get pods', 'unknown'],
    ['env KUBECONFIG=/tmp/k kubectl get pods', 'read'],
    ['time kubectl get pods', 'read'],
    ['nohup kubectl delete pod x &', 'destroy'],
    ['timeout 30 redis-cli FLUSHALL', 'destroy'],
    ['timeout -s KILL 5s kubectl get pods', 'read'],
    ['watch -n 5 kubectl get pods', 'read'],
    ["watch 'kubectl get pods | grep -v Running'", 'read'],
    ['kubectl get pods -o name | xargs kubectl delete', 'destroy'],
    ['kubectl get pods -o name | xargs -I {} kubectl describe {}', 'read'],
    ['redis-cli --scan --pattern "tmp:*" | xargs -n 100 redis-cli DEL', 'destroy'],
    ['kubectl exec -it api-0 -- rm -rf /tmp/cache', 'destroy'],
    ['kubectl exec api-0 -c app -- cat /etc/app.conf', 'read'],
    ['kubectl -n prod exec -it redis-0 -- redis-cli FLUSHALL', 'destroy'],
    ['oc exec api-0 -- kill -9 1', 'destroy'],
    ['docker exec -it pg psql -U postgres -c "SELECT 1"', 'read'],
    ['docker exec pg psql -U postgres -c "DROP TABLE x"', 'destroy'],
    ['docker compose exec redis redis-cli FLUSHDB', 'destroy'],
    ['docker-compose exec -T db psql -c "select 1"', 'read'],
    ['docker compose -f prod.yml exec db pg_isready', 'read'],
    ['ssh db1 sudo systemctl restart postgresql', 'change'],
    ["ssh -i key.pem ubuntu@10.0.0.5 'df -h && free -m'", 'read'],
    ['ssh bastion "rm -rf /srv/old"', 'destroy'],
    ['oc debug node/worker-1 -- chroot /host systemctl restart kubelet', 'change'],
    ['oc debug node/worker-1 -- chroot /host journalctl -u kubelet', 'read'],
    ["bash -c 'kubectl delete pod x'", 'destroy'],
    ["sh -c 'df -h'", 'read'],
    ['bash -euo pipefail -c "redis-cli FLUSHALL"', 'destroy'],
    ['bash fix.sh', 'unknown'],
    ['eval "kubectl delete pod x"', 'destroy'],
    ['su - postgres -c "psql -c \'DROP TABLE x\'"', 'destroy'],
    ['nice -n 10 rm -rf /tmp/x', 'destroy'],
    ['kubectl describe pod $(kubectl get pods -o name | head -1)', 'read'],
    ['echo $(redis-cli FLUSHALL)', 'destroy'],
    ['kubectl get pods; kubectl delete pod x', 'destroy'],
    ['kubectl get pods && kubectl rollout restart deploy/api', 'change'],
    ['kubectl get pods || ./recover.sh', 'unknown'],
    ['for p in $(kubectl get pods -o name); do kubectl delete $p; done', 'destroy'],
    ['if kubectl get ns tmp; then kubectl delete ns tmp; fi', 'destroy'],
  ];
  it.each(wrapped)('%s → %s', (command, risk) => {
    expect(classifyRisk(command).risk).toBe(risk);
  });
});

describe('SQL wherever it appears', () => {
  it('reads psql -c, --command=, heredocs, here-strings and echo pipes', () => {
    expect(classifyRisk('psql --command="SELECT 1"').risk).toBe('read');
    expect(classifyRisk('psql -U app <<EOF\nSELECT 1;\nDELETE FROM jobs;\nEOF').risk).toBe('destroy');
    expect(classifyRisk("psql <<'SQL'\nSELECT now();\nSQL").risk).toBe('read');
    expect(classifyRisk('psql <<< "TRUNCATE jobs"').risk).toBe('destroy');
    expect(classifyRisk('echo "DROP TABLE x;" | psql').risk).toBe('destroy');
    expect(classifyRisk('mysql -u root -e "SHOW PROCESSLIST"').risk).toBe('read');
    expect(classifyRisk('mysql -e "KILL 42"').risk).toBe('destroy');
  });

  it('does not take words inside string literals for statements', () => {
    expect(classifyRisk("SELECT * FROM audit WHERE action = 'DELETE FROM users'", { client: 'psql' }).risk).toBe('read');
    expect(classifyRisk('SELECT count(*) FROM deleted_items', { client: 'psql' }).risk).toBe('read');
  });

  it('classifies every statement of a script and lets the worst win', () => {
    const verdict = classifyRisk('SELECT 1; UPDATE t SET a = 1; SHOW x;', { client: 'sql' });
    expect(verdict.risk).toBe('destroy');
    expect(verdict.reasons).toEqual(['UPDATE overwrites rows in place; their old values are lost']);
  });

  it('sees the statement EXPLAIN ANALYZE would execute', () => {
    expect(classifyRisk('EXPLAIN ANALYZE DELETE FROM jobs', { client: 'psql' }).risk).toBe('destroy');
    expect(classifyRisk('EXPLAIN SELECT 1', { client: 'psql' }).risk).toBe('read');
  });

  it('treats psql meta-commands as reads and unknown statements as unknown', () => {
    expect(classifyRisk('\\dt+', { client: 'psql' }).risk).toBe('read');
    expect(classifyRisk('FROBNICATE x', { client: 'psql' }).risk).toBe('unknown');
  });

  it('judges a psql session or a SQL file it cannot see honestly', () => {
    expect(classifyRisk('psql -U postgres').risk).toBe('read');
    expect(classifyRisk('psql -f fix.sql').risk).toBe('unknown');
    expect(classifyRisk('psql < fix.sql').risk).toBe('unknown');
    expect(classifyRisk('gunzip -c dump.sql.gz | psql app').risk).toBe('unknown');
  });
});

describe('combination', () => {
  it('orders read < change < unknown < destroy', () => {
    expect(classifyRisk('kubectl get pods; kubectl scale deploy a --replicas=1').risk).toBe('change');
    expect(classifyRisk('kubectl scale deploy a --replicas=1; ./mystery').risk).toBe('unknown');
    expect(classifyRisk('./mystery; rm -rf /x').risk).toBe('destroy');
  });

  it('lists reasons worst first and drops read reasons once something is worse', () => {
    const verdict = classifyRisk('kubectl get pods && kubectl delete pod x && ./fix.sh');
    expect(verdict.risk).toBe('destroy');
    expect(verdict.reasons[0]).toBe('kubectl delete removes objects from the cluster');
    expect(verdict.reasons[1]).toMatch(/fix\.sh is not a command/);
    expect(verdict.reasons.join(' ')).not.toMatch(/only reads/);
  });

  it('does not count redirections to /dev/null or descriptor copies as writes', () => {
    expect(classifyRisk('kubectl get pods >/dev/null 2>&1').risk).toBe('read');
    expect(classifyRisk('kubectl get pods 2>/dev/null | grep api >&2').risk).toBe('read');
  });

  it('treats placeholders as words, not redirections', () => {
    expect(classifyRisk('kubectl logs <pod-name> -n <namespace>').risk).toBe('read');
  });

  it('never throws and answers for empty input', () => {
    expect(classifyRisk('')).toEqual({ risk: 'read', reasons: [] });
    expect(classifyRisk('   # just a comment')).toEqual({ risk: 'read', reasons: [] });
  });
});

describe('docker clean-up and ALTER SYSTEM, as the bundled runbooks use them', () => {
  it('judges image and build-cache prunes as destroy, network prunes as change', () => {
    expect(classifyRisk('docker image prune -a --filter "until=168h" --force && docker builder prune --filter "until=168h" --force').risk).toBe('destroy');
    expect(classifyRisk('docker rmi api:old').risk).toBe('destroy');
    expect(classifyRisk('docker network prune -f').risk).toBe('change');
  });

  it('gives ALTER SYSTEM its own reason only', () => {
    expect(classifyRisk("ALTER SYSTEM SET idle_in_transaction_session_timeout = '5min';", { client: 'psql' }).reasons).toEqual(['ALTER SYSTEM changes the server configuration']);
  });
});
