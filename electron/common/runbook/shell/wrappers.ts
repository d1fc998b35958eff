/**
 * Commands that run another command, or hand text to a client, are judged by what
 * finally runs: `sudo X`, `timeout 5 X`, `xargs … X`, `kubectl exec pod -- X`,
 * `docker compose exec svc X`, `ssh host 'X'`, `bash -c 'X'`, `oc debug node/n --
 * chroot /host X`, `psql -c "SQL"`, `redis-cli FLUSHALL`, `psql <<EOF … EOF`.
 */
import { firstPositional, hasOption, optionValues, positionals, programName } from './argv';
import { PROGRAM_VALUE_OPTIONS } from './riskRules';
import type { Finding } from './riskTypes';
import type { SimpleCommand } from './simpleCommands';

export interface Inner {
  /** Go on with this command line (the wrapped command). */
  argv?: string[];
  /** Classify this text as shell code. */
  shell?: string;
  /** Classify this text as input typed into a client (`psql`, `redis-cli`, …). */
  client?: { client: string; text: string };
  findings?: Finding[];
  /** Also apply the program's own rules (e.g. `find -exec … -delete`). */
  alsoRules?: boolean;
  /** Further command lines to classify (`find -exec CMD {} ;`). */
  more?: string[][];
  /** The command opens an interactive session of this client; later lines may be typed into it. */
  session?: string;
  /** The command opens an interactive shell (a pod, a node, a remote host, root): later lines run in it. */
  opensShell?: boolean;
}

type Wrapper = (args: string[], cmd: SimpleCommand) => Inner | null;

const set = (...names: string[]): ReadonlySet<string> => new Set(names);

function rest(args: string[], valueOptions: ReadonlySet<string>): string[] {
  return args.slice(firstPositional(args, 0, valueOptions));
}

/** Text a command reads on stdin when the runbook shows it: heredoc, here-string, `echo … |`. */
type Stdin = { text: string } | { file: string } | { pipe: string } | null;

function stdinOf(cmd: SimpleCommand): Stdin {
  for (const r of cmd.redirs) {
    if ((r.op === '<<' || r.op === '<<-') && r.heredoc) return { text: r.heredoc.body };
    if (r.op === '<<<' && r.target) return { text: stripQuotes(r.target.raw) };
    if (r.op === '<' && r.target && (r.fd === null || r.fd === '0')) return { file: r.target.raw };
  }
  const from = cmd.pipedFrom;
  if (from && from.argv.length > 0) {
    const name = programName(from.argv[0] as string);
    if (name === 'echo' || name === 'printf') {
      const words = from.argv.slice(1).filter((w, i) => !(i === 0 && /^-[neE]+$/.test(w)));
      return { text: words.join(' ').replace(/\\n/g, '\n') };
    }
    return { pipe: from.argv.join(' ') };
  }
  return null;
}

