import type { TerminalTabView } from '../../../electron/common/services/terminalService';

/** Database URL schemes whose host a confirmation names. */
const DB_URL = /\b(postgres(?:ql)?|mysql|mariadb|redis|rediss|mongodb(?:\+srv)?|clickhouse|amqps?):\/\/[^\s'"`<>]+/gi;
const ENV_REF = /\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g;

/**
 * Where a step's commands will run, in words, for the confirmation dialog: the tab, cwd and
 * host; the Kubernetes context (and namespace) when kubectl is involved; the database host
 * of a connection URL, written in the command or held by an input it uses — never the
 * password.
 */
export function describeTarget(tab: TerminalTabView | undefined, commands: readonly string[], values: Readonly<Record<string, string>>): string {
  if (!tab) return 'a new terminal tab (the incident has none yet), in your home folder on this machine';
  const parts = [`${tab.title}, in ${tab.cwd ?? 'its folder'} on ${tab.host}`];
  const text = commands.join('\n');
  if (/\b(kubectl|oc|helm|k9s)\b/.test(text)) {
    const context = flag(text, ['--context', '--kube-context']) ?? tab.kubeContext;
    const namespace = flag(text, ['-n', '--namespace']) ?? tab.kubeNamespace;
    parts.push(context ? `Kubernetes context ${context}${namespace ? `, namespace ${namespace}` : ''}` : 'no Kubernetes context set in the kubeconfig');
  }
  const hosts = databaseHosts(text, values);
  if (hosts.length) parts.push(`database ${hosts.join(', ')}`);
  return parts.join('; ');
}

/** `host:port/db` of every database URL in the text or in the inputs it references. */
export function databaseHosts(text: string, values: Readonly<Record<string, string>>): string[] {
  const sources = [text];
  for (const match of text.matchAll(ENV_REF)) {
    const value = values[match[1] ?? ''];
    if (value) sources.push(value);
  }
  const hosts = new Set<string>();
  for (const source of sources) {
    for (const match of source.matchAll(DB_URL)) {
      try {
        const url = new URL(match[0]);
        const db = url.pathname.replace(/^\//, '');
        hosts.add(`${url.hostname}${url.port ? `:${url.port}` : ''}${db ? `/${db}` : ''}`);
      } catch {
        // Not a URL after all (a placeholder inside it): say nothing rather than guess.
      }
    }
  }
  return [...hosts];
}

function flag(text: string, names: string[]): string | undefined {
  for (const name of names) {
    const match = new RegExp(`(?:^|\\s)${name}(?:=|\\s+)([^\\s;|&]+)`).exec(text);
    if (match?.[1]) return match[1];
  }
  return undefined;
}
