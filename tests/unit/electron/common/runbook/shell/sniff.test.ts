/**
 * Content sniffing inside shell fences, on lines of the shapes public runbooks show (Rook's
 * Ceph docs, the Kubernetes task pages, GOV.UK's developer docs, Prometheus alert runbooks).
 */
import { describe, expect, it } from 'vitest';
import { sniffLine, splitBlock, type BlockSplit } from '../../../../../../electron/common/runbook/shell';
import { isKnownProgram } from '../../../../../../electron/common/runbook/shell/risk';

const sniff = (line: string, next?: string) => sniffLine(line, isKnownProgram, next);
const split = (code: string, lang = 'console'): BlockSplit => splitBlock(code, { lang, startLine: 1 });
const commandsOf = (s: BlockSplit): string[] => s.steps.flatMap((st) => st.commands.filter((c) => !c.client).map((c) => c.text));

describe('sniffLine: what a line is when it is not shell', () => {
  it.each([
    ['apiVersion: v1', 'yaml'],
    [' - severity = warning', 'text'],
    ['notBefore=Mar  3 08:00:00 2031 GMT', 'output'],
    ['  "level"="error" "msg"="lease lost" "after"="10s"', 'output'],
    ['kind: KubeletConfig', 'yaml'],
    ['metricsBindAddress: 0.0.0.0:10249', 'yaml'],
    ['- name: rook-ceph', 'yaml'],
    ['- ReadWriteOnce', 'yaml'],
    ['---', 'yaml'],
    ['{"kind": "Status", "code": 403}', 'json'],
    ['[{"op": "replace", "path": "/spec/replicas", "value": 3}]', 'json'],
    ['topk(25, sort_desc(', 'promql'],
    ['sum by (namespace) (', 'promql'],
    ['sum(rate(http_requests_total{job="api"}[5m]))', 'promql'],
    ['rate(node_network_receive_errs_total[5m]) > 0', 'promql'],
    ['histogram_quantile(0.99, sum by (le) (rate(apiserver_request_duration_seconds_bucket[5m])))', 'promql'],
    ['up{job="kube-state-metrics"} == 0', 'promql'],
    ['node_filesystem_avail_bytes', 'promql'],
    ['kube_deployment_status_replicas_available < kube_deployment_spec_replicas', 'promql'],
    ['cluster:node_cpu:ratio', 'promql'],
    ['(node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes) * 100', 'promql'],
    ['{app="nginx"} |= "error"', 'logql'],
    ['{namespace="prod"} | json | status >= 500', 'logql'],
    ['SELECT pid, state, query FROM pg_stat_activity;', 'sql'],
    ['health: HEALTH_WARN', 'yaml'],
    ['3 full osd(s)', 'output'],
    ['55 active+clean', 'output'],
    ['NAME                      READY   STATUS    RESTARTS   AGE', 'output'],
    ['I0611 11:13:35.048771       1 log.go:245] Apply of Deployment', 'output'],
    ['E1126 17:16:07.549890    3069 writer.go:226] Marking Degraded', 'output'],
    ['Oct 18 19:39:36 ip-10-0-1-2 chronyd[2055]: System clock wrong', 'output'],
    ['2024-06-20T17:56:33.930222523Z error: connection refused', 'output'],
    ['Warning  FailedScheduling  3m53s  default-scheduler  0/6 nodes are available', 'output'],
    ['rook-ceph-mon-a-7d9f   2/2   Running   0   43d', 'output'],
    ['Creation Timestamp:   Tue, 05 Mar 2024 10:00:00 +0000', 'output'],
    ['default_runtime = "crun"', 'text'],
    [')', 'text'],
    ['  , "type", "error", "_none_", "")', 'text'],
    ['* on(namespace, pod) group_left(node) (', 'text'],
    ['--all-containers=true | grep "^E"', 'text'],
    ['Make sure we have enough CPU provisioned for the daemons.', 'text'],
  ])('%s → %s', (line, kind) => {
    expect(sniff(line)).toBe(kind);
  });

  it.each([
    'kubectl get pods -n rook-ceph',
    'oc adm upgrade',
    'ceph status',
    'sum -r file.txt',
    'sort -k2 <in >out',
    '(cd /srv/app && git pull)',
    '{ echo a; echo b; } > out',
    '[ -f /etc/hosts ] && echo ok',
    'NAMESPACE=rook-ceph',
    'RETRIES=3 ./scripts/drain.sh node-1',
    'TIMEOUT=30 2>/dev/null kubectl wait --for=condition=Ready pod/web-0',
    'export KUBECONFIG=~/.kube/config',
    'for i in 1 2 3; do echo $i; done',
    './scripts/failover.sh --region eu-west-1',
    'gds aws govuk-production-admin -- aws s3 ls',
    'top -b -n 1',
    'C:\\> dir',
  ])('%s is shell', (line) => {
    expect(sniff(line)).toBeNull();
  });

  it('reads a lone `{` as JSON only when a key follows', () => {
    expect(sniff('{', '  "name": "x"')).toBe('json');
    expect(sniff('{', '  echo hi')).toBeNull();
  });
});

