/**
 * The incident bundle, `warroom.bundle/1`: the whole incident as one JSON document — what
 * `export --format json` writes, what `import` merges, and what every report format is
 * rendered from. The schema document is docs/bundle-schema.json; docs/bundle-format.md
 * explains it. Pure TypeScript, so a browser can verify a bundle's chains too.
 */
import { z } from 'zod';
import { INCIDENT_STATUSES, isEventKind, type ChainVerification, type EventKind, type Milestones } from '../incident/model';

/** Versioned so a reader recognises a bundle and refuses one from a newer War Room. */
export const BUNDLE_FORMAT = 'warroom.bundle/1';
/** Every bundle format starts so; a file whose `format` does not is not ours at all. */
export const BUNDLE_FORMAT_PREFIX = 'warroom.bundle/';

export interface BundleIncident {
  id: string;
  title: string;
  severity: string;
  status: (typeof INCIDENT_STATUSES)[number];
  commander: string | null;
  impact: string | null;
  runbookIds: string[];
  createdAt: number;
  updatedAt: number;
}

/** A timeline event with everything its chain needs: salt (null once redacted), digest, head. */
export interface BundleEvent {
  id: string;
  /** Storage order on the exporting device; each device's chain follows it. */
  seq: number;
  kind: EventKind;
  occurredAt: number;
  recordedAt: number;
  deviceId: string;
  actor: string;
  payload: Record<string, unknown>;
  /** Null when the event was redacted (here or before): its content is no longer checkable. */
  salt: string | null;
  digest: string;
  chainHead: string;
  redacted: boolean;
}

export interface BundleCommand {
  id: string;
  /** The `command.started` event that put it on the timeline. */
  eventId: string;
  sessionId: string;
  step: BundleStepRef | null;
  commandLine: string;
  cwd: string | null;
  startedAt: number;
  endedAt: number | null;
  exitCode: number | null;
  /** The full output text as stored (head + tail past the store's 1 Mi char cap). */
  output: string | null;
  outputTruncated: boolean;
  outputStruck: boolean;
  /**
   * In memory only, never in a written bundle: the report's excerpt of the output, made by a
   * report-only redaction that scans just the shown parts (see outputExcerpt.ts).
   */
  outputExcerpt?: { text: string; omittedLines: number };
}

/** The runbook step a command came from. */
export interface BundleStepRef {
  runbookId: string;
  stepId: string;
  runbookHash: string;
  /**
   * The step's title as the runbook gives it, resolved from the library at export; null when
   * the runbook (or the step) is no longer there. Absent in bundles written before titles were
   * carried: readers fall back to `stepId` either way.
   */
  title?: string | null;
}

export interface BundleChecklistItem {
  runbookId: string;
  itemId: string;
  checked: boolean;
  by: string;
  at: number;
}

export interface BundleVariable {
  name: string;
  secret: boolean;
  /** Always null for a secret: its value never leaves the recording device. */
  value: string | null;
  updatedAt: number;
}

/** What the report needs of an attached runbook, so a bundle renders its report anywhere. */
export interface BundleRunbook {
  id: string;
  title: string;
  checklist: { id: string; text: string }[];
  /** The runbook's incident-report template (Markdown), when it has one. */
  reportTemplate: { title: string; body: string } | null;
}

export interface BundleRedactionSummary {
  /** Replacements made, by kind (`aws-access-key`: 2). */
  redacted: Record<string, number>;
  /** Findings the responder chose to keep in clear. */
  kept: number;
}

export interface Bundle {
  format: typeof BUNDLE_FORMAT;
  exportedAt: number;
  app: { name: string; version: string };
  /** The device that wrote this bundle. */
  deviceId: string;
  incident: BundleIncident;
  /** In storage (seq) order. */
  events: BundleEvent[];
  /** Each device's chain as verified when the bundle was written. */
  chains: ChainVerification[];
  milestones: Milestones;
  commands: BundleCommand[];
  checklist: BundleChecklistItem[];
  variables: BundleVariable[];
  runbooks: BundleRunbook[];
  redaction: BundleRedactionSummary;
}

