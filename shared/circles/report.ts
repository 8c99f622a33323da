// Reports and their outcomes: sealed notes that only the people they name can open. A report goes to the
// circle's facilitators (and back to its reporter); an outcome goes to the reporter (and the facilitators).
// One ephemeral X25519 key, a wrapped content key per recipient, AES-GCM, signed by the sender's Ed25519 key.
import { z } from 'zod';
import { cleanText, EntryRefSchema } from './body';
import { canonicalJson, fromBase64Url, fromUtf8, randomBytes, toBase64Url, utf8, type Bytes } from './bytes';
import { EntryIdSchema } from './envelope';
import { generateKeyPair, importAgreementKey, importVerifyKey, KeyIdSchema, PublicKeySchema, signBytes, verifyBytes, type DeviceIdentity, type PublicIdentity } from './identity';
import { hkdfAesKey } from './kdf';

const SALT = 'hearth/sealed-note/v1';

export const REPORT_REASONS = ['unkind', 'medical-advice', 'graphic', 'privacy', 'spam', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export const REPORT_DECISIONS = ['hidden', 'no-action', 'member-removed'] as const;
export type ReportDecision = (typeof REPORT_DECISIONS)[number];

export const REPORT_LIMITS = { noteLength: 1_000, recipients: 32, ciphertextChars: 8_000 } as const;

export const ReportBodySchema = z
  .object({
    kind: z.literal('report'),
    target: EntryRefSchema,
    targetKind: z.enum(['post', 'reply']),
    reason: z.enum(REPORT_REASONS),
    note: z.string().max(REPORT_LIMITS.noteLength).transform(cleanText).exactOptional(),
  })
  .strict();
export type ReportBody = z.output<typeof ReportBodySchema>;

export const ReportOutcomeBodySchema = z
  .object({
    kind: z.literal('report-outcome'),
    /** The report's doc key (`reporter/id`). */
    report: z.object({ reporter: KeyIdSchema, id: EntryIdSchema }).strict(),
    decision: z.enum(REPORT_DECISIONS),
  })
  .strict();
export type ReportOutcomeBody = z.output<typeof ReportOutcomeBodySchema>;

const NoteBodySchema = z.discriminatedUnion('kind', [ReportBodySchema, ReportOutcomeBodySchema]);
export type NoteBody = z.output<typeof NoteBodySchema>;

const b64 = (length: number) => z.string().regex(new RegExp(`^[A-Za-z0-9_-]{${String(length)}}$`));

export const SealedNoteSchema = z
  .object({
    v: z.literal(1),
    circleId: EntryIdSchema,
    kind: z.enum(['report', 'report-outcome']),
    id: EntryIdSchema,
    sender: KeyIdSchema,
    claimedAt: z.number().int().min(0).max(8.64e15),
    ephemeralKey: PublicKeySchema,
    // Per recipient: the 32-byte note key wrapped (48 bytes with its tag = 64 base64url characters).
    keys: z.array(z.object({ recipient: KeyIdSchema, wrapped: b64(64) }).strict()).min(1).max(REPORT_LIMITS.recipients),
    iv: b64(16),
    ct: z.string().min(22).max(REPORT_LIMITS.ciphertextChars).regex(/^[A-Za-z0-9_-]*$/),
    sig: b64(86),
  })
  .strict();
export type SealedNote = z.output<typeof SealedNoteSchema>;

/** Where a note sits in the doc's `reports` map. */
export const noteKey = (note: Pick<SealedNote, 'sender' | 'id'>): string => `${note.sender}/${note.id}`;

export type OpenNoteResult =
  | { ok: true; note: SealedNote; body: NoteBody }
  | { ok: false; reason: 'malformed' | 'wrong-circle' | 'not-for-me' | 'bad-signature' | 'cannot-decrypt' | 'bad-body' };

type Header = Pick<SealedNote, 'v' | 'circleId' | 'kind' | 'id' | 'sender' | 'claimedAt' | 'ephemeralKey' | 'keys'>;

const headerParts = (h: Header): unknown[] => [h.v, h.circleId, h.kind, h.id, h.sender, h.claimedAt, h.ephemeralKey, h.keys.map((k) => [k.recipient, k.wrapped])];
const aad = (h: Header): Bytes => utf8(JSON.stringify(['hearth/sealed-note-aad/v1', ...headerParts(h)]));
const signed = (n: Omit<SealedNote, 'sig'>): Bytes => utf8(JSON.stringify(['hearth/sealed-note/v1', ...headerParts(n), n.iv, n.ct]));
// Each wrapping key is used once (fresh ephemeral key per note, one per recipient), so a fixed IV is safe.
const WRAP_IV = new Uint8Array(12);

async function wrapKey(shared: Bytes, h: Pick<SealedNote, 'circleId' | 'id' | 'sender' | 'ephemeralKey'>, recipient: string): Promise<CryptoKey> {
  return hkdfAesKey(shared, SALT, 'wrap-key', [h.circleId, h.id, h.sender, h.ephemeralKey, recipient]);
}

export interface SealNoteContext {
  readonly circleId: string;
  readonly now: number;
  /** A fresh random id for a report; an outcome reuses its report's id, so a second decision replaces the first. */
  readonly id: string;
}

/** Seals a report or outcome so that only `recipients` (deduplicated) can open it. */
export async function sealNote(body: z.input<typeof NoteBodySchema>, recipients: readonly Pick<PublicIdentity, 'keyId' | 'agreementKey'>[], sender: DeviceIdentity, ctx: SealNoteContext): Promise<SealedNote> {
  const clean = NoteBodySchema.parse(body);
  const unique = [...new Map(recipients.map((r) => [r.keyId, r])).values()];
  if (unique.length === 0 || unique.length > REPORT_LIMITS.recipients) throw new RangeError('A sealed note needs between 1 and 32 recipients');
  const ephemeral = await generateKeyPair('X25519', true);
  const ephemeralKey = toBase64Url(new Uint8Array(await globalThis.crypto.subtle.exportKey('raw', ephemeral.publicKey)));
  const base = { circleId: ctx.circleId, id: ctx.id, sender: sender.publicIdentity.keyId, ephemeralKey };
  const noteKeyBytes = randomBytes(32);
  const keys: { recipient: string; wrapped: string }[] = [];
  for (const recipient of unique) {
    const publicKey = await importAgreementKey(recipient.agreementKey);
    if (!publicKey) throw new RangeError('A recipient’s agreement key is not a valid X25519 key');
    const shared = new Uint8Array(await globalThis.crypto.subtle.deriveBits({ name: 'X25519', public: publicKey }, ephemeral.privateKey, 256));
    const wrapped = new Uint8Array(await globalThis.crypto.subtle.encrypt({ name: 'AES-GCM', iv: WRAP_IV }, await wrapKey(shared, base, recipient.keyId), noteKeyBytes));
    keys.push({ recipient: recipient.keyId, wrapped: toBase64Url(wrapped) });
  }
  const header: Header = { v: 1, circleId: ctx.circleId, kind: clean.kind, id: ctx.id, sender: base.sender, claimedAt: Math.floor(ctx.now), ephemeralKey, keys };
  const contentKey = await globalThis.crypto.subtle.importKey('raw', noteKeyBytes, 'AES-GCM', false, ['encrypt']);
  const iv = randomBytes(12);
  const ct = new Uint8Array(await globalThis.crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad(header) }, contentKey, utf8(canonicalJson(clean))));
  const unsigned = { ...header, iv: toBase64Url(iv), ct: toBase64Url(ct) };
  return SealedNoteSchema.parse({ ...unsigned, sig: await signBytes(sender, signed(unsigned)) });
}

