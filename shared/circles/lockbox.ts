// A lockbox hands one member an epoch secret: ephemeral X25519 → HKDF → AES-GCM, signed by the sender.
import { z } from 'zod';
import { fromBase64Url, randomBytes, toBase64Url, utf8, type Bytes } from './bytes';
import { EntryIdSchema, ENVELOPE_LIMITS } from './envelope';
import { generateKeyPair, importAgreementKey, importVerifyKey, KeyIdSchema, PublicKeySchema, signBytes, verifyBytes, type DeviceIdentity, type PublicIdentity } from './identity';
import { hkdfAesKey } from './kdf';

const SALT = 'hearth/lockbox/v1';

export const LockboxSchema = z
  .object({
    v: z.literal(1),
    circleId: EntryIdSchema,
    epoch: z.number().int().min(0).max(ENVELOPE_LIMITS.maxEpoch),
    recipient: KeyIdSchema,
    sender: KeyIdSchema,
    ephemeralKey: PublicKeySchema,
    iv: z.string().regex(/^[A-Za-z0-9_-]{16}$/),
    // 32-byte secret + 16-byte tag = 48 bytes = 64 base64url characters.
    ct: z.string().regex(/^[A-Za-z0-9_-]{64}$/),
    sig: z.string().regex(/^[A-Za-z0-9_-]{86}$/),
  })
  .strict();
export type Lockbox = z.output<typeof LockboxSchema>;

export interface LockboxContext {
  readonly circleId: string;
  readonly epoch: number;
}

export type OpenLockboxResult = { ok: true; secret: Bytes } | { ok: false; reason: 'malformed' | 'not-for-me' | 'wrong-context' | 'bad-signature' | 'cannot-decrypt' };

type Header = Omit<Lockbox, 'iv' | 'ct' | 'sig'>;

const headerParts = (h: Header) => [h.circleId, h.epoch, h.recipient, h.sender, h.ephemeralKey];
const aad = (h: Header): Bytes => utf8(JSON.stringify(['hearth/lockbox-aad/v1', h.v, ...headerParts(h)]));
const signed = (l: Omit<Lockbox, 'sig'>): Bytes => utf8(JSON.stringify(['hearth/lockbox/v1', l.v, ...headerParts(l), l.iv, l.ct]));

async function boxKey(shared: Bytes, h: Header): Promise<CryptoKey> {
  return hkdfAesKey(shared, SALT, 'lockbox-key', headerParts(h));
}

export async function sealLockbox(secret: Bytes, recipient: PublicIdentity, sender: DeviceIdentity, ctx: LockboxContext): Promise<Lockbox> {
  const recipientKey = await importAgreementKey(recipient.agreementKey);
  if (!recipientKey) throw new RangeError('The recipient’s agreement key is not a valid X25519 key');
  const ephemeral = await generateKeyPair('X25519', true);
  const ephemeralRaw = new Uint8Array(await globalThis.crypto.subtle.exportKey('raw', ephemeral.publicKey));
  const shared = new Uint8Array(await globalThis.crypto.subtle.deriveBits({ name: 'X25519', public: recipientKey }, ephemeral.privateKey, 256));
  const header: Header = {
    v: 1,
    circleId: ctx.circleId,
    epoch: ctx.epoch,
    recipient: recipient.keyId,
    sender: sender.publicIdentity.keyId,
    ephemeralKey: toBase64Url(ephemeralRaw),
  };
  const iv = randomBytes(12);
  const ct = new Uint8Array(await globalThis.crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad(header) }, await boxKey(shared, header), secret));
  const unsigned = { ...header, iv: toBase64Url(iv), ct: toBase64Url(ct) };
  return LockboxSchema.parse({ ...unsigned, sig: await signBytes(sender, signed(unsigned)) });
}

/** Opens a lockbox addressed to `recipient`, checking it was signed by `sender` for this circle and epoch. */
export async function openLockbox(raw: unknown, recipient: DeviceIdentity, sender: Pick<PublicIdentity, 'keyId' | 'signingKey'>, ctx: LockboxContext): Promise<OpenLockboxResult> {
  const parsed = LockboxSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  const box = parsed.data;
  if (box.recipient !== recipient.publicIdentity.keyId) return { ok: false, reason: 'not-for-me' };
  if (box.circleId !== ctx.circleId || box.epoch !== ctx.epoch || box.sender !== sender.keyId) return { ok: false, reason: 'wrong-context' };
  const verifyKey = await importVerifyKey(sender.signingKey);
  if (!verifyKey || !(await verifyBytes(verifyKey, box.sig, signed(box)))) return { ok: false, reason: 'bad-signature' };
  const ephemeralKey = await importAgreementKey(box.ephemeralKey);
  const iv = fromBase64Url(box.iv);
  const ct = fromBase64Url(box.ct);
  if (!ephemeralKey || !iv || !ct) return { ok: false, reason: 'cannot-decrypt' };
  try {
    const shared = new Uint8Array(await globalThis.crypto.subtle.deriveBits({ name: 'X25519', public: ephemeralKey }, recipient.agreement.privateKey, 256));
    const secret = new Uint8Array(await globalThis.crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: aad(box) }, await boxKey(shared, box), ct));
    return { ok: true, secret };
  } catch {
    // A wrong key or altered bytes fail the AES-GCM tag (or X25519 rejects a low-order point): not for us.
    return { ok: false, reason: 'cannot-decrypt' };
  }
}
