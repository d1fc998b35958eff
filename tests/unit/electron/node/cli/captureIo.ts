import type { CliIo } from '../../../../../electron/node/cli/cliIo';

/** A CliIo that keeps what a command printed, line by line, for the CLI tests. */
export function capture(): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) }, out, err };
}
