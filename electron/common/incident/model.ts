/**
 * The incident data model shared by the host (which stores it) and every client (which shows
 * it). Pure TypeScript: no Node, no Electron. Times are milliseconds since the Unix epoch (UTC);
 * clients format them in local time or UTC.
 */

export const INCIDENT_STATUSES = ['investigating', 'identified', 'mitigating', 'monitoring', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export function isIncidentStatus(value: unknown): value is IncidentStatus {
  return typeof value === 'string' && (INCIDENT_STATUSES as readonly string[]).includes(value);
}

/** Severity ids come from the runbook's own scale (`SEV1`, `P2`, …), so they are plain strings. */
export type SeverityId = string;

export interface Incident {
  id: string;
  title: string;
  severity: SeverityId;
  status: IncidentStatus;
  commander: string | null;
  impact: string | null;
  /** Runbooks attached to the incident, in the order they were attached. */
  runbookIds: string[];
  createdAt: number;
  /** Time of the last change of any kind, including timeline events. */
  updatedAt: number;
  /** The incident's newest event sequence number: a client that has it is up to date. */
  lastSeq: number;
}

/** Where a command came from when it was run from a runbook step. */
export interface StepRef {
  runbookId: string;
  stepId: string;
  /** Content hash of the runbook version the step was taken from. */
  runbookHash: string;
}

export interface CommandRecord {
  id: string;
  incidentId: string;
  /** The terminal session (one shell process) the command ran in. */
  sessionId: string;
  step: StepRef | null;
  commandLine: string;
  cwd: string | null;
  startedAt: number;
  endedAt: number | null;
  exitCode: number | null;
  /** What the user saw, as rendered text; head and tail only past the cap. Null once struck. */
  output: string | null;
  outputTruncated: boolean;
  /** The responder struck this output from the record (an `output.struck` event says so). */
  outputStruck: boolean;
}

export const MILESTONE_NAMES = ['detected', 'acknowledged', 'identified', 'mitigated', 'resolved'] as const;
export type MilestoneName = (typeof MILESTONE_NAMES)[number];

/** The payload of each timeline event kind. */
export interface EventPayloads {
  /** The incident as it was opened. */
  'incident.created': Pick<Incident, 'title' | 'severity' | 'status' | 'commander' | 'impact' | 'runbookIds'>;
  /** A note; the event's `occurredAt` is the "happened at" time the responder gave. */
  note: { text: string };
  'title.changed': { from: string; to: string };
  'impact.changed': { from: string | null; to: string | null };
  'status.changed': { from: IncidentStatus; to: IncidentStatus };
  'severity.changed': { from: SeverityId; to: SeverityId };
  'commander.changed': { from: string | null; to: string | null };
  'runbook.attached': { runbookId: string; title: string | null; runbookHash: string | null };
  'checklist.ticked': { runbookId: string; itemId: string; text: string | null };
  'checklist.unticked': { runbookId: string; itemId: string; text: string | null };
  'command.started': {
    commandId: string;
    sessionId: string;
    commandLine: string;
    cwd: string | null;
    step: StepRef | null;
    /** The terminal tab's name and the machine it ran on, as the tab showed them; absent in events recorded before they were kept. */
    terminal?: string | null;
    host?: string | null;
  };
  'command.finished': {
    commandId: string;
    exitCode: number | null;
    durationMs: number;
    outputTruncated: boolean;
  };
  /** A filled communication template was copied to the clipboard (not yet sent). */
  'statusUpdate.copied': { text: string; templateId: string | null };
  /** The responder says the update went out; `occurredAt` is when. */
  'statusUpdate.posted': { text: string; templateId: string | null; channel: string | null };
  star: { eventId: string };
  unstar: { eventId: string };
  'actionItem.added': { text: string; owner: string | null };
  /** An action item's new text and owner; `itemId` is its `actionItem.added` event. */
  'actionItem.edited': { itemId: string; text: string; owner: string | null };
  /** Marked done; `text` is the item's text then, so the record reads on its own. */
  'actionItem.done': { itemId: string; text: string };
  /** Open again after being marked done. */
  'actionItem.reopened': { itemId: string; text: string };
  'capture.paused': { sessionId: string };
  'capture.resumed': { sessionId: string };
  /** The War Room host stopped while this incident had shells: they ended with it. */
  'host.stopped': { shellsEnded: number };
  /** A host started and found this incident's tabs from a run that stopped: `shellsEnded` shells had ended with it. */
  'host.started': { shellsEnded: number };
  /** A command's output was removed from the record (it held a secret). */
  'output.struck': { commandId: string; reason: string | null };
  /** Sets (or with `at: null` clears) a milestone by hand, overriding the derived time. */
  'milestone.set': { milestone: MilestoneName; at: number | null };
  /** An incident input was set. Secret values are never on the timeline: `value` is null. */
  'input.set': { name: string; secret: boolean; value: string | null };
  /**
   * This device merged another device's bundle into the incident (written only when it added
   * events). The times are the other devices' clocks, this event's `recordedAt` is this
   * device's: an export happens before its import, which bounds the clocks' offset.
   */
  'bundle.imported': {
    /** The device that exported the bundle. */
    fromDeviceId: string;
    /** When it exported it, by its clock. */
    exportedAt: number;
    eventsAdded: number;
    /** Per device in the bundle: its newest `recordedAt` there, by that device's clock. */
    latestRecordedAt: Record<string, number>;
    /** `sync` when the events came through the team sync (git), absent for a bundle file. */
    via?: 'sync';
  };
  /**
   * An export (or a sync) left secrets in clear because the responder chose to keep them in
   * the redaction preview: which rules found them and how often, never the values.
   */
  'redaction.kept': { format: string; secrets: { kind: string; label: string; count: number }[] };
}

export type EventKind = keyof EventPayloads;

/**
 * Kinds a caller may append as they are. The others change incident state as well (status,
 * checklist, commands, inputs…) and are written by the store method that keeps both in step.
 */
export const FREE_EVENT_KINDS = [
  'note',
  'statusUpdate.copied',
  'statusUpdate.posted',
  'star',
  'unstar',
  'actionItem.added',
  'actionItem.edited',
  'actionItem.done',
  'actionItem.reopened',
  'capture.paused',
  'capture.resumed',
  'host.stopped',
  'host.started',
  'milestone.set',
  'redaction.kept',
] as const satisfies readonly EventKind[];

/** Every kind: those only a store method writes, then the free ones. */
export const EVENT_KINDS = [
  'incident.created',
  'title.changed',
  'impact.changed',
  'status.changed',
  'severity.changed',
  'commander.changed',
  'runbook.attached',
  'checklist.ticked',
  'checklist.unticked',
  'command.started',
  'command.finished',
  'output.struck',
  'input.set',
  'bundle.imported',
  ...FREE_EVENT_KINDS,
] as const satisfies readonly EventKind[];

// Compile-time proof that EVENT_KINDS lists every kind: a kind missing here is an error.
type MissingKinds = Exclude<EventKind, (typeof EVENT_KINDS)[number]>;
const everyKindListed: MissingKinds extends never ? true : MissingKinds = true;
void everyKindListed;

export type FreeEventKind = (typeof FREE_EVENT_KINDS)[number];

export function isEventKind(value: unknown): value is EventKind {
  return typeof value === 'string' && (EVENT_KINDS as readonly string[]).includes(value);
}

export function isFreeEventKind(value: unknown): value is FreeEventKind {
  return typeof value === 'string' && (FREE_EVENT_KINDS as readonly string[]).includes(value);
}

interface TimelineEventBase {
  /** ULID: sorts by recording time. */
  id: string;
  incidentId: string;
  /** Per-incident sequence number in storage order, 1, 2, 3…; clients resume "after N". */
  seq: number;
  /** When it happened; the responder may set it ("happened at"). */
  occurredAt: number;
  /** When this device wrote it. */
  recordedAt: number;
  /** The device that recorded it; each device keeps its own hash chain. */
  deviceId: string;
  actor: string;
  /** sha256(salt ‖ canonical fields), hex. */
  digest: string;
  /** This device's chain head after this event, hex. */
  chainHead: string;
  /** The payload was redacted: it no longer matches the digest, which the chain still covers. */
  redacted: boolean;
}

/** One timeline event; narrowing on `kind` narrows `payload`. */
export type TimelineEvent = {
  [K in EventKind]: TimelineEventBase & { kind: K; payload: EventPayloads[K] };
}[EventKind];

export type TimelineEventOf<K extends EventKind> = Extract<TimelineEvent, { kind: K }>;

/** What a caller supplies to append a free event. */
export type AppendEventInput = {
  [K in FreeEventKind]: { kind: K; payload: EventPayloads[K]; occurredAt?: number; actor?: string };
}[FreeEventKind];

export interface Milestone {
  name: MilestoneName;
  at: number | null;
  /** `derived` from the timeline, or `set` by a `milestone.set` event (see `eventId`). */
  source: 'derived' | 'set';
  eventId: string | null;
}

export interface Milestones {
  detected: Milestone;
  acknowledged: Milestone;
  /** The first move off Investigating: someone has a handle on it (the response-time SLA). */
  identified: Milestone;
  mitigated: Milestone;
  resolved: Milestone;
  /** Each measured from `detected`; null while either end is unknown. */
  timeToAcknowledgeMs: number | null;
  timeToIdentifyMs: number | null;
  timeToMitigateMs: number | null;
  timeToResolveMs: number | null;
}

export interface ChecklistItemState {
  incidentId: string;
  runbookId: string;
  itemId: string;
  checked: boolean;
  by: string;
  at: number;
}

/** An incident input as clients see it: a secret's value never leaves the host. */
export interface IncidentVariable {
  name: string;
  secret: boolean;
  /** Null for secrets. */
  value: string | null;
  updatedAt: number;
}

export interface TerminalTab {
  id: string;
  /** The shell session last shown in this tab; after a host restart it has ended. */
  sessionId: string | null;
  title: string;
  cwd: string | null;
  position: number;
  active: boolean;
}

/** Marks around matched words in search snippets: control characters no real text contains. */
export const SNIPPET_MARK_START = '\u0002';
export const SNIPPET_MARK_END = '\u0003';

export interface SearchHit {
  incidentId: string;
  /** What matched: a note-like event's text, a command line, or a command's output. */
  source: 'event' | 'command';
  /** The event (for `event`) or the `command.started` event (for `command`). */
  eventId: string | null;
  commandId: string | null;
  /** Excerpt with matched words between SNIPPET_MARK_START and SNIPPET_MARK_END. */
  snippet: string;
  /** Lower is better (SQLite's bm25 rank). */
  rank: number;
}

export interface ChainVerification {
  deviceId: string;
  ok: boolean;
  events: number;
  /** The chain head as stored on the last event (what reports print). */
  head: string;
  /** The first event at which the chain stops verifying, when not ok. */
  firstBadEventId: string | null;
  /** Why it failed, in words, when not ok. */
  problem: string | null;
}
