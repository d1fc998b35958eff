/**
 * The system `git`, driven by plumbing only, over a bare mirror repository in the data dir:
 * no work tree, no checkout, no merge. Blobs are written with `hash-object`, trees through a
 * private index (`read-tree` / `update-index` / `write-tree`), commits with `commit-tree`, and
 * pushed by hash. Whatever URL the system git understands works (a path, file://, ssh://,
 * user@host:path), authenticated as git is configured; git never prompts (a sync runs
 * unattended), and ssh runs in batch mode unless the user chose their own GIT_SSH_COMMAND.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../common/errors';

export interface GitResult {
  stdout: Buffer;
  stderr: string;
  code: number;
}

export class GitError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

/** What git said, boiled down to its most telling line (`fatal: …`, `error: …`, or the last). */
export function gitComplaint(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const telling = lines.find((l) => /^(fatal|error|ERROR):/.test(l)) ?? lines[lines.length - 1] ?? 'git failed';
  return telling.replace(/^(fatal|error|ERROR):\s*/, '');
}

export class GitMirror {
  constructor(
    /** The bare repository's folder. */
    readonly gitDir: string,
    private readonly identity: { name: string; email: string },
  ) {}

  static exists(gitDir: string): boolean {
    return fs.existsSync(path.join(gitDir, 'HEAD'));
  }

  static async init(gitDir: string, identity: { name: string; email: string }): Promise<GitMirror> {
    fs.mkdirSync(gitDir, { recursive: true, mode: 0o700 });
    const mirror = new GitMirror(gitDir, identity);
    await mirror.run(['init', '--bare', '--quiet', gitDir]);
    return mirror;
  }

  /** Runs git on the mirror; a non-zero exit throws GitError unless `allowFail`. */
  async run(args: string[], options: { input?: string | Buffer; env?: Record<string, string>; allowFail?: boolean } = {}): Promise<GitResult> {
    const result = await runGit(['--git-dir', this.gitDir, ...args], {
      input: options.input,
      env: {
        GIT_AUTHOR_NAME: this.identity.name,
        GIT_AUTHOR_EMAIL: this.identity.email,
        GIT_COMMITTER_NAME: this.identity.name,
        GIT_COMMITTER_EMAIL: this.identity.email,
        ...options.env,
      },
    });
    if (result.code !== 0 && !options.allowFail) throw new GitError(`git ${args[0]} failed: ${gitComplaint(result.stderr)}`, result.stderr);
    return result;
  }

  async text(args: string[], options: { input?: string | Buffer; env?: Record<string, string> } = {}): Promise<string> {
    return (await this.run(args, options)).stdout.toString('utf8');
  }

  /** Fetches the remote's branch into `localRef`; returns its commit. */
  async fetchBranch(url: string, branch: string, localRef: string): Promise<string> {
    await this.run(['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--', url, `+refs/heads/${branch}:${localRef}`]);
    return (await this.text(['rev-parse', '--verify', '--quiet', `${localRef}^{commit}`])).trim();
  }

  /** Every file of a commit's tree: path → blob id. */
  async listFiles(commit: string): Promise<Map<string, string>> {
    const out = await this.text(['ls-tree', '-r', '-z', '--full-tree', commit]);
    const files = new Map<string, string>();
    for (const entry of out.split('\0')) {
      if (!entry) continue;
      const tab = entry.indexOf('\t');
      const [, type, oid] = entry.slice(0, tab).split(' ');
      if (type === 'blob' && oid) files.set(entry.slice(tab + 1), oid);
    }
    return files;
  }

  async readBlob(oid: string): Promise<string> {
    return this.text(['cat-file', 'blob', oid]);
  }

  async writeBlob(content: string): Promise<string> {
    return (await this.text(['hash-object', '-w', '--stdin'], { input: content })).trim();
  }

  /**
   * A commit whose tree is `parent`'s (or empty) with `files` set (path → blob id), through a
   * private index file so nothing else in the mirror changes.
   */
  async commitFiles(parent: string | null, files: ReadonlyMap<string, string>, message: string): Promise<string> {
    const indexFile = path.join(this.gitDir, `warroom-index-${process.pid}`);
    const env = { GIT_INDEX_FILE: indexFile };
    try {
      await this.run(parent ? ['read-tree', parent] : ['read-tree', '--empty'], { env });
      const info = [...files].map(([file, oid]) => `100644 ${oid}\t${file}`).join('\n') + '\n';
      await this.run(['update-index', '--add', '--index-info'], { env, input: info });
      const tree = (await this.text(['write-tree'], { env })).trim();
      const args = ['commit-tree', tree, '-m', message];
      if (parent) args.push('-p', parent);
      return (await this.text(args)).trim();
    } finally {
      fs.rmSync(indexFile, { force: true });
    }
  }

  /** Pushes a commit to the remote branch: true when accepted, false when rejected as not a fast-forward (someone pushed first). */
  async push(url: string, commit: string, branch: string): Promise<boolean> {
    const result = await this.run(['push', '--quiet', '--porcelain', '--', url, `${commit}:refs/heads/${branch}`], { allowFail: true });
    if (result.code === 0) return true;
    const said = result.stdout.toString('utf8') + result.stderr;
    if (/\[rejected\]|non-fast-forward|fetch first|\[remote rejected\].*(lock|stale)|cannot lock ref|failed to update ref/.test(said)) return false;
    throw new GitError(`git push failed: ${gitComplaint(result.stderr)}`, result.stderr);
  }
}

/** Environment for every git call: no prompts, no pager, ssh that fails instead of asking. */
function gitEnv(extra: Record<string, string> | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', LC_ALL: 'C', ...extra };
  env.GIT_SSH_COMMAND ??= 'ssh -o BatchMode=yes -o ConnectTimeout=15';
  return env;
}

export function runGit(args: string[], options: { input?: string | Buffer; env?: Record<string, string>; cwd?: string } = {}): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { env: gitEnv(options.env), cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT' ? new UserError('git is not installed (or not on PATH) — the team sync runs the system git.', 'E_NO_GIT') : error);
    });
    child.on('close', (code) => resolve({ stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8'), code: code ?? 1 }));
    child.stdin.on('error', () => undefined); // git may exit before reading all of it; its exit code says why.
    child.stdin.end(options.input ?? '');
  });
}
