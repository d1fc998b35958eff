/**
 * What an event's digest covers, spelled once so the store, the exporter and any verifier
 * (also one running in a browser on an exported bundle) hash the same bytes.
 *
 *   digest = sha256_hex(salt ‖ digestInput(event))
 *   head_n = sha256_hex(head_{n-1} ‖ digest_n)       head_0 = CHAIN_GENESIS
 *
 * ‖ is string concatenation of the UTF-8 texts (salt, digests and heads are lower-case hex).
 * The per-event random salt means a redacted payload cannot be guessed back by hashing
 * candidates; a redacted event drops the salt and keeps its digest, so the chain still links.
 *
 * Left out on purpose: `seq` (local storage order, renumbered when a teammate's events are
 * merged) and `incidentId` (a merge may bring events into an incident under another id). The
 * chain itself fixes each device's order.
 */
import { canonicalJson } from '../canonicalJson';
import type { TimelineEvent } from './model';

/** Version of the digest recipe, hashed in so a future recipe cannot collide with this one. */
export const DIGEST_VERSION = 1;

/** The head before a device's first event in an incident. */
export const CHAIN_GENESIS = '0'.repeat(64);

export type DigestFields = Pick<TimelineEvent, 'id' | 'kind' | 'occurredAt' | 'recordedAt' | 'deviceId' | 'actor' | 'payload'>;

export function digestInput(event: DigestFields): string {
  return canonicalJson({
    v: DIGEST_VERSION,
    id: event.id,
    kind: event.kind,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    deviceId: event.deviceId,
    actor: event.actor,
    payload: event.payload,
  });
}