function stripQuotes(raw: string): string {
  if (raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") && raw[raw.length - 1] === raw[0]) return raw.slice(1, -1);
  return raw;
}

const read = (reason: string): Inner => ({ findings: [{ risk: 'read', reason }] });
const unknown = (reason: string): Inner => ({ findings: [{ risk: 'unknown', reason }] });
/** An interactive shell somewhere else: opening it changes nothing; what is typed there is judged line by line. */
const opens = (reason: string): Inner => ({ ...read(reason), opensShell: true });

/** A client with no inline command: judge its stdin if shown, else it is an interactive session. */
function clientSession(client: string, label: string, cmd: SimpleCommand): Inner {
  const stdin = stdinOf(cmd);
  if (stdin && 'text' in stdin) return { client: { client, text: stdin.text } };
  if (stdin && 'file' in stdin) return unknown(`${label} runs the commands in ${stdin.file}, which the rules cannot see; read it first`);
  if (stdin && 'pipe' in stdin) return unknown(`${label} runs what \`${truncate(stdin.pipe)}\` produces, which the rules cannot see`);
  return { ...read(`opens an interactive ${label} session; each statement typed there is judged on its own`), session: client };
}

function truncate(s: string): string {
  return s.length > 60 ? s.slice(0, 57) + '…' : s;
}

const SHELLS = set('bash', 'sh', 'zsh', 'dash', 'ksh', 'ash', 'mksh', 'fish');

function shellWrapper(args: string[], cmd: SimpleCommand): Inner | null {
  let i = 0;
  let inline = false;
  while (i < args.length) {
    const a = args[i] as string;
    if (a === '--') {
      i++;
      break;
    }
    if (a === '-o' || a === '+o' || a === '-O' || a === '+O' || a === '--rcfile' || a === '--init-file') {
      i += 2;
      continue;
    }
    if (/^[-+][a-zA-Z]+$/.test(a)) {
      if (a.startsWith('-') && a.includes('c')) inline = true;
      // `-euo pipefail`: an `o` in a flag group takes the next word as an option name.
      i += a.includes('o') || a.includes('O') ? 2 : 1;
      continue;
    }
    if (a.startsWith('--')) {
      i++;
      continue;
    }
    break;
  }
  const first = args[i];
  if (inline) return first === undefined ? null : { shell: first };
  if (first !== undefined) return unknown(`runs the script ${first}, which the rules cannot see; read it first`);
  const stdin = stdinOf(cmd);
  if (stdin && 'text' in stdin) return { shell: stdin.text };
  if (stdin && 'file' in stdin) return unknown(`runs the script ${stdin.file}, which the rules cannot see; read it first`);
  if (stdin && 'pipe' in stdin) return unknown(`runs the script that \`${truncate(stdin.pipe)}\` produces, which the rules cannot see`);
  return opens('opens an interactive shell; each command typed there is judged on its own');
}

const KUBECTL_OPTIONS = new Set(PROGRAM_VALUE_OPTIONS.kubectl);
const KUBECTL_EXEC_OPTIONS = set('-c', '--container', '-n', '--namespace', '-f', '--filename', '--context', '--pod-running-timeout', '--kubeconfig', '--cluster', '--user', '-s', '--server', '--token', '--as');

function kubectlWrapper(args: string[]): Inner | null {
  const verbAt = firstPositional(args, 0, KUBECTL_OPTIONS);
  const verb = args[verbAt];
  if (verb !== 'exec' && verb !== 'rsh' && verb !== 'debug') return null;
  const dashDash = args.indexOf('--', verbAt);
  if (verb === 'debug') {
    // `oc debug node/x -- chroot /host CMD` is judged by CMD; without one it opens a debug shell.
    if (dashDash < 0) return { alsoRules: true, opensShell: true };
    const inner = args.slice(dashDash + 1);
    return inner.length > 0 ? { argv: inner } : null;
  }
  const podAt = firstPositional(args, verbAt + 1, KUBECTL_EXEC_OPTIONS);
  const inner = dashDash >= 0 ? args.slice(dashDash + 1) : args.slice(podAt + 1);
  if (inner.length === 0) return opens(`opens a shell in ${args[podAt] ?? 'the pod'}`);
  return { argv: inner };
}

const DOCKER_OPTIONS = set('-H', '--host', '--context', '-c', '--config', '-l', '--log-level');
const DOCKER_EXEC_OPTIONS = set('-e', '--env', '--env-file', '-u', '--user', '-w', '--workdir', '--detach-keys');
const COMPOSE_OPTIONS = new Set(['-f', '--file', '-p', '--project-name', '--env-file', '--profile', '--project-directory', '--ansi', '--progress', '--parallel']);
const COMPOSE_EXEC_OPTIONS = set('-e', '--env', '-u', '--user', '-w', '--workdir', '--index');
const COMPOSE_RUN_OPTIONS = set('-e', '--env', '-u', '--user', '-w', '--workdir', '-v', '--volume', '-p', '--publish', '--name', '--entrypoint', '-l', '--label', '--cap-add', '--cap-drop', '--pull');

function dockerWrapper(args: string[]): Inner | null {
  const verbAt = firstPositional(args, 0, DOCKER_OPTIONS);
  const verb = args[verbAt];
  if (verb === 'compose') return { argv: ['docker-compose', ...args.slice(verbAt + 1)] };
  let at = verbAt;
  if (verb === 'container' && args[verbAt + 1] === 'exec') at = verbAt + 1;
  else if (verb !== 'exec') return null;
  const containerAt = firstPositional(args, at + 1, DOCKER_EXEC_OPTIONS);
  const inner = args.slice(containerAt + 1);
  return inner.length > 0 ? { argv: inner } : opens('opens a session in the container');
}

function composeWrapper(args: string[]): Inner | null {
  const verbAt = firstPositional(args, 0, COMPOSE_OPTIONS);
  const verb = args[verbAt];
  if (verb === 'exec') {
    const serviceAt = firstPositional(args, verbAt + 1, COMPOSE_EXEC_OPTIONS);
    const inner = args.slice(serviceAt + 1);
    return inner.length > 0 ? { argv: inner } : opens('opens a session in the service container');
  }
  if (verb === 'run') {
    const serviceAt = firstPositional(args, verbAt + 1, COMPOSE_RUN_OPTIONS);
    const inner = args.slice(serviceAt + 1);
    const started: Finding = { risk: 'change', reason: 'docker compose run starts a new one-off container' };
    return inner.length > 0 ? { argv: inner, findings: [started] } : { findings: [started] };
  }
  return null;
}

const SSH_OPTIONS = set('-b', '-c', '-D', '-E', '-e', '-F', '-I', '-i', '-J', '-L', '-l', '-m', '-O', '-o', '-p', '-Q', '-R', '-S', '-W', '-w', '-B', '-P');

function sshWrapper(args: string[], cmd: SimpleCommand): Inner | null {
  const hostAt = firstPositional(args, 0, SSH_OPTIONS);
  const host = args[hostAt];
  // ssh joins the remaining words with spaces and the remote shell parses them again.
  const remote = args.slice(hostAt + 1).join(' ');
  if (remote.trim() !== '') return { shell: remote };
  const stdin = stdinOf(cmd);
  if (stdin && 'text' in stdin) return { shell: stdin.text };
  return opens(`opens a remote shell on ${host ?? 'the host'}; each command typed there is judged on its own`);
}

const SUDO_OPTIONS = set('-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-U', '-T', '-R', '--user', '--group', '--host', '--prompt', '--close-from', '--chdir', '--role', '--type', '--other-user', '--command-timeout', '--chroot');

function sudoWrapper(args: string[]): Inner | null {
  const inner = rest(args, SUDO_OPTIONS);
  // Only sudo's own options count: in `sudo chpst -e /etc/env …` the `-e` is chpst's.
  if (hasOption(args.slice(0, args.length - inner.length), ['-e', '--edit'])) return { findings: [{ risk: 'change', reason: 'sudo -e edits a file as root' }] };
  if (inner.length > 0) return { argv: inner };
  if (hasOption(args, ['-l', '--list', '-v', '--validate', '-k', '-K', '-V', '--version'])) return read('sudo only checks or lists permissions');
  return opens('opens a root shell; each command typed there is judged on its own');
}

function envWrapper(args: string[]): Inner | null {
  let i = 0;
  while (i < args.length) {
    const a = args[i] as string;
    if (a === '--') {
      i++;
      break;
    }
    if (a === '-S' || a === '--split-string') return { shell: args.slice(i + 1).join(' ') };
    if (a.startsWith('--split-string=')) return { shell: [a.slice(15), ...args.slice(i + 1)].join(' ') };
    if (a === '-u' || a === '--unset' || a === '-C' || a === '--chdir') {
      i += 2;
      continue;
    }
    if (a.startsWith('-')) {
      i++;
      continue;
    }
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(a)) {
      i++;
      continue;
    }
    break;
  }
  const inner = args.slice(i);
  return inner.length > 0 ? { argv: inner } : read('env only prints the environment');
}

