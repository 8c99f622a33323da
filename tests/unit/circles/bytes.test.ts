// Byte codecs: base64url, Crockford base32 and canonical JSON round-trip and refuse what they did not produce.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesEqual, canonicalJson, concatBytes, fromBase64Url, fromCrockford, fromUtf8, toBase64Url, toCrockford, toHex, utf8 } from '@shared/circles/bytes';

const bytesArb = fc.uint8Array({ maxLength: 64 });

describe('base64url', () => {
  it('round-trips any bytes', () => {
    fc.assert(fc.property(bytesArb, (bytes) => {
        expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
      }), { numRuns: 300 });
  });

  it('matches the RFC 4648 alphabet without padding', () => {
    expect(toBase64Url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect(toBase64Url(utf8('foobar'))).toBe('Zm9vYmFy');
  });

  it('refuses padding, foreign characters, impossible lengths and non-canonical trailing bits', () => {
    expect(fromBase64Url('Zm9v=')).toBeNull();
    expect(fromBase64Url('Zm+v')).toBeNull();
    expect(fromBase64Url('Z')).toBeNull();
    expect(fromBase64Url('-_9')).toBeNull();
    expect(fromBase64Url('Zm9v YmFy')).toBeNull();
    expect(fromBase64Url('Zm9v\nYmFy')).toBeNull();
  });

  it('agrees with Node\'s own base64url on any bytes, long ones included (the table-driven path)', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 20_000 }), (bytes) => {
        const text = Buffer.from(bytes).toString('base64url');
        expect(toBase64Url(bytes)).toBe(text);
        expect(fromBase64Url(text)).toEqual(bytes);
      }), { numRuns: 100 });
  });
});

describe('Crockford base32', () => {
  it('round-trips any bytes', () => {
    fc.assert(fc.property(bytesArb, (bytes) => {
        expect(fromCrockford(toCrockford(bytes))).toEqual(bytes);
      }), { numRuns: 300 });
  });

  it('reads lower case, hyphens, spaces and the look-alikes I, L (as 1) and O (as 0)', () => {
    const bytes = new Uint8Array([0x08, 0x42, 0x10, 0x84, 0x21]);
    const code = toCrockford(bytes);
    expect(code).toBe('11111111');
    expect(fromCrockford('iIlL-iIlL')).toEqual(bytes);
    expect(fromCrockford('11 11-11 11')).toEqual(bytes);
    expect(fromCrockford(toCrockford(new Uint8Array([0, 0])).toLowerCase().replace(/0/g, 'o'))).toEqual(new Uint8Array([0, 0]));
  });

  it('refuses U, punctuation and stray bits', () => {
    expect(fromCrockford('U1')).toBeNull();
    expect(fromCrockford('1*')).toBeNull();
    expect(fromCrockford('1')).toBeNull();
    expect(fromCrockford('11')).toBeNull();
  });
});

describe('small helpers', () => {
  it('hex, concat, equality and UTF-8', () => {
    expect(toHex(new Uint8Array([0, 15, 255]))).toBe('000fff');
    expect(concatBytes(new Uint8Array([1]), new Uint8Array([2, 3]))).toEqual(new Uint8Array([1, 2, 3]));
    expect(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(bytesEqual(new Uint8Array([1]), new Uint8Array([1, 0]))).toBe(false);
    expect(fromUtf8(utf8('héllo 🌱'))).toBe('héllo 🌱');
    expect(fromUtf8(new Uint8Array([0xff, 0xfe]))).toBeNull();
  });

  it('canonical JSON does not depend on key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(record));
        expect(JSON.parse(canonicalJson(record))).toEqual(JSON.parse(JSON.stringify(record)));
      }),
      { numRuns: 200 },
    );
  });
});
