import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { ShellKind } from '../../common/terminal/model';
// The shell side of the integration: scripts of their own (shellcheck and `zsh -n` read them
// in `npm run lint`), imported as their text (see scripts/textAssets.mjs).
//
// Protocol (docs/terminals.md): `ESC ] 633 ; <code> [; <arg>] ; <nonce> BEL` with
// A prompt start, B input start, C output start, D;<exit> finished, E;<cmdline> exact command
// line, P;Cwd=<dir>. Values escape `\` as `\\` and `;` and control characters as `\xAB`.
// Everything is emitted with `builtin printf`, so the nonce never reaches a child's argv.
import bashIntegration from './shell/bashIntegration.sh';
import bashRcfile from './shell/bashRcfile.sh';
import zshForward from './shell/zshForward.zsh';
import zshIntegration from './shell/zshIntegration.zsh';
import zshLogin from './shell/zshLogin.zsh';
import zshNonce from './shell/zshNonce.zsh';

export interface ShellLaunch {
  file: string;
  args: string[];
  env: Record<string, string>;
  kind: ShellKind;
  /** Secret that every integration sequence of this session carries; undefined without integration. */
  nonce: string | undefined;
}

/** Bytes of randomness in a session nonce: 128 bits cannot be guessed by output that tries. */
const NONCE_BYTES = 16;

export function shellKindOf(shellPath: string): ShellKind {
  const name = basename(shellPath).replace(/^-/, '');
  if (name === 'bash' || name.startsWith('bash-') || name.startsWith('bash5')) return 'bash';
  if (name === 'zsh' || name.startsWith('zsh-')) return 'zsh';
  return 'other';
}

/**
 * Owns the private directory holding the integration scripts (0700, one per host) and
 * prepares how each shell is launched so the integration runs after the user's own
 * start-up files, without touching them.
 */
export class ShellIntegration {
  readonly dir: string;
  private readonly bashRc: string;
  private readonly zdotdir: string;

  constructor(tempRoot: string = tmpdir()) {
    this.dir = mkdtempSync(join(tempRoot, 'warroom-shell-'));
    chmodSync(this.dir, 0o700);
    // bash: `bash --rcfile RCFILE -i` (a login shell would ignore --rcfile): the rcfile sources
    // what a login shell would, then ~/.bashrc, then the integration.
    const bashScript = this.write('integration.bash', bashIntegration);
    this.bashRc = this.write('rcfile.bash', bashRcfile.replace('__WR_INTEGRATION__', bashScript));
    // zsh: our ZDOTDIR's files take the nonce, then forward to the user's own (restoring
    // ZDOTDIR around each); the last of a login shell hands ZDOTDIR back and integrates.
    const zshScript = this.write('integration.zsh', zshIntegration);
    const forward = (file: string) => zshForward.replaceAll('__WR_USER_FILE__', file);
    this.zdotdir = join(this.dir, 'zdotdir');
    mkdirSync(this.zdotdir, { mode: 0o700 });
    this.write('zdotdir/.zshenv', zshNonce + forward('.zshenv'));
    this.write('zdotdir/.zprofile', forward('.zprofile'));
    this.write('zdotdir/.zshrc', forward('.zshrc'));
    this.write('zdotdir/.zlogin', forward('.zlogin') + zshLogin.replace('__WR_ZSH_INTEGRATION__', zshScript));
  }

  /** How to start `shellPath` with integration; `env` is the environment the shell should see. */
  launch(shellPath: string, env: Record<string, string>): ShellLaunch {
    const kind = shellKindOf(shellPath);
    if (kind === 'other') return { file: shellPath, args: [], env, kind, nonce: undefined };
    const nonce = randomBytes(NONCE_BYTES).toString('hex');
    // The nonce travels in a file the shell deletes once read, not in the environment:
    // a process's initial environment stays readable in /proc/PID/environ.
    const nonceFile = join(this.dir, `nonce-${randomBytes(8).toString('hex')}`);
    writeFileSync(nonceFile, nonce + '\n', { mode: 0o600 });
    const shellEnv: Record<string, string> = { ...env, WARROOM_NONCE_FILE: nonceFile };
    if (kind === 'bash') return { file: shellPath, args: ['--rcfile', this.bashRc, '-i'], env: shellEnv, kind, nonce };
    if (env.ZDOTDIR !== undefined) shellEnv.WARROOM_USER_ZDOTDIR = env.ZDOTDIR;
    shellEnv.ZDOTDIR = this.zdotdir;
    return { file: shellPath, args: ['-l', '-i'], env: shellEnv, kind, nonce };
  }

  /** A 0600 file in the private dir, e.g. the inputs a shell sources once and deletes. */
  writePrivateFile(prefix: string, text: (path: string) => string): string {
    const path = join(this.dir, `${prefix}-${randomBytes(8).toString('hex')}.sh`);
    writeFileSync(path, text(path), { mode: 0o600 });
    return path;
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private write(name: string, text: string): string {
    const path = join(this.dir, name);
    writeFileSync(path, text, { mode: 0o600 });
    return path;
  }
}