function simple(valueOptions: ReadonlySet<string>, emptyReason: string): Wrapper {
  return (args) => {
    const inner = rest(args, valueOptions);
    return inner.length > 0 ? { argv: inner } : emptyReason.startsWith('opens ') ? opens(emptyReason) : read(emptyReason);
  };
}

function timeoutWrapper(args: string[]): Inner | null {
  const durationAt = firstPositional(args, 0, set('-s', '--signal', '-k', '--kill-after'));
  const inner = args.slice(durationAt + 1);
  return inner.length > 0 ? { argv: inner } : null;
}

function watchWrapper(args: string[]): Inner | null {
  const exec = hasOption(args, ['-x', '--exec']);
  const inner = rest(args, set('-n', '--interval', '-q', '--equexit'));
  if (inner.length === 0) return null;
  return exec ? { argv: inner } : { shell: inner.join(' ') };
}

const XARGS_OPTIONS = set('-I', '-n', '-P', '-L', '-l', '-s', '-d', '-a', '-E', '-e', '--max-args', '--max-procs', '--delimiter', '--arg-file', '--replace', '--max-lines', '--max-chars', '--eof', '--process-slot-var');

function xargsWrapper(args: string[]): Inner | null {
  const inner = rest(args, XARGS_OPTIONS);
  return inner.length > 0 ? { argv: inner } : read('xargs without a command only echoes its input');
}

function evalWrapper(args: string[]): Inner | null {
  return args.length > 0 ? { shell: args.join(' ') } : null;
}

