import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isChatOpsLine, looksLikeShell, splitBlock, type BlockSplit } from '../../../../../../electron/common/runbook/shell';
import { fencedBlocks } from './fencedBlocks';

const bash = (code: string, startLine = 1): BlockSplit => splitBlock(code, { lang: 'bash', startLine });
const commandsOf = (split: BlockSplit): string[] => split.steps.flatMap((s) => s.commands.map((c) => c.text));

describe('steps and titles', () => {
  it('splits at blank lines and takes leading comments as the title', () => {
    const split = bash('# Check pods\nkubectl get pods\n\n# Check logs\n# of the api\nkubectl logs deploy/api', 10);
    expect(split.steps.map((s) => s.title)).toEqual(['Check pods', 'Check logs of the api']);
    expect(split.steps.map((s) => s.line)).toEqual([10, 13]);
    expect(split.steps[1]?.commands[0]).toEqual({ text: 'kubectl logs deploy/api', line: 15 });
    expect(split.steps[0]?.code).toBe('# Check pods\nkubectl get pods');
    expect(split.usesPrompts).toBe(false);
  });

  it('splits at a comment line that follows a complete command', () => {
    const split = bash('kubectl get pods\n# then restart\nkubectl rollout restart deploy/api');
    expect(split.steps).toHaveLength(2);
    expect(split.steps[1]?.title).toBe('then restart');
  });

  it('keeps several commands of one group in one step', () => {
    const split = bash('# Health\ncurl localhost:1/health\ncurl localhost:2/health');
    expect(split.steps).toHaveLength(1);
    expect(commandsOf(split)).toEqual(['curl localhost:1/health', 'curl localhost:2/health']);
  });

  it('skips decorative comment lines and strips trailing colons', () => {
    const split = bash('#!/bin/bash\n# -----------\n# Restart the api:\n# ===========\nkubectl rollout restart deploy/api');
    expect(split.steps[0]?.title).toBe('Restart the api');
  });

  it('lets a title separated by a blank line name the next commands', () => {
    const split = bash('# Step 1: check pods\n\nkubectl get pods');
    expect(split.steps).toHaveLength(1);
    expect(split.steps[0]?.title).toBe('Step 1: check pods');
  });

  it('keeps a comment-only group followed by another titled group as a manual step', () => {
    const split = bash('# Edit the config by hand\n\n# Then reload\nsystemctl reload nginx');
    expect(split.steps.map((s) => [s.title, s.commands.length])).toEqual([
      ['Edit the config by hand', 0],
      ['Then reload', 1],
    ]);
  });

  it('treats several commands on one line as one command', () => {
    expect(commandsOf(bash('cd /srv && git pull; make'))).toEqual(['cd /srv && git pull; make']);
  });

  it('numbers lines from the block start and never emits \\r', () => {
    const split = splitBlock('# one\r\nkubectl get pods\r\n\r\nkubectl get svc\r\n', { lang: 'bash', startLine: 40 });
    expect(split.steps.map((s) => s.line)).toEqual([40, 43]);
    expect(JSON.stringify(split)).not.toContain('\\r');
  });
});

