/**
 * A timeline row's words and look. The sentence is the one event describer's
 * (electron/common/incident/describeEvent.ts, the report reads the same); this file adds only
 * what a row shows beside it: a badge, a colour tone and the filter group it belongs to.
 */
import type { EventKind, TimelineEvent } from '../../../electron/common/incident/model';
import { describeEvent, plain, type DescribeContext, type Inline } from '../../../electron/common/incident/describeEvent';

/** The filter groups of the timeline, in the order the filter offers them. */
const FILTER_LABELS = {
  all: 'Everything',
  notes: 'Notes',
  commands: 'Commands',
  state: 'Status & severity',
  checklist: 'Checklist',
  updates: 'Status updates',
  actions: 'Action items',
  starred: 'Starred',
} as const;
export type TimelineFilter = keyof typeof FILTER_LABELS;
export const TIMELINE_FILTERS = Object.entries(FILTER_LABELS).map(([id, label]) => ({ id: id as TimelineFilter, label }));

export type EventTone = 'note' | 'command' | 'state' | 'checklist' | 'update' | 'action' | 'quiet';
type EventGroup = Exclude<TimelineFilter, 'all' | 'starred'> | 'other';

export interface EventDescription {
  /** A short badge: NOTE, CMD, STATUS… */
  badge: string;
  /** The describer's sentence, rendered with its code and emphasis. */
  parts: Inline[];
  /** The same sentence as plain text (search, tooltip). */
  text: string;
  tone: EventTone;
  group: EventGroup;
}

/**
 * Which filter group each kind's rows belong to, the tone they take and their badges, group by
 * group. A kind listed in none is a type error (see `UnlistedKinds`).
 */
const GROUPS = [
  ['state', 'state', { 'incident.created': 'OPENED', 'title.changed': 'TITLE', 'impact.changed': 'IMPACT', 'status.changed': 'STATUS', 'severity.changed': 'SEVERITY', 'commander.changed': 'COMMANDER', 'milestone.set': 'MILESTONE' }],
  ['notes', 'note', { note: 'NOTE' }],
  ['commands', 'command', { 'command.started': 'CMD', 'command.finished': 'CMD' }],
  ['commands', 'quiet', { 'output.struck': 'STRUCK' }],
  ['checklist', 'checklist', { 'checklist.ticked': 'CHECK', 'checklist.unticked': 'UNCHECK' }],
  ['updates', 'update', { 'statusUpdate.copied': 'COPIED', 'statusUpdate.posted': 'POSTED' }],
  ['actions', 'action', { 'actionItem.added': 'ACTION', 'actionItem.edited': 'ACTION', 'actionItem.done': 'DONE', 'actionItem.reopened': 'REOPENED' }],
  ['other', 'state', { 'host.stopped': 'HOST', 'host.started': 'HOST', 'redaction.kept': 'KEPT' }],
  ['other', 'quiet', { 'runbook.attached': 'RUNBOOK', star: 'STAR', unstar: 'UNSTAR', 'capture.paused': 'CAPTURE', 'capture.resumed': 'CAPTURE', 'bundle.imported': 'IMPORT', 'input.set': 'INPUT' }],
] as const satisfies readonly (readonly [EventGroup, EventTone, Partial<Record<EventKind, string>>])[];

type KeysOf<T> = T extends unknown ? keyof T : never;
type UnlistedKinds = Exclude<EventKind, KeysOf<(typeof GROUPS)[number][2]>>;
const everyKindListed: UnlistedKinds extends never ? true : UnlistedKinds = true;
void everyKindListed;

const LOOKS = new Map<string, { badge: string; tone: EventTone; group: EventGroup }>(GROUPS.flatMap(([group, tone, badges]) => Object.entries(badges).map(([kind, badge]) => [kind, { badge, tone, group }] as const)));

/** One row's description; a command's exit is added by the timeline, which pairs start and finish. */
export function describeTimelineEvent(event: TimelineEvent, ctx: DescribeContext): EventDescription {
  const { badge, tone, group } = LOOKS.get(event.kind)!;
  const parts = describeEvent(event, ctx);
  return { badge: event.kind === 'bundle.imported' && event.payload.via === 'sync' ? 'SYNC' : badge, parts, text: plain(parts), tone, group };
}
