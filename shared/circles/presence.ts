// Presence: a member's signed, short-lived claim to be online now, carried in y-webrtc awareness, and the
// check that turns whatever peers put in awareness into the set of verified members online.
import { z } from 'zod';
import { sha256, toBase64Url, utf8, type Bytes } from './bytes';
import { HashSchema, type Roster } from './envelope';
import { importVerifyKey, KeyIdSchema, signBytes, verifyBytes, type DeviceIdentity } from './identity';

export interface PresenceTiming {
  /** How often an online device signs a fresh claim. */
  readonly resignEveryMs: number;
  /** How old, by the receiver's clock, a claim may be and still count. Bounds how long a replayed claim works. */
  readonly maxAgeMs: number;
  /** How far ahead of the receiver's clock a claim may be: clocks differ a little, but a claim is only a claim. */
  readonly maxAheadMs: number;
}

/**
 * Re-signed every 30 s and good for 2 minutes: a missed round or a sender's clock up to 90 s behind still
 * counts, and a sender's clock more than a minute ahead does not (that claim would outlive them).
 */
export const PRESENCE_TIMING: PresenceTiming = { resignEveryMs: 30_000, maxAgeMs: 120_000, maxAheadMs: 60_000 };

/** Awareness states looked at per evaluation. Circles are small; a flood of client ids is cut off here. */
export const MAX_PRESENCE_STATES = 256;

/** The whole of what this device puts in awareness: no pseudonym, no free text, no mood. */
export const PresenceClaimSchema = z
  .object({
    keyId: KeyIdSchema,
    /** presenceContext(circleId, epoch): binds the claim to one circle and epoch without naming either. */
    context: HashSchema,
    /** The signer's clock (ms since epoch). */
    issuedAt: z.number().int().min(0).max(8.64e15),
    sig: z.string().regex(/^[A-Za-z0-9_-]{86}$/),
  })
  .strict();
export type PresenceClaim = z.output<typeof PresenceClaimSchema>;

/** Why a state did not count. `stale` and `ahead` are clocks (or a replay); the rest are not what Hearth sends. */
export type PresenceRejection = 'malformed' | 'wrong-circle' | 'not-a-member' | 'stale' | 'ahead' | 'bad-signature';

export type PresenceCheck = { ok: true; keyId: string; expiresAt: number } | { ok: false; reason: PresenceRejection };

/** What the receiver knows: which circle and epoch it is in, who belongs to that epoch, and its own clock. */
export interface PresenceScope {
  /** presenceContext(circleId, epoch) of the receiver's circle and epoch. */
  readonly context: string;
  readonly epoch: number;
  readonly roster: Roster;
  readonly now: number;
}

export interface PresenceEvaluation {
  /** Key ids with a valid, fresh claim, never including the receiver's own. */
  readonly online: ReadonlySet<string>;
  /** When the first of those claims expires (receiver's clock), so the caller can look again then; null if none. */
  readonly nextExpiry: number | null;
  /** States that did not count, by awareness client id (which peers can choose, so it names no one for sure). */
  readonly rejected: readonly { readonly clientId: number; readonly reason: PresenceRejection }[];
  /** States beyond MAX_PRESENCE_STATES, not looked at. */
  readonly skipped: number;
}

/** Opaque and stable for a circle's epoch; the plain circle id never goes into awareness. */
export async function presenceContext(circleId: string, epoch: number): Promise<string> {
  return toBase64Url(await sha256(utf8(JSON.stringify(['hearth/presence-context/v1', circleId, epoch]))));
}

function signedBytes(claim: Omit<PresenceClaim, 'sig'>): Bytes {
  return utf8(JSON.stringify(['hearth/presence/v1', claim.keyId, claim.context, claim.issuedAt]));
}

export async function signPresenceClaim(identity: DeviceIdentity, context: string, now: number): Promise<PresenceClaim> {
  const unsigned = { keyId: identity.publicIdentity.keyId, context, issuedAt: Math.floor(now) };
  return PresenceClaimSchema.parse({ ...unsigned, sig: await signBytes(identity, signedBytes(unsigned)) });
}

/** Longest string a well-formed claim holds (the signature); anything longer is refused before zod looks. */
const MAX_FIELD_CHARS = 86;

