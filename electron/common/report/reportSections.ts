/**
 * The report's standard sections, each built from the (already redacted) bundle. The
 * sections for humans — root cause, resolution, lessons — come pre-filled with what the
 * timeline knows and a TO COMPLETE box, never with invented conclusions.
 */
import { deriveActionItems } from '../incident/actionItems';
import { MILESTONE_LABELS, STATUS_LABELS, TIME_TO_WORDS, timeTo } from '../incident/clockWords';
import { MILESTONE_NAMES } from '../incident/model';
import { compareTimelineOrder } from '../incident/timelineOrder';
import type { Bundle, BundleCommand, BundleEvent } from './bundle';
import { describeEvent, oneLine, stepLabel, stepTitleKey, type DescribeContext } from '../incident/describeEvent';
import { clockFacts } from './clockFacts';
import { estimateClockOffsets, type ClockEstimate } from './clockOffsets';
import { formatDuration, type ReportClock } from './reportClock';
import { OUTPUT_HEAD_LINES, OUTPUT_TAIL_LINES, excerptOutput } from './outputExcerpt';
import type { Block, CommandView, Inline, ReportSection } from './reportModel';

/** Everything the section builders share, computed once per report. */
export interface ReportContext {
  bundle: Bundle;
  clock: ReportClock;
  describe: DescribeContext;
  /** Events in timeline order: when they happened, ties by id (merged timelines interleave devices). */
  timeline: BundleEvent[];
  /** Events starred at export time (a later `unstar` removes one). */
  starred: BundleEvent[];
  commandsById: Map<string, BundleCommand>;
  /** Each recording device's clock against the exporter's, as far as the record proves it. */
  clocks: ClockEstimate;
  /** A device id short enough for a sentence (its first 8 characters, unless two share them). */
  deviceName(deviceId: string): string;
}

export function createReportContext(bundle: Bundle, clock: ReportClock): ReportContext {
  const eventsById = new Map(bundle.events.map((e) => [e.id, e]));
  const commandLines = new Map(bundle.commands.map((c) => [c.id, c.commandLine]));
  const runbookTitles = new Map(bundle.runbooks.map((r) => [r.id, r.title]));
  for (const e of bundle.events) {
    if (e.kind === 'runbook.attached') {
      const p = e.payload as { runbookId: string; title: string | null };
      if (p.title && !runbookTitles.has(p.runbookId)) runbookTitles.set(p.runbookId, p.title);
    }
  }
  const stepTitles = new Map<string, string>();
  for (const c of bundle.commands) if (c.step?.title) stepTitles.set(stepTitleKey(c.step.runbookId, c.step.stepId), c.step.title);
  const timeline = [...bundle.events].sort(compareTimelineOrder);
  const starredIds = new Set<string>();
  for (const e of bundle.events) {
    const target = (e.payload as { eventId?: string }).eventId;
    if (e.kind === 'star' && target) starredIds.add(target);
    if (e.kind === 'unstar' && target) starredIds.delete(target);
  }
  const starred = timeline.filter((e) => starredIds.has(e.id));
  const clocks = estimateClockOffsets(bundle);
  const prefixes = new Map<string, number>();
  for (const d of clocks.devices) prefixes.set(d.deviceId.slice(0, DEVICE_NAME_CHARS), (prefixes.get(d.deviceId.slice(0, DEVICE_NAME_CHARS)) ?? 0) + 1);
  const deviceName = (id: string) => (prefixes.get(id.slice(0, DEVICE_NAME_CHARS)) === 1 ? id.slice(0, DEVICE_NAME_CHARS) : id);
  return {
    bundle,
    clock,
    describe: { dateTime: (ms) => clock.dateTime(ms), deviceName, commandLines, eventsById, runbookTitles, stepTitles },
    timeline,
    starred,
    commandsById: new Map(bundle.commands.map((c) => [c.id, c])),
    clocks,
    deviceName,
  };
}

/** Device ids are 32 hex characters; 8 tell a handful of devices apart and fit a sentence. */
const DEVICE_NAME_CHARS = 8;