// ---- reading a bundle back -----------------------------------------------------------------

const Text = z.string();
const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const EpochMs = z.number().int().safe();
const NullableText = Text.nullable();

/** One event as a bundle (and a sync segment's line) carries it. */
export const BundleEventSchema = z.object({
  id: z.string().min(1).max(200),
  seq: z.number().int().min(1).safe(),
  kind: z.string().refine(isEventKind, 'unknown event kind'),
  occurredAt: EpochMs,
  recordedAt: EpochMs,
  deviceId: z.string().min(1).max(200),
  actor: Text,
  payload: z.record(z.string(), z.unknown()),
  salt: z.string().regex(/^[0-9a-f]{8,128}$/).nullable(),
  digest: Hex64,
  chainHead: Hex64,
  redacted: z.boolean(),
});

export const BundleIncidentSchema = z.object({
  id: z.string().min(1).max(200),
  title: z.string().min(1),
  severity: z.string().min(1),
  status: z.enum(INCIDENT_STATUSES),
  commander: NullableText,
  impact: NullableText,
  runbookIds: z.array(Text),
  createdAt: EpochMs,
  updatedAt: EpochMs,
});

export const BundleCommandSchema = z.object({
  id: z.string().min(1).max(200),
  eventId: z.string().min(1),
  sessionId: z.string().min(1),
  step: z.object({ runbookId: Text, stepId: Text, runbookHash: Text, title: NullableText.optional() }).nullable(),
  commandLine: Text,
  cwd: NullableText,
  startedAt: EpochMs,
  endedAt: EpochMs.nullable(),
  exitCode: z.number().int().nullable(),
  output: NullableText,
  outputTruncated: z.boolean(),
  outputStruck: z.boolean(),
});

export const BundleChecklistItemSchema = z.object({ runbookId: Text, itemId: Text, checked: z.boolean(), by: Text, at: EpochMs });
export const BundleVariableSchema = z.object({ name: z.string().min(1), secret: z.boolean(), value: NullableText, updatedAt: EpochMs });
export const BundleRunbookSchema = z.object({
  id: Text,
  title: Text,
  checklist: z.array(z.object({ id: Text, text: Text })),
  reportTemplate: z.object({ title: Text, body: Text }).nullable(),
});

const BundleSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  exportedAt: EpochMs,
  app: z.object({ name: Text, version: Text }),
  deviceId: Text,
  incident: BundleIncidentSchema,
  events: z.array(BundleEventSchema).min(1),
  chains: z.array(z.unknown()),
  milestones: z.unknown(),
  commands: z.array(BundleCommandSchema),
  checklist: z.array(BundleChecklistItemSchema),
  variables: z.array(BundleVariableSchema),
  runbooks: z.array(BundleRunbookSchema),
  redaction: z.object({ redacted: z.record(z.string(), z.number()), kept: z.number() }),
});

/** Why a file is not a bundle we can read, in words for the responder (one line each). */
export class BundleError extends Error {
  constructor(
    message: string,
    readonly code: 'E_BUNDLE_NOT_JSON' | 'E_BUNDLE_FOREIGN' | 'E_BUNDLE_NEWER' | 'E_BUNDLE_INVALID',
  ) {
    super(message);
    this.name = 'BundleError';
  }
}

/**
 * Parses and validates a bundle's text. Refuses, with one line saying which, a file that is
 * not JSON (or was cut short), JSON that is not a War Room bundle, a bundle from a newer
 * War Room, and a bundle whose content does not have the documented shape.
 */
export function parseBundle(text: string): Bundle {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const trimmed = text.trimStart();
    const looksOurs = trimmed.startsWith('{') && trimmed.slice(0, 200).includes(BUNDLE_FORMAT_PREFIX);
    throw new BundleError(
      looksOurs ? 'is truncated or corrupt (its JSON does not parse) — export it again' : 'is not a War Room bundle (not JSON)',
      looksOurs ? 'E_BUNDLE_INVALID' : 'E_BUNDLE_NOT_JSON',
    );
  }
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
  const bundle = parsed.data as unknown as Bundle;
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