describe('shell fences holding something else', () => {
  it('makes a YAML manifest in a console fence one copyable yaml snippet', () => {
    const s = split('apiVersion: machineconfiguration.openshift.io/v1\nkind: KubeletConfig\nmetadata:\n  name: set-allocatable\n\nspec:\n  autoSizingReserved: true');
    expect(s.steps).toHaveLength(1);
    expect(s.steps[0]?.snippet).toBe('yaml');
    expect(s.steps[0]?.commands).toEqual([]);
    expect(s.steps[0]?.code).toContain('autoSizingReserved');
  });

  it('makes a multi-line PromQL query one promql snippet, brackets and operators included', () => {
    const q = 'topk(25, sort_desc(\n  sum by (namespace) (\n    rate(container_cpu_usage_seconds_total[5m])\n  )\n  * on(namespace) group_left(label_team) kube_namespace_labels\n))';
    const s = split(q);
    expect(s.steps).toHaveLength(1);
    expect(s.steps[0]?.snippet).toBe('promql');
    expect(commandsOf(s)).toEqual([]);
  });

  it('keeps the commands of a block and makes its query a snippet of its own', () => {
    const s = split('# Ask Prometheus\nkubectl -n monitoring port-forward svc/prometheus 9090\n\n# Then query\nsum(rate(http_requests_total{code=~"5.."}[5m]))', 'bash');
    expect(commandsOf(s)).toEqual(['kubectl -n monitoring port-forward svc/prometheus 9090']);
    expect(s.steps[1]?.snippet).toBe('promql');
    expect(s.steps[1]?.title).toBe('Then query');
  });

  it('makes the ceph status a command prints its sample output', () => {
    const s = split('ceph status\n  cluster:\n    id:     a7f64266-0894-4f1e-a635-d0aeaca0e993\n    health: HEALTH_OK\n  services:\n    mon: 3 daemons, quorum a,b,c (age 3h)', 'bash');
    expect(commandsOf(s)).toEqual(['ceph status']);
    expect(s.steps[0]?.expectedOutput).toContain('health: HEALTH_OK');
  });

  it('keeps YAML after `oc edit` as the snippet to paste, not output', () => {
    const s = split('oc edit kubeletconfig set-allocatable\nspec:\n  kubeletConfig:\n    metricsBindAddress: 0.0.0.0:10249', 'bash');
    expect(commandsOf(s)).toEqual(['oc edit kubeletconfig set-allocatable']);
    expect(s.steps.map((st) => st.snippet)).toEqual([undefined, 'yaml']);
  });

  it('reads `...` next to YAML, output or text lines as lines left out of them, not an elided command', () => {
    const edit = split('kubectl edit cm -n kube-system proxy-settings\n...\nbindAddress: 0.0.0.0:9000\n...', 'console');
    expect(commandsOf(edit)).toEqual(['kubectl edit cm -n kube-system proxy-settings']);
    expect(edit.steps.map((st) => [st.snippet, st.code])).toEqual([
      [undefined, 'kubectl edit cm -n kube-system proxy-settings'],
      ['yaml', '...\nbindAddress: 0.0.0.0:9000\n...'],
    ]);
    expect(edit.diagnostics.filter((d) => d.level === 'warning')).toEqual([]);
    const printed = split('kubectl get pod web-1 -o yaml\n...\nstatus:\n  phase: Running', 'bash');
    expect(printed.steps.map((st) => [st.commands.map((c) => c.text), st.expectedOutput])).toEqual([[['kubectl get pod web-1 -o yaml'], '...\nstatus:\n  phase: Running']]);
    // Between commands it still marks commands left out.
    const elided = split('kubectl get pods\n...\nkubectl get svc', 'bash');
    expect(elided.steps[0]?.commands.map((c) => [c.text, c.incomplete ?? false])).toEqual([['kubectl get pods', false], ['...', true], ['kubectl get svc', false]]);
  });

  it('makes the labels of an alert listed as `- name = value` a text snippet, `...` included', () => {
    const s = split(' - alertname = QueueBacklogHigh\n...\n - queue = payments\n...\n - namespace = billing', 'console');
    expect(s.steps.map((st) => [st.snippet, st.commands.length])).toEqual([['text', 0]]);
    expect(s.diagnostics.filter((d) => d.level === 'warning')).toEqual([]);
  });

  it('reads `//` comment lines over queries as comments, not commands', () => {
    const s = split('// Busiest pods by CPU\ntopk(3, sum by (pod) (rate(cpu_seconds_total[5m])))\n\n// Per node\nsum by (node) (\n  rate(cpu_seconds_total[5m])\n)', 'sh');
    expect(s.steps.map((st) => [st.snippet, st.commands.length, st.title])).toEqual([['promql', 0, 'Busiest pods by CPU']]);
  });

  it('sends SQL typed in a bash fence to a client, never the shell', () => {
    const s = split('SELECT pid, query FROM pg_stat_activity WHERE state = \'active\';', 'bash');
    expect(commandsOf(s)).toEqual([]);
    expect(s.steps[0]?.commands[0]?.client).toBe('sql');
  });
});