export function factsBlock(ctx: ReportContext): Block {
  const { incident, milestones } = ctx.bundle;
  const rows: { label: string; value: Inline[] }[] = [
    { label: 'Severity', value: [{ strong: incident.severity }] },
    { label: 'Status', value: [STATUS_LABELS[incident.status] ?? incident.status] },
    { label: 'Commander', value: [incident.commander ?? '—'] },
    { label: 'Impact', value: [incident.impact ?? '—'] },
  ];
  if (milestones.detected.at !== null) rows.push({ label: 'Detected', value: [ctx.clock.dateTime(milestones.detected.at)] });
  const end = milestones.resolved.at;
  if (end !== null && milestones.detected.at !== null) rows.push({ label: 'Duration', value: [formatDuration(end - milestones.detected.at)] });
  rows.push({ label: 'Incident id', value: [{ code: incident.id }] });
  rows.push(...respondersFact(ctx));
  rows.push(...clockFacts(ctx.clocks, ctx.deviceName));
  return { type: 'facts', rows };
}

/**
 * A timeline several people or devices recorded (a team sync, an imported bundle) names every
 * responder with the device they recorded on, in the order they first appear.
 */
function respondersFact(ctx: ReportContext): { label: string; value: Inline[] }[] {
  const seen = new Map<string, { actor: string; deviceId: string }>();
  for (const e of ctx.bundle.events) {
    const key = `${e.deviceId}/${e.actor}`;
    if (!seen.has(key)) seen.set(key, { actor: e.actor, deviceId: e.deviceId });
  }
  const responders = [...seen.values()];
  if (responders.length < 2) return [];
  const value: Inline[] = [];
  for (const r of responders) {
    if (value.length > 0) value.push(', ');
    value.push(`${r.actor} on `, { code: ctx.deviceName(r.deviceId) }, r.deviceId === ctx.bundle.deviceId ? ' (this device)' : '');
  }
  return [{ label: 'Responders', value }];
}

export function summarySection(ctx: ReportContext, prompt?: string): ReportSection {
  const { incident, milestones, commands } = ctx.bundle;
  const blocks: Block[] = [];
  if (ctx.starred.length > 0) {
    blocks.push({ type: 'paragraph', content: [{ strong: 'Key events' }, ' (starred by the responders):'] });
    blocks.push({ type: 'list', items: ctx.starred.map((e) => [{ strong: ctx.clock.time(e.occurredAt) }, ' — ', ...describeEvent(e, ctx.describe)]) });
  }
  const failed = commands.filter((c) => c.exitCode !== null && c.exitCode !== 0).length;
  const notes = ctx.bundle.events.filter((e) => e.kind === 'note').length;
  const posted = ctx.bundle.events.filter((e) => e.kind === 'statusUpdate.posted').length;
  const detected = milestones.detected.at;
  const sentence: Inline[] = [`“${incident.title}” was a ${incident.severity} incident`];
  if (detected !== null) sentence.push(`, detected ${ctx.clock.dateTime(detected)}`);
  if (milestones.resolved.at !== null && detected !== null) {
    sentence.push(` and resolved ${ctx.clock.dateTime(milestones.resolved.at)}, after ${formatDuration(milestones.resolved.at - detected)}`);
  } else {
    sentence.push(`; at export it was still ${STATUS_LABELS[incident.status]?.toLowerCase() ?? incident.status}`);
  }
  sentence.push(
    `. ${commands.length} command${commands.length === 1 ? ' was' : 's were'} run (${failed} failed), ${notes} note${notes === 1 ? '' : 's'} taken and ${posted} status update${posted === 1 ? '' : 's'} posted.`,
  );
  blocks.push({ type: 'paragraph', content: sentence });
  blocks.push({ type: 'todo', content: [prompt ?? 'Two or three sentences for readers who were not there: what users saw, for how long, what fixed it.'] });
  return { id: 'summary', title: 'Summary', blocks };
}

export function milestonesSection(ctx: ReportContext): ReportSection {
  const m = ctx.bundle.milestones;
  // A bundle exported before "identified" was a milestone has none: it shows as unknown.
  const rows = MILESTONE_NAMES.map((name): Inline[][] => {
    const milestone = m[name] ?? { at: null, source: 'derived' };
    const since = timeTo(m, name);
    return [
      [{ strong: MILESTONE_LABELS[name] }],
      [milestone.at === null ? '—' : ctx.clock.dateTime(milestone.at)],
      [name === 'detected' ? '' : since === null ? '—' : `${TIME_TO_WORDS[name]}: ${formatDuration(since)}`],
      [milestone.source === 'set' ? 'set by hand' : milestone.at === null ? '' : 'from the timeline'],
    ];
  });
  return { id: 'milestones', title: 'Milestones', blocks: [{ type: 'table', head: ['Milestone', 'Time', 'Since detected', 'Source'], rows, className: 'milestones' }] };
}

