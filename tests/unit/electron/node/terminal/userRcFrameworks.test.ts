import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TerminalHarness } from './terminalHarness';

/**
 * Capture with the start-up frameworks real users have: bash-preexec (a DEBUG trap and a
 * PROMPT_COMMAND of its own, as starship and atuin install) under bash, and oh-my-zsh (its
 * theme, the git plugin and the async git prompt, hooks added at the first prompt) under zsh.
 */
const FRAMEWORKS = process.env.WARROOM_RC_FRAMEWORKS ?? join(__dirname, '../../../../fixtures/rcFrameworks');
const BASH_PREEXEC = join(FRAMEWORKS, 'bash-preexec/bash-preexec.sh');
const OH_MY_ZSH = join(FRAMEWORKS, 'ohmyzsh');
const ZSH = ['/usr/bin/zsh', '/bin/zsh'].find((p) => existsSync(p));

let h: TerminalHarness | undefined;
afterEach(async () => {
  await h?.dispose();
  h = undefined;
});

/** What every integration must keep: exact lines, exit codes, output, cwd, steps; the user's hooks still run. */
async function checkCapture(harness: TerminalHarness, shell: string) {
  const t = await harness.open(shell);
  expect(t.captureOn).toBe(true);
  expect(await harness.type(t.id, 'echo hello')).toMatchObject({ commandLine: 'echo hello', exitCode: 0, output: 'hello', origin: 'typed' });
  await harness.idle(t.id);
  expect(await harness.type(t.id, 'false')).toMatchObject({ commandLine: 'false', exitCode: 1 });
  await harness.idle(t.id);
  expect(await harness.type(t.id, '(exit 3)')).toMatchObject({ commandLine: '(exit 3)', exitCode: 3 });
  await harness.idle(t.id);
  const cd = await harness.type(t.id, 'cd /tmp && printf "a;b\\n"');
  expect(cd).toMatchObject({ commandLine: 'cd /tmp && printf "a;b\\n"', exitCode: 0, output: 'a;b' });
  await harness.idle(t.id);
  expect(harness.host.get(t.id).cwd).toBe('/tmp');
  const step = { runbookId: 'rb', stepId: 'check', runbookHash: 'h' };
  const before = harness.records.length;
  harness.host.runCommand(t.id, 'echo from-step', step);
  expect(await harness.nextRecord(before)).toMatchObject({ commandLine: 'echo from-step', origin: 'step', step, output: 'from-step', exitCode: 0 });
  await harness.idle(t.id);
  // Nothing of the integration leaks onto the screen, and the framework loaded without an error.
  expect(harness.screen.get(t.id)).not.toMatch(/633;|__wr_/);
  expect(harness.screen.get(t.id)).not.toMatch(/no such file|not found|parse error|bad pattern|syntax error/i);
  return t;
}

describe.skipIf(!existsSync(BASH_PREEXEC))('bash with bash-preexec', () => {
  it('records every command, and the user\'s preexec and precmd still run', async () => {
    h = new TerminalHarness({
      '.bashrc': [
        `source '${BASH_PREEXEC}'`,
        'preexec() { printf "preexec:%s\\n" "$1" >> ~/hooks.log; }',
        'precmd() { printf "precmd\\n" >> ~/hooks.log; }',
        "PS1='bp> '",
        '',
      ].join('\n'),
    });
    await checkCapture(h, '/bin/bash');
    const log = readFileSync(join(h.home, 'hooks.log'), 'utf8');
    for (const line of ['echo hello', 'false', '(exit 3)', 'echo from-step']) expect(log).toContain(`preexec:${line}\n`);
    expect(log.match(/^precmd$/gm)?.length).toBeGreaterThanOrEqual(5);
  });
});

describe.skipIf(!ZSH || !existsSync(join(OH_MY_ZSH, 'oh-my-zsh.sh')))('zsh with oh-my-zsh', () => {
  it('records every command under the robbyrussell theme, the git plugin and the async git prompt', async () => {
    h = new TerminalHarness({
      '.zshrc': [
        `export ZSH='${OH_MY_ZSH}'`,
        'ZSH_THEME=robbyrussell',
        'plugins=(git)',
        "zstyle ':omz:update' mode disabled",
        'ZSH_DISABLE_COMPFIX=true',
        'ZSH_CACHE_DIR=~/.cache/oh-my-zsh',
        'source $ZSH/oh-my-zsh.sh',
        'preexec() { print -r -- "preexec:$1" >> ~/hooks.log }',
        '',
      ].join('\n'),
    });
    const t = await checkCapture(h, ZSH!);
    // The theme's prompt is there (its arrow), wrapped by ours.
    expect(h.screen.get(t.id)).toContain('➜');
    const log = readFileSync(join(h.home, 'hooks.log'), 'utf8');
    for (const line of ['echo hello', 'false', 'echo from-step']) expect(log).toContain(`preexec:${line}\n`);
    // An alias of the git plugin, in a repository: the async git prompt runs beside the command.
    expect(await h.type(t.id, 'cd ~ && git init -q repo && cd repo && gst')).toMatchObject({ exitCode: 0 });
  });
});
