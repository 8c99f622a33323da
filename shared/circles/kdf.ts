// HKDF-SHA-256 with labelled info strings: every derived value in circles comes through here.
import { utf8, type Bytes } from './bytes';

const subtle = (): SubtleCrypto => globalThis.crypto.subtle;

/** The info string: a fixed label plus context parts, joined unambiguously (JSON of an array). */
function info(label: string, context: readonly (string | number)[]): Bytes {
  return utf8(JSON.stringify([label, ...context]));
}

async function baseKey(ikm: Bytes): Promise<CryptoKey> {
  return subtle().importKey('raw', ikm, 'HKDF', false, ['deriveBits', 'deriveKey']);
}

export async function hkdfBytes(ikm: Bytes, salt: string, label: string, context: readonly (string | number)[], length: number): Promise<Bytes> {
  const key = await baseKey(ikm);
  const bits = await subtle().deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: utf8(salt), info: info(label, context) }, key, length * 8);
  return new Uint8Array(bits);
}

/** A non-extractable AES-GCM-256 key for encrypt and decrypt. */
export async function hkdfAesKey(ikm: Bytes, salt: string, label: string, context: readonly (string | number)[]): Promise<CryptoKey> {
  const key = await baseKey(ikm);
  return subtle().deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: utf8(salt), info: info(label, context) },
    key,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}
