// Sealed records: round trips, fresh IVs, and every kind of bad input gives a clear failure, never another
// value and never an escaping error.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openRecord, sealRecord, type RecordPlace, type SealedRecord } from '@shared/vault/records';
import { createVault, type VaultKey } from '@shared/vault/keys';
import { TEST_KDF } from './support';

const place: RecordPlace = { store: 'checkIns', id: 'c-1', schemaVersion: 3 };

async function newKey(): Promise<VaultKey> {
  return (await createVault('a long enough test passcode', TEST_KDF)).vault;
}

const jsonValue = fc.jsonValue().filter((value) => value !== null && typeof value === 'object');

describe('sealed records', () => {
  it('round-trips any JSON object value', async () => {
    const vault = await newKey();
    await fc.assert(
      fc.asyncProperty(jsonValue, fc.string({ minLength: 1 }), fc.nat(1000), async (value, id, schemaVersion) => {
        const at = { store: 'checkIns', id, schemaVersion };
        const opened = await openRecord(vault, at, await sealRecord(vault, at, value));
        const expected: unknown = JSON.parse(JSON.stringify(value));
        expect(opened).toEqual({ ok: true, value: expected });
      }),
      { numRuns: 100 },
    );
  });

  it('uses a fresh 12-byte IV every time, so equal values never look equal', async () => {
    const vault = await newKey();
    const a = await sealRecord(vault, place, { mood: 3 });
    const b = await sealRecord(vault, place, { mood: 3 });
    expect(a.iv).toHaveLength(12);
    expect(a.iv).not.toEqual(b.iv);
    expect(a.ct).not.toEqual(b.ct);
  });

  it('refuses a flipped bit anywhere, with a failure and never a value', async () => {
    const vault = await newKey();
    const sealed = await sealRecord(vault, place, { mood: 4, note: 'a good walk' });
    const fields = ['iv', 'ct', 'key', 'at'] as const;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), fc.nat(), fc.integer({ min: 0, max: 7 }), async (field, index, bit) => {
        const bytes = new Uint8Array(sealed[field]);
        const at = index % bytes.length;
        bytes[at] = (bytes[at] ?? 0) ^ (1 << bit);
        const damaged: SealedRecord = { ...sealed, [field]: bytes };
        const opened = await openRecord(vault, place, damaged);
        expect(opened.ok).toBe(false);
        // A changed hint may read as another key or place; a changed IV or ciphertext is plain damage.
        if (!opened.ok && (field === 'iv' || field === 'ct')) expect(opened.reason).toBe('damaged');
      }),
      { numRuns: 200 },
    );
  });

  it('says damaged for truncated or malformed stored forms', async () => {
    const vault = await newKey();
    const sealed = await sealRecord(vault, place, { mood: 1 });
    const bad: unknown[] = [
      null,
      'text',
      {},
      { ...sealed, v: 2 },
      { ...sealed, iv: sealed.iv.slice(0, 11) },
      { ...sealed, ct: sealed.ct.slice(0, 15) },
      { ...sealed, ct: sealed.ct.slice(0, sealed.ct.length - 1) },
      { ...sealed, ct: Array.from(sealed.ct) },
      { ...sealed, extra: 1 },
    ];
    for (const stored of bad) {
      const opened = await openRecord(vault, place, stored);
      expect(opened).toMatchObject({ ok: false, reason: 'damaged' });
      if (!opened.ok) expect(opened.message).toMatch(/damaged/);
    }
  });

  it('refuses a record moved to another id, schema version or store', async () => {
    const vault = await newKey();
    const sealed = await sealRecord(vault, place, { mood: 2 });
    for (const elsewhere of [{ ...place, id: 'c-2' }, { ...place, schemaVersion: 4 }, { ...place, store: 'drafts' }]) {
      expect(await openRecord(vault, elsewhere, sealed)).toMatchObject({ ok: false, reason: 'moved' });
    }
    expect(await openRecord(vault, place, sealed)).toEqual({ ok: true, value: { mood: 2 } });
  });

  it('says wrong-key for a record from another vault', async () => {
    const mine = await newKey();
    const theirs = await newKey();
    const sealed = await sealRecord(theirs, place, { mood: 2 });
    expect(await openRecord(mine, place, sealed)).toMatchObject({ ok: false, reason: 'wrong-key' });
  });

  it('treats a value its parser rejects as damaged', async () => {
    const vault = await newKey();
    const sealed = await sealRecord(vault, place, { mood: 'high' });
    const parse = (value: unknown): { mood: number } => {
      if (typeof value === 'object' && value !== null && 'mood' in value && typeof value.mood === 'number') return { mood: value.mood };
      throw new TypeError('not a check-in');
    };
    expect(await openRecord(vault, place, sealed, parse)).toMatchObject({ ok: false, reason: 'damaged' });
  });

  it('opens a record whose bytes are views on a larger buffer (as a structured clone may give)', async () => {
    const vault = await newKey();
    const sealed = await sealRecord(vault, place, { mood: 5 });
    const padded = new Uint8Array(sealed.ct.length + 8);
    padded.set(sealed.ct, 4);
    const view = padded.subarray(4, 4 + sealed.ct.length);
    expect(await openRecord(vault, place, { ...sealed, ct: view })).toEqual({ ok: true, value: { mood: 5 } });
  });
});
