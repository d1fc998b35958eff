import { statSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';

export interface KubeContext {
  context: string;
  namespace: string | null;
}

interface Cached {
  key: string;
  value: KubeContext | null;
}

/**
 * kubectl's current context as the host's kubeconfig says, read from the file (never by
 * running kubectl: a tab list must not fork a process, and kubectl may hang on a dead
 * cluster's auth plugin). Cached by the files' mtimes, so asking per tab change is cheap.
 *
 * It is the context a shell started by this host sees unless the user exports another
 * KUBECONFIG or runs `kubectl config use-context` (which rewrites the file, and is seen).
 */
export class KubeContextReader {
  private cached: Cached | undefined;

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  read(): KubeContext | null {
    const files = this.files();
    const key = files.map((f) => `${f}:${mtime(f)}`).join('|');
    if (this.cached?.key === key) return this.cached.value;
    const value = readCurrentContext(files);
    this.cached = { key, value };
    return value;
  }

  private files(): string[] {
    const list = this.env.KUBECONFIG?.split(path.delimiter).filter(Boolean);
    return list?.length ? list : [path.join(this.env.HOME || homedir(), '.kube', 'config')];
  }
}

function mtime(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

interface KubeConfigFile {
  'current-context'?: unknown;
  contexts?: { name?: unknown; context?: { namespace?: unknown } }[];
}

/** kubectl's merge rule: the first file that sets current-context wins; contexts merge first-wins too. */
function readCurrentContext(files: string[]): KubeContext | null {
  const docs: KubeConfigFile[] = [];
  for (const file of files) {
    try {
      const doc = yaml.load(readFileSync(file, 'utf8'));
      if (doc && typeof doc === 'object') docs.push(doc as KubeConfigFile);
    } catch {
      // Missing or unreadable: kubectl skips it too.
    }
  }
  const current = docs.map((d) => d['current-context']).find((c): c is string => typeof c === 'string' && c !== '');
  if (!current) return null;
  for (const doc of docs) {
    const entry = Array.isArray(doc.contexts) ? doc.contexts.find((c) => c?.name === current) : undefined;
    if (entry) {
      const ns = entry.context?.namespace;
      return { context: current, namespace: typeof ns === 'string' && ns ? ns : null };
    }
  }
  return { context: current, namespace: null };
}
