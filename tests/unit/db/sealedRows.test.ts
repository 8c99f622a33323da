// One value in a key/value store, through the database's cipher: a read-change-write that another writer
// interrupts starts again with their value instead of overwriting it; stored values compare by content.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { createVault } from '@shared/vault/keys';
import { HearthDatabase } from '../../../renderer/src/db/database';
import { readValue, sameStored, updateValue, writeValue } from '../../../renderer/src/db/sealedRows';
import { sealingCipher } from '../../../renderer/src/vault/cipher';
import { TEST_KDF } from '../vault/support';

let db: HearthDatabase;

beforeEach(async () => {
  db = new HearthDatabase(`sealed-rows-${String(Math.random())}`);
  await db.open();
});

afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const asNumber = (value: unknown): number => {
  if (typeof value !== 'number') throw new TypeError('not a number');
  return value;
};

describe.each(['plain', 'sealed'] as const)('key/value rows (%s)', (kind) => {
  beforeEach(async () => {
    if (kind === 'sealed') db.useCipher(sealingCipher((await createVault('a long enough passcode here', TEST_KDF)).vault));
  });

  it('reads what was written, says when nothing is there, and refuses a value written for another key', async () => {
    expect(await readValue(db, 'settings', 'count', asNumber)).toEqual({ kind: 'absent' });
    await writeValue(db, 'settings', 'count', 3);
    expect(await readValue(db, 'settings', 'count', asNumber)).toEqual({ kind: 'present', ok: true, value: 3 });
    if (kind === 'sealed') {
      const row = await db.settings.get('count');
      await db.settings.put({ key: 'other', value: row?.value });
      expect(await readValue(db, 'settings', 'other', asNumber)).toMatchObject({ kind: 'present', ok: false, reason: 'moved' });
    }
  });

  it('starts a change again when another writer changed the value meanwhile, so neither change is lost', async () => {
    await writeValue(db, 'settings', 'count', 1);
    let calls = 0;
    const result = await updateValue(db, 'settings', 'count', asNumber, async (current) => {
      calls += 1;
      // The first time, another window adds 10 between this read and this write.
      if (calls === 1) await writeValue(db, 'settings', 'count', 11);
      return current.kind === 'present' && current.ok ? current.value + 1 : 0;
    });
    expect(calls).toBe(2);
    expect(result).toBe(12);
    expect(await readValue(db, 'settings', 'count', asNumber)).toEqual({ kind: 'present', ok: true, value: 12 });
  });
});

describe('sameStored', () => {
  it('compares bytes, arrays and objects by content', () => {
    expect(sameStored({ a: [1, new Uint8Array([1, 2])] }, { a: [1, new Uint8Array([1, 2])] })).toBe(true);
    expect(sameStored({ a: new Uint8Array([1, 2]) }, { a: new Uint8Array([1, 3]) })).toBe(false);
    expect(sameStored({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameStored([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(sameStored(undefined, undefined)).toBe(true);
    expect(sameStored(undefined, null)).toBe(false);
  });
});
