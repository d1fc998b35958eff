import type { IncidentStatus, TimelineEvent } from '../../../electron/common/incident/model';
import { MILESTONE_LABELS, STATUS_LABELS } from '../../../electron/common/incident/clockWords';
import { milestonesClearedBy } from '../../../electron/common/incident/milestones';
import { hostStartedText, hostStoppedText, keptSecretsText } from '../../../electron/common/report/describeEvent';
import { formatStamp } from './timeFormat';

/** The filter groups of the timeline, in the order the filter offers them. */
export const TIMELINE_FILTERS = [
  { id: 'all', label: 'Everything' },
  { id: 'notes', label: 'Notes' },
  { id: 'commands', label: 'Commands' },
  { id: 'state', label: 'Status & severity' },
  { id: 'checklist', label: 'Checklist' },
  { id: 'updates', label: 'Status updates' },
  { id: 'actions', label: 'Action items' },
  { id: 'starred', label: 'Starred' },
] as const;
export type TimelineFilter = (typeof TIMELINE_FILTERS)[number]['id'];

export type EventTone = 'note' | 'command' | 'state' | 'checklist' | 'update' | 'action' | 'quiet';

export interface EventDescription {
  /** A short badge: NOTE, CMD, STATUS… */
  badge: string;
  text: string;
  tone: EventTone;
  group: Exclude<TimelineFilter, 'all' | 'starred'> | 'other';
}

const statusWord = (status: IncidentStatus) => STATUS_LABELS[status] ?? status;