describe('prompts of every shape', () => {
  it.each([
    ['sh-5.1$ ceph -s', 'ceph -s'],
    ['sh-4.4# chroot /host', 'chroot /host'],
    ['bash-5.1$ rados df', 'rados df'],
    ['bash-4.4# crictl ps', 'crictl ps'],
    ['[root@node-1 /]# systemctl status kubelet', 'systemctl status kubelet'],
    ['[core@ip-10-0-1-2 ~]$ journalctl -u crio', 'journalctl -u crio'],
    ['(venv) $ pip list', 'pip list'],
    ['user@host:~/dir$ ls -la', 'ls -la'],
    ['root@pod:/# cat /etc/resolv.conf', 'cat /etc/resolv.conf'],
    ['❯ ocm describe cluster abc', 'ocm describe cluster abc'],
  ])('%s', (line, command) => {
    const s = split(`${line}\nsome output line`);
    expect(commandsOf(s)).toEqual([command]);
    expect(s.steps[0]?.expectedOutput).toBe('some output line');
  });

  it('joins `>` continuation lines to the command', () => {
    const s = split('$ kubectl get pods \\\n> -n rook-ceph\nNAME  READY');
    expect(commandsOf(s)).toEqual(['kubectl get pods \\\n-n rook-ceph']);
  });

  it('types PowerShell lines into PowerShell, not bash', () => {
    const s = split('PS C:\\> Get-Service -Name docker\nStatus   Name');
    expect(commandsOf(s)).toEqual([]);
    expect(s.steps[0]?.commands[0]).toMatchObject({ text: 'Get-Service -Name docker', client: 'powershell' });
  });
});

