// Reading and writing one value in a key/value store (settings, device, circles, safety) through the
// database's cipher. WebCrypto cannot be awaited inside an IndexedDB transaction (it would commit early),
// so a read-change-write opens and seals outside, then writes only if the stored value is still the one
// that was read (an optimistic check), trying again if another window changed it meanwhile.
import type { Table } from 'dexie';
import type { OpenRecordResult } from '@shared/vault/records';
import { placeOf } from '../vault/cipher';
import type { HearthDatabase } from './database';

export type KeyValueStore = 'settings' | 'device' | 'circles' | 'safety';

interface KeyValueRow {
  readonly value: unknown;
}

/** The primary key field of each store (circles are keyed by `id`, the others by `key`). */
const KEY_FIELD: Readonly<Record<KeyValueStore, 'key' | 'id'>> = { settings: 'key', device: 'key', circles: 'id', safety: 'key' };

function tableOf(db: HearthDatabase, store: KeyValueStore): Table<KeyValueRow, string> {
  return db.table(store);
}

type StoredRow = KeyValueRow & Record<string, unknown>;

function rowOf(store: KeyValueStore, id: string, value: unknown): StoredRow {
  return { [KEY_FIELD[store]]: id, value };
}

/** `absent` when there is no row; otherwise the opened value or why it cannot be read. */
export type ReadValue<T> = { readonly kind: 'absent' } | ({ readonly kind: 'present' } & OpenRecordResult<T>);

export async function openStoredValue<T>(db: HearthDatabase, store: KeyValueStore, id: string, stored: unknown, parse: (value: unknown) => T): Promise<OpenRecordResult<T>> {
  return db.cipher.open(placeOf(store, id), stored, parse);
}

export async function readValue<T>(db: HearthDatabase, store: KeyValueStore, id: string, parse: (value: unknown) => T): Promise<ReadValue<T>> {
  const row = await tableOf(db, store).get(id);
  if (row === undefined) return { kind: 'absent' };
  return { kind: 'present', ...(await openStoredValue(db, store, id, row.value, parse)) };
}

/** The stored form of `value` at this place (sealed once a vault is unlocked). */
export async function sealValue(db: HearthDatabase, store: KeyValueStore, id: string, value: unknown): Promise<StoredRow> {
  return rowOf(store, id, await db.cipher.seal(placeOf(store, id), value));
}

export async function writeValue(db: HearthDatabase, store: KeyValueStore, id: string, value: unknown): Promise<void> {
  await tableOf(db, store).put(await sealValue(db, store, id, value));
}

const MAX_TRIES = 8;

/**
 * Reads the value, lets `change` compute the next one (it may throw to refuse, e.g. for a damaged value)
 * and writes it, unless another writer got there first, in which case it starts again with theirs.
 */
export async function updateValue<P, T>(db: HearthDatabase, store: KeyValueStore, id: string, parse: (value: unknown) => P, change: (current: ReadValue<P>) => T | Promise<T>): Promise<T> {
  const table = tableOf(db, store);
  for (let attempt = 0; attempt < MAX_TRIES; attempt += 1) {
    const before = await table.get(id);
    const current: ReadValue<P> = before === undefined ? { kind: 'absent' } : { kind: 'present', ...(await openStoredValue(db, store, id, before.value, parse)) };
    const next = await change(current);
    const row = await sealValue(db, store, id, next);
    const written = await db.transaction('rw', table, async () => {
      const now = await table.get(id);
      if (!sameStored(now?.value, before?.value)) return false;
      await table.put(row);
      return true;
    });
    if (written) return next;
  }
  throw new Error('This could not be saved because another Hearth window kept changing it. Close other windows and try again.');
}

/**
 * Whether two stored values are the same write: sealed values differ in their random IV at every write,
 * plain ones are compared field by field.
 */
export function sameStored(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return a instanceof Uint8Array && b instanceof Uint8Array && a.length === b.length && a.every((byte, index) => byte === b[index]);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => sameStored(item, b[index]));
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const aEntries = Object.entries(a);
  const bFields = new Map(Object.entries(b));
  return aEntries.length === bFields.size && aEntries.every(([key, value]) => bFields.has(key) && sameStored(value, bFields.get(key)));
}
