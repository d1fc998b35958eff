/**
 * The team sync's layout on a git remote, `warroom.sync/1` (docs/sync-format.md, schema in
 * docs/sync-schema.json). Each device writes only its own files, so no two devices ever
 * touch the same path and a push never needs a merge:
 *
 *   warroom-sync.json                           {"format": "warroom.sync/1"}
 *   incidents/<incident>/<device>.jsonl          the device's events, one redacted event a line,
 *                                                in its chain order, append-only
 *   incidents/<incident>/<device>.commands.jsonl its finished commands (redacted output), append-only
 *   incidents/<incident>/<device>.json           its manifest: the incident as it sees it, its
 *                                                segment's length and chain head, checklist, inputs
 *
 * Pure: the node side reads and writes git, this module says what the files hold.
 */
import { z } from 'zod';
import { parseJsonOr } from '../parseJson';
import {
  BundleChecklistItemSchema,
  BundleCommandSchema,
  BundleEventSchema,
  BundleIncidentSchema,
  BundleRunbookSchema,
  BundleVariableSchema,
  type BundleChecklistItem,
  type BundleCommand,
  type BundleEvent,
  type BundleIncident,
  type BundleRunbook,
  type BundleVariable,
} from '../report/bundle';

export const SYNC_FORMAT = 'warroom.sync/1';
export const SYNC_FORMAT_PREFIX = 'warroom.sync/';
/** The branch every device commits to. */
export const SYNC_BRANCH = 'main';
/** The file at the root that marks a repository as a War Room sync remote. */
export const SYNC_MARKER_FILE = 'warroom-sync.json';

/** Incident and device ids become path parts: only these characters, so no path tricks. */
const SAFE_ID = /^[A-Za-z0-9_-]{1,200}$/;

export function isSafeId(id: string): boolean {
  return SAFE_ID.test(id);
}

export type SyncFileKind = 'events' | 'commands' | 'manifest';

export function syncFilePath(incidentId: string, deviceId: string, kind: SyncFileKind): string {
  const suffix = kind === 'events' ? '.jsonl' : kind === 'commands' ? '.commands.jsonl' : '.json';
  return `incidents/${incidentId}/${deviceId}${suffix}`;
}

/** What a path on the remote is, or null for anything that is not one of ours. */
export function parseSyncFilePath(path: string): { incidentId: string; deviceId: string; kind: SyncFileKind } | null {
  const match = /^incidents\/([^/]+)\/([^/.]+)(\.commands\.jsonl|\.jsonl|\.json)$/.exec(path);
  if (!match || !isSafeId(match[1]!) || !isSafeId(match[2]!)) return null;
  const kind: SyncFileKind = match[3] === '.jsonl' ? 'events' : match[3] === '.json' ? 'manifest' : 'commands';
  return { incidentId: match[1]!, deviceId: match[2]!, kind };
}

export interface SyncMarker {
  format: typeof SYNC_FORMAT;
}

export interface SyncManifest {
  format: typeof SYNC_FORMAT;
  incidentId: string;
  deviceId: string;
  /** The names this device recorded under in this incident. */
  actors: string[];
  app: { name: string; version: string };
  /** When this device wrote the manifest, by its clock. */
  writtenAt: number;
  /** The incident as this device saw it (redacted). */
  incident: BundleIncident;
  /** Lines in the device's events file, and the chain head of the last one. */
  events: number;
  head: string;
  /** Lines in its commands file. */
  commands: number;
  checklist: BundleChecklistItem[];
  /** Non-secret inputs only; a secret input's value never leaves its device. */
  variables: BundleVariable[];
  runbooks: BundleRunbook[];
}

export const SyncManifestSchema = z.object({
  format: z.literal(SYNC_FORMAT),
  incidentId: z.string().regex(SAFE_ID),
  deviceId: z.string().regex(SAFE_ID),
  actors: z.array(z.string()),
  app: z.object({ name: z.string(), version: z.string() }),
  writtenAt: z.number().int().safe(),
  incident: BundleIncidentSchema,
  events: z.number().int().min(0),
  head: z.string().regex(/^[0-9a-f]{64}$/),
  commands: z.number().int().min(0),
  checklist: z.array(BundleChecklistItemSchema),
  variables: z.array(BundleVariableSchema),
  runbooks: z.array(BundleRunbookSchema),
});

/** Why a remote's file cannot be read, in words for the responder. */
export class SyncFormatError extends Error {
  override readonly name = 'SyncFormatError';
}

export function parseMarker(text: string): SyncMarker {
  const value = parseJsonOr(text, () => new SyncFormatError(`${SYNC_MARKER_FILE} is not JSON`));
  const format = (value as { format?: unknown } | null)?.format;
  if (typeof format !== 'string' || !format.startsWith(SYNC_FORMAT_PREFIX)) throw new SyncFormatError(`${SYNC_MARKER_FILE} does not name a War Room sync format`);
  if (format !== SYNC_FORMAT) throw new SyncFormatError(`the remote holds ${format}, newer than this War Room reads (${SYNC_FORMAT}) — update War Room`);
  return { format: SYNC_FORMAT };
}

export function parseManifest(text: string, path: string): SyncManifest {
  const value = parseJsonOr(text, () => new SyncFormatError(`${path} is not JSON`));
  const parsed = SyncManifestSchema.safeParse(value);
  if (!parsed.success) throw new SyncFormatError(`${path} is damaged: ${describeIssue(parsed.error)}`);
  return parsed.data as SyncManifest;
}

/** One segment line; null (with why) for a line that is not an event of ours. */
export function parseEventLine(line: string): { event: BundleEvent } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { problem: 'the line is not JSON' };
  }
  const parsed = BundleEventSchema.safeParse(value);
  if (!parsed.success) return { problem: `the line is damaged: ${describeIssue(parsed.error)}` };
  return { event: parsed.data };
}

export function parseCommandLine(line: string): BundleCommand | null {
  try {
    const parsed = BundleCommandSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A file's lines: one JSON document each, `\n`-terminated; a last line without one is cut short. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function joinLines(lines: readonly string[]): string {
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'the top level'} ${issue.message.toLowerCase()}` : 'invalid';
}
