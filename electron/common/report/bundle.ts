/**
 * The incident bundle, `warroom.bundle/1`: the whole incident as one JSON document — what
 * `export --format json` writes, what `import` merges, and what every report format is
 * rendered from. The schema document is docs/bundle-schema.json; docs/bundle-format.md
 * explains it. Pure TypeScript, so a browser can verify a bundle's chains too.
 */
import { z } from 'zod';
import { INCIDENT_STATUSES, MILESTONE_NAMES, isEventKind, type ChainVerification, type EventKind, type Milestones } from '../incident/model';
import { parseJsonOr } from '../parseJson';

/** Versioned so a reader recognises a bundle and refuses one from a newer War Room. */
export const BUNDLE_FORMAT = 'warroom.bundle/1';
/** Every bundle format starts so; a file whose `format` does not is not ours at all. */
export const BUNDLE_FORMAT_PREFIX = 'warroom.bundle/';

const Text = z.string();
const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const EpochMs = z.number().int().safe();
const NullableText = Text.nullable();
const Id = z.string().min(1).max(200);

export const BundleIncidentSchema = z.object({
  id: Id,
  title: z.string().min(1),
  severity: z.string().min(1),
  status: z.enum(INCIDENT_STATUSES),
  commander: NullableText,
  impact: NullableText,
  runbookIds: z.array(Text),
  createdAt: EpochMs,
  updatedAt: EpochMs,
});

/** A timeline event with everything its chain needs: salt (null once redacted), digest, head. */
export const BundleEventSchema = z.object({
  id: Id,
  /** Storage order on the exporting device; each device's chain follows it. */
  seq: z.number().int().min(1).safe(),
  kind: z.custom<EventKind>((value) => isEventKind(value), 'unknown event kind'),
  occurredAt: EpochMs,
  recordedAt: EpochMs,
  deviceId: Id,
  actor: Text,
  payload: z.record(z.string(), z.unknown()),
  /** Null when the event was redacted (here or before): its content is no longer checkable. */
  salt: z.string().regex(/^[0-9a-f]{8,128}$/).nullable(),
  digest: Hex64,
  chainHead: Hex64,
  redacted: z.boolean(),
});

/** The runbook step a command came from. */
const BundleStepRefSchema = z.object({
  runbookId: Text,
  stepId: Text,
  runbookHash: Text,
  /**
   * The step's title as the runbook gives it, resolved from the library at export; null when
   * the runbook (or the step) is no longer there. Absent in bundles written before titles were
   * carried: readers fall back to `stepId` either way.
   */
  title: NullableText.optional(),
});

/** A stored command record (common/incident/model.ts's CommandRecord) as a bundle holds it. */
export const BundleCommandSchema = z.object({
  id: Id,
  /** The `command.started` event that put it on the timeline. */
  eventId: z.string().min(1),
  sessionId: z.string().min(1),
  step: BundleStepRefSchema.nullable(),
  commandLine: Text,
  cwd: NullableText,
  startedAt: EpochMs,
  endedAt: EpochMs.nullable(),
  exitCode: z.number().int().nullable(),
  /** The full output text as stored (head + tail past the store's 1 Mi char cap). */
  output: NullableText,
  outputTruncated: z.boolean(),
  outputStruck: z.boolean(),
});

const ChainVerificationSchema = z.object({
  deviceId: Text,
  ok: z.boolean(),
  events: z.number().int().min(0),
  head: Text,
  firstBadEventId: NullableText,
  problem: NullableText,
}) satisfies z.ZodType<ChainVerification>;

const MilestoneSchema = z.object({
  name: z.enum(MILESTONE_NAMES),
  at: EpochMs.nullable(),
  source: z.enum(['derived', 'set']),
  eventId: NullableText,
});

const MilestonesSchema = z.object({
  detected: MilestoneSchema,
  acknowledged: MilestoneSchema,
  // Bundles written before `identified` existed lack it: read as not yet reached.
  identified: MilestoneSchema.default({ name: 'identified', at: null, source: 'derived', eventId: null }),
  mitigated: MilestoneSchema,
  resolved: MilestoneSchema,
  timeToAcknowledgeMs: z.number().nullable(),
  timeToIdentifyMs: z.number().nullable().default(null),
  timeToMitigateMs: z.number().nullable(),
  timeToResolveMs: z.number().nullable(),
}) satisfies z.ZodType<Milestones>;

export const BundleChecklistItemSchema = z.object({ runbookId: Text, itemId: Text, checked: z.boolean(), by: Text, at: EpochMs });

export const BundleVariableSchema = z.object({
  name: z.string().min(1),
  secret: z.boolean(),
  /** Always null for a secret: its value never leaves the recording device. */
  value: NullableText,
  updatedAt: EpochMs,
});

