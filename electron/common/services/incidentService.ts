import { z } from 'zod';
import {
  INCIDENT_STATUSES,
  MILESTONE_NAMES,
  type ChainVerification,
  type ChecklistItemState,
  type CommandRecord,
  type Incident,
  type IncidentVariable,
  type Milestones,
  type SearchHit,
  type TimelineEvent,
} from '../incident/model';
import type { ActionItem } from '../incident/actionItems';
import { defineService, type ServiceOf } from '../rpc/defineService';

/** One level the severity picker offers: the runbook's own scale, else the default SEV1–SEV4. */
export interface SeverityOption {
  id: string;
  /** The word the scale gives (Critical, High…); null where it names none. */
  name: string | null;
  /** The scale's time to respond; drives the countdown. Null where the scale states none. */
  responseMinutes: number | null;
  /** 0 is the most severe. */
  rank: number;
}

/** Whether the incident store opened; when it did not, every other method throws `message`. */
export interface IncidentStoreStatus {
  ok: boolean;
  /** The store's one-line refusal (damaged, newer, unreadable), for the console to show as is. */
  message: string | null;
  /** The database file. */
  file: string;
}

/** Everything the incident workspace shows besides the timeline, in one round trip. */
export interface IncidentDetails {
  incident: Incident;
  /** From the first attached runbook that has a scale, else the default. */
  severityOptions: SeverityOption[];
  /** Which runbook the scale came from (null: the default scale). */
  severityRunbookId: string | null;
  milestones: Milestones;
  checklist: ChecklistItemState[];
  /** Incident inputs and placeholder values; secret values are null. */
  variables: IncidentVariable[];
  /** Follow-ups as they stand (edits, done and reopened applied), in the order they were added. */
  actionItems: ActionItem[];
}

/** A page of the timeline and the newest seq the incident has (so the client knows if more follow). */
export interface EventPage {
  events: TimelineEvent[];
  lastSeq: number;
  /**
   * commandId → command line, for the `command.finished` events on this page whose
   * `command.started` is not on it (it is in older history): the row says which command it was
   * before that history arrives.
   */
  commandLines?: Record<string, string>;
}

/** Longest free text a note, status update or action item may carry (a long paste, not a log dump). */
const MAX_TEXT = 100_000;
const Id = z.string().min(1).max(200);
const ShortText = z.string().max(1000);
const OptionalShortText = ShortText.nullable().optional();
const Text = z.string().min(1).max(MAX_TEXT);
const EpochMs = z.number().int().safe();
/** Largest page of events one call returns: keeps a reply to a few MB. */
export const MAX_EVENT_PAGE = 10_000;
const PageLimit = z.number().int().min(1).max(MAX_EVENT_PAGE);
const Seq = z.number().int().min(0).safe();
const TimelineCursorInput = z.object({ occurredAt: EpochMs, id: Id });

export const NewIncidentInput = z.object({
  title: z.string().trim().min(1).max(1000),
  severity: z.string().min(1).max(100),
  commander: OptionalShortText,
  impact: z.string().max(10_000).nullable().optional(),
  runbookIds: z.array(Id).max(50).optional(),
});
export type NewIncidentInput = z.infer<typeof NewIncidentInput>;

export const IncidentEdits = z.object({
  title: z.string().trim().min(1).max(1000).optional(),
  impact: z.string().max(10_000).nullable().optional(),
  commander: OptionalShortText,
});

/**
 * Incidents and their timelines. Every method that records something resolves only after the
 * event's transaction has committed, so a caller that got an answer can trust it is on disk.
 */
