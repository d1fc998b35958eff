import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { ShellKind } from '../../common/terminal/model';
import {
  BASH_INTEGRATION,
  BASH_RCFILE,
  ZSH_INTEGRATION,
  ZSH_ZLOGIN,
  ZSH_ZPROFILE,
  ZSH_ZSHENV,
  ZSH_ZSHRC,
} from './shellScripts';

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
    const bashIntegration = this.write('integration.bash', BASH_INTEGRATION);
    this.bashRc = this.write('rcfile.bash', BASH_RCFILE.replace('__WR_INTEGRATION__', bashIntegration));
    const zshIntegration = this.write('integration.zsh', ZSH_INTEGRATION);
    this.zdotdir = join(this.dir, 'zdotdir');
    mkdirSync(this.zdotdir, { mode: 0o700 });
    this.write('zdotdir/.zshenv', ZSH_ZSHENV);
    this.write('zdotdir/.zprofile', ZSH_ZPROFILE);
    this.write('zdotdir/.zshrc', ZSH_ZSHRC);
    this.write('zdotdir/.zlogin', ZSH_ZLOGIN.replace('__WR_ZSH_INTEGRATION__', zshIntegration));
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