/** One line for one event; a command's exit is added by the timeline, which pairs start and finish. */
export function describeEvent(event: TimelineEvent): EventDescription {
  switch (event.kind) {
    case 'incident.created':
      return { badge: 'OPENED', tone: 'state', group: 'state', text: `Incident opened: ${event.payload.title} · ${event.payload.severity} · ${statusWord(event.payload.status)}${event.payload.commander ? ` · commander ${event.payload.commander}` : ''}` };
    case 'note':
      return { badge: 'NOTE', tone: 'note', group: 'notes', text: event.payload.text };
    case 'title.changed':
      return { badge: 'TITLE', tone: 'state', group: 'state', text: `Title: ${event.payload.to}` };
    case 'impact.changed':
      return { badge: 'IMPACT', tone: 'state', group: 'state', text: `Impact: ${event.payload.to ?? '(cleared)'}` };
    case 'status.changed': {
      const cleared = milestonesClearedBy(event.payload.from, event.payload.to);
      const reopened = event.payload.from === 'resolved' ? 'reopened' : 'moved back';
      const clears = cleared.length ? ` · ${reopened}: ${listWords(cleared.map((name) => MILESTONE_LABELS[name].toLowerCase()))} time${cleared.length === 1 ? '' : 's'} cleared` : '';
      return { badge: 'STATUS', tone: 'state', group: 'state', text: `Status ${statusWord(event.payload.from)} → ${statusWord(event.payload.to)}${clears}` };
    }
    case 'severity.changed':
      return { badge: 'SEVERITY', tone: 'state', group: 'state', text: `Severity ${event.payload.from} → ${event.payload.to}` };
    case 'commander.changed':
      return { badge: 'COMMANDER', tone: 'state', group: 'state', text: event.payload.to ? `Commander handed to ${event.payload.to}${event.payload.from ? ` (from ${event.payload.from})` : ''}` : 'Commander cleared' };
    case 'runbook.attached':
      return { badge: 'RUNBOOK', tone: 'quiet', group: 'other', text: `Runbook attached: ${event.payload.title ?? event.payload.runbookId}` };
    case 'checklist.ticked':
      return { badge: 'CHECK', tone: 'checklist', group: 'checklist', text: `☑ ${event.payload.text ?? event.payload.itemId}` };
    case 'checklist.unticked':
      return { badge: 'UNCHECK', tone: 'checklist', group: 'checklist', text: `☐ ${event.payload.text ?? event.payload.itemId}` };
    case 'command.started':
      return { badge: 'CMD', tone: 'command', group: 'commands', text: event.payload.commandLine };
    case 'command.finished':
      return { badge: 'CMD', tone: 'command', group: 'commands', text: `command finished` };
    case 'statusUpdate.copied':
      return { badge: 'COPIED', tone: 'update', group: 'updates', text: `Status update copied: ${firstLine(event.payload.text)}` };
    case 'statusUpdate.posted':
      return { badge: 'POSTED', tone: 'update', group: 'updates', text: `Status update posted: ${firstLine(event.payload.text)}` };
    case 'star':
      return { badge: 'STAR', tone: 'quiet', group: 'other', text: 'Starred an event' };
    case 'unstar':
      return { badge: 'UNSTAR', tone: 'quiet', group: 'other', text: 'Unstarred an event' };
    case 'actionItem.added':
      return { badge: 'ACTION', tone: 'action', group: 'actions', text: `Action item: ${event.payload.text}${event.payload.owner ? ` — owner ${event.payload.owner}` : ''}` };
    case 'actionItem.edited':
      return { badge: 'ACTION', tone: 'action', group: 'actions', text: `Action item edited: ${event.payload.text}${event.payload.owner ? ` — owner ${event.payload.owner}` : ' — no owner'}` };
    case 'actionItem.done':
      return { badge: 'DONE', tone: 'action', group: 'actions', text: `Action item done: ${event.payload.text}` };
    case 'actionItem.reopened':
      return { badge: 'REOPENED', tone: 'action', group: 'actions', text: `Action item reopened: ${event.payload.text}` };
    case 'capture.paused':
      return { badge: 'CAPTURE', tone: 'quiet', group: 'other', text: 'Capture paused in a terminal' };
    case 'capture.resumed':
      return { badge: 'CAPTURE', tone: 'quiet', group: 'other', text: 'Capture resumed in a terminal' };
    case 'host.stopped':
      return { badge: 'HOST', tone: 'state', group: 'other', text: hostStoppedText(event.payload) };
    case 'host.started':
      return { badge: 'HOST', tone: 'state', group: 'other', text: hostStartedText(event.payload) };
    case 'output.struck':
      return { badge: 'STRUCK', tone: 'quiet', group: 'commands', text: `Output struck from the record${event.payload.reason ? `: ${event.payload.reason}` : ''}` };
    case 'milestone.set':
      return {
        badge: 'MILESTONE',
        tone: 'state',
        group: 'state',
        text:
          event.payload.at === null
            ? `${MILESTONE_LABELS[event.payload.milestone]} returned to the time the timeline gives`
            : `${MILESTONE_LABELS[event.payload.milestone]} moved to ${formatStamp(event.payload.at, false)}`,
      };
    case 'bundle.imported':
      return event.payload.via === 'sync'
        ? { badge: 'SYNC', tone: 'quiet', group: 'other', text: `Synced ${event.payload.eventsAdded} event${event.payload.eventsAdded === 1 ? '' : 's'} from device ${event.payload.fromDeviceId.slice(0, 8)}…` }
        : { badge: 'IMPORT', tone: 'quiet', group: 'other', text: `Imported ${event.payload.eventsAdded} event${event.payload.eventsAdded === 1 ? '' : 's'} from device ${event.payload.fromDeviceId.slice(0, 8)}… (its bundle)` };
    case 'redaction.kept':
      return { badge: 'KEPT', tone: 'state', group: 'other', text: keptSecretsText(event.payload) };
    case 'input.set':
      return { badge: 'INPUT', tone: 'quiet', group: 'other', text: `Input ${event.payload.name} set${event.payload.secret ? ' (secret, hidden)' : `: ${event.payload.value ?? ''}`}` };
  }
}

function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}

/** `a`, `a and b`, `a, b and c`. */
function listWords(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
