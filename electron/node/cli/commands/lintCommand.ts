/**
 * `warroom lint DIR|FILE`: reports runbook problems as `file:line: level: message` — files
 * that are not runbooks, unterminated fences, incomplete commands, commands the risk rules
 * cannot classify, placeholder syntax that will not be recognised, and the parser's warnings
 * and errors. Exit 1 when anything at warning level or worse is found, else 0.
 */
import { stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { isUserError } from '../../../common/errors';
import type { Diagnostic, Runbook } from '../../../common/runbook/model';
import { findPlaceholderOddities } from '../../../common/runbook/placeholderOddities';
import { listRunbookFiles } from '../../library/listRunbookFiles';
import { parseRunbookFile } from '../../runbook/parseRunbookFile';
import type { CliIo } from '../cliIo';
import { parseCommandArgs } from '../parseCommandArgs';

export interface LintProblem extends Diagnostic {
  file: string;
}

/** Problems in one parsed runbook, beyond its own diagnostics. */
export function lintRunbook(runbook: Runbook): Diagnostic[] {
  const problems: Diagnostic[] = runbook.diagnostics.filter((d) => d.level !== 'info');
  const seen = new Set(problems.map((d) => `${d.line}\u0000${d.message}`));
  const add = (d: Diagnostic) => {
    const key = `${d.line}\u0000${d.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(d);
    }
  };
  for (const step of runbook.steps) {
    for (const command of step.commands) {
      const first = command.text.split('\n', 1)[0]!;
      const quoted = first.length > 60 ? `${first.slice(0, 60)}…` : first;
      if (command.risk === 'unknown' && !command.incomplete) {
        add({
          level: 'warning',
          message: `cannot classify \`${quoted}\` (risk unknown: it will always ask before it runs); add a risk rule or use a known command`,
          line: command.line,
        });
      }
      if (command.incomplete && !problems.some((p) => p.line === command.line)) {
        add({ level: 'warning', message: `incomplete command \`${quoted}\` cannot run as written`, line: command.line });
      }
      // SQL and REPL lines have their own syntax (`a <> b` is "not equal"): only shell is checked.
      if (command.client) continue;
      for (const oddity of findPlaceholderOddities(command.text, command.placeholders)) {
        add({ level: 'warning', message: oddity.message, line: command.line + oddity.lineOffset });
      }
    }
  }
  return problems.sort((a, b) => a.line - b.line);
}

export async function lintCommand(argv: string[], io: CliIo): Promise<number> {
  // Usage errors are thrown as UsageError; runCli prints them in one line and exits 2, as for every command.
  const { positionals } = parseCommandArgs('lint', argv, {}, { min: 1, max: 1 });
  const target = positionals[0]!;
  let files: string[];
  let base: string | null = null;
  try {
    const info = await stat(target);
    if (info.isDirectory()) {
      files = listRunbookFiles(target);
      base = target;
    } else {
      files = [target];
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr(`Cannot lint ${target}: ${code === 'ENOENT' ? 'no such file or folder; check the path' : `cannot be read (${code ?? String(error)})`}.`);
    return 1;
  }
  const counts = { error: 0, warning: 0, info: 0 };
  let filesWithProblems = 0;
  for (const file of files) {
    const shown = base === null ? file : join(base, relative(base, file));
    let problems: Diagnostic[];
    try {
      problems = lintRunbook(await parseRunbookFile(file));
    } catch (error) {
      if (!isUserError(error)) throw error;
      problems = [{ level: 'error', message: error.message.replace(/^Cannot read runbook [^:]*: /, ''), line: 1 }];
    }
    if (problems.length > 0) filesWithProblems++;
    for (const p of problems) {
      counts[p.level]++;
      io.stdout(`${shown}:${p.line}: ${p.level}: ${p.message}`);
    }
  }
  const total = counts.error + counts.warning;
  io.stdout(
    total === 0
      ? `${files.length === 1 ? '1 runbook' : `${files.length} runbooks`} checked, no problems.`
      : `${total} problem${total === 1 ? '' : 's'} (${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}) in ${filesWithProblems} of ${files.length} runbook${files.length === 1 ? '' : 's'}.`,
  );
  return total > 0 ? 1 : 0;
}
