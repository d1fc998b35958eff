/**
 * Applies redaction to a whole bundle, so every format rendered from it (Markdown, HTML, PDF,
 * JSON) carries the same redactions. A timeline event whose payload changed keeps its digest
 * and chain head but loses its salt — exactly what the store does — so the exported chain still
 * verifies and the secret cannot be confirmed by hashing guesses.
 */
import type { Bundle, BundleEvent } from './bundle';
import { excerptOutput } from './outputExcerpt';
import { Redactor, type RedactionFinding, type RedactorOptions } from './redaction';

export interface RedactedBundle {
  bundle: Bundle;
  findings: RedactionFinding[];
}

/** Longest command line quoted in a preview's "where": enough to recognise it. */
const WHERE_COMMAND_CHARS = 60;

export interface RedactBundleOptions extends RedactorOptions {
  /**
   * For the Markdown/HTML/PDF report: outputs become their report excerpt, and only the shown
   * parts are scanned. The JSON bundle redacts every output whole.
   */
  excerptOutputs?: boolean;
}

export function redactBundle(source: Bundle, options: RedactBundleOptions = {}): RedactedBundle {
  const redactor = new Redactor(options);
  // The preview's "where" quotes command lines and notes: always fully redacted, whatever is kept.
  const quiet = new Redactor({ secrets: options.secrets });
  const clip = (text: string) => clipText(quiet.redact(text, ''));
  const commandNumber = new Map(source.commands.map((c, i) => [c.id, i + 1]));
  const commandName = (id: string, line: string) => `Command ${commandNumber.get(id) ?? '?'} (${clip(line)})`;

  const incident = {
    ...source.incident,
    title: redactor.redact(source.incident.title, 'Incident title'),
    impact: source.incident.impact === null ? null : redactor.redact(source.incident.impact, 'Incident impact'),
  };

  const events = source.events.map((event): BundleEvent => {
    const where = () => describePlace(event, commandName, clip);
    const payload = redactValue(event.payload, (text) => redactor.redact(text, where)) as Record<string, unknown>;
    if (payload === event.payload) return event;
    return { ...event, payload, salt: null, redacted: true };
  });

  const commands = source.commands.map((command) => {
    const name = commandName(command.id, command.commandLine);
    const commandLine = redactor.redact(command.commandLine, `${name}: command line`);
    const cwd = command.cwd === null ? null : redactor.redact(command.cwd, `${name}: working directory`);
    // A step's title is often its leading comment, written beside the command: scanned like it.
    const stepTitle = command.step?.title ? redactor.redact(command.step.title, `${name}: runbook step title`) : null;
    const step = command.step && stepTitle !== null && stepTitle !== command.step.title ? { ...command.step, title: stepTitle } : command.step;
    if (options.excerptOutputs) {
      const outputExcerpt = command.output === null || command.output === '' ? undefined : excerptOutput(command.output, (piece) => redactor.matches(piece, `${name}: output`));
      return { ...command, step, commandLine, cwd, output: null, outputExcerpt };
    }
    const output = command.output === null ? null : redactor.redact(command.output, `${name}: output`);
    if (commandLine === command.commandLine && cwd === command.cwd && output === command.output && step === command.step) return command;
    return { ...command, step, commandLine, cwd, output };
  });

  const variables = source.variables.map((v) =>
    v.value === null ? v : { ...v, value: redactor.redact(v.value, `Incident input ${v.name}`) },
  );

  const bundle: Bundle = { ...source, incident, events, commands, variables, redaction: redactor.summary() };
  return { bundle, findings: redactor.findings() };
}

/** Returns the same object when nothing inside changed, so callers can tell. */
function redactValue(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((item) => {
      const next = redactValue(item, redact);
      if (next !== item) changed = true;
      return next;
    });
    return changed ? out : value;
  }
  if (value !== null && typeof value === 'object') {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const next = redactValue(item, redact);
      if (next !== item) changed = true;
      out[key] = next;
    }
    return changed ? out : value;
  }
  return value;
}

function describePlace(event: BundleEvent, commandName: (id: string, line: string) => string, clip: (text: string) => string): string {
  const p = event.payload as { commandId?: string; commandLine?: string; text?: string };
  switch (event.kind) {
    case 'command.started':
      return `${commandName(p.commandId ?? '', p.commandLine ?? '')}: timeline entry`;
    case 'note':
      return `Note ${clip(p.text ?? '')}`;
    case 'statusUpdate.copied':
    case 'statusUpdate.posted':
      return 'Status update';
    case 'actionItem.added':
    case 'actionItem.edited':
    case 'actionItem.done':
    case 'actionItem.reopened':
      return 'Action item';
    default:
      return `Timeline event ${event.kind}`;
  }
}

function clipText(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > WHERE_COMMAND_CHARS ? `${flat.slice(0, WHERE_COMMAND_CHARS - 1)}…` : flat;
}