/** Shape only, no crypto. Cheap checks first, so a huge or deep value costs next to nothing. */
export function parsePresenceClaim(raw: unknown): PresenceClaim | null {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const entries = Object.entries(raw);
  if (entries.length !== 4) return null;
  for (const [, value] of entries) {
    if (typeof value === 'string' ? value.length > MAX_FIELD_CHARS : typeof value !== 'number') return null;
  }
  const parsed = PresenceClaimSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** Caches stay small: a circle has few members, and each re-signs only every half minute. */
const MAX_CACHED = 1024;

/**
 * Checks presence claims against a roster and a clock. Keeps imported keys and signature results, so the
 * same claim arriving again (awareness repeats itself) costs a map lookup.
 */
export class PresenceVerifier {
  private readonly keys = new Map<string, Promise<CryptoKey | null>>();
  private readonly signatures = new Map<string, Promise<boolean>>();

  constructor(private readonly timing: PresenceTiming = PRESENCE_TIMING) {}

  /** In order: shape, circle and epoch, membership of that epoch, freshness, signature. */
  async check(raw: unknown, scope: PresenceScope): Promise<PresenceCheck> {
    const claim = parsePresenceClaim(raw);
    if (!claim) return { ok: false, reason: 'malformed' };
    if (claim.context !== scope.context) return { ok: false, reason: 'wrong-circle' };
    const member = scope.roster.memberAt(claim.keyId, scope.epoch);
    if (!member) return { ok: false, reason: 'not-a-member' };
    const age = scope.now - claim.issuedAt;
    if (age > this.timing.maxAgeMs) return { ok: false, reason: 'stale' };
    if (-age > this.timing.maxAheadMs) return { ok: false, reason: 'ahead' };
    if (!(await this.signatureValid(claim, member.signingKey))) return { ok: false, reason: 'bad-signature' };
    return { ok: true, keyId: claim.keyId, expiresAt: claim.issuedAt + this.timing.maxAgeMs };
  }

  /** The members online now among `states` (awareness client id → state), leaving out `me`. */
  async evaluate(states: ReadonlyMap<number, unknown>, scope: PresenceScope & { readonly me: string }): Promise<PresenceEvaluation> {
    const online = new Set<string>();
    const rejected: { clientId: number; reason: PresenceRejection }[] = [];
    let nextExpiry: number | null = null;
    let looked = 0;
    for (const [clientId, state] of states) {
      if (looked >= MAX_PRESENCE_STATES) break;
      looked += 1;
      // A peer that has said nothing (or took its claim back) is simply not online; it did nothing wrong.
      if (state === null || state === undefined) continue;
      const result = await this.checkQuietly(state, scope);
      if (!result.ok) {
        rejected.push({ clientId, reason: result.reason });
        continue;
      }
      if (result.keyId === scope.me) continue;
      online.add(result.keyId);
      nextExpiry = nextExpiry === null ? result.expiresAt : Math.min(nextExpiry, result.expiresAt);
    }
    return { online, nextExpiry, rejected, skipped: Math.max(0, states.size - looked) };
  }

  private async checkQuietly(state: unknown, scope: PresenceScope): Promise<PresenceCheck> {
    try {
      return await this.check(state, scope);
    } catch {
      // Peer data only reaches plain checks above; should an exotic value still make one throw, it is malformed, not our crash.
      return { ok: false, reason: 'malformed' };
    }
  }

  private signatureValid(claim: PresenceClaim, signingKey: string): Promise<boolean> {
    const cacheKey = JSON.stringify([signingKey, claim.keyId, claim.context, claim.issuedAt, claim.sig]);
    let result = this.signatures.get(cacheKey);
    if (result === undefined) {
      result = this.verify(claim, signingKey);
      remember(this.signatures, cacheKey, result);
    }
    return result;
  }

  private async verify(claim: PresenceClaim, signingKey: string): Promise<boolean> {
    let key = this.keys.get(signingKey);
    if (key === undefined) {
      key = importVerifyKey(signingKey);
      remember(this.keys, signingKey, key);
    }
    const imported = await key;
    if (!imported) return false;
    const { sig, ...unsigned } = claim;
    try {
      return await verifyBytes(imported, sig, signedBytes(unsigned));
    } catch {
      // WebCrypto does not throw for a well-formed key and signature; if an engine does, the claim simply fails.
      return false;
    }
  }
}

function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  // Whole-cache reset: simpler than LRU, and refilling costs one verification per live member.
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, value);
}
