// A device's identity: an Ed25519 signing key and an X25519 agreement key, their key id and fingerprint.
import { z } from 'zod';
import { concatBytes, fromBase64Url, randomBytes, sha256, toBase64Url, toCrockford, utf8, type Bytes } from './bytes';

const subtle = (): SubtleCrypto => globalThis.crypto.subtle;

/** Generates an Ed25519 or X25519 key pair (the DOM typings cannot tell these algorithms make pairs). */
export async function generateKeyPair(name: 'Ed25519' | 'X25519', extractable: boolean): Promise<CryptoKeyPair> {
  const usages: KeyUsage[] = name === 'Ed25519' ? ['sign', 'verify'] : ['deriveBits'];
  const made = await subtle().generateKey({ name }, extractable, usages);
  if (!('privateKey' in made)) throw new TypeError(`${name} did not produce a key pair`);
  return made;
}

/** What others may know about a device: raw public keys (base64url, 32 bytes each) and the key id. */
export interface PublicIdentity {
  readonly signingKey: string;
  readonly agreementKey: string;
  /** base64url of the first 16 bytes of SHA-256(signingKey ‖ agreementKey). */
  readonly keyId: string;
}

export interface DeviceIdentity {
  readonly signing: CryptoKeyPair;
  readonly agreement: CryptoKeyPair;
  readonly publicIdentity: PublicIdentity;
}

const KEY_ID_BYTES = 16;
const b64 = (max: number) => z.string().min(1).max(max).regex(/^[A-Za-z0-9_-]+$/);
/** A raw 32-byte public key as unpadded base64url (43 characters). */
export const PublicKeySchema = b64(43).length(43);
export const KeyIdSchema = b64(22).length(22);

export async function keyIdOf(signingKey: Uint8Array, agreementKey: Uint8Array): Promise<string> {
  const digest = await sha256(concatBytes(signingKey, agreementKey));
  return toBase64Url(digest.subarray(0, KEY_ID_BYTES));
}

export async function createDeviceIdentity(): Promise<DeviceIdentity> {
  const signing = await generateKeyPair('Ed25519', true);
  const agreement = await generateKeyPair('X25519', true);
  return { signing, agreement, publicIdentity: await publicIdentityOf(signing.publicKey, agreement.publicKey) };
}

async function publicIdentityOf(signingPublic: CryptoKey, agreementPublic: CryptoKey): Promise<PublicIdentity> {
  const signingRaw = new Uint8Array(await subtle().exportKey('raw', signingPublic));
  const agreementRaw = new Uint8Array(await subtle().exportKey('raw', agreementPublic));
  return {
    signingKey: toBase64Url(signingRaw),
    agreementKey: toBase64Url(agreementRaw),
    keyId: await keyIdOf(signingRaw, agreementRaw),
  };
}

const PublicIdentityShape = z.object({ signingKey: PublicKeySchema, agreementKey: PublicKeySchema, keyId: KeyIdSchema }).strict();

/** Parses a public identity from a peer and checks that its key id really belongs to its keys. */
export async function parsePublicIdentity(raw: unknown): Promise<PublicIdentity | null> {
  const parsed = PublicIdentityShape.safeParse(raw);
  if (!parsed.success) return null;
  const signingRaw = fromBase64Url(parsed.data.signingKey);
  const agreementRaw = fromBase64Url(parsed.data.agreementKey);
  if (!signingRaw || !agreementRaw) return null;
  return (await keyIdOf(signingRaw, agreementRaw)) === parsed.data.keyId ? parsed.data : null;
}

/**
 * A short code two people can read to each other to check they see the same device:
 * 80 bits of a domain-separated hash of both public keys, as four groups of four Crockford characters.
 */
export async function fingerprint(identity: Pick<PublicIdentity, 'signingKey' | 'agreementKey'>): Promise<string> {
  const signingRaw = fromBase64Url(identity.signingKey);
  const agreementRaw = fromBase64Url(identity.agreementKey);
  if (!signingRaw || !agreementRaw) throw new RangeError('fingerprint needs base64url public keys');
  const digest = await sha256(concatBytes(utf8('hearth/fingerprint/v1'), signingRaw, agreementRaw));
  const code = toCrockford(digest.subarray(0, 10));
  return [0, 4, 8, 12].map((start) => code.slice(start, start + 4)).join('-');
}

