/**
 * Tells from a command line whether it opens an interactive session of its own (a remote
 * shell, a database prompt, a container shell). Such a command is recorded as one outer
 * command holding the whole session, and steps are not typed into it.
 *
 * A heuristic on the typed line: it errs towards "not nested" for anything it cannot read
 * (aliases, functions), which only means a step may be offered while such a session is open.
 */

/** ssh options that take a value (OpenSSH). */
const SSH_OPTS_WITH_VALUE = new Set('BbcDEeFIiJLlmOoPpQRSWw'.split(''));

/** Shells and REPLs that are interactive when started with no script or command argument. */
const BARE_INTERACTIVE = new Set([
  'bash', 'zsh', 'sh', 'dash', 'fish', 'ksh', 'python', 'python3', 'node', 'irb', 'ipython',
  'psql', 'mysql', 'mariadb', 'mongo', 'mongosh', 'redis-cli', 'sqlite3', 'clickhouse-client',
  'cqlsh', 'telnet', 'mosh', 'nc', 'ftp', 'sftp', 'gdb', 'lldb', 'rails', 'iex', 'ghci',
]);

/** Flags meaning "run this and exit" for the database clients above. */
const ONE_SHOT_FLAGS = new Set(['-c', '--command', '-f', '--file', '-e', '--execute', '--eval', '-x']);

export function isNestedSessionCommand(commandLine: string): boolean {
  const words = commandWords(commandLine);
  const program = words[0];
  if (!program) return false;
  const name = program.slice(program.lastIndexOf('/') + 1);
  const args = words.slice(1);
  if (name === 'ssh') return sshIsInteractive(args);
  if (name === 'kubectl' || name === 'oc') return args.some((a) => a === 'exec' || a === 'attach' || a === 'debug') && hasTty(args);
  if (name === 'docker' || name === 'podman' || name === 'nerdctl') {
    return args.some((a) => a === 'exec' || a === 'run' || a === 'attach') && (args.includes('attach') || hasTty(args));
  }
  if (name === 'su' || name === 'sudo') return args.includes('-i') || args.includes('-s') || (name === 'su' && !args.includes('-c'));
  if (BARE_INTERACTIVE.has(name)) {
    if (args.some((a) => ONE_SHOT_FLAGS.has(a) || a.startsWith('--command=') || a.startsWith('--file='))) return false;
    // `python script.py` runs a script; `psql mydb` / `sqlite3 file.db` open a prompt.
    if (name === 'python' || name === 'python3' || name === 'node' || name === 'bash' || name === 'sh' || name === 'zsh' || name === 'dash') {
      return args.every((a) => a.startsWith('-')) && !args.includes('-c');
    }
    return true;
  }
  return false;
}

function sshIsInteractive(args: string[]): boolean {
  let i = 0;
  let forceTty = false;
  for (; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--') { i++; break; }
    if (!a.startsWith('-') || a === '-') break;
    if (/t/.test(a.slice(1)) && !SSH_OPTS_WITH_VALUE.has(a[1] ?? '')) forceTty = true;
    const last = a[a.length - 1] ?? '';
    // `-p 22` takes the next word; `-p22` carries its value.
    if (a.length === 2 && SSH_OPTS_WITH_VALUE.has(last)) i++;
  }
  const remoteCommand = args.length > i + 1;
  return !remoteCommand || forceTty;
}

function hasTty(args: string[]): boolean {
  return args.some((a) => a === '--tty' || a === '--tty=true' || /^-[i]*t[i]*$/.test(a));
}

/** Words of the first command, skipping `VAR=x` prefixes and `exec`/`command`/`time`/`env`. */
function commandWords(line: string): string[] {
  const first = line.split(/\s*(?:\|\||&&|[;|&\n])\s*/)[0] ?? '';
  const words = first.trim().split(/\s+/).filter(Boolean).map((w) => w.replace(/^['"]|['"]$/g, ''));
  while (words.length && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0] ?? '') || ['exec', 'command', 'time', 'env', 'nohup'].includes(words[0] ?? ''))) {
    words.shift();
  }
  return words;
}
