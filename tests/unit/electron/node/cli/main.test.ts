import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../../electron/node/cli/main';
import { COMMANDS } from '../../../../../electron/node/cli/commands';
import packageJson from '../../../../../package.json';
import { capture } from './captureIo';

describe('warroom CLI', () => {
  it('--help lists every command of the brief', async () => {
    const { io, out } = capture();
    expect(await runCli(['--help'], io)).toBe(0);
    const help = out.join('\n');
    for (const name of ['serve', 'inspect', 'lint', 'incidents', 'export', 'import']) expect(help).toMatch(new RegExp(`^  ${name} `, 'm'));
    for (const command of COMMANDS) expect(help).toContain(command.usage);
    expect(help).toContain('--no-open');
  });

  it('--version prints the package version', async () => {
    const { io, out } = capture();
    expect(await runCli(['--version'], io)).toBe(0);
    expect(out).toEqual([packageJson.version]);
  });

  it.each([
    [['frobnicate'], "warroom: unknown command 'frobnicate'. Run 'warroom --help' for the list."],
    [['serve', '--bogus'], "warroom serve: unknown option '--bogus'. Run 'warroom --help'."],
    [['serve', '--port', 'eighty'], "warroom serve: --port must be a number from 0 to 65535, not 'eighty'."],
    [['serve', '--port', '70000'], "warroom serve: --port must be a number from 0 to 65535, not '70000'."],
    [['serve', 'extra'], "warroom serve: unexpected argument 'extra'. Run 'warroom --help'."],
    [['inspect'], "warroom inspect: missing argument. Run 'warroom --help'."],
    [['inspect', '--bogus', 'a.md'], "warroom inspect: unknown option '--bogus'. Run 'warroom --help'."],
    [['inspect', 'a.md', 'b.md'], "warroom inspect: unexpected argument 'b.md'. Run 'warroom --help'."],
    [['lint'], "warroom lint: missing argument. Run 'warroom --help'."],
    [['lint', '--fix', '.'], "warroom lint: unknown option '--fix'. Run 'warroom --help'."],
    [['lint', 'a', 'b'], "warroom lint: unexpected argument 'b'. Run 'warroom --help'."],
  ])('%j is refused with one line on stderr and exit 2', async (argv, message) => {
    const { io, out, err } = capture();
    expect(await runCli(argv, io)).toBe(2);
    expect(err).toEqual([message]);
    expect(out).toEqual([]);
  });

  it('no command at all prints the help and exits 2', async () => {
    const { io, out } = capture();
    expect(await runCli([], io)).toBe(2);
    expect(out.join('\n')).toContain('Usage: warroom <command>');
  });
});
