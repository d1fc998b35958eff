/**
 * The packaged app has the RunAsNode fuse off, so `ELECTRON_RUN_AS_NODE` cannot
 * turn it into a Node for the CLI; instead `War Room --cli export …` runs the
 * CLI inside main, before any window or lock. This module holds no Electron so
 * its parsing is unit-tested.
 */

/** The switch that turns the app into its CLI; everything after it is the CLI's argv. */
export const CLI_SWITCH = '--cli';

/**
 * The CLI's arguments when this launch asks for the CLI, else null. `argv` is
 * `process.argv`: the executable, then (unpackaged only) the app's main script,
 * then the app's own arguments. Chromium switches may come before `--cli`
 * (`--no-sandbox --cli lint ./runbooks`); nothing after `--cli` is read as the app's.
 */
export function cliArgsFrom(argv: readonly string[]): string[] | null {
  // argv[0] is the executable; a path that happens to be "--cli" cannot be it.
  const at = argv.indexOf(CLI_SWITCH, 1);
  return at === -1 ? null : argv.slice(at + 1);
}