describe('the lexer decides where a command ends', () => {
  it('joins backslash continuations', () => {
    const split = bash('kubectl logs deploy/api \\\n  --since=1h \\\n  --tail=100\nkubectl get pods');
    expect(commandsOf(split)).toEqual(['kubectl logs deploy/api \\\n  --since=1h \\\n  --tail=100', 'kubectl get pods']);
  });

  it('reads a backslash followed by stray blanks as a line continuation (the object name is not lost)', () => {
    expect(commandsOf(bash('kubectl delete configmap \\  \n  stale-settings\nkubectl get cm'))).toEqual(['kubectl delete configmap \\\n  stale-settings', 'kubectl get cm']);
    const transcript = splitBlock('$ kubectl delete secret \\ \n  old-token\n', { lang: 'console', startLine: 1 });
    expect(transcript.steps[0]?.commands.map((c) => c.text)).toEqual(['kubectl delete secret \\\n  old-token']);
    expect(transcript.steps[0]?.expectedOutput).toBeUndefined();
    // An escaped backslash before the blanks is no continuation.
    expect(commandsOf(bash('echo a\\\\ \necho b'))).toEqual(['echo a\\\\', 'echo b']);
  });

  it('keeps a quoted string over blank lines in its command', () => {
    const split = bash('psql -c "\nSELECT 1;\n\nSELECT 2;\n"\n\nkubectl get pods');
    expect(split.steps).toHaveLength(2);
    expect(split.steps[0]?.commands[0]?.text).toBe('psql -c "\nSELECT 1;\n\nSELECT 2;\n"');
  });

  it('keeps single-quoted text over blank lines too', () => {
    expect(commandsOf(bash("echo 'a\n\n# not a comment\nb'\necho c"))).toEqual(["echo 'a\n\n# not a comment\nb'", 'echo c']);
  });

  it('keeps heredocs whole, blank lines and comment-looking lines included', () => {
    const code = "cat <<'EOF' > /tmp/fix.sql\n-- fix\n\n# not a comment\nUPDATE t SET a = 1;\nEOF\necho done";
    expect(commandsOf(bash(code))).toEqual(["cat <<'EOF' > /tmp/fix.sql\n-- fix\n\n# not a comment\nUPDATE t SET a = 1;\nEOF", 'echo done']);
  });

  it('handles <<- heredocs, indented markers and two heredocs on one line', () => {
    expect(commandsOf(bash('cat <<-END\n\tbody\n\tEND\necho x'))).toEqual(['cat <<-END\n\tbody\n\tEND', 'echo x']);
    expect(commandsOf(bash('paste <(cat <<A\n1\nA\n) <(cat <<"B"\n2\nB\n)\necho y'))).toHaveLength(2);
    expect(commandsOf(bash('cmd <<A <<B\na\nA\nb\nB\necho z'))).toEqual(['cmd <<A <<B\na\nA\nb\nB', 'echo z']);
  });

  it('follows $( … ) and backticks over lines', () => {
    expect(commandsOf(bash('POD=$(\n  kubectl get pods \\\n    -o name | head -1\n)\necho $POD'))).toEqual([
      'POD=$(\n  kubectl get pods \\\n    -o name | head -1\n)',
      'echo $POD',
    ]);
    expect(commandsOf(bash('X=`date\n`\necho'))).toHaveLength(2);
  });

  it('continues after a trailing |, && or ||, and drops comments inside', () => {
    const split = bash('kubectl get pods |\n  # only the api\n  grep api |   # filter\n  wc -l &&\n  echo ok ||\n  echo fail\necho next');
    expect(commandsOf(split)).toEqual(['kubectl get pods |\n  grep api |\n  wc -l &&\n  echo ok ||\n  echo fail', 'echo next']);
  });

  it('keeps if/for/while/case/subshells/groups whole', () => {
    const code = [
      'if kubectl get ns tmp; then',
      '  kubectl delete ns tmp',
      'fi',
      'for i in 1 2 3; do',
      '  echo $i',
      'done',
      'while true; do sleep 1; done',
      'case "$1" in',
      '  start) echo start ;;',
      '  stop)',
      '    echo stop',
      '    ;;',
      'esac',
      '(',
      '  cd /tmp && ls',
      ')',
      '{ echo a;',
      '  echo b; }',
      'f() {',
      '  echo in f',
      '}',
    ].join('\n');
    expect(commandsOf(bash(code))).toHaveLength(7);
  });

  it('does not take $#, ${#x} or a#b for comments, and strips a real trailing comment', () => {
    expect(commandsOf(bash('echo $# ${#x} a#b   # real comment'))).toEqual(['echo $# ${#x} a#b']);
  });

  it('keeps $\'…\' quotes with escaped quotes inside', () => {
    expect(commandsOf(bash("printf $'it\\'s\\n'\necho next"))).toEqual(["printf $'it\\'s\\n'", 'echo next']);
  });

  it('reads unquoted parentheses inside a word as text (PromQL in a URL)', () => {
    const code = 'curl -s http://p:9090/api/v1/query?query=rate(http_requests_total{status=~"5.."}[5m])\n\ncurl http://p:9093/api/v1/alerts';
    expect(bash(code).steps).toHaveLength(2);
  });

  it('does not read << in arithmetic as a heredoc', () => {
    expect(commandsOf(bash('echo $(( 1 << 4 ))\necho next'))).toEqual(['echo $(( 1 << 4 ))', 'echo next']);
  });
});

