/**
 * Validation for events a caller appends as they are (the free kinds). The store checks every
 * append with it, and a transport can reuse it at its boundary. Strict objects: whatever is in
 * a payload is stored and hashed forever, so nothing unexpected gets in.
 */
import { z } from 'zod';
import { UserError } from '../errors';
import { isEventKind, isFreeEventKind, MILESTONE_NAMES, type AppendEventInput } from './model';

/** Longest note or update text: a pasted log excerpt fits, a paste gone wrong does not. */
export const MAX_EVENT_TEXT = 100_000;
/** Longest id, name or channel: generous for any real identifier. */
const MAX_SHORT = 1_000;

const text = z.string().trim().min(1, 'must not be empty').max(MAX_EVENT_TEXT);
const short = z.string().min(1, 'must not be empty').max(MAX_SHORT);
const optionalShort = short.nullable();
const common = { occurredAt: z.number().int().optional(), actor: short.optional() };

export const appendEventInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('note'), payload: z.strictObject({ text }), ...common }),
  z.strictObject({ kind: z.literal('statusUpdate.copied'), payload: z.strictObject({ text, templateId: optionalShort }), ...common }),
  z.strictObject({
    kind: z.literal('statusUpdate.posted'),
    payload: z.strictObject({ text, templateId: optionalShort, channel: optionalShort }),
    ...common,
  }),
  z.strictObject({ kind: z.literal('star'), payload: z.strictObject({ eventId: short }), ...common }),
  z.strictObject({ kind: z.literal('unstar'), payload: z.strictObject({ eventId: short }), ...common }),
  z.strictObject({ kind: z.literal('actionItem.added'), payload: z.strictObject({ text, owner: optionalShort }), ...common }),
  z.strictObject({ kind: z.literal('actionItem.edited'), payload: z.strictObject({ itemId: short, text, owner: optionalShort }), ...common }),
  z.strictObject({ kind: z.literal('actionItem.done'), payload: z.strictObject({ itemId: short, text }), ...common }),
  z.strictObject({ kind: z.literal('actionItem.reopened'), payload: z.strictObject({ itemId: short, text }), ...common }),
  z.strictObject({ kind: z.literal('capture.paused'), payload: z.strictObject({ sessionId: short }), ...common }),
  z.strictObject({ kind: z.literal('capture.resumed'), payload: z.strictObject({ sessionId: short }), ...common }),
  z.strictObject({ kind: z.literal('host.stopped'), payload: z.strictObject({ shellsEnded: z.number().int().min(0) }), ...common }),
  z.strictObject({ kind: z.literal('host.started'), payload: z.strictObject({ shellsEnded: z.number().int().min(0) }), ...common }),
  z.strictObject({
    kind: z.literal('milestone.set'),
    payload: z.strictObject({ milestone: z.enum(MILESTONE_NAMES), at: z.number().int().nullable() }),
    ...common,
  }),
  z.strictObject({
    kind: z.literal('redaction.kept'),
    payload: z.strictObject({
      format: short,
      secrets: z.array(z.strictObject({ kind: short, label: short, count: z.number().int().min(0) })).min(1).max(MAX_SHORT),
    }),
    ...common,
  }),
]);

/** Returns the input, checked (text trimmed), or throws a one-line UserError. */
export function parseAppendEventInput(input: unknown): AppendEventInput {
  const kind = (input as { kind?: unknown } | null)?.kind;
  if (isEventKind(kind) && !isFreeEventKind(kind)) {
    throw new UserError(`Event kind "${kind}" cannot be appended directly — it changes incident state; use the store method for it.`, 'E_INVALID');
  }
  const result = appendEventInputSchema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
  const what = typeof kind === 'string' ? `"${kind}" event` : 'event';
  throw new UserError(`Invalid ${what}${where}: ${issue?.message ?? 'does not match the event format'}.`, 'E_INVALID');
}
