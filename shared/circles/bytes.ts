// Byte helpers for the circle model: UTF-8, base64url, hex, Crockford base32, concatenation, comparison.

/** Bytes backed by a plain ArrayBuffer, which is what WebCrypto accepts. */
export type Bytes = Uint8Array<ArrayBuffer>;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function utf8(text: string): Bytes {
  return encoder.encode(text);
}

/** Decodes UTF-8, or returns null for invalid sequences (peer data is never trusted to be well formed). */
export function fromUtf8(bytes: Uint8Array): string | null {
  try {
    return decoder.decode(bytes);
  } catch (error) {
    // A TypeError here means invalid UTF-8, which is an answer rather than a failure.
    if (error instanceof TypeError) return null;
    throw error;
  }
}

export function randomBytes(length: number): Bytes {
  const out = new Uint8Array(length);
  globalThis.crypto.getRandomValues(out);
  return out;
}

export function concatBytes(...parts: readonly Uint8Array[]): Bytes {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Compares without an early exit, so timing does not reveal where two values first differ. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** Character codes of the alphabet, and each code's value (-1 for characters outside it). */
const B64URL_CODES = Uint8Array.from(B64URL, (char) => char.charCodeAt(0));
const B64URL_VALUES = new Int8Array(128).fill(-1);
B64URL_CODES.forEach((code, index) => {
  B64URL_VALUES[code] = index;
});
const B64URL_TEXT = /^[A-Za-z0-9_-]*$/;

/**
 * The platform's own base64 (Chromium and recent engines: Uint8Array.prototype.toBase64 and
 * Uint8Array.fromBase64), which is several times faster than any loop here; a new member verifies a
 * thousand envelopes through these. Older engines (Node 20) use the table-driven loops below.
 */
interface NativeBase64 {
  readonly fromBase64?: (text: string, options: { alphabet: 'base64url'; lastChunkHandling: 'strict' }) => Uint8Array<ArrayBuffer>;
}
interface NativeBase64Bytes {
  toBase64?: (options: { alphabet: 'base64url'; omitPadding: true }) => string;
}
const nativeFromBase64 = (Uint8Array as NativeBase64).fromBase64?.bind(Uint8Array);
const nativeToBase64 = (Uint8Array.prototype as NativeBase64Bytes).toBase64;

/** base64url without padding (RFC 4648 §5). */
export function toBase64Url(bytes: Uint8Array): string {
  if (nativeToBase64 !== undefined) return nativeToBase64.call(bytes, { alphabet: 'base64url', omitPadding: true });
  const out = new Uint8Array(Math.ceil((bytes.length * 4) / 3));
  let o = 0;
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out[o++] = B64URL_CODES[n >> 18] ?? 0;
    out[o++] = B64URL_CODES[(n >> 12) & 63] ?? 0;
    out[o++] = B64URL_CODES[(n >> 6) & 63] ?? 0;
    out[o++] = B64URL_CODES[n & 63] ?? 0;
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = ((bytes[i] ?? 0) << 16) | (rest === 2 ? (bytes[i + 1] ?? 0) << 8 : 0);
    out[o++] = B64URL_CODES[n >> 18] ?? 0;
    out[o++] = B64URL_CODES[(n >> 12) & 63] ?? 0;
    if (rest === 2) out[o++] = B64URL_CODES[(n >> 6) & 63] ?? 0;
  }
  return asciiText(out.subarray(0, o));
}

/** Strict base64url decoding: unpadded, canonical (unused trailing bits zero); null otherwise. */
export function fromBase64Url(text: string): Bytes | null {
  if (text.length % 4 === 1 || !B64URL_TEXT.test(text)) return null;
  if (nativeFromBase64 !== undefined) {
    try {
      // 'strict' wants the padding back and refuses stray bits, which is exactly "canonical" here.
      return nativeFromBase64(text + '='.repeat((4 - (text.length % 4)) % 4), { alphabet: 'base64url', lastChunkHandling: 'strict' });
    } catch (error) {
      // A SyntaxError is the answer "not canonical base64url"; anything else is a real fault.
      if (error instanceof SyntaxError) return null;
      throw error;
    }
  }
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let bits = 0;
  let value = 0;
  let index = 0;
  for (let i = 0; i < text.length; i++) {
    // The regex above admitted only alphabet characters, so every lookup is a digit.
    value = (value << 6) | (B64URL_VALUES[text.charCodeAt(i)] ?? 0);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (value >> bits) & 0xff;
    }
    value &= (1 << bits) - 1;
  }
  return value === 0 ? out : null;
}

/** ASCII bytes as a string, in slices small enough for String.fromCharCode's argument limit. */
function asciiText(codes: Uint8Array): string {
  let out = '';
  for (let start = 0; start < codes.length; start += 8192) out += String.fromCharCode(...codes.subarray(start, start + 8192));
  return out;
}

export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CROCKFORD_VALUES = new Map<string, number>([
  ...[...CROCKFORD_ALPHABET].map((char, index): [string, number] => [char, index]),
  ['I', 1],
  ['L', 1],
  ['O', 0],
]);

/** The value of one Crockford base32 character (case-insensitive; I and L read as 1, O as 0). */
export function crockfordValue(char: string): number | undefined {
  return CROCKFORD_VALUES.get(char.toUpperCase());
}

/** Crockford base32, upper case, no check symbol; the last character carries zero padding bits. */
export function toCrockford(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += CROCKFORD_ALPHABET[(value >> bits) & 31];
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += CROCKFORD_ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes Crockford base32, ignoring hyphens and white space; null for unknown characters or stray bits. */
export function fromCrockford(text: string): Bytes | null {
  const symbols: number[] = [];
  for (const char of text) {
    if (char === '-' || /\s/.test(char)) continue;
    const digit = crockfordValue(char);
    if (digit === undefined) return null;
    symbols.push(digit);
  }
  const out = new Uint8Array(Math.floor((symbols.length * 5) / 8));
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const digit of symbols) {
    value = (value << 5) | digit;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (value >> bits) & 0xff;
    }
    value &= (1 << bits) - 1;
  }
  // Leftover bits must be padding (zero) and fewer than a whole byte, or the text was not our encoding.
  return value === 0 && bits < 5 ? out : null;
}

export async function sha256(data: Uint8Array<ArrayBuffer>): Promise<Bytes> {
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', data));
}

/** JSON with object keys sorted at every level, so equal values always sign and hash to equal bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('canonicalJson: value has no JSON form');
  return json;
}