describe('incomplete commands', () => {
  it('marks a quote still open at the end of the block and names its line', () => {
    const split = bash("kubectl get pods\necho 'never closed\nmore", 20);
    const command = split.steps[0]?.commands[1];
    expect(command).toMatchObject({ line: 21, incomplete: true });
    expect(split.diagnostics).toHaveLength(1);
    expect(split.diagnostics[0]).toMatchObject({ level: 'warning', line: 21 });
    expect(split.diagnostics[0]?.message).toMatch(/^Line 21: .*single quote opened on line 21/);
  });

  it('marks a heredoc that never ends', () => {
    const split = bash('cat <<EOF\nbody');
    expect(split.steps[0]?.commands[0]?.incomplete).toBe(true);
    expect(split.diagnostics[0]?.message).toMatch(/EOF/);
  });

  it('marks a trailing backslash at the end of the block', () => {
    expect(bash('kubectl get pods \\').steps[0]?.commands[0]?.incomplete).toBe(true);
  });

  it('marks elided commands: ..., …, <snip>, [...]', () => {
    const split = bash('kubectl get pods ...\nkubectl logs <snip>\nhelm upgrade api chart --set image.tag=…\n...\n[...]', 5);
    expect(split.steps[0]?.commands.map((c) => c.incomplete)).toEqual([true, true, true, true, true]);
    expect(split.diagnostics.map((d) => d.line)).toEqual([5, 6, 7, 8, 9]);
  });

  it('does not mark ... inside quotes or a range operator as elision', () => {
    const split = bash('echo "Loading..."\ngit log main...feature');
    expect(split.steps[0]?.commands.every((c) => !c.incomplete)).toBe(true);
    expect(split.diagnostics).toEqual([]);
  });

  it('marks a ... line inside multi-line quoted SQL', () => {
    expect(bash('psql -c "\nSELECT a,\n  ...\nFROM t;"').steps[0]?.commands[0]?.incomplete).toBe(true);
  });
});