/** Opens a note for `me`, checking it was signed by `senderSigningKey` (the sender's key from the membership log). */
export async function openNote(raw: unknown, me: DeviceIdentity, senderSigningKey: (keyId: string) => string | undefined, circleId: string): Promise<OpenNoteResult> {
  const parsed = SealedNoteSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  const note = parsed.data;
  if (note.circleId !== circleId) return { ok: false, reason: 'wrong-circle' };
  const mine = note.keys.find((key) => key.recipient === me.publicIdentity.keyId);
  if (!mine) return { ok: false, reason: 'not-for-me' };
  const signingKey = senderSigningKey(note.sender);
  const verifyKey = signingKey === undefined ? null : await importVerifyKey(signingKey);
  if (!verifyKey || !(await verifyBytes(verifyKey, note.sig, signed(note)))) return { ok: false, reason: 'bad-signature' };
  const ephemeralKey = await importAgreementKey(note.ephemeralKey);
  const wrapped = fromBase64Url(mine.wrapped);
  const iv = fromBase64Url(note.iv);
  const ct = fromBase64Url(note.ct);
  if (!ephemeralKey || !wrapped || !iv || !ct) return { ok: false, reason: 'cannot-decrypt' };
  let plaintext: Uint8Array;
  try {
    const shared = new Uint8Array(await globalThis.crypto.subtle.deriveBits({ name: 'X25519', public: ephemeralKey }, me.agreement.privateKey, 256));
    const noteKeyBytes = new Uint8Array(await globalThis.crypto.subtle.decrypt({ name: 'AES-GCM', iv: WRAP_IV }, await wrapKey(shared, note, me.publicIdentity.keyId), wrapped));
    const contentKey = await globalThis.crypto.subtle.importKey('raw', noteKeyBytes, 'AES-GCM', false, ['decrypt']);
    plaintext = new Uint8Array(await globalThis.crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: aad(note) }, contentKey, ct));
  } catch {
    // A wrong key or altered bytes fail an AES-GCM tag (or X25519 rejects a low-order point): not for us.
    return { ok: false, reason: 'cannot-decrypt' };
  }
  const text = fromUtf8(plaintext);
  let json: unknown;
  try {
    json = text === null ? null : JSON.parse(text);
  } catch {
    // Signed but unparsable: a broken or hostile client; refused, not thrown.
    return { ok: false, reason: 'bad-body' };
  }
  const body = NoteBodySchema.safeParse(json);
  if (!body.success || body.data.kind !== note.kind) return { ok: false, reason: 'bad-body' };
  return { ok: true, note, body: body.data };
}