function suWrapper(args: string[]): Inner | null {
  const commands = optionValues(args, ['-c', '--command']);
  if (commands.length > 0) return { shell: commands.join('; ') };
  return opens('opens a shell as another user; each command typed there is judged on its own');
}

function chrootWrapper(args: string[]): Inner | null {
  const dirAt = firstPositional(args, 0, set('--userspec', '--groups'));
  const inner = args.slice(dirAt + 1);
  return inner.length > 0 ? { argv: inner } : opens(`opens a shell inside ${args[dirAt] ?? 'the new root'}`);
}

function flockWrapper(args: string[]): Inner | null {
  const command = optionValues(args, ['-c', '--command']);
  if (command.length > 0) return { shell: command.join('; ') };
  const fileAt = firstPositional(args, 0, set('-w', '--wait', '--timeout', '-E', '--conflict-exit-code'));
  const inner = args.slice(fileAt + 1);
  return inner.length > 0 ? { argv: inner } : read('flock only takes a lock');
}

function traceWrapper(args: string[]): Inner | null {
  if (hasOption(args, ['-p', '--attach'])) return read('attaches a tracer to a running process; it changes nothing');
  const inner = rest(args, set('-o', '-e', '-s', '-P', '-u', '-E', '-I', '-a', '-b', '-X', '-O', '-S', '-U'));
  return inner.length > 0 ? { argv: inner } : null;
}

function findWrapper(args: string[]): Inner | null {
  const more: string[][] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-exec' || a === '-execdir' || a === '-ok' || a === '-okdir') {
      const start = i + 1;
      let end = start;
      while (end < args.length && args[end] !== ';' && args[end] !== '+' && args[end] !== '\\;') end++;
      if (end > start) more.push(args.slice(start, end));
      i = end;
    }
  }
  return more.length > 0 ? { more, alsoRules: true } : null;
}

const PSQL_OPTIONS = ['-c', '--command'];

function psqlWrapper(args: string[], cmd: SimpleCommand): Inner | null {
  const sqlTexts = optionValues(args, PSQL_OPTIONS);
  if (sqlTexts.length > 0) return { client: { client: 'psql', text: sqlTexts.join(';\n') } };
  const files = optionValues(args, ['-f', '--file']);
  if (files.length > 0 && files.some((f) => f !== '-')) return unknown(`psql runs the SQL in ${files.join(', ')}, which the rules cannot see; read it first`);
  if (hasOption(args, ['-l', '--list', '-V', '--version', '--help', '-?'])) return read('psql only lists databases or prints its version');
  return clientSession('psql', 'psql', cmd);
}

function mysqlWrapper(args: string[], cmd: SimpleCommand): Inner | null {
  const sqlTexts = optionValues(args, ['-e', '--execute']);
  for (const a of args) if (/^-e\S/.test(a)) sqlTexts.push(a.slice(2));
  if (sqlTexts.length > 0) return { client: { client: 'mysql', text: sqlTexts.join(';\n') } };
  if (hasOption(args, ['-V', '--version', '--help'])) return read('mysql only prints its version');
  return clientSession('mysql', 'mysql', cmd);
}

function sqliteWrapper(args: string[], cmd: SimpleCommand): Inner | null {
  const pos = positionals(args, set('-cmd', '-separator', '-nullvalue', '-newline'));
  if (pos.length >= 2) return { client: { client: 'sqlite3', text: pos.slice(1).join(';\n') } };
  return clientSession('sqlite3', 'sqlite3', cmd);
}

function sqlQueryWrapper(client: string, names: string[]): Wrapper {
  return (args, cmd) => {
    const texts = optionValues(args, names);
    if (texts.length > 0) return { client: { client, text: texts.join(';\n') } };
    return clientSession(client, client, cmd);
  };
}

const REDIS_CLI_OPTIONS = set('-h', '-p', '-a', '-n', '-u', '-s', '-r', '-i', '-d', '-D', '-t', '--user', '--pass', '--sni', '--cacert', '--cacertdir', '--cert', '--key', '--tls-ciphers', '--tls-ciphersuites', '--pattern', '--count', '--quoted-pattern', '--rdb', '--functions-rdb', '--memkeys-samples', '--pipe-timeout');
const REDIS_CLI_READ_MODES = set('--scan', '--bigkeys', '--memkeys', '--hotkeys', '--stat', '--latency', '--latency-history', '--latency-dist', '--intrinsic-latency', '--version', '-v', '--help');

