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

/** Badge, tone and filter group per kind; a kind missing here is a type error. */
const LOOKS: Record<EventKind, [badge: string, tone: EventTone, group: EventGroup]> = {
  'incident.created': ['OPENED', 'state', 'state'],
  note: ['NOTE', 'note', 'notes'],
  'title.changed': ['TITLE', 'state', 'state'],
  'impact.changed': ['IMPACT', 'state', 'state'],
  'status.changed': ['STATUS', 'state', 'state'],
  'severity.changed': ['SEVERITY', 'state', 'state'],
  'commander.changed': ['COMMANDER', 'state', 'state'],
  'runbook.attached': ['RUNBOOK', 'quiet', 'other'],
  'checklist.ticked': ['CHECK', 'checklist', 'checklist'],
  'checklist.unticked': ['UNCHECK', 'checklist', 'checklist'],
  'command.started': ['CMD', 'command', 'commands'],
  'command.finished': ['CMD', 'command', 'commands'],
  'statusUpdate.copied': ['COPIED', 'update', 'updates'],
  'statusUpdate.posted': ['POSTED', 'update', 'updates'],
  star: ['STAR', 'quiet', 'other'],
  unstar: ['UNSTAR', 'quiet', 'other'],
  'actionItem.added': ['ACTION', 'action', 'actions'],
  'actionItem.edited': ['ACTION', 'action', 'actions'],
  'actionItem.done': ['DONE', 'action', 'actions'],
  'actionItem.reopened': ['REOPENED', 'action', 'actions'],
  'capture.paused': ['CAPTURE', 'quiet', 'other'],
  'capture.resumed': ['CAPTURE', 'quiet', 'other'],
  'host.stopped': ['HOST', 'state', 'other'],
  'host.started': ['HOST', 'state', 'other'],
  'output.struck': ['STRUCK', 'quiet', 'commands'],
  'milestone.set': ['MILESTONE', 'state', 'state'],
  'bundle.imported': ['IMPORT', 'quiet', 'other'],
  'redaction.kept': ['KEPT', 'state', 'other'],
  'input.set': ['INPUT', 'quiet', 'other'],
};

/** One row's description; a command's exit is added by the timeline, which pairs start and finish. */
export function describeTimelineEvent(event: TimelineEvent, ctx: DescribeContext): EventDescription {
  const [badge, tone, group] = LOOKS[event.kind];
  const parts = describeEvent(event, ctx);
  return { badge: event.kind === 'bundle.imported' && event.payload.via === 'sync' ? 'SYNC' : badge, parts, text: plain(parts), tone, group };
}
