/**
 * The hash chain that makes tampering with a timeline evident (recipe in
 * common/incident/eventDigest.ts). Each device keeps its own chain per incident, linked in
 * storage (seq) order, so a teammate's merged events verify as their own chain and a
 * redacted event — digest kept, salt dropped — still links.
 */
import { createHash, randomFillSync } from 'node:crypto';
import { CHAIN_GENESIS, digestInput, type DigestFields } from '../../common/incident/eventDigest';
import type { ChainVerification } from '../../common/incident/model';

/** 128 random bits per event: far past guessing, and small beside any payload. */
const SALT_BYTES = 16;
/**
 * Salts are cut from a buffer filled 256 at a time: one trip to the OS random source per
 * 256 events instead of one per event, which matters at tens of thousands of appends a second.
 */
const SALT_POOL_BYTES = SALT_BYTES * 256;

const saltPool = Buffer.alloc(SALT_POOL_BYTES);
let saltOffset = SALT_POOL_BYTES;

export function newSalt(): string {
  if (saltOffset >= SALT_POOL_BYTES) {
    randomFillSync(saltPool);
    saltOffset = 0;
  }
  const salt = saltPool.toString('hex', saltOffset, saltOffset + SALT_BYTES);
  saltOffset += SALT_BYTES;
  return salt;
}

export function eventDigest(salt: string, fields: DigestFields): string {
  return createHash('sha256').update(salt).update(digestInput(fields)).digest('hex');
}

export function nextChainHead(previousHead: string, digest: string): string {
  return createHash('sha256').update(previousHead).update(digest).digest('hex');
}

/** One stored event as the verifier reads it, in storage order. */
export interface ChainLink extends DigestFields {
  salt: string | null;
  digest: string;
  chainHead: string;
}

/**
 * Walks each device's chain from the genesis. An event whose salt is present must hash to its
 * digest (else its content was changed); every stored head must equal the head recomputed
 * from its predecessor (else an event was removed, inserted or moved).
 */
export function verifyLinks(links: Iterable<ChainLink>): ChainVerification[] {
  const chains = new Map<string, ChainVerification & { expectedHead: string }>();
  for (const link of links) {
    let chain = chains.get(link.deviceId);
    if (!chain) {
      chain = { deviceId: link.deviceId, ok: true, events: 0, head: CHAIN_GENESIS, firstBadEventId: null, problem: null, expectedHead: CHAIN_GENESIS };
      chains.set(link.deviceId, chain);
    }
    chain.events += 1;
    chain.head = link.chainHead;
    if (!chain.ok) continue;
    if (link.salt !== null && eventDigest(link.salt, link) !== link.digest) {
      fail(chain, link.id, 'its content does not match its digest (changed after it was recorded)');
      continue;
    }
    const expected = nextChainHead(chain.expectedHead, link.digest);
    if (expected !== link.chainHead) {
      fail(chain, link.id, 'the chain breaks before it (an event was removed, inserted or moved)');
      continue;
    }
    chain.expectedHead = expected;
  }
  return [...chains.values()].map(({ expectedHead: _expectedHead, ...verification }) => verification);
}

function fail(chain: ChainVerification, eventId: string, problem: string): void {
  chain.ok = false;
  chain.firstBadEventId = eventId;
  chain.problem = problem;
}
