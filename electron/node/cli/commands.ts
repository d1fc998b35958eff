import type { CliIo } from './cliIo';

export type CommandRun = (argv: string[], io: CliIo) => Promise<number>;

export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  /**
   * Imports the command's module (a chunk of its own in the build) and returns its run
   * function: a command loads only what it needs, and `--version`, `--help` or a wrong
   * command line load none.
   */
  load: () => Promise<CommandRun>;
}

/** Every command of the product brief, in the order `--help` lists them. */
export const COMMANDS: CliCommand[] = [
  {
    name: 'serve',
    usage: 'warroom serve [--port N] [--host 127.0.0.1] [--data DIR] [--runbooks DIR]... [--no-open]',
    summary: 'Serve the console to a browser on loopback; prints the URL (with its secret token) to open.',
    load: () => import('./commands/serveCommand').then((m) => m.serveCommand),
  },
  {
    name: 'inspect',
    usage: 'warroom inspect FILE [--json]',
    summary: 'Parse a runbook and print its model (steps, risks, placeholders, severities, templates).',
    load: () => import('./commands/inspectCommand').then((m) => m.inspectCommand),
  },
  {
    name: 'lint',
    usage: 'warroom lint DIR|FILE',
    summary: 'Report runbook problems with file:line.',
    load: () => import('./commands/lintCommand').then((m) => m.lintCommand),
  },
  {
    name: 'incidents',
    usage: 'warroom incidents [--data DIR] [--json]',
    summary: 'List the incidents in the data directory.',
    load: () => import('./commands/incidentsCommand').then((m) => m.incidentsCommand),
  },
  {
    name: 'export',
    usage: 'warroom export INCIDENT|latest --format md|html|pdf|json|cast [--out FILE|-] [--data DIR] [--time-zone ZONE] [--keep ID]... [--list-redactions]',
    summary:
      'Export an incident report or bundle, with secrets redacted. Without --out, writes a file named after the incident in the current folder; --out - prints md/html/json to stdout. cast writes one file per terminal session (-1, -2… before the extension). --list-redactions shows what is redacted and the ids --keep takes.',
    load: () => import('./commands/exportCommand').then((m) => m.exportCommand),
  },
  {
    name: 'import',
    usage: 'warroom import BUNDLE [--data DIR]',
    summary: "Merge a teammate's exported JSON bundle into the same incident (or create it); duplicates are skipped, chains verified.",
    load: () => import('./commands/importCommand').then((m) => m.importCommand),
  },
  {
    name: 'sync',
    usage: 'warroom sync [--remote URL] [--data DIR] [--private INCIDENT]... [--share INCIDENT]...',
    summary:
      "Sync the data dir's incidents with the team's git remote (a bare repository path, file://, ssh://host/path or user@host:path; remembered after the first use): pulls teammates' events, pushes this device's, redacted. --private marks an incident never to sync, --share undoes it.",
    load: () => import('./commands/syncCommand').then((m) => m.syncCommand),
  },
];
