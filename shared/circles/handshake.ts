// The invite handshake over a one-time Y.Doc: a joiner's encrypted, signed join request and the
// facilitator's encrypted, signed answer (an approval carrying a lockbox, or a refusal with its reason).
import { z } from 'zod';
import type * as Y from 'yjs';
import { canonicalJson, fromBase64Url, fromUtf8, randomBytes, toBase64Url, utf8, type Bytes } from './bytes';
import { CONNECTION_LIMITS, IceServerSchema, SignalingUrlSchema, type IceServer } from './connection';
import { EntryIdSchema, EnvelopeSchema, ENVELOPE_LIMITS, type Envelope } from './envelope';
import { importVerifyKey, KeyIdSchema, parsePublicIdentity, PublicKeySchema, signBytes, verifyBytes, type DeviceIdentity, type PublicIdentity } from './identity';
import type { HandshakeRoom } from './invite';
import { LockboxSchema, type Lockbox } from './lockbox';
import { LogEntrySchema, MAX_LOG_ENTRIES, PseudonymSchema, type LogEntry } from './membership';

/** Join requests keyed by request id. */
export const REQUESTS_MAP = 'requests';
/** Answers keyed by the request id they answer. */
export const RESPONSES_MAP = 'responses';

export const HANDSHAKE_LIMITS = {
  /** base64url characters of one sealed request or answer (an answer carries the membership log). */
  sealedChars: 4_000_000,
  signalingUrls: CONNECTION_LIMITS.relays,
  iceServers: CONNECTION_LIMITS.iceServers,
  envelopes: 4,
} as const;

export const RequestIdSchema = EntryIdSchema;

const PublicIdentityShape = z.object({ signingKey: PublicKeySchema, agreementKey: PublicKeySchema, keyId: KeyIdSchema }).strict();
const SealedSchema = z
  .object({
    v: z.literal(1),
    iv: z.string().regex(/^[A-Za-z0-9_-]{16}$/),
    ct: z.string().min(22).max(HANDSHAKE_LIMITS.sealedChars).regex(/^[A-Za-z0-9_-]+$/),
  })
  .strict();
type Sealed = z.output<typeof SealedSchema>;

const timestamp = z.number().int().min(0).max(8.64e15);
const sig = z.string().regex(/^[A-Za-z0-9_-]{86}$/);

const JoinRequestSchema = z
  .object({ v: z.literal(1), requestId: RequestIdSchema, pseudonym: PseudonymSchema, identity: PublicIdentityShape, requestedAt: timestamp, sig })
  .strict();

/** A verified join request: the requester proved they hold the signing key they sent. */
export interface JoinRequest {
  readonly requestId: string;
  readonly pseudonym: string;
  readonly identity: PublicIdentity;
  readonly requestedAt: number;
}

export const REFUSAL_REASONS = ['expired', 'used-up', 'revoked', 'declined'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

const ApprovalSchema = z
  .object({
    kind: z.literal('approved'),
    circleId: EntryIdSchema,
    founder: PublicIdentityShape,
    epoch: z.number().int().min(0).max(ENVELOPE_LIMITS.maxEpoch),
    lockbox: LockboxSchema,
    /** The membership log as the facilitator holds it, so the joiner can check they are in it at once. */
    log: z.array(LogEntrySchema).max(MAX_LOG_ENTRIES),
    /** The circle's name and charter envelope(s), so the charter can be read and accepted offline. */
    envelopes: z.array(EnvelopeSchema).max(HANDSHAKE_LIMITS.envelopes),
    signalingUrls: z.array(SignalingUrlSchema).max(HANDSHAKE_LIMITS.signalingUrls),
    iceServers: z.array(IceServerSchema).max(HANDSHAKE_LIMITS.iceServers),
  })
  .strict();
const RefusalSchema = z.object({ kind: z.literal('refused'), reason: z.enum(REFUSAL_REASONS) }).strict();
const OutcomeSchema = z.discriminatedUnion('kind', [ApprovalSchema, RefusalSchema]);
export type Approval = z.output<typeof ApprovalSchema>;
export type Refusal = z.output<typeof RefusalSchema>;
export type HandshakeOutcome = z.output<typeof OutcomeSchema>;
export interface ApprovalInput {
  readonly circleId: string;
  readonly founder: PublicIdentity;
  readonly epoch: number;
  readonly lockbox: Lockbox;
  readonly log: readonly LogEntry[];
  readonly envelopes: readonly Envelope[];
  readonly signalingUrls: readonly string[];
  readonly iceServers: readonly IceServer[];
}

const ResponseSchema = z
  .object({
    v: z.literal(1),
    requestId: RequestIdSchema,
    recipient: KeyIdSchema,
    signer: PublicIdentityShape,
    answeredAt: timestamp,
    outcome: OutcomeSchema,
    sig,
  })
  .strict();

/** A verified answer: signed by `signer` for exactly this request and recipient. */
export interface HandshakeResponse {
  readonly requestId: string;
  readonly signer: PublicIdentity;
  readonly answeredAt: number;
  readonly outcome: HandshakeOutcome;
}

export function requestsOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(REQUESTS_MAP);
}

export function responsesOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(RESPONSES_MAP);
}

/** A fresh request id (128 random bits); the joiner keeps it across restarts so retries reuse the slot. */
export function newRequestId(): string {
  return toBase64Url(randomBytes(16));
}

