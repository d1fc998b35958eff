import type { CliIo } from './cliIo';
import { inspectCommand } from './commands/inspectCommand';
import { lintCommand } from './commands/lintCommand';
import { exportCommand } from './commands/exportCommand';
import { importCommand } from './commands/importCommand';
import { incidentsCommand } from './commands/incidentsCommand';
import { serveCommand } from './commands/serveCommand';

export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  /** Absent while the command is not built yet; `--help` says so. */
  run?: (argv: string[], io: CliIo) => Promise<number>;
}

/** Every command of the product brief, in the order `--help` lists them. */
export const COMMANDS: CliCommand[] = [
  {
    name: 'serve',
    usage: 'warroom serve [--port N] [--host 127.0.0.1] [--data DIR] [--runbooks DIR]... [--no-open]',
    summary: 'Serve the console to a browser on loopback; prints the URL (with its secret token) to open.',
    run: serveCommand,
  },
  {
    name: 'inspect',
    usage: 'warroom inspect FILE [--json]',
    summary: 'Parse a runbook and print its model (steps, risks, placeholders, severities, templates).',
    run: inspectCommand,
  },
  {
    name: 'lint',
    usage: 'warroom lint DIR|FILE',
    summary: 'Report runbook problems with file:line.',
    run: lintCommand,
  },
  {
    name: 'incidents',
    usage: 'warroom incidents [--data DIR] [--json]',
    summary: 'List the incidents in the data directory.',
    run: incidentsCommand,
  },
  {
    name: 'export',
    usage: 'warroom export INCIDENT|latest --format md|html|pdf|json|cast [--out FILE|-] [--data DIR] [--time-zone ZONE] [--keep ID]... [--list-redactions]',
    summary:
      'Export an incident report or bundle, with secrets redacted. Without --out, writes a file named after the incident in the current folder; --out - prints md/html/json to stdout. cast writes one file per terminal session (-1, -2… before the extension). --list-redactions shows what is redacted and the ids --keep takes.',
    run: exportCommand,
  },
  {
    name: 'import',
    usage: 'warroom import BUNDLE [--data DIR]',
    summary: "Merge a teammate's exported JSON bundle into the same incident (or create it); duplicates are skipped, chains verified.",
    run: importCommand,
  },
];