describe('sessions: where the commands run', () => {
  it('runs the steps after `oc rsh` inside it until `exit`', () => {
    const s = split('oc rsh -n openshift-storage rook-ceph-tools-79ccc8ddc5-77brq\nceph -s\nceph osd tree\nexit\nkubectl get pods', 'bash');
    expect(s.steps.map((st) => [st.commands.map((c) => c.text), st.inside?.command])).toEqual([
      [['oc rsh -n openshift-storage rook-ceph-tools-79ccc8ddc5-77brq'], undefined],
      [['ceph -s', 'ceph osd tree', 'exit'], 'oc rsh -n openshift-storage rook-ceph-tools-79ccc8ddc5-77brq'],
      [['kubectl get pods'], undefined],
    ]);
  });

  it('reads `# cmd` as the root prompt of a debug node a transcript opened', () => {
    const s = split('$ oc get nodes\n$ oc debug node/<node-name>\n# chroot /host\n# crio status config | grep -A 2 "default_runtime"', 'bash');
    expect(commandsOf(s)).toEqual(['oc get nodes', 'oc debug node/<node-name>', 'chroot /host', 'crio status config | grep -A 2 "default_runtime"']);
    expect(s.steps.at(-1)?.inside).toEqual({ command: 'oc debug node/<node-name>', line: 2 });
  });

  it('carries a session into the next block, and leaves it at the next cluster command', () => {
    const first = split('kubectl exec -it -n rook-ceph deploy/rook-ceph-tools -- bash', 'bash');
    expect(first.sessions.map((x) => x.command)).toEqual(['kubectl exec -it -n rook-ceph deploy/rook-ceph-tools -- bash']);
    const second = splitBlock('ceph health detail\n\nkubectl -n rook-ceph get pods', { lang: 'bash', startLine: 10, sessions: first.sessions });
    expect(second.steps[0]?.inside?.command).toBe('kubectl exec -it -n rook-ceph deploy/rook-ceph-tools -- bash');
    expect(second.steps[1]?.inside).toBeUndefined();
    expect(second.sessions).toEqual([]);
  });

  it.each(['ssh core@node-1.example.com', 'docker exec -it api sh', 'oc debug node/worker-0', 'chroot /host', 'oc rsh <pod name>'])('%s opens a session', (opener) => {
    const s = split(`${opener}\nuptime`, 'bash');
    expect(s.steps.at(-1)?.inside?.command).toBe(opener);
  });

  it('does not open a session for a command that runs and returns', () => {
    const s = split('oc rsh pod-1 ceph -s\nuptime\nssh host uptime\ndf -h', 'bash');
    expect(s.steps.every((st) => st.inside === undefined)).toBe(true);
  });
});

describe('tails of wrapped lines', () => {
  it.each([
    ['received unexpected HTTP status: 500 Internal Server Error', 'output'],
    [': exit status 1', 'output'],
    ['get pods -n $NAMESPACE | grep virt-controller', 'text'],
  ])('%s → %s', (line, kind) => {
    expect(sniff(line)).toBe(kind);
  });

  it.each([': "${RETRIES:=3}"', 'kubectl get pods -n x', 'echo status: ok'])('%s stays shell', (line) => {
    expect(sniff(line)).toBeNull();
  });
});

describe('what interactive programs print', () => {
  it.each([
    ['(1) RSA and RSA (default)', 'output'],
    ['(Q) Finished', 'output'],
    ['uid           [ultimate] Jane Doe <jane@example.com>', 'output'],
    ['- Deleting, expiring or evicting (because of maxmemory policy)', 'text'],
    ['[errno 13] RADOS permission denied (error connecting to the cluster)', 'output'],
  ])('%s → %s', (line, kind) => {
    expect(sniff(line)).toBe(kind);
  });

  it.each(['(cd /srv && ls)', '(set -x; ./run.sh)', '(1)'])('%s is not a menu', (line) => {
    expect(sniff(line)).not.toBe('output');
  });
});
