/**
 * `warroom inspect FILE [--json]`: parse one runbook and print its model — the JSON exactly
 * (`--json`, 2-space indented) or a summary a responder can read.
 */
import { isUserError } from '../../../common/errors';
import type { Runbook } from '../../../common/runbook/model';
import { parseRunbookFile } from '../../runbook/parseRunbookFile';
import type { CliIo } from '../cliIo';
import { parseCommandArgs } from '../parseCommandArgs';

export async function inspectCommand(argv: string[], io: CliIo): Promise<number> {
  // Usage errors are thrown as UsageError; runCli prints them in one line and exits 2, as for every command.
  const { values, positionals } = parseCommandArgs('inspect', argv, { json: { type: 'boolean' } }, { min: 1, max: 1 });
  const json = values.json === true;
  const file = positionals[0]!;
  let runbook: Runbook;
  try {
    runbook = await parseRunbookFile(file);
  } catch (error) {
    if (isUserError(error)) {
      io.stderr(error.message);
      return 1;
    }
    throw error;
  }
  io.stdout(json ? JSON.stringify(runbook, null, 2) : formatSummary(runbook));
  return 0;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function formatMinutes(minutes: number | null): string {
  if (minutes === null) return 'no response time';
  if (minutes === 0) return 'respond immediately';
  if (minutes % 1440 === 0) return `respond within ${plural(minutes / 1440, 'day')}`;
  if (minutes % 60 === 0) return `respond within ${plural(minutes / 60, 'hour')}`;
  return `respond within ${minutes} min`;
}

/** The human summary: what a responder wants to know about a runbook before trusting it. */
export function formatSummary(runbook: Runbook): string {
  const out: string[] = [];
  const at = (line: number) => `${runbook.path}:${line}`;
  out.push(runbook.title, `${runbook.path}  (${runbook.id})`, '');
  out.push(`${plural(runbook.sections.length, 'section')}, ${plural(runbook.steps.length, 'step')}, ${plural(runbook.checklist.length, 'checklist item')}, ${plural(runbook.templates.length, 'template')}`);
  if (runbook.severityLevels.length > 0) {
    out.push('', 'Severity scale:');
    for (const level of runbook.severityLevels) {
      out.push(`  ${level.id}${level.name ? ` — ${level.name}` : ''}: ${formatMinutes(level.responseMinutes)}${level.description ? ` (${level.description})` : ''}`);
    }
  } else {
    out.push('', 'Severity scale: none found (the default SEV1–SEV4 applies)');
  }
  if (runbook.steps.length > 0) {
    out.push('', 'Steps:');
    for (const step of runbook.steps) {
      out.push(`  ${at(step.line)}  ${step.title}  [${step.runnable ? 'shell' : (step.lang ?? 'copy only')}]`);
      if (step.inside) out.push(`      runs inside: ${step.inside.command.split('\n', 1)[0]} (line ${step.inside.line})`);
      for (const command of step.commands) {
        const firstLine = command.text.split('\n', 1)[0]!;
        const more = command.text.includes('\n') ? ' …' : '';
        const flags = [
          command.risk,
          command.client ? `in ${command.client}` : '',
          command.incomplete ? 'INCOMPLETE' : '',
          command.placeholders.length > 0 ? `fill: ${command.placeholders.join(', ')}` : '',
          command.envInputs.length > 0 ? `needs: ${command.envInputs.map((n) => `$${n}`).join(', ')}` : '',
        ].filter(Boolean);
        out.push(`      ${firstLine}${more}   (${flags.join('; ')})`);
        if (command.risk !== 'read' && command.riskReasons.length > 0) out.push(`        ↳ ${command.riskReasons.join('; ')}`);
      }
    }
  }
  if (runbook.templates.length > 0) {
    out.push('', 'Templates:');
    for (const t of runbook.templates) {
      out.push(`  ${at(t.line)}  ${t.title} (${t.kind})${t.placeholders.length > 0 ? `  fill: ${t.placeholders.join(', ')}` : ''}`);
    }
  }
  if (runbook.checklist.length > 0) {
    out.push('', 'Checklist:');
    for (const item of runbook.checklist) out.push(`  [${item.checked ? 'x' : ' '}] ${item.text}`);
  }
  if (runbook.contacts.length > 0) {
    out.push('', 'Contacts:');
    for (const c of runbook.contacts) {
      out.push(`  ${c.escalationOrder !== null ? `${c.escalationOrder}. ` : ''}${c.name}${c.role ? ` (${c.role})` : ''}${c.reach.length > 0 ? `: ${c.reach.join(', ')}` : ''}`);
    }
  }
  if (runbook.links.length > 0) {
    out.push('', 'Links:');
    for (const link of runbook.links) out.push(`  ${link.text} <${link.url}>`);
  }
  out.push('', runbook.diagnostics.length === 0 ? 'No problems found.' : 'Diagnostics:');
  for (const d of runbook.diagnostics) out.push(`  ${at(d.line)}: ${d.level}: ${d.message}`);
  return out.join('\n');
}