/** What the report needs of an attached runbook, so a bundle renders its report anywhere. */
export const BundleRunbookSchema = z.object({
  id: Text,
  title: Text,
  checklist: z.array(z.object({ id: Text, text: Text })),
  /** The runbook's incident-report template (Markdown), when it has one. */
  reportTemplate: z.object({ title: Text, body: Text }).nullable(),
});

const BundleRedactionSummarySchema = z.object({
  /** Replacements made, by kind (`aws-access-key`: 2). */
  redacted: z.record(z.string(), z.number()),
  /** Findings the responder chose to keep in clear. */
  kept: z.number(),
});

const BundleSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  exportedAt: EpochMs,
  app: z.object({ name: Text, version: Text }),
  /** The device that wrote this bundle. */
  deviceId: Text,
  incident: BundleIncidentSchema,
  /** In storage (seq) order. */
  events: z.array(BundleEventSchema).min(1),
  /** Each device's chain as verified when the bundle was written. */
  chains: z.array(ChainVerificationSchema),
  milestones: MilestonesSchema,
  commands: z.array(BundleCommandSchema),
  checklist: z.array(BundleChecklistItemSchema),
  variables: z.array(BundleVariableSchema),
  runbooks: z.array(BundleRunbookSchema),
  redaction: BundleRedactionSummarySchema,
});

// The types are the schema's: what a bundle holds and what `parseBundle` accepts are one thing.
export type BundleIncident = z.infer<typeof BundleIncidentSchema>;
export type BundleEvent = z.infer<typeof BundleEventSchema>;
export type BundleStepRef = z.infer<typeof BundleStepRefSchema>;
export type BundleCommand = z.infer<typeof BundleCommandSchema> & {
  /**
   * In memory only, never in a written bundle (nor read from one: parsing drops it): the
   * report's excerpt of the output, made by a report-only redaction that scans just the shown
   * parts (see outputExcerpt.ts).
   */
  outputExcerpt?: { text: string; omittedLines: number };
};
export type BundleChecklistItem = z.infer<typeof BundleChecklistItemSchema>;
export type BundleVariable = z.infer<typeof BundleVariableSchema>;
export type BundleRunbook = z.infer<typeof BundleRunbookSchema>;
export type BundleRedactionSummary = z.infer<typeof BundleRedactionSummarySchema>;
export type Bundle = Omit<z.infer<typeof BundleSchema>, 'commands'> & { commands: BundleCommand[] };

// ---- reading a bundle back -----------------------------------------------------------------

/** Why a file is not a bundle we can read, in words for the responder (one line each). */
export class BundleError extends Error {
  override readonly name = 'BundleError';
  constructor(
    message: string,
    readonly code: 'E_BUNDLE_NOT_JSON' | 'E_BUNDLE_FOREIGN' | 'E_BUNDLE_NEWER' | 'E_BUNDLE_INVALID',
  ) {
    super(message);
  }
}

/**
 * Parses and validates a bundle's text. Refuses, with one line saying which, a file that is
 * not JSON (or was cut short), JSON that is not a War Room bundle, a bundle from a newer
 * War Room, and a bundle whose content does not have the documented shape.
 */
export function parseBundle(text: string): Bundle {
  const value = parseJsonOr(text, () => {
    const trimmed = text.trimStart();
    const looksOurs = trimmed.startsWith('{') && trimmed.slice(0, 200).includes(BUNDLE_FORMAT_PREFIX);
    return new BundleError(
      looksOurs ? 'is truncated or corrupt (its JSON does not parse) — export it again' : 'is not a War Room bundle (not JSON)',
      looksOurs ? 'E_BUNDLE_INVALID' : 'E_BUNDLE_NOT_JSON',
    );
  });
  const format = typeof value === 'object' && value !== null ? (value as { format?: unknown }).format : undefined;
  if (typeof format !== 'string' || !format.startsWith(BUNDLE_FORMAT_PREFIX)) {
    throw new BundleError(`is not a War Room bundle (no "format": "${BUNDLE_FORMAT}")`, 'E_BUNDLE_FOREIGN');
  }
  if (format !== BUNDLE_FORMAT) {
    throw new BundleError(`is a ${format} bundle, newer than this War Room reads (${BUNDLE_FORMAT}) — update War Room`, 'E_BUNDLE_NEWER');
  }
  const parsed = BundleSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.join('.') || 'the top level' : 'somewhere';
    throw new BundleError(`is damaged: ${where} ${issue ? issue.message.toLowerCase() : 'is invalid'}`, 'E_BUNDLE_INVALID');
  }
  const bundle: Bundle = parsed.data;
  const eventIds = new Set<string>();
  for (const event of bundle.events) {
    if (eventIds.has(event.id)) throw new BundleError(`is damaged: event ${event.id} appears twice`, 'E_BUNDLE_INVALID');
    eventIds.add(event.id);
  }
  for (const command of bundle.commands) {
    if (!eventIds.has(command.eventId)) throw new BundleError(`is damaged: command ${command.id} points at a missing event`, 'E_BUNDLE_INVALID');
  }
  return bundle;
}