export function timelineSection(ctx: ReportContext): ReportSection {
  const starred = new Set(ctx.starred.map((e) => e.id));
  let lastDate = '';
  const rows = ctx.timeline.map((event): Inline[][] => {
    const date = ctx.clock.date(event.occurredAt);
    const time = date === lastDate ? ctx.clock.time(event.occurredAt) : ctx.clock.dateTime(event.occurredAt);
    lastDate = date;
    const what = describeEvent(event, ctx.describe);
    if (starred.has(event.id)) what.unshift('★ ');
    // "Happened at" a minute or more before it was written down: say when it was recorded.
    if (event.recordedAt - event.occurredAt >= 60_000) what.push({ em: ` (recorded ${ctx.clock.dateTime(event.recordedAt)})` });
    if (event.redacted) what.push({ em: ' (redacted)' });
    return [[time], [event.actor], what];
  });
  return {
    id: 'timeline',
    title: 'Timeline',
    blocks: [
      {
        type: 'paragraph',
        content: [
          `${rows.length} events, in the order they happened. Times are ${ctx.clock.zoneLabel}.`,
          ctx.clocks.devices.filter((d) => d.events > 0).length > 1
            ? ` Events come from ${ctx.clocks.devices.filter((d) => d.events > 0).length} devices, each time as its own device’s clock read it (see the clock facts at the top).`
            : '',
        ],
      },
      { type: 'table', head: ['Time', 'Who', 'What'], rows, className: 'timeline' },
    ],
  };
}

export function commandsSection(ctx: ReportContext): ReportSection {
  const { commands } = ctx.bundle;
  if (commands.length === 0) return { id: 'commands', title: 'Commands', blocks: [{ type: 'paragraph', content: ['No commands were recorded.'] }] };
  const started = new Map(ctx.bundle.events.map((e) => [e.id, e]));
  const blocks: Block[] = commands.map((command, i): Block => ({ type: 'command', command: commandView(ctx, command, i + 1, started.get(command.eventId)?.payload) }));
  const failed = commands.filter((c) => c.exitCode !== null && c.exitCode !== 0).length;
  blocks.unshift({ type: 'paragraph', content: [`${commands.length} commands, ${failed} with a non-zero exit. Long output shows its first ${OUTPUT_HEAD_LINES} and last ${OUTPUT_TAIL_LINES} lines; the JSON bundle has all of it.`] });
  return { id: 'commands', title: 'Commands', blocks };
}

/** `started` is the command's `command.started` payload: where it ran, as recorded (and redacted) there. */
function commandView(ctx: ReportContext, command: BundleCommand, number: number, started: Record<string, unknown> | undefined): CommandView {
  const trimmed = command.outputExcerpt ?? (command.output === null || command.output === '' ? null : excerptOutput(command.output));
  const step = command.step ? stepLabel(command.step, ctx.describe) : null;
  return {
    number,
    at: ctx.clock.dateTime(command.startedAt),
    commandLine: command.commandLine,
    cwd: command.cwd,
    terminal: recordedText(started?.terminal),
    host: recordedText(started?.host),
    exitCode: command.exitCode,
    duration: command.endedAt === null ? null : formatDuration(command.endedAt - command.startedAt),
    step,
    output: trimmed?.text ?? null,
    omittedLines: trimmed?.omittedLines ?? 0,
    struck: command.outputStruck,
    truncatedAtSource: command.outputTruncated,
  };
}

