// Signed, encrypted envelopes: the only form in which circle content lives in a Y.Doc.
import { z } from 'zod';
import { BodySchema, type Body, type BodyInput, type EntryRef } from './body';
import { canonicalJson, fromBase64Url, fromUtf8, randomBytes, sha256, toBase64Url, utf8, type Bytes } from './bytes';
import { importVerifyKey, KeyIdSchema, signBytes, verifyBytes, type DeviceIdentity } from './identity';

export const ENVELOPE_VERSION = 1;

export const ENVELOPE_LIMITS = {
  /** base64url characters of ciphertext: a 20,000-character note in UTF-8 plus JSON fits well inside. */
  ciphertextChars: 110_000,
  maxSeq: 2 ** 40,
  maxEpoch: 1_000_000,
} as const;

const b64url = (min: number, max: number) => z.string().min(min).max(max).regex(/^[A-Za-z0-9_-]*$/);
/** A random (or derived) 16-byte id as base64url. */
export const EntryIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/);
export const HashSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export const EnvelopeSchema = z
  .object({
    v: z.literal(ENVELOPE_VERSION),
    circleId: EntryIdSchema,
    epoch: z.number().int().min(0).max(ENVELOPE_LIMITS.maxEpoch),
    author: KeyIdSchema,
    entryId: EntryIdSchema,
    seq: z.number().int().min(1).max(ENVELOPE_LIMITS.maxSeq),
    prev: z.union([z.literal(''), HashSchema]),
    claimedAt: z.number().int().min(0).max(8.64e15),
    iv: b64url(16, 16),
    ct: b64url(22, ENVELOPE_LIMITS.ciphertextChars),
    sig: b64url(86, 86),
  })
  .strict();

/** Plain JSON values only, so an envelope can sit in a Y.Map as is. */
export type Envelope = z.output<typeof EnvelopeSchema>;

export type OpenFailure = 'malformed' | 'too-large' | 'wrong-circle' | 'unknown-epoch' | 'not-a-member' | 'bad-signature' | 'cannot-decrypt' | 'bad-body' | 'not-allowed';

export type OpenResult = { ok: true; envelope: Envelope; body: Body; hash: string } | { ok: false; reason: OpenFailure };

/** The last envelope an author wrote: the next one continues the sequence and chains to it. */
export interface AuthorState {
  readonly seq: number;
  readonly hash: string;
}

export interface SealContext {
  readonly circleId: string;
  readonly epoch: number;
  readonly contentKey: CryptoKey;
  readonly identity: DeviceIdentity;
  /** A fresh random id for a new post or reply, or the id being updated or retracted. */
  readonly entryId: string;
  readonly previous: AuthorState | null;
  readonly now: number;
}

export type MemberRole = 'facilitator' | 'member';

/** Who may write in which epoch, as the verified membership log says. */
export interface Roster {
  memberAt(keyId: string, epoch: number): { readonly signingKey: string; readonly role: MemberRole } | undefined;
}

export interface OpenContext {
  readonly circleId: string;
  readonly contentKey: (epoch: number) => CryptoKey | undefined;
  readonly roster: Roster;
}

/** A new random entry id (128 bits). Never derived from a journal id, so nothing links the two. */
export function newEntryId(): string {
  return toBase64Url(randomBytes(16));
}

/** Deterministic entry ids, so re-reacting or re-hiding replaces instead of piling up. */
export async function derivedEntryId(purpose: 'reaction' | 'hide' | 'circle-info', parts: readonly string[]): Promise<string> {
  const digest = await sha256(utf8(JSON.stringify(['hearth/entry-id/v1', purpose, ...parts])));
  return toBase64Url(digest.subarray(0, 16));
}

export const reactionEntryId = (target: EntryRef): Promise<string> => derivedEntryId('reaction', [target.author, target.entryId]);
export const hideEntryId = (target: EntryRef): Promise<string> => derivedEntryId('hide', [target.author, target.entryId]);
export const circleInfoEntryId = (circleId: string): Promise<string> => derivedEntryId('circle-info', [circleId]);

type Header = Pick<Envelope, 'v' | 'circleId' | 'epoch' | 'author' | 'entryId' | 'seq' | 'prev' | 'claimedAt'>;

function aadBytes(h: Header): Bytes {
  return utf8(JSON.stringify(['hearth/envelope-aad/v1', h.v, h.circleId, h.epoch, h.author, h.entryId, h.seq, h.prev, h.claimedAt]));
}

function signedBytes(e: Omit<Envelope, 'sig'>): Bytes {
  return utf8(JSON.stringify(['hearth/envelope/v1', e.v, e.circleId, e.epoch, e.author, e.entryId, e.seq, e.prev, e.claimedAt, e.iv, e.ct]));
}

/** The envelope's identity: SHA-256 over everything including the signature. */
export async function envelopeHash(envelope: Envelope): Promise<string> {
  return toBase64Url(await sha256(utf8(JSON.stringify([toBase64Url(signedBytes(envelope)), envelope.sig]))));
}