/** Verifying key for a raw Ed25519 public key (base64url); null when it is not a valid key. */
export async function importVerifyKey(signingKey: string): Promise<CryptoKey | null> {
  const raw = fromBase64Url(signingKey);
  if (!raw || raw.length !== 32) return null;
  try {
    return await subtle().importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
  } catch {
    // WebCrypto rejects malformed points with a DOMException; a peer's bad key is an answer, not a crash.
    return null;
  }
}

/** X25519 public key for a raw key (base64url); null when it is not a valid key. */
export async function importAgreementKey(agreementKey: string): Promise<CryptoKey | null> {
  const raw = fromBase64Url(agreementKey);
  if (!raw || raw.length !== 32) return null;
  try {
    return await subtle().importKey('raw', raw, { name: 'X25519' }, false, []);
  } catch {
    // As above: an invalid key from a peer is refused, not thrown.
    return null;
  }
}

export async function signBytes(identity: DeviceIdentity, data: Bytes): Promise<string> {
  return toBase64Url(new Uint8Array(await subtle().sign({ name: 'Ed25519' }, identity.signing.privateKey, data)));
}

export async function verifyBytes(key: CryptoKey, signature: string, data: Bytes): Promise<boolean> {
  const sig = fromBase64Url(signature);
  if (!sig || sig.length !== 64) return false;
  return subtle().verify({ name: 'Ed25519' }, key, sig, data);
}

// ---- Storage form ----

const StoredIdentitySchema = z
  .object({
    v: z.literal(1),
    signing: z.object({ publicKey: PublicKeySchema, privateKey: b64(200) }).strict(),
    agreement: z.object({ publicKey: PublicKeySchema, privateKey: b64(200) }).strict(),
  })
  .strict();

/** The serialisable form kept on disk (by the app, wrapped by its own encryption at rest). */
export type StoredIdentity = z.output<typeof StoredIdentitySchema>;

export async function exportIdentity(identity: DeviceIdentity): Promise<StoredIdentity> {
  const pkcs8 = async (key: CryptoKey) => toBase64Url(new Uint8Array(await subtle().exportKey('pkcs8', key)));
  return {
    v: 1,
    signing: { publicKey: identity.publicIdentity.signingKey, privateKey: await pkcs8(identity.signing.privateKey) },
    agreement: { publicKey: identity.publicIdentity.agreementKey, privateKey: await pkcs8(identity.agreement.privateKey) },
  };
}

export type ImportIdentityResult = { ok: true; identity: DeviceIdentity } | { ok: false; message: string };

const UNREADABLE = 'This device’s saved circle identity could not be read. Your journal is safe; circles on this device need a new identity.';

/** Restores a stored identity; checks the private keys really match the stored public keys. */
export async function importIdentity(raw: unknown): Promise<ImportIdentityResult> {
  const parsed = StoredIdentitySchema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: UNREADABLE };
  const stored = parsed.data;
  try {
    const signingPrivate = await importPrivate(stored.signing.privateKey, 'Ed25519', ['sign']);
    const agreementPrivate = await importPrivate(stored.agreement.privateKey, 'X25519', ['deriveBits']);
    const signingPublic = await importRawPublic(stored.signing.publicKey, 'Ed25519', ['verify']);
    const agreementPublic = await importRawPublic(stored.agreement.publicKey, 'X25519', []);
    const identity: DeviceIdentity = {
      signing: { privateKey: signingPrivate, publicKey: signingPublic },
      agreement: { privateKey: agreementPrivate, publicKey: agreementPublic },
      publicIdentity: await publicIdentityOf(signingPublic, agreementPublic),
    };
    if (!(await keysMatch(identity))) return { ok: false, message: UNREADABLE };
    return { ok: true, identity };
  } catch {
    // Bad key bytes make WebCrypto throw; the person gets the plain message, not the exception.
    return { ok: false, message: UNREADABLE };
  }
}

async function importPrivate(pkcs8: string, name: 'Ed25519' | 'X25519', usages: KeyUsage[]): Promise<CryptoKey> {
  const raw = fromBase64Url(pkcs8);
  if (!raw) throw new Error('not base64url');
  return subtle().importKey('pkcs8', raw, { name }, true, usages);
}

