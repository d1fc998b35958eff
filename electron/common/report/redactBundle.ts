/**
 * Applies redaction to a whole bundle, so every format rendered from it (Markdown, HTML, PDF,
 * JSON) carries the same redactions. Two passes (redaction.ts): every text of the incident is
 * learned first — title, impact, every event, every command line and its full output, the
 * inputs, and whatever else the caller exports with it (terminal recordings) — then every
 * text is redacted, so a secret found anywhere is hidden everywhere.
 *
 * A timeline event whose payload changed keeps its digest and chain head but loses its salt —
 * exactly what the store does — so the exported chain still verifies and the secret cannot be
 * confirmed by hashing guesses.
 */
import type { Bundle, BundleCommand, BundleEvent } from './bundle';
import { excerptOutput } from './outputExcerpt';
import { Redactor, type RedactionFinding, type RedactorOptions } from './redaction';
import type { Detection } from './secretScanner';

export interface RedactedBundle {
  bundle: Bundle;
  findings: RedactionFinding[];
  /** The redactor, with everything learned: what else leaves with this export goes through it. */
  redactor: Redactor;
}

/** Longest command line or note quoted in a preview's "where": enough to recognise it. */
const WHERE_COMMAND_CHARS = 60;

export interface RedactBundleOptions extends RedactorOptions {
  /**
   * For the Markdown/HTML/PDF report: outputs become their report excerpt, and only the shown
   * parts are redacted (every output is still learned whole). The JSON bundle redacts every
   * output whole.
   */
  excerptOutputs?: boolean;
  /** The rules' findings in a command's output; a caller may keep them between exports (outputs reach megabytes). */
  scanOutput?: (command: BundleCommand) => readonly Detection[];
  /** Learns the other texts leaving with this export (terminal recordings), before anything is redacted. */
  learnAlso?: (redactor: Redactor) => void;
}

export function redactBundle(source: Bundle, options: RedactBundleOptions = {}): RedactedBundle {
  const redactor = new Redactor(options);

  // Pass 1: learn every secret of the incident.
  const outputFindings = new Map<string, readonly Detection[]>();
  redactor.learn(source.incident.title);
  if (source.incident.impact !== null) redactor.learn(source.incident.impact);
  for (const event of source.events) forEachString(event.payload, (text) => void redactor.learn(text));
  for (const command of source.commands) {
    redactor.learn(command.commandLine);
    if (command.cwd !== null) redactor.learn(command.cwd);
    if (command.step?.title) redactor.learn(command.step.title);
    if (command.output) outputFindings.set(command.id, redactor.learn(command.output, options.scanOutput?.(command)));
  }
  for (const v of source.variables) if (v.value !== null) redactor.learn(v.value);
  options.learnAlso?.(redactor);

  // Pass 2: redact. The preview's "where" quotes command lines and notes, always fully masked.
  const clip = (text: string) => clipText(redactor.maskAll(text));
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
    // A step's title is often its leading comment, written beside the command: redacted like it.
    const stepTitle = command.step?.title ? redactor.redact(command.step.title, `${name}: runbook step title`) : null;
    const step = command.step && stepTitle !== null && stepTitle !== command.step.title ? { ...command.step, title: stepTitle } : command.step;
    const detections = outputFindings.get(command.id) ?? [];
    if (options.excerptOutputs) {
      const outputExcerpt =
        command.output === null || command.output === ''
          ? undefined
          : excerptOutput(command.output, (piece, offset) => redactor.matches(piece, `${name}: output`, within(detections, offset, piece.length)));
      return { ...command, step, commandLine, cwd, output: null, outputExcerpt };
    }
    const output = command.output === null ? null : redactor.redact(command.output, `${name}: output`, detections);
    if (commandLine === command.commandLine && cwd === command.cwd && output === command.output && step === command.step) return command;
    return { ...command, step, commandLine, cwd, output };
  });

  const variables = source.variables.map((v) => (v.value === null ? v : { ...v, value: redactor.redact(v.value, `Incident input ${v.name}`) }));

  const bundle: Bundle = { ...source, incident, events, commands, variables, redaction: redactor.summary() };
  return { bundle, findings: redactor.findings(), redactor };
}

/** The findings wholly inside `[offset, offset + length)`, relative to it. */
function within(detections: readonly Detection[], offset: number, length: number): Detection[] {
  const out: Detection[] = [];
  for (const d of detections) if (d.start >= offset && d.end <= offset + length) out.push({ ...d, start: d.start - offset, end: d.end - offset });
  return out;
}

function forEachString(value: unknown, visit: (text: string) => void): void {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) for (const item of value) forEachString(item, visit);
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) forEachString(item, visit);
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
      return `Note “${clip(p.text ?? '')}”`;
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