export async function sealEnvelope(body: BodyInput, ctx: SealContext): Promise<{ envelope: Envelope; state: AuthorState }> {
  const clean = BodySchema.parse(body);
  const header: Header = {
    v: ENVELOPE_VERSION,
    circleId: ctx.circleId,
    epoch: ctx.epoch,
    author: ctx.identity.publicIdentity.keyId,
    entryId: ctx.entryId,
    seq: (ctx.previous?.seq ?? 0) + 1,
    prev: ctx.previous?.hash ?? '',
    claimedAt: Math.floor(ctx.now),
  };
  const iv = randomBytes(12);
  const plaintext = utf8(canonicalJson(clean));
  const ct = new Uint8Array(await globalThis.crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aadBytes(header) }, ctx.contentKey, plaintext));
  const unsigned = { ...header, iv: toBase64Url(iv), ct: toBase64Url(ct) };
  const envelope = EnvelopeSchema.parse({ ...unsigned, sig: await signBytes(ctx.identity, signedBytes(unsigned)) });
  return { envelope, state: { seq: envelope.seq, hash: await envelopeHash(envelope) } };
}

/** Shape and size only: no crypto. Oversized input is refused before anything else looks at it. */
export function parseEnvelope(raw: unknown): { ok: true; envelope: Envelope } | { ok: false; reason: 'malformed' | 'too-large' } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, reason: 'malformed' };
  const keys = Object.keys(raw);
  if (keys.length > 16) return { ok: false, reason: 'malformed' };
  const ct: unknown = 'ct' in raw ? raw.ct : undefined;
  if (typeof ct === 'string' && ct.length > ENVELOPE_LIMITS.ciphertextChars) return { ok: false, reason: 'too-large' };
  const parsed = EnvelopeSchema.safeParse(raw);
  return parsed.success ? { ok: true, envelope: parsed.data } : { ok: false, reason: 'malformed' };
}

/**
 * The crypto half of opening: verify the author's signature, then decrypt and parse the body.
 * Takes the author's verifying key, so callers can cache imported keys.
 */
export async function verifyAndDecrypt(envelope: Envelope, verifyKey: CryptoKey, contentKey: CryptoKey): Promise<{ ok: true; body: Body } | { ok: false; reason: 'bad-signature' | 'cannot-decrypt' | 'bad-body' }> {
  if (!(await verifyBytes(verifyKey, envelope.sig, signedBytes(envelope)))) return { ok: false, reason: 'bad-signature' };
  const iv = fromBase64Url(envelope.iv);
  const ct = fromBase64Url(envelope.ct);
  if (!iv || !ct) return { ok: false, reason: 'cannot-decrypt' };
  let plaintext: Uint8Array;
  try {
    plaintext = new Uint8Array(await globalThis.crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: aadBytes(envelope) }, contentKey, ct));
  } catch {
    // AES-GCM throws OperationError when the tag does not verify: wrong key or altered bytes.
    return { ok: false, reason: 'cannot-decrypt' };
  }
  const text = fromUtf8(plaintext);
  if (text === null) return { ok: false, reason: 'bad-body' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // A signed but unparsable body comes from a broken or hostile client; it is refused, not thrown.
    return { ok: false, reason: 'bad-body' };
  }
  const body = BodySchema.safeParse(json);
  return body.success ? { ok: true, body: body.data } : { ok: false, reason: 'bad-body' };
}

/** Derived ids must match what they claim: one reaction per author per target, one hide per target, one circle-info slot. */
export async function idsMatch(envelope: Envelope, body: Body): Promise<boolean> {
  switch (body.kind) {
    case 'post':
    case 'reply':
      return true;
    case 'reaction':
      return envelope.entryId === (await reactionEntryId(body.target));
    case 'tombstone':
      return body.target.author === envelope.author || envelope.entryId === (await hideEntryId(body.target));
    case 'circle-info':
      return envelope.entryId === (await circleInfoEntryId(envelope.circleId));
  }
}

/** Role rules: tombstones come from the target's author or a facilitator; the circle's info from a facilitator. */
export function roleAllows(envelope: Envelope, body: Body, roster: Roster): boolean {
  const role = roster.memberAt(envelope.author, envelope.epoch)?.role;
  if (!role) return false;
  switch (body.kind) {
    case 'post':
    case 'reply':
    case 'reaction':
      return true;
    case 'tombstone':
      return body.target.author === envelope.author || role === 'facilitator';
    case 'circle-info':
      return role === 'facilitator';
  }
}

/** Everything a reader does before showing an envelope, in order: shape, size, circle, epoch, member, signature, decryption, body, rules. */
export async function openEnvelope(raw: unknown, ctx: OpenContext): Promise<OpenResult> {
  const parsed = parseEnvelope(raw);
  if (!parsed.ok) return parsed;
  const envelope = parsed.envelope;
  if (envelope.circleId !== ctx.circleId) return { ok: false, reason: 'wrong-circle' };
  const contentKey = ctx.contentKey(envelope.epoch);
  if (!contentKey) return { ok: false, reason: 'unknown-epoch' };
  const member = ctx.roster.memberAt(envelope.author, envelope.epoch);
  if (!member) return { ok: false, reason: 'not-a-member' };
  const verifyKey = await importVerifyKey(member.signingKey);
  if (!verifyKey) return { ok: false, reason: 'bad-signature' };
  const opened = await verifyAndDecrypt(envelope, verifyKey, contentKey);
  if (!opened.ok) return opened;
  if (!(await idsMatch(envelope, opened.body)) || !roleAllows(envelope, opened.body, ctx.roster)) return { ok: false, reason: 'not-allowed' };
  return { ok: true, envelope, body: opened.body, hash: await envelopeHash(envelope) };
}