async function importRawPublic(key: string, name: 'Ed25519' | 'X25519', usages: KeyUsage[]): Promise<CryptoKey> {
  const raw = fromBase64Url(key);
  if (!raw) throw new Error('not base64url');
  return subtle().importKey('raw', raw, { name }, true, usages);
}

async function keysMatch(identity: DeviceIdentity): Promise<boolean> {
  const probe = randomBytes(16);
  const signature = await signBytes(identity, probe);
  if (!(await verifyBytes(identity.signing.publicKey, signature, probe))) return false;
  const other = await generateKeyPair('X25519', false);
  const mine = new Uint8Array(await subtle().deriveBits({ name: 'X25519', public: other.publicKey }, identity.agreement.privateKey, 256));
  const theirs = new Uint8Array(await subtle().deriveBits({ name: 'X25519', public: identity.agreement.publicKey }, other.privateKey, 256));
  return toBase64Url(mine) === toBase64Url(theirs);
}

// ---- Start-up self-test ----

export type SelfTestResult = { ok: true } | { ok: false; message: string };

const STEPS: readonly { what: string; run: () => Promise<boolean> }[] = [
  { what: 'Ed25519 signatures', run: selfTestSign },
  { what: 'X25519 key agreement', run: selfTestAgree },
  { what: 'HKDF key derivation', run: selfTestHkdf },
  { what: 'AES-GCM encryption', run: selfTestAesGcm },
  { what: 'SHA-256 hashing', run: async () => (await sha256(utf8('abc'))).length === 32 },
];

/** Checks every primitive circles rely on, so an unsupported engine gets a clear message at start-up. */
export async function cryptoSelfTest(): Promise<SelfTestResult> {
  if (typeof globalThis.crypto?.subtle?.sign !== 'function') {
    return { ok: false, message: 'This device’s browser engine has no WebCrypto, which circles need. Your private journal still works.' };
  }
  for (const step of STEPS) {
    let passed = false;
    try {
      passed = await step.run();
    } catch {
      // Unsupported algorithms throw NotSupportedError; the message below is the useful outcome.
      passed = false;
    }
    if (!passed) {
      return {
        ok: false,
        message: `This device’s browser engine lacks ${step.what}, which circles need. Your private journal still works; updating the app may help.`,
      };
    }
  }
  return { ok: true };
}

async function selfTestSign(): Promise<boolean> {
  const pair = await generateKeyPair('Ed25519', false);
  const data = utf8('hearth self-test');
  const sig = await subtle().sign({ name: 'Ed25519' }, pair.privateKey, data);
  const good = await subtle().verify({ name: 'Ed25519' }, pair.publicKey, sig, data);
  const bad = await subtle().verify({ name: 'Ed25519' }, pair.publicKey, sig, utf8('hearth self-tesT'));
  return good && !bad;
}

async function selfTestAgree(): Promise<boolean> {
  const a = await generateKeyPair('X25519', false);
  const b = await generateKeyPair('X25519', false);
  const ab = new Uint8Array(await subtle().deriveBits({ name: 'X25519', public: b.publicKey }, a.privateKey, 256));
  const ba = new Uint8Array(await subtle().deriveBits({ name: 'X25519', public: a.publicKey }, b.privateKey, 256));
  return ab.length === 32 && toBase64Url(ab) === toBase64Url(ba);
}

async function selfTestHkdf(): Promise<boolean> {
  // RFC 5869 test case 3 (empty salt and info): the first bytes of OKM are 8da4e775a563c18f.
  const ikm = new Uint8Array(22).fill(0x0b);
  const key = await subtle().importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
  const okm = new Uint8Array(await subtle().deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: new Uint8Array(0) }, key, 64));
  return okm[0] === 0x8d && okm[1] === 0xa4 && okm[7] === 0x8f;
}

async function selfTestAesGcm(): Promise<boolean> {
  const key = await subtle().generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const iv = randomBytes(12);
  const ct = await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: utf8('aad') }, key, utf8('hello'));
  const pt = new Uint8Array(await subtle().decrypt({ name: 'AES-GCM', iv, additionalData: utf8('aad') }, key, ct));
  return toBase64Url(pt) === toBase64Url(utf8('hello'));
}