function redisCliWrapper(args: string[], cmd: SimpleCommand): Inner | null {
  if (hasOption(args, ['--eval'])) return unknown('redis-cli --eval runs a Lua script the rules cannot see');
  const command = positionals(args, REDIS_CLI_OPTIONS);
  if (command.length > 0) return { client: { client: 'redis-cli', text: command.map(quoteForRedis).join(' ') } };
  for (const a of args) if (REDIS_CLI_READ_MODES.has(a)) return read(`redis-cli ${a} only reads`);
  return clientSession('redis-cli', 'redis-cli', cmd);
}

function quoteForRedis(word: string): string {
  return /[\s"'\\]/.test(word) ? JSON.stringify(word) : word;
}

function mongoWrapper(args: string[], cmd: SimpleCommand): Inner | null {
  const evals = optionValues(args, ['--eval']);
  if (evals.length > 0) return { client: { client: 'mongosh', text: evals.join('\n') } };
  const scripts = positionals(args, set('-u', '--username', '-p', '--password', '--host', '--port', '--authenticationDatabase', '-f', '--file')).filter((p) => p.endsWith('.js'));
  const files = [...optionValues(args, ['-f', '--file']), ...scripts];
  if (files.length > 0) return unknown(`runs the script ${files.join(', ')}, which the rules cannot see; read it first`);
  return clientSession('mongosh', 'mongo shell', cmd);
}

export const WRAPPERS: Record<string, Wrapper> = {
  sudo: sudoWrapper,
  doas: simple(set('-u', '-C'), 'opens a root shell'),
  env: envWrapper,
  nohup: simple(set(), 'nohup without a command does nothing'),
  time: simple(set('-f', '--format', '-o', '--output'), 'time without a command does nothing'),
  nice: simple(set('-n', '--adjustment'), 'nice only prints the niceness'),
  ionice: simple(set('-c', '--class', '-n', '--classdata', '-p', '--pid', '-P', '--pgid', '-u', '--uid'), 'ionice only prints the I/O priority'),
  stdbuf: simple(set('-i', '-o', '-e', '--input', '--output', '--error'), 'stdbuf without a command does nothing'),
  command: (args, cmd) => (hasOption(args, ['-v', '-V']) ? read('command -v only looks up a name') : simple(set(), 'command without a name does nothing')(args, cmd)),
  exec: simple(set('-a'), 'exec without a command only changes redirections'),
  builtin: simple(set(), 'builtin without a name does nothing'),
  unbuffer: simple(set(), 'unbuffer without a command does nothing'),
  setsid: simple(set(), 'setsid without a command does nothing'),
  runuser: (args, cmd) =>
    optionValues(args, ['-c', '--command']).length > 0
      ? suWrapper(args)
      : simple(set('-u', '--user', '-g', '--group', '-G', '--supp-group', '-s', '--shell'), 'opens a shell as another user')(args, cmd),
  su: suWrapper,
  timeout: timeoutWrapper,
  watch: watchWrapper,
  xargs: xargsWrapper,
  parallel: (args) => {
    const inner = rest(args, set('-j', '--jobs', '-S', '--sshlogin', '--delay', '--timeout', '--joblog', '-a', '--arg-file', '-d', '--delimiter'));
    const sep = inner.indexOf(':::');
    const command = sep >= 0 ? inner.slice(0, sep) : inner;
    return command.length > 0 ? { shell: command.join(' ') } : null;
  },
  eval: evalWrapper,
  chroot: chrootWrapper,
  nsenter: simple(set('-t', '--target', '-S', '--setuid', '-G', '--setgid', '-w', '--wd', '-r', '--root'), 'opens a shell inside the namespaces'),
  flock: flockWrapper,
  strace: traceWrapper,
  ltrace: traceWrapper,
  ssh: sshWrapper,
  kubectl: kubectlWrapper,
  docker: dockerWrapper,
  'docker-compose': composeWrapper,
  find: findWrapper,
  psql: psqlWrapper,
  mysql: mysqlWrapper,
  sqlite3: sqliteWrapper,
  sqlite: sqliteWrapper,
  cqlsh: sqlQueryWrapper('cqlsh', ['-e', '--execute']),
  'clickhouse-client': sqlQueryWrapper('clickhouse-client', ['-q', '--query']),
  'redis-cli': redisCliWrapper,
  mongosh: mongoWrapper,
  ...Object.fromEntries([...SHELLS].map((s) => [s, shellWrapper])),
};