describe('transcripts', () => {
  it('keeps output shown after a blank line with the prompted command that printed it, `...` included', () => {
    const split = splitBlock('$ kubectl describe svc cart\n\nName:       cart\n...\nEndpoints:  10.1.0.7:8080\n\n$ kubectl get pods -o wide\n\ncart-0   1/1   Running   0   3d   10.1.0.7\n', { lang: 'shell', startLine: 1 });
    expect(split.steps.map((s) => [s.commands.map((c) => c.text), s.expectedOutput])).toEqual([
      [['kubectl describe svc cart'], 'Name:       cart\n...\nEndpoints:  10.1.0.7:8080'],
      [['kubectl get pods -o wide'], 'cart-0   1/1   Running   0   3d   10.1.0.7'],
    ]);
    expect(split.diagnostics.filter((d) => d.level === 'warning')).toEqual([]);
  });

  it('takes prompt lines as commands and the lines after them as expected output', () => {
    const split = splitBlock('$ kubectl get pods\nNAME    READY\napi-1   1/1\n\n$ kubectl get svc\nNAME  TYPE', { lang: 'console', startLine: 3 });
    expect(split.usesPrompts).toBe(true);
    expect(split.steps).toHaveLength(2);
    expect(split.steps[0]).toMatchObject({ line: 3, expectedOutput: 'NAME    READY\napi-1   1/1', commands: [{ text: 'kubectl get pods', line: 3 }] });
    expect(split.steps[1]).toMatchObject({ expectedOutput: 'NAME  TYPE', commands: [{ text: 'kubectl get svc', line: 7 }] });
  });

  it('understands user@host and [user@host dir] prompts and root # prompts before known commands', () => {
    const split = splitBlock('ops@web-1:~$ uptime\n 10:00 up 3 days\n[root@db1 ~]# systemctl status postgresql\nactive\n# free -m\nMem: 1 2 3', { lang: 'console', startLine: 1 });
    expect(commandsOf(split)).toEqual(['uptime', 'systemctl status postgresql', 'free -m']);
  });

  it('reads # as a comment in a bash block, even before a command name', () => {
    const split = bash('# kubectl get pods would list them\nkubectl get nodes');
    expect(commandsOf(split)).toEqual(['kubectl get nodes']);
  });

  it('treats a # line that is not followed by a known command as a title in a console block', () => {
    const split = splitBlock('# check the nodes\n$ kubectl get nodes\nn1 Ready', { lang: 'console', startLine: 1 });
    expect(split.steps[0]?.title).toBe('check the nodes');
  });

  it('joins > continuation prompts of an incomplete command', () => {
    const split = splitBlock('$ kubectl logs api \\\n>   --tail=5\nline1\n$ cat <<EOF\n> hello\n> EOF\nhello', { lang: 'console', startLine: 1 });
    expect(commandsOf(split)).toEqual(['kubectl logs api \\\n  --tail=5', 'cat <<EOF\nhello\nEOF']);
    // No blank line between the prompts: one step (the brief splits only at blank and comment lines).
    expect(split.steps.map((s) => s.expectedOutput)).toEqual(['line1\nhello']);
  });

  it('keeps a paragraph of prompts as one step whose output is every unprompted line', () => {
    const split = splitBlock('$ df -h /\n/dev/sda1 20G\n$ free -m\nMem: 1 2 3\n\n$ uptime\n 10:00 up', { lang: 'console', startLine: 10 });
    expect(split.steps.map((s) => s.commands.map((c) => c.text))).toEqual([['df -h /', 'free -m'], ['uptime']]);
    expect(split.steps.map((s) => [s.line, s.expectedOutput])).toEqual([[10, '/dev/sda1 20G\nMem: 1 2 3'], [15, ' 10:00 up']]);
  });

  it('keeps blank lines inside output when no prompt follows them', () => {
    const split = splitBlock('$ kubectl describe pod api\nName: api\n\nEvents: none', { lang: 'console', startLine: 1 });
    expect(split.steps).toHaveLength(1);
    expect(split.steps[0]?.expectedOutput).toBe('Name: api\n\nEvents: none');
  });

  it('still starts a step at a comment line between prompts', () => {
    const split = splitBlock('$ kubectl get pods\nNAME READY\n# then the logs\n$ kubectl logs api', { lang: 'console', startLine: 1 });
    expect(split.steps.map((s) => [s.title, s.commands.length])).toEqual([[null, 1], ['then the logs', 1]]);
  });

  it('keeps # output of a REPL command as output even right before the next prompt', () => {
    const split = splitBlock('127.0.0.1:6379> INFO keyspace\n# Keyspace\n127.0.0.1:6379> DBSIZE\n(integer) 42', { lang: null, startLine: 1 });
    expect(split.steps).toHaveLength(1);
    expect(split.steps[0]?.commands.map((c) => [c.text, c.client])).toEqual([['INFO keyspace', 'redis-cli'], ['DBSIZE', 'redis-cli']]);
    expect(split.steps[0]?.expectedOutput).toBe('# Keyspace\n(integer) 42');
  });

  it('finds prompts in any block, bash included', () => {
    const split = bash('$ df -h\nFilesystem Size\n/dev/sda1 20G');
    expect(split.usesPrompts).toBe(true);
    expect(commandsOf(split)).toEqual(['df -h']);
    expect(split.steps[0]?.expectedOutput).toBe('Filesystem Size\n/dev/sda1 20G');
  });

  it('keeps a # output line after a command as output', () => {
    const split = splitBlock('127.0.0.1:6379> INFO memory\n# Memory\nused_memory:1000', { lang: 'text', startLine: 1 });
    expect(split.steps[0]?.expectedOutput).toBe('# Memory\nused_memory:1000');
  });
});

