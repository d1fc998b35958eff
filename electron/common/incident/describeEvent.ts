/**
 * Every timeline event kind in words: the one sentence table that the console's timeline and
 * the report (Markdown, HTML, PDF) both read. A sentence is a list of inline parts (plain text,
 * `code`, **strong**, _emphasis_), so each reader renders it its own way (escaped Markdown,
 * HTML, React elements) or flattens it with `plain`. A `switch` over the kinds with a
 * compile-time exhaustiveness check: a new kind without words is a type error.
 */
import { MILESTONE_LABELS, STATUS_LABELS, formatDuration } from './clockWords';
import { milestonesClearedBy } from './milestones';
import type { EventKind, EventPayloads } from './model';

/** Plain text, `code`, **strong** or _emphasis_; no nesting (a sentence needs none). */
export type Inline = string | { code: string } | { strong: string } | { em: string };

/** What the describer reads of an event: a stored event and a bundle's event both fit. */
export interface DescribableEvent {
  kind: string;
  payload: unknown;
}

/** A keyed lookup: a `Map`, or anything that answers `get` (the console builds its indexes only when asked). */
export interface Lookup<V> {
  get(key: string): V | undefined;
}

/** What an event needs to be described beyond itself. Lookups may miss: the sentence then says less. */
export interface DescribeContext {
  /** An instant in words (the report's clock, or the console's display). */
  dateTime(ms: number): string;
  /** A device id short enough for a sentence. */
  deviceName(deviceId: string): string;
  /** commandId → command line (for `command.finished` and `output.struck`). */
  commandLines: Lookup<string>;
  /** eventId → event (for stars and edited action items). */
  eventsById: Lookup<DescribableEvent>;
  /** runbookId → title. */
  runbookTitles: Lookup<string>;
  /** `runbookId \0 stepId` → the step's title, where it could be resolved. */
  stepTitles: Lookup<string>;
}

/**
 * `Runbook title › Step title` for a command run from a runbook step. The step's id stands in
 * only where no title is known (the runbook left the library before the export).
 */
export function stepLabel(step: { runbookId: string; stepId: string }, ctx: Pick<DescribeContext, 'runbookTitles' | 'stepTitles'>): string {
  return `${ctx.runbookTitles.get(step.runbookId) ?? step.runbookId} › ${ctx.stepTitles.get(stepTitleKey(step.runbookId, step.stepId)) ?? step.stepId}`;
}

export function stepTitleKey(runbookId: string, stepId: string): string {
  return `${runbookId}\u0000${stepId}`;
}

/** Longest quote of another event inside a star's (or an edit's) description. */
const QUOTE_CHARS = 80;