export const IncidentServiceContract = defineService({
  name: 'incidents',
  methods: {
    getStatus: { args: z.tuple([]), result: z.custom<IncidentStoreStatus>() },
    /** Active incidents first, most recently changed first; then resolved ones likewise. */
    list: { args: z.tuple([]), result: z.custom<Incident[]>() },
    get: { args: z.tuple([Id]), result: z.custom<IncidentDetails>() },
    /** The picker's levels for a new incident that will attach these runbooks. */
    severityOptions: { args: z.tuple([z.array(Id).max(50)]), result: z.custom<SeverityOption[]>() },
    create: { args: z.tuple([NewIncidentInput]), result: z.custom<Incident>() },
    /** Title, impact and commander; each actual change is its own event. */
    update: { args: z.tuple([Id, IncidentEdits]), result: z.custom<Incident>() },
    setSeverity: { args: z.tuple([Id, z.string().min(1).max(100)]), result: z.custom<Incident>() },
    /** Any status may be chosen directly; choosing an open one reopens a resolved incident. */
    setStatus: { args: z.tuple([Id, z.enum(INCIDENT_STATUSES)]), result: z.custom<Incident>() },
    /** `happenedAt` dates the note earlier (things that occurred before the incident was opened). */
    addNote: { args: z.tuple([Id, Text, EpochMs.nullable().optional()]), result: z.custom<TimelineEvent>() },
    /** Ticks (or unticks) a runbook checklist item for this incident; null when it already was so. */
    tickChecklist: { args: z.tuple([Id, Id, Id, z.boolean()]), result: z.custom<TimelineEvent | null>() },
    /** Null when the runbook was already attached. */
    attachRunbook: { args: z.tuple([Id, Id]), result: z.custom<TimelineEvent | null>() },
    star: { args: z.tuple([Id, Id]), result: z.custom<TimelineEvent>() },
    unstar: { args: z.tuple([Id, Id]), result: z.custom<TimelineEvent>() },
    addActionItem: { args: z.tuple([Id, Text, OptionalShortText]), result: z.custom<TimelineEvent>() },
    /** New text and owner for an action item (an `actionItem.edited` event); null when neither changed. */
    editActionItem: { args: z.tuple([Id, Id, Text, OptionalShortText]), result: z.custom<TimelineEvent | null>() },
    /** Marks an action item done (`actionItem.done`) or open again (`actionItem.reopened`); null when it already was. */
    setActionItemDone: { args: z.tuple([Id, Id, z.boolean()]), result: z.custom<TimelineEvent | null>() },
    /** Hands the commander role to someone else (a `commander.changed` event). */
    handOver: { args: z.tuple([Id, ShortText]), result: z.custom<Incident>() },
    /** An incident input or placeholder value; a secret's value never appears on the timeline. */
    setVariable: { args: z.tuple([Id, z.string().min(1).max(200), z.string().max(MAX_TEXT), z.boolean()]), result: z.custom<TimelineEvent>() },
    /** A filled communication template went to the clipboard (not yet sent). */
    statusUpdateCopied: { args: z.tuple([Id, Text, Id.nullable()]), result: z.custom<TimelineEvent>() },
    /** The responder says the update went out, at `postedAt`. */
    statusUpdatePosted: { args: z.tuple([Id, Text, Id.nullable(), EpochMs]), result: z.custom<TimelineEvent>() },
    /** Sets a milestone by hand; null returns it to the time derived from the timeline. */
    setMilestone: { args: z.tuple([Id, z.enum(MILESTONE_NAMES), EpochMs.nullable()]), result: z.custom<Milestones>() },
    milestones: { args: z.tuple([Id]), result: z.custom<Milestones>() },
    /** Checks the incident's hash chains, one per recording device: is the record intact? */
    verifyChains: { args: z.tuple([Id]), result: z.custom<ChainVerification[]>() },
    /** A recorded command with its output (null once struck), for a timeline entry's details; null if unknown. */
    command: { args: z.tuple([Id]), result: z.custom<CommandRecord | null>() },
    /** Full-text search over notes, commands and output; optionally one incident only. */
    search: { args: z.tuple([z.string().max(500), Id.nullable().optional()]), result: z.custom<SearchHit[]>() },
    /** Events with seq > afterSeq, oldest first: what a reconnecting client missed. */
    getEvents: { args: z.tuple([Id, Seq, PageLimit]), result: z.custom<EventPage>() },
    /**
     * The newest `limit` events in timeline order (occurredAt, then id) before the cursor (from
     * the end without one), returned oldest first: how the console pages a timeline back, so
     * imported and backdated events sit where they happened on every page. `lastSeq` is read
     * before the events: whatever has a higher seq is fetched with `getEvents(afterSeq)`.
     */
    getTimelineBefore: { args: z.tuple([Id, TimelineCursorInput.nullable(), PageLimit]), result: z.custom<EventPage>() },
  },
  events: {
    /** The events one commit appended to this incident, in seq order. */
    onDidAppendEvent: { payload: z.custom<TimelineEvent[]>(), arg: Id },
    /** Incidents were created or their title, severity, status, commander, impact or runbooks changed. */
    onDidChangeIncidents: { payload: z.custom<{ incidentIds: string[] }>() },
  },
});
export type IncidentService = ServiceOf<typeof IncidentServiceContract>;