describe('REPL prompts and client sessions', () => {
  it('makes psql prompts into psql commands, joining continuation prompts', () => {
    const split = splitBlock('postgres=# SELECT count(*)\npostgres-#   FROM pg_stat_activity;\n count\n-------\n    12\npostgres=> \\dt', { lang: 'console', startLine: 1 });
    const commands = split.steps.flatMap((s) => s.commands);
    expect(commands).toEqual([
      { text: 'SELECT count(*)\n  FROM pg_stat_activity;', line: 1, client: 'psql' },
      { text: '\\dt', line: 6, client: 'psql' },
    ]);
    expect(split.steps[0]?.expectedOutput).toBe(' count\n-------\n    12');
  });

  it('recognises mysql, redis and sqlite prompts', () => {
    const clients = (code: string): (string | undefined)[] => splitBlock(code, { lang: null, startLine: 1 }).steps.flatMap((s) => s.commands.map((c) => c.client));
    expect(clients('mysql> SHOW PROCESSLIST;\n+----+')).toEqual(['mysql']);
    expect(clients('mysql> SELECT 1\n    -> FROM dual;')).toEqual(['mysql']);
    expect(clients('127.0.0.1:6379> FLUSHALL\nOK')).toEqual(['redis-cli']);
    expect(clients('redis.internal:6379[2]> GET k')).toEqual(['redis-cli']);
    expect(clients('sqlite> .tables')).toEqual(['sqlite3']);
  });

  it('types the lines after a bare psql into psql', () => {
    const split = bash('# Connect\npsql -U postgres\n\n# Find slow queries\nSELECT pid, query\nFROM pg_stat_activity\nWHERE state = \'active\';\n\\q\nkubectl get pods');
    const commands = split.steps.flatMap((s) => s.commands);
    expect(commands.map((c) => [c.text.split('\n')[0], c.client])).toEqual([
      ['psql -U postgres', undefined],
      ['SELECT pid, query', 'psql'],
      ['\\q', 'psql'],
      ['kubectl get pods', undefined],
    ]);
  });

  it('types the lines after a bare redis-cli into redis-cli, through docker compose exec too', () => {
    const split = bash('docker compose exec redis redis-cli\n\nDEL "cache:slow"\nINFO stats\necho back in the shell');
    expect(split.steps.flatMap((s) => s.commands).map((c) => c.client)).toEqual([undefined, 'redis-cli', 'redis-cli', undefined]);
  });

  it('splits sql blocks into statements sent to the sql client, titled by -- comments', () => {
    const split = splitBlock("-- Active queries\nSELECT * FROM pg_stat_activity\nWHERE state = 'active';\n\n-- Kill one\nSELECT pg_terminate_backend(123);", { lang: 'sql', startLine: 1 });
    expect(split.steps.map((s) => s.title)).toEqual(['Active queries', 'Kill one']);
    expect(split.steps.flatMap((s) => s.commands)).toEqual([
      { text: "SELECT * FROM pg_stat_activity\nWHERE state = 'active';", line: 2, client: 'sql' },
      { text: 'SELECT pg_terminate_backend(123);', line: 6, client: 'sql' },
    ]);
  });

  it('does not split a statement at a ; inside a string', () => {
    const split = splitBlock("SELECT 'a;b'\nFROM t;", { lang: 'psql', startLine: 1 });
    expect(split.steps[0]?.commands).toHaveLength(1);
  });
});