function recordedText(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

export function checklistSection(ctx: ReportContext): ReportSection {
  const { runbooks, checklist } = ctx.bundle;
  const state = new Map(checklist.map((c) => [`${c.runbookId}\u0000${c.itemId}`, c]));
  const blocks: Block[] = [];
  const runbookIds = [...new Set([...ctx.bundle.incident.runbookIds, ...checklist.map((c) => c.runbookId)])];
  const tickedTexts = new Map<string, string>();
  for (const e of ctx.bundle.events) {
    const p = e.payload as { runbookId?: string; itemId?: string; text?: string | null };
    if ((e.kind === 'checklist.ticked' || e.kind === 'checklist.unticked') && p.text) tickedTexts.set(`${p.runbookId}\u0000${p.itemId}`, p.text);
  }
  for (const runbookId of runbookIds) {
    const runbook = runbooks.find((r) => r.id === runbookId);
    const items = runbook
      ? runbook.checklist.map((item) => ({ id: item.id, text: item.text }))
      : checklist.filter((c) => c.runbookId === runbookId).map((c) => ({ id: c.itemId, text: tickedTexts.get(`${runbookId}\u0000${c.itemId}`) ?? c.itemId }));
    if (items.length === 0) continue;
    const done = items.filter((item) => state.get(`${runbookId}\u0000${item.id}`)?.checked).length;
    blocks.push({ type: 'paragraph', content: [{ strong: ctx.describe.runbookTitles.get(runbookId) ?? runbookId }, `: ${done} of ${items.length} done`] });
    blocks.push({
      type: 'checklist',
      items: items.map((item) => {
        const s = state.get(`${runbookId}\u0000${item.id}`);
        return { checked: s?.checked === true, content: s?.checked ? [item.text, { em: ` — ${s.by}, ${ctx.clock.time(s.at)}` }] : [item.text] };
      }),
    });
  }
  if (blocks.length === 0) blocks.push({ type: 'paragraph', content: ['No runbook checklist was attached to this incident.'] });
  return { id: 'checklist', title: 'Checklist', blocks };
}

export function statusUpdatesSection(ctx: ReportContext): ReportSection {
  const blocks: Block[] = [];
  const posted = ctx.timeline.filter((e) => e.kind === 'statusUpdate.posted');
  for (const e of posted) {
    const p = e.payload as { text: string; channel: string | null };
    blocks.push({ type: 'paragraph', content: [{ strong: ctx.clock.dateTime(e.occurredAt) }, ` — posted by ${e.actor}${p.channel ? ` to ${p.channel}` : ''}:`] });
    blocks.push({ type: 'quote', text: p.text });
  }
  const postedTexts = new Set(posted.map((e) => (e.payload as { text: string }).text));
  const unsent = ctx.timeline.filter((e) => e.kind === 'statusUpdate.copied' && !postedTexts.has((e.payload as { text: string }).text));
  if (unsent.length > 0) {
    blocks.push({ type: 'paragraph', content: [`${unsent.length} more update${unsent.length === 1 ? ' was' : 's were'} copied but never marked as sent:`] });
    blocks.push({ type: 'list', items: unsent.map((e) => [ctx.clock.dateTime(e.occurredAt), ' — ', oneLine((e.payload as { text: string }).text)]) });
  }
  if (blocks.length === 0) blocks.push({ type: 'paragraph', content: ['No status updates were recorded as sent.'] });
  return { id: 'status-updates', title: 'Status updates', blocks };
}

/** Events between two times, for the pre-filled human sections. */
function eventsBetween(ctx: ReportContext, from: number | null, to: number | null, kinds: readonly string[]): BundleEvent[] {
  return ctx.timeline.filter((e) => kinds.includes(e.kind) && (from === null || e.occurredAt >= from) && (to === null || e.occurredAt <= to));
}

function firstStatusAt(ctx: ReportContext, status: string): number | null {
  const e = ctx.timeline.find((x) => x.kind === 'status.changed' && (x.payload as { to: string }).to === status);
  return e ? e.occurredAt : null;
}

function eventList(ctx: ReportContext, events: BundleEvent[]): Block {
  return { type: 'list', items: events.map((e) => [{ strong: ctx.clock.time(e.occurredAt) }, ' — ', ...describeEvent(e, ctx.describe)]) };
}

export function rootCauseSection(ctx: ReportContext, prompt?: string): ReportSection {
  const identified = firstStatusAt(ctx, 'identified');
  const blocks: Block[] = [];
  if (identified !== null) {
    blocks.push({ type: 'paragraph', content: [`The cause was marked identified at ${ctx.clock.dateTime(identified)}. Notes up to then:`] });
    const notes = eventsBetween(ctx, null, identified, ['note']);
    blocks.push(notes.length > 0 ? eventList(ctx, notes.slice(-10)) : { type: 'paragraph', content: [{ em: 'none recorded' }] });
  } else {
    blocks.push({ type: 'paragraph', content: ['The timeline does not record the moment the cause was identified.'] });
  }
  blocks.push({ type: 'todo', content: [prompt ?? 'The technical cause, and why it was possible.'] });
  return { id: 'root-cause', title: 'Root cause', blocks };
}

export function resolutionSection(ctx: ReportContext, prompt?: string): ReportSection {
  const m = ctx.bundle.milestones;
  const from = firstStatusAt(ctx, 'mitigating') ?? firstStatusAt(ctx, 'identified');
  const to = m.mitigated.at ?? m.resolved.at;
  const blocks: Block[] = [];
  if (to !== null) blocks.push({ type: 'paragraph', content: [`Mitigated ${ctx.clock.dateTime(to)}${m.resolved.at !== null ? `; resolved ${ctx.clock.dateTime(m.resolved.at)}` : ''}.`] });
  const changes = eventsBetween(ctx, from, to, ['command.started']).filter((e) => {
    const c = ctx.commandsById.get((e.payload as { commandId: string }).commandId);
    return c?.exitCode === 0;
  });
  if (from !== null && changes.length > 0) {
    blocks.push({ type: 'paragraph', content: ['Commands that succeeded while mitigating:'] });
    blocks.push(eventList(ctx, changes.slice(-15)));
  }
  blocks.push({ type: 'todo', content: [prompt ?? 'What restored service, and what is still temporary.'] });
  return { id: 'resolution', title: 'Resolution', blocks };
}

export function actionItemsSection(ctx: ReportContext, prompt?: string): ReportSection {
  const items = deriveActionItems(ctx.timeline);
  const blocks: Block[] = [];
  if (items.length > 0) {
    const done = items.filter((item) => item.done).length;
    blocks.push({ type: 'paragraph', content: [`${items.length - done} open, ${done} done at export.`] });
    blocks.push({
      type: 'table',
      head: ['Action', 'Owner', 'Status', 'Recorded'],
      rows: items.map((item): Inline[][] => [
        [item.text],
        [item.owner ?? '—'],
        item.done && item.doneAt !== null ? [{ strong: 'Done' }, ` — ${item.doneBy ?? ''}, ${ctx.clock.dateTime(item.doneAt)}`] : ['Open'],
        [ctx.clock.dateTime(item.addedAt), item.editedAt !== null ? { em: ` (edited ${ctx.clock.dateTime(item.editedAt)})` } : ''],
      ]),
      className: 'action-items',
    });
  } else {
    blocks.push({ type: 'paragraph', content: ['No action items were recorded during the incident.'] });
  }
  blocks.push({ type: 'todo', content: [prompt ?? 'Confirm owners and due dates; add the follow-ups agreed in the review.'] });
  return { id: 'action-items', title: 'Action items', blocks };
}

export function lessonsSection(_ctx: ReportContext, prompt?: string): ReportSection {
  return {
    id: 'lessons',
    title: 'Lessons learned',
    blocks: [{ type: 'todo', content: [prompt ?? 'What went well, what went badly, where we got lucky.'] }],
  };
}

export function inputsSection(ctx: ReportContext): ReportSection | null {
  const { variables } = ctx.bundle;
  if (variables.length === 0) return null;
  return {
    id: 'inputs',
    title: 'Incident inputs',
    blocks: [
      {
        type: 'table',
        head: ['Input', 'Value'],
        rows: variables.map((v) => [[{ code: v.name }], v.secret || v.value === null ? [{ em: 'secret — not exported' }] : [{ code: v.value }]]),
      },
    ],
  };
}

export function integritySection(ctx: ReportContext): ReportSection {
  const { chains, events } = ctx.bundle;
  const redacted = events.filter((e) => e.redacted).length;
  const rows = chains.map((c): Inline[][] => [[{ code: c.deviceId }], [String(c.events)], [{ code: c.head }], [c.ok ? 'verified' : `FAILED at ${c.firstBadEventId ?? '?'}: ${c.problem ?? ''}`]]);
  const summary = Object.entries(ctx.bundle.redaction.redacted).map(([kind, n]) => `${kind} ×${n}`);
  return {
    id: 'integrity',
    title: 'Record integrity',
    blocks: [
      { type: 'paragraph', content: ['Each recording device keeps a hash chain over its timeline events. Compare these heads with a later copy of the record: any change, removal or insertion of an event changes them.'] },
      { type: 'table', head: ['Device', 'Events', 'Chain head', 'Check'], rows, className: 'chains' },
      {
        type: 'paragraph',
        content: [
          summary.length > 0 ? `Redacted in this export: ${summary.join(', ')}.` : 'Nothing was redacted in this export.',
          redacted > 0 ? ` ${redacted} timeline event${redacted === 1 ? ' carries' : 's carry'} a redacted payload (digest kept, salt dropped, so the chain still verifies).` : '',
          ctx.bundle.redaction.kept > 0 ? ` ${ctx.bundle.redaction.kept} detected secret${ctx.bundle.redaction.kept === 1 ? ' was' : 's were'} deliberately kept in clear by the exporter.` : '',
        ],
      },
    ],
  };
}
