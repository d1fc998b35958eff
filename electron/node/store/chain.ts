/**
 * The hash chain that makes tampering with a timeline evident (recipe in
 * common/incident/eventDigest.ts). Each device keeps its own chain per incident, linked in
 * storage (seq) order, so a teammate's merged events verify as their own chain and a
 * redacted event — digest kept, salt dropped — still links.
 */
import * as crypto from 'node:crypto';
import { canonicalJson } from '../../common/canonicalJson';
import { CHAIN_GENESIS, DIGEST_VERSION, digestInput, type DigestFields } from '../../common/incident/eventDigest';
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
    crypto.randomFillSync(saltPool);
    saltOffset = 0;
  }
  const salt = saltPool.toString('hex', saltOffset, saltOffset + SALT_BYTES);
  saltOffset += SALT_BYTES;
  return salt;
}

/**
 * SHA-256 of a string's UTF-8, as lower-case hex. Node's one-shot `crypto.hash` (20.12+)
 * halves the cost of a Hash object per call, which is most of a chain walk's time.
 */
const sha256Hex: (text: string) => string =
  typeof (crypto as { hash?: unknown }).hash === 'function'
    ? (text) => (crypto as unknown as { hash(algorithm: string, data: string, encoding: 'hex'): string }).hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text).digest('hex');

export function eventDigest(salt: string, fields: DigestFields): string {
  return sha256Hex(salt + digestInput(fields));
}

/**
 * The digest of an event whose payload is already spelled in canonical JSON (as the store
 * keeps it): digestInput without parsing and re-serialising the payload. Keys are written in
 * canonicalJson's sorted order; a test holds this equal to digestInput.
 */
export function eventDigestOfCanonicalPayload(salt: string, fields: Omit<DigestFields, 'payload'>, payloadJson: string): string {
  return sha256Hex(
    `${salt}{"actor":${JSON.stringify(fields.actor)},"deviceId":${JSON.stringify(fields.deviceId)},"id":${JSON.stringify(fields.id)},` +
      `"kind":${JSON.stringify(fields.kind)},"occurredAt":${canonicalJson(fields.occurredAt)},"payload":${payloadJson},` +
      `"recordedAt":${canonicalJson(fields.recordedAt)},"v":${DIGEST_VERSION}}`,
  );
}

export function nextChainHead(previousHead: string, digest: string): string {
  return sha256Hex(previousHead + digest);
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
export function verifyLinks(links: Iterable<ChainLink>, starts?: ReadonlyMap<string, string>): ChainVerification[] {
  const walker = new ChainWalker<ChainLink>((link) => link.salt === null || eventDigest(link.salt, link) === link.digest, starts);
  for (const link of links) walker.add(link);
  return walker.result();
}

/** One stored event as the store's verifier reads it: the payload as its stored JSON text. */
export interface StoredChainLink extends Omit<DigestFields, 'payload'> {
  payloadJson: string;
  salt: string | null;
  digest: string;
  chainHead: string;
}

/**
 * {@link verifyLinks} over stored rows, fed a page at a time. The store writes payloads in
 * canonical JSON, so the digest is recomputed from the stored text as it is; only a row whose
 * text is not canonical (written by an older version, or altered) is parsed and re-serialised,
 * and only that decides whether its content was changed.
 */
export function storedLinksWalker(): ChainWalker<StoredChainLink> {
  return new ChainWalker<StoredChainLink>(
    (link) =>
      link.salt === null ||
      eventDigestOfCanonicalPayload(link.salt, link, link.payloadJson) === link.digest ||
      eventDigest(link.salt, { ...link, payload: parsePayload(link.payloadJson) as DigestFields['payload'] }) === link.digest,
  );
}

function parsePayload(json: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined; // Unreadable: cannot match its digest, so the event reports as changed.
  }
}

/**
 * Walks each device's chain from the genesis, one link at a time in storage order. A link
 * whose content does not match its digest fails its chain; so does a stored head that is not
 * the head recomputed from its predecessor (an event was removed, inserted or moved).
 */
export class ChainWalker<L extends { id: string; deviceId: string; digest: string; chainHead: string }> {
  private readonly chains = new Map<string, ChainVerification & { expectedHead: string }>();

  constructor(
    private readonly contentMatches: (link: L) => boolean,
    /** Per device, the head verified before (the team sync resumes a chain); else the genesis. */
    private readonly starts?: ReadonlyMap<string, string>,
  ) {}

  add(link: L): void {
    let chain = this.chains.get(link.deviceId);
    if (!chain) {
      const start = this.starts?.get(link.deviceId) ?? CHAIN_GENESIS;
      chain = { deviceId: link.deviceId, ok: true, events: 0, head: start, firstBadEventId: null, problem: null, expectedHead: start };
      this.chains.set(link.deviceId, chain);
    }
    chain.events += 1;
    chain.head = link.chainHead;
    if (!chain.ok) return;
    if (!this.contentMatches(link)) {
      fail(chain, link.id, 'its content does not match its digest (changed after it was recorded)');
      return;
    }
    const expected = nextChainHead(chain.expectedHead, link.digest);
    if (expected !== link.chainHead) {
      fail(chain, link.id, 'the chain breaks before it (an event was removed, inserted or moved)');
      return;
    }
    chain.expectedHead = expected;
  }

  result(): ChainVerification[] {
    return [...this.chains.values()].map(({ expectedHead: _expectedHead, ...verification }) => verification);
  }
}

function fail(chain: ChainVerification, eventId: string, problem: string): void {
  chain.ok = false;
  chain.firstBadEventId = eventId;
  chain.problem = problem;
}