describe('chat-ops and other languages', () => {
  it('does not make commands of chat-ops lines, and says so', () => {
    const split = bash('/incident declare sev1 "api down"\n@oncall-sre please ack\nkubectl get pods');
    expect(commandsOf(split)).toEqual(['kubectl get pods']);
    expect(split.diagnostics.filter((d) => d.level === 'info').map((d) => d.line)).toEqual([1, 2]);
    expect(isChatOpsLine('/incident declare')).toBe(true);
    expect(isChatOpsLine('@oncall')).toBe(true);
    expect(isChatOpsLine('/usr/bin/env bash')).toBe(false);
    expect(isChatOpsLine('/opt/fix.sh')).toBe(false);
  });

  it('keeps a yaml block as one copyable step without commands', () => {
    const split = splitBlock('apiVersion: v1\nkind: Pod', { lang: 'yaml', startLine: 7 });
    expect(split.steps).toEqual([{ title: null, code: 'apiVersion: v1\nkind: Pod', line: 7, commands: [] }]);
  });
});

describe('looksLikeShell', () => {
  it.each([
    ['kubectl get pods -A', true],
    ['$ ls -la', true],
    ['# check disk\ndf -h', true],
    ['psql -U postgres', true],
    ['sudo systemctl restart nginx', true],
    ['top -b -n 1', true],
    ['top 10 offenders this week', false],
    ['LEADER=$(kubectl get lease -n infra -o name)\nkubectl describe $LEADER', true],
    ['export REGION="$(aws configure get region)"', true],
    ['RESULT=$(date) was printed', false],
    ['Timeout=$(see below)', false],
    ['Impact: Complete service outage', false],
    ['[SEV1] TikTokToe Service Disruption', false],
    ['Free memory is low', false],
    ['', false],
  ])('%j → %s', (code, expected) => {
    expect(looksLikeShell(code)).toBe(expected);
  });
});

const SAMPLES = '/work/shared/runbook-samples';

describe.skipIf(!existsSync(SAMPLES))('the shared sample runbooks', () => {
  const blocks = existsSync(SAMPLES) ? readdirSync(SAMPLES).filter((f) => f.endsWith('.md') && f !== 'README.md').flatMap((f) => fencedBlocks(readFileSync(join(SAMPLES, f), 'utf8'))) : [];

  it('split into steps whose commands are complete, with lines inside their block', () => {
    expect(blocks.length).toBeGreaterThan(20);
    for (const b of blocks.filter((x) => x.lang === 'bash')) {
      const split = splitBlock(b.code, { lang: b.lang, startLine: b.startLine });
      expect(split.diagnostics.filter((d) => d.level !== 'info')).toEqual([]);
      for (const step of split.steps) {
        for (const c of step.commands) {
          expect(c.line).toBeGreaterThanOrEqual(b.startLine);
          expect(c.line).toBeLessThan(b.startLine + b.code.split('\n').length);
          expect(c.text).not.toMatch(/^\s*#/m);
        }
      }
    }
  });

  it('keeps the multi-line pg_terminate_backend command whole', () => {
    const all = blocks.flatMap((b) => splitBlock(b.code, { lang: b.lang, startLine: b.startLine }).steps.flatMap((s) => s.commands));
    const kill = all.find((c) => c.text.includes('pg_terminate_backend') && c.text.includes('\n'));
    expect(kill?.text.split('\n').length).toBeGreaterThan(3);
  });
});

describe('titles from several comment lines', () => {
  it('reads a wrapped sentence on with a space and stops a new sentence with a full stop', () => {
    const titles = splitBlock('# Restart the pods one at a time so that\n# the service stays up\nkubectl rollout restart deploy/api\n\n# Increase memory limits if needed\n# Edit docker-compose.yml and redeploy', { lang: 'bash', startLine: 1 }).steps.map((s) => s.title);
    expect(titles).toEqual(['Restart the pods one at a time so that the service stays up', 'Increase memory limits if needed. Edit docker-compose.yml and redeploy']);
  });
});
