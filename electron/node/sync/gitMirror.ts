/**
 * The system `git`, driven by plumbing only, over a bare mirror repository in the data dir:
 * no work tree, no checkout, no merge. Blobs are written with `hash-object`, trees through a
 * private index (`read-tree` / `update-index` / `write-tree`), commits with `commit-tree`, and
 * pushed by hash. Whatever URL the system git understands works (a path, file://, ssh://,
 * user@host:path), authenticated as git is configured; git never prompts (a sync runs
 * unattended), and ssh runs in batch mode unless the user chose their own GIT_SSH_COMMAND.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
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

/** Where the remote's branches land in the mirror. */
const FETCHED_PREFIX = 'refs/warroom/heads/';
/** fast-import's branch for the commit being made (pushed by hash, never read back). */
const SCRATCH_REF = 'refs/warroom/outgoing';

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

  /**
   * Fetches every branch of the remote under refs/warroom/heads/ (an empty repository has
   * none: that is no error) and returns them, name → commit.
   */
  async fetchAll(url: string): Promise<Map<string, string>> {
    await this.run(['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--prune', '--', url, `+refs/heads/*:${FETCHED_PREFIX}*`]);
    const out = await this.text(['for-each-ref', '--format=%(refname) %(objectname)', FETCHED_PREFIX]);
    const branches = new Map<string, string>();
    for (const line of out.split('\n')) {
      const [ref, oid] = line.split(' ');
      if (ref && oid) branches.set(ref.slice(FETCHED_PREFIX.length), oid);
    }
    return branches;
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

  /** Reads blobs through one `cat-file --batch` for the whole sync (a process per blob costs more than most blobs). */
  async readBlob(oid: string): Promise<string> {
    this.reader ??= new BatchBlobReader(this.gitDir);
    return (await this.reader.read(oid)).toString('utf8');
  }

  /** Ends the blob reader; the mirror can be used again after (it starts another). */
  close(): void {
    this.reader?.close();
    this.reader = null;
  }

  private reader: BatchBlobReader | null = null;

  /**
   * A commit whose tree is `parent`'s (or empty) with `files` (path → content) written, made
   * by one `git fast-import`: blobs, tree and commit in one process, nothing else in the
   * mirror touched but its scratch ref.
   */
  async commitFiles(parent: string | null, files: ReadonlyMap<string, string>, message: string): Promise<string> {
    const chunks: Buffer[] = [];
    const data = (text: string | Buffer) => {
      const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
      chunks.push(Buffer.from(`data ${bytes.length}\n`), bytes, Buffer.from('\n'));
    };
    const when = `${Math.floor(Date.now() / 1000)} +0000`;
    chunks.push(Buffer.from(`reset ${SCRATCH_REF}\ncommit ${SCRATCH_REF}\nmark :1\ncommitter ${this.identity.name} <${this.identity.email}> ${when}\n`));
    data(message);
    if (parent) chunks.push(Buffer.from(`from ${parent}\n`));
    for (const [file, content] of files) {
      chunks.push(Buffer.from(`M 100644 inline ${file}\n`));
      data(content);
    }
    chunks.push(Buffer.from('\nget-mark :1\ndone\n'));
    const out = await this.text(['fast-import', '--quiet', '--force', '--done'], { input: Buffer.concat(chunks) });
    const commit = out.trim().split('\n').pop() ?? '';
    if (!/^[0-9a-f]{40,64}$/.test(commit)) throw new GitError('git fast-import made no commit', out);
    return commit;
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

/**
 * `git cat-file --batch`, kept open: each request is an object id on a line; each answer a
 * header `<oid> <type> <size>`, the content and a newline (or `<oid> missing`).
 */
class BatchBlobReader {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer: Buffer = Buffer.alloc(0);
  private readonly waiting: { oid: string; resolve: (b: Buffer) => void; reject: (e: Error) => void }[] = [];
  private failed: Error | null = null;

  constructor(gitDir: string) {
    this.child = spawn('git', ['--git-dir', gitDir, 'cat-file', '--batch'], { env: gitEnv(undefined), stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.on('data', (b: Buffer) => {
      this.buffer = this.buffer.length === 0 ? b : Buffer.concat([this.buffer, b]);
      this.drain();
    });
    const fail = (error: Error) => {
      this.failed = error;
      for (const w of this.waiting.splice(0)) w.reject(error);
    };
    this.child.on('error', fail);
    this.child.on('close', () => fail(new GitError('git cat-file ended', '')));
    this.child.stdin.on('error', () => undefined);
  }

  read(oid: string): Promise<Buffer> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.waiting.push({ oid, resolve, reject });
      this.child.stdin.write(`${oid}\n`);
    });
  }

  close(): void {
    this.child.stdin.end();
  }

  private drain(): void {
    for (;;) {
      const next = this.waiting[0];
      if (!next) return;
      const eol = this.buffer.indexOf(0x0a);
      if (eol < 0) return;
      const header = this.buffer.subarray(0, eol).toString('utf8').split(' ');
      if (header[1] === 'missing' || header.length < 3) {
        this.buffer = this.buffer.subarray(eol + 1);
        this.waiting.shift();
        next.reject(new GitError(`object ${next.oid} is missing from the mirror`, ''));
        continue;
      }
      const size = Number(header[2]);
      if (this.buffer.length < eol + 1 + size + 1) return;
      const content = Buffer.from(this.buffer.subarray(eol + 1, eol + 1 + size));
      this.buffer = this.buffer.subarray(eol + 1 + size + 1);
      this.waiting.shift();
      next.resolve(content);
    }
  }
}
