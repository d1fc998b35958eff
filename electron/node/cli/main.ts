import { isUserError } from '../../common/errors';
import { APP_VERSION } from '../version';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, processIo, type CliIo } from './cliIo';
import { COMMANDS } from './commands';

export function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = [
    `War Room ${APP_VERSION}: an offline console for incident response.`,
    '',
    'Usage: warroom <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}\n  ${' '.repeat(width)}  ${c.usage}`),
    '',
    'Options:',
    '  --help     Show this help.',
    '  --version  Print the version.',
    '',
    'Data directory: --data DIR, else $WARROOM_DATA, else $XDG_DATA_HOME/warroom, else ~/.local/share/warroom.',
  ];
  return lines.join('\n');
}

/**
 * Runs one CLI invocation and returns its exit code; never throws. Only this module, the
 * command table and the version load up front; the command's own code is imported once it is
 * chosen (commands.ts).
 */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.stdout(helpText());
    return first === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (first === '--version' || first === '-v') {
    io.stdout(APP_VERSION);
    return EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === first);
  if (!command) {
    io.stderr(`warroom: unknown command '${first}'. Run 'warroom --help' for the list.`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage}\n\n${command.summary}`);
    return EXIT_OK;
  }
  try {
    const run = await command.load();
    return await run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(error.message);
      return EXIT_USAGE;
    }
    if (isUserError(error)) {
      io.stderr(`warroom ${command.name}: ${error.message}`);
      return EXIT_FAILED;
    }
    io.stderr(`warroom ${command.name}: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_FAILED;
  }
}