const aad = (kind: 'request' | 'response', requestId: string): Bytes => utf8(JSON.stringify(['hearth/handshake-aad/v1', kind, requestId]));
const signedRequest = (r: Omit<z.output<typeof JoinRequestSchema>, 'sig'>): Bytes => utf8(canonicalJson(['hearth/join-request/v1', r]));
const signedResponse = (r: Omit<z.output<typeof ResponseSchema>, 'sig'>): Bytes => utf8(canonicalJson(['hearth/join-response/v1', r]));

async function seal(room: HandshakeRoom, kind: 'request' | 'response', requestId: string, value: unknown): Promise<Sealed> {
  const iv = randomBytes(12);
  const ct = new Uint8Array(await globalThis.crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad(kind, requestId) }, room.key, utf8(canonicalJson(value))));
  return { v: 1, iv: toBase64Url(iv), ct: toBase64Url(ct) };
}

/** Decrypts a slot's value; null for anything that is not ours (wrong key, altered, oversized, not JSON). */
async function unseal(room: HandshakeRoom, kind: 'request' | 'response', requestId: string, raw: unknown): Promise<unknown> {
  const parsed = SealedSchema.safeParse(raw);
  if (!parsed.success) return null;
  const iv = fromBase64Url(parsed.data.iv);
  const ct = fromBase64Url(parsed.data.ct);
  if (!iv || !ct) return null;
  let plaintext: Uint8Array;
  try {
    plaintext = new Uint8Array(await globalThis.crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: aad(kind, requestId) }, room.key, ct));
  } catch {
    // The AES-GCM tag failed: written with another key or altered; it is ignored like any junk.
    return null;
  }
  const text = fromUtf8(plaintext);
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Authentic but unparsable: a broken client; ignored.
    return null;
  }
}

/** The joiner asks to be let in: pseudonym and public keys, signed, encrypted with the handshake key. */
export async function writeJoinRequest(doc: Y.Doc, room: HandshakeRoom, identity: DeviceIdentity, pseudonym: string, requestId: string, now: number): Promise<void> {
  const unsigned = {
    v: 1 as const,
    requestId: RequestIdSchema.parse(requestId),
    pseudonym: PseudonymSchema.parse(pseudonym),
    identity: { ...identity.publicIdentity },
    requestedAt: Math.floor(now),
  };
  const request = JoinRequestSchema.parse({ ...unsigned, sig: await signBytes(identity, signedRequest(unsigned)) });
  requestsOf(doc).set(requestId, await seal(room, 'request', requestId, request));
}

/** Every request in the doc that decrypts, parses and is signed by the key it carries. */
export async function readJoinRequests(doc: Y.Doc, room: HandshakeRoom): Promise<JoinRequest[]> {
  const out: JoinRequest[] = [];
  for (const [slot, raw] of requestsOf(doc).entries()) {
    const parsed = JoinRequestSchema.safeParse(await unseal(room, 'request', slot, raw));
    if (!parsed.success || parsed.data.requestId !== slot) continue;
    const identity = await parsePublicIdentity(parsed.data.identity);
    const key = identity ? await importVerifyKey(identity.signingKey) : null;
    const { sig: signature, ...unsigned } = parsed.data;
    if (!identity || !key || !(await verifyBytes(key, signature, signedRequest(unsigned)))) continue;
    out.push({ requestId: slot, pseudonym: parsed.data.pseudonym, identity, requestedAt: parsed.data.requestedAt });
  }
  return out.sort((a, b) => a.requestedAt - b.requestedAt);
}

export function hasResponse(doc: Y.Doc, requestId: string): boolean {
  return responsesOf(doc).has(requestId);
}

/** The facilitator answers one request: an approval or a refusal, signed, encrypted with the handshake key. */
export async function writeResponse(
  doc: Y.Doc,
  room: HandshakeRoom,
  signer: DeviceIdentity,
  request: Pick<JoinRequest, 'requestId' | 'identity'>,
  outcome: ({ kind: 'approved' } & ApprovalInput) | Refusal,
  now: number,
): Promise<void> {
  const unsigned = {
    v: 1 as const,
    requestId: request.requestId,
    recipient: request.identity.keyId,
    signer: { ...signer.publicIdentity },
    answeredAt: Math.floor(now),
    outcome: OutcomeSchema.parse(outcome),
  };
  const response = ResponseSchema.parse({ ...unsigned, sig: await signBytes(signer, signedResponse(unsigned)) });
  responsesOf(doc).set(request.requestId, await seal(room, 'response', request.requestId, response));
}

/** The answer to my request, if one has arrived and verifies; null otherwise. */
export async function readResponse(doc: Y.Doc, room: HandshakeRoom, me: PublicIdentity, requestId: string): Promise<HandshakeResponse | null> {
  const parsed = ResponseSchema.safeParse(await unseal(room, 'response', requestId, responsesOf(doc).get(requestId)));
  if (!parsed.success) return null;
  const response = parsed.data;
  if (response.requestId !== requestId || response.recipient !== me.keyId) return null;
  const signer = await parsePublicIdentity(response.signer);
  const key = signer ? await importVerifyKey(signer.signingKey) : null;
  const { sig: signature, ...unsigned } = response;
  if (!signer || !key || !(await verifyBytes(key, signature, signedResponse(unsigned)))) return null;
  if (response.outcome.kind === 'approved') {
    const founder = await parsePublicIdentity(response.outcome.founder);
    if (!founder || response.outcome.lockbox.sender !== signer.keyId || response.outcome.lockbox.recipient !== me.keyId) return null;
  }
  return { requestId, signer, answeredAt: response.answeredAt, outcome: response.outcome };
}