export function describeEvent(event: DescribableEvent, ctx: DescribeContext): Inline[] {
  const kind = event.kind as EventKind;
  const p = event.payload as never;
  switch (kind) {
    case 'incident.created': {
      const x = p as EventPayloads['incident.created'];
      return [`Incident opened: `, { strong: x.title }, ` (${x.severity}, ${statusWord(x.status)}${x.commander ? `, commander ${x.commander}` : ''})`];
    }
    case 'note':
      return ['Note: ', (p as EventPayloads['note']).text];
    case 'title.changed': {
      const x = p as EventPayloads['title.changed'];
      return [`Title changed from “${x.from}” to “${x.to}”`];
    }
    case 'impact.changed': {
      const x = p as EventPayloads['impact.changed'];
      return x.to ? ['Impact set to: ', x.to] : ['Impact cleared'];
    }
    case 'status.changed': {
      const x = p as EventPayloads['status.changed'];
      const cleared = milestonesClearedBy(x.from, x.to).map((name) => MILESTONE_LABELS[name].toLowerCase());
      const clears = cleared.length ? ` (${x.from === 'resolved' ? 'reopened' : 'moved back'}: ${listWords(cleared)} time${cleared.length === 1 ? '' : 's'} cleared)` : '';
      return ['Status: ', statusWord(x.from), ' → ', { strong: statusWord(x.to) }, clears];
    }
    case 'severity.changed': {
      const x = p as EventPayloads['severity.changed'];
      return ['Severity: ', x.from, ' → ', { strong: x.to }];
    }
    case 'commander.changed': {
      const x = p as EventPayloads['commander.changed'];
      if (!x.to) return [`Commander role released${x.from ? ` by ${x.from}` : ''}`];
      return x.from ? [`Commander handed over from ${x.from} to `, { strong: x.to }] : ['Commander: ', { strong: x.to }];
    }
    case 'runbook.attached': {
      const x = p as EventPayloads['runbook.attached'];
      return ['Runbook attached: ', x.title ?? ctx.runbookTitles.get(x.runbookId) ?? x.runbookId];
    }
    case 'checklist.ticked':
    case 'checklist.unticked': {
      const x = p as EventPayloads['checklist.ticked'];
      return [kind === 'checklist.ticked' ? 'Checklist item done: ' : 'Checklist item unticked: ', x.text ?? x.itemId];
    }
    case 'command.started': {
      const x = p as EventPayloads['command.started'];
      const parts: Inline[] = ['Ran ', { code: oneLine(x.commandLine) }];
      if (x.cwd) parts.push(` in ${x.cwd}`);
      const where = [x.terminal ? `in ${x.terminal}` : '', x.host ? `on ${x.host}` : ''].filter(Boolean).join(' ');
      if (where) parts.push(`${x.cwd ? ',' : ''} ${where}`);
      if (x.step) parts.push(` (runbook step ${stepLabel(x.step, ctx)})`);
      return parts;
    }
    case 'command.finished': {
      const x = p as EventPayloads['command.finished'];
      const line = ctx.commandLines.get(x.commandId);
      return [
        line === undefined ? 'Command finished' : { code: oneLine(line) },
        line === undefined ? ': ' : ' finished: ',
        { strong: x.exitCode === null ? 'no exit code' : `exit ${x.exitCode}` },
        ` after ${formatDuration(x.durationMs)}${x.outputTruncated ? ' (output kept head and tail only)' : ''}`,
      ];
    }
    case 'statusUpdate.copied':
      return ['Status update copied (not yet marked sent): ', firstLine((p as EventPayloads['statusUpdate.copied']).text)];
    case 'statusUpdate.posted': {
      const x = p as EventPayloads['statusUpdate.posted'];
      return [`Status update posted${x.channel ? ` to ${x.channel}` : ''}: `, firstLine(x.text)];
    }
    case 'star':
    case 'unstar': {
      const target = ctx.eventsById.get((p as EventPayloads['star']).eventId);
      const quoted = target ? plain(describeEvent(target, ctx)) : 'an event';
      return [`${kind === 'star' ? 'Starred' : 'Unstarred'}: `, { em: clip(quoted, QUOTE_CHARS) }];
    }
    case 'actionItem.added': {
      const x = p as EventPayloads['actionItem.added'];
      return ['Action item: ', x.text, x.owner ? ` (owner: ${x.owner})` : ''];
    }
    case 'actionItem.edited': {
      const x = p as EventPayloads['actionItem.edited'];
      // Named by the words it was recorded with, so the reader can tell which item changed.
      const added = ctx.eventsById.get(x.itemId);
      const was = added?.kind === 'actionItem.added' ? (added.payload as EventPayloads['actionItem.added']).text : null;
      return [was !== null && was !== x.text ? `Action item “${clip(was, QUOTE_CHARS)}” edited: ` : 'Action item edited: ', x.text, ` (owner: ${x.owner ?? 'none'})`];
    }
    case 'actionItem.done':
      return ['Action item done: ', (p as EventPayloads['actionItem.done']).text];
    case 'actionItem.reopened':
      return ['Action item reopened: ', (p as EventPayloads['actionItem.reopened']).text];
    case 'capture.paused':
      return ['Capture paused in a terminal (commands there are not recorded until it resumes)'];
    case 'capture.resumed':
      return ['Capture resumed in a terminal'];
    case 'host.stopped': {
      const x = p as EventPayloads['host.stopped'];
      return [`War Room host stopped: ${x.shellsEnded} shell${x.shellsEnded === 1 ? '' : 's'} ended with it`];
    }
    case 'host.started': {
      const x = p as EventPayloads['host.started'];
      return [`War Room host started again; the ${x.shellsEnded === 1 ? 'shell' : `${x.shellsEnded} shells`} open before the stop had ended`];
    }
    case 'output.struck': {
      const x = p as EventPayloads['output.struck'];
      const line = ctx.commandLines.get(x.commandId);
      return ['Output struck from the record', line ? ' for ' : '', line ? { code: oneLine(line) } : '', x.reason ? ` (${x.reason})` : ''];
    }
    case 'milestone.set': {
      const x = p as EventPayloads['milestone.set'];
      const label = MILESTONE_LABELS[x.milestone] ?? x.milestone;
      return x.at === null ? [`${label} returned to the time the timeline gives`] : [`${label} moved to ${ctx.dateTime(x.at)}`];
    }
    case 'input.set': {
      const x = p as EventPayloads['input.set'];
      return x.secret || x.value === null ? [`Secret input `, { code: x.name }, ' set (value not recorded)'] : ['Input ', { code: x.name }, ' set to ', { code: x.value }];
    }
    case 'bundle.imported': {
      const x = p as EventPayloads['bundle.imported'];
      const events = `${x.eventsAdded} event${x.eventsAdded === 1 ? '' : 's'}`;
      if (x.via === 'sync') return [`Synced ${events} from device `, { code: ctx.deviceName(x.fromDeviceId) }, ` (written ${ctx.dateTime(x.exportedAt)} by that device's clock)`];
      return [`Imported ${events} from a bundle of device `, { code: ctx.deviceName(x.fromDeviceId) }, ` (exported ${ctx.dateTime(x.exportedAt)} by that device's clock)`];
    }
    case 'redaction.kept': {
      // `Exported as md keeping 2 secrets in clear (…): GitHub PAT (3×), Password in a URL (1×)`.
      const x = p as EventPayloads['redaction.kept'];
      const n = x.secrets.length;
      return [`Exported as ${x.format} keeping ${n} secret${n === 1 ? '' : 's'} in clear (chosen in the redaction preview): ${x.secrets.map((s) => `${s.label} (${s.count}×)`).join(', ')}`];
    }
    default: {
      const unknownKind: never = kind;
      return [`Event ${String(unknownKind)}`];
    }
  }
}

/** The sentence as plain text (search, tooltips, quotes). */
export function plain(content: readonly Inline[]): string {
  // A loop, not map/join: the console flattens every row of a 50 000-event timeline.
  let text = '';
  for (const part of content) text += typeof part === 'string' ? part : 'code' in part ? part.code : 'strong' in part ? part.strong : part.em;
  return text;
}

/** A multi-line text as its first line and how many lines follow. */
export function oneLine(text: string): string {
  if (text.indexOf('\n') < 0) return text;
  const lines = text.split('\n');
  return `${lines[0]} …(+${lines.length - 1} lines)`;
}

export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function statusWord(status: string): string {
  return STATUS_LABELS[status as keyof typeof STATUS_LABELS] ?? status;
}

function firstLine(text: string): string {
  return oneLine(text.trim());
}

/** `a`, `a and b`, `a, b and c`. */
function listWords(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
