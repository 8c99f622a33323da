// Carrying a journal database from one origin to another exactly as stored: two fake-indexeddb factories
// stand for the old file:// origin and the new app://hearth one.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { chunkRows, databaseExists, dumpDatabase, loadDatabase, type RawChunk, type RawDatabaseShape } from '@shared/storage/rawDatabase';
import { SCHEMA_VERSIONS } from '../../../renderer/src/db/schema';

const NAME = 'hearth-journal';

/** A Dexie database at one of the app's schema versions, on the given origin. */
function journalAt(factory: IDBFactory, version: number): Dexie {
  const db = new Dexie(NAME, { indexedDB: factory, IDBKeyRange });
  for (const step of SCHEMA_VERSIONS.filter((candidate) => candidate.version <= version)) {
    const declared = db.version(step.version).stores(step.stores);
    if (step.upgrade) declared.upgrade(step.upgrade);
  }
  return db;
}

const sealed = (seed: number): Uint8Array => Uint8Array.from({ length: 48 }, (_, at) => (seed * 31 + at * 7) % 256);

/** An old-origin journal at schema version 4: plain and sealed check-ins, settings, circle updates (bytes). */
async function seedOldJournal(factory: IDBFactory): Promise<void> {
  const db = journalAt(factory, 4);
  await db.open();
  await db.table('checkIns').bulkPut([
    { id: 'a', at: 1, day: '2026-01-05', codec: 'plain', v: 1, body: { id: 'a', mood: 2, note: 'Long day.' } },
    { id: 'b', at: 2, day: '2026-01-06', codec: 'sealed', v: 1, body: sealed(1) },
  ]);
  await db.table('settings').put({ key: 'preferences', value: { theme: 'dark', nested: { list: [1, 'two', null] } } });
  await db.table('device').put({ key: 'identity', value: { publicKey: sealed(2), created: 5 } });
  await db.table('circleUpdates').bulkAdd([{ circleId: 'c1', update: sealed(3) }, { circleId: 'c1', update: sealed(4) }, { circleId: 'c2', update: new Uint8Array(0) }]);
  await db.table('safety').put({ key: 'plan', value: sealed(5) });
  db.close();
}

async function dumpAll(factory: IDBFactory, maxRows = 500): Promise<{ shape: RawDatabaseShape | null; chunks: RawChunk[]; counts: Record<string, number> | null }> {
  let shape: RawDatabaseShape | null = null;
  const chunks: RawChunk[] = [];
  const counts = await dumpDatabase(
    factory,
    NAME,
    {
      shape: (value) => {
        shape = value;
        return Promise.resolve();
      },
      chunk: (value) => {
        chunks.push(value);
        return Promise.resolve();
      },
    },
    { maxRows, maxBytes: 1024 * 1024 },
  );
  return { shape, chunks, counts };
}

/** Every store's records, raw, for comparing two databases. */
async function rawContents(factory: IDBFactory): Promise<Record<string, unknown[]>> {
  const { chunks } = await dumpAll(factory, 10_000);
  const contents: Record<string, unknown[]> = {};
  for (const chunk of chunks) contents[chunk.store] = [...(contents[chunk.store] ?? []), ...chunk.rows];
  return contents;
}

describe('dumpDatabase', () => {
  it('finds nothing, and creates nothing, where there is no journal', async () => {
    const factory = new IDBFactory();
    expect(await dumpAll(factory)).toEqual({ shape: null, chunks: [], counts: null });
    expect(await databaseExists(factory, NAME)).toBe(false);
    expect(await factory.databases()).toEqual([]);
  });

  it('reads every store with its layout and every record as stored, bytes as bytes', async () => {
    const factory = new IDBFactory();
    await seedOldJournal(factory);
    const { shape, chunks, counts } = await dumpAll(factory, 2);
    expect(counts).toEqual({ checkIns: 2, circleUpdates: 3, circles: 0, device: 1, safety: 1, settings: 1 });
    expect(shape?.version).toBe(40);
    expect(shape?.stores.find((store) => store.name === 'circleUpdates')).toEqual({
      name: 'circleUpdates',
      keyPath: 'seq',
      autoIncrement: true,
      indexes: [{ name: 'circleId', keyPath: 'circleId', unique: false, multiEntry: false }],
    });
    // Bounded: no chunk holds more than two records, and the three circle updates take two chunks.
    expect(chunks.every((chunk) => chunk.rows.length <= 2)).toBe(true);
    expect(chunks.filter((chunk) => chunk.store === 'circleUpdates')).toHaveLength(2);
    const sealedRow = chunks.flatMap((chunk) => chunk.rows).find((row) => row.key === 'b');
    expect(sealedRow?.value).toMatchObject({ codec: 'sealed' });
    const body = (sealedRow?.value as { body: unknown }).body;
    expect(body).toBeInstanceOf(Uint8Array);
    expect(body).toEqual(sealed(1));
  });
});

describe('loadDatabase', () => {
  it('writes the journal on the new origin exactly as it was, and the app’s upgrades then run on it', async () => {
    const oldOrigin = new IDBFactory();
    const newOrigin = new IDBFactory();
    await seedOldJournal(oldOrigin);
    const { shape, chunks } = await dumpAll(oldOrigin, 2);
    if (shape === null) throw new Error('no shape');
    expect(await loadDatabase(newOrigin, shape, chunks)).toBe('copied');
    expect(await rawContents(newOrigin)).toEqual(await rawContents(oldOrigin));
    // The app opens it with its full schema; the carried-over records read back, sealed bytes intact.
    const db = journalAt(newOrigin, Number.MAX_SAFE_INTEGER);
    await db.open();
    expect(await db.table('checkIns').get('b')).toEqual({ id: 'b', at: 2, day: '2026-01-06', codec: 'sealed', v: 1, body: sealed(1) });
    expect(await db.table('circleUpdates').where('circleId').equals('c1').count()).toBe(2);
    // The key generator carried on past the copied keys.
    const next = await db.table('circleUpdates').add({ circleId: 'c3', update: sealed(9) });
    expect(next).toBe(4);
    db.close();
    // The old origin still has everything: moving never deletes.
    expect(await rawContents(oldOrigin)).toHaveProperty('checkIns.length', 2);
  });

  it('carries an older schema version as it was, so the app’s upgrade from that version runs after', async () => {
    const oldOrigin = new IDBFactory();
    const newOrigin = new IDBFactory();
    const v1 = journalAt(oldOrigin, 1);
    await v1.open();
    await v1.table('checkIns').put({ id: 'a', at: 1, day: '2026-01-05', mood: 3, note: 'first' });
    v1.close();
    const { shape, chunks } = await dumpAll(oldOrigin);
    if (shape === null) throw new Error('no shape');
    expect(shape.version).toBe(10);
    await loadDatabase(newOrigin, shape, chunks);
    const db = journalAt(newOrigin, Number.MAX_SAFE_INTEGER);
    await db.open();
    expect(await db.table('checkIns').get('a')).toMatchObject({ codec: 'plain', body: { id: 'a', mood: 3, note: 'first' } });
    db.close();
  });

  it('writes nothing at all when a record fails part-way, and a later run succeeds', async () => {
    const oldOrigin = new IDBFactory();
    const newOrigin = new IDBFactory();
    await seedOldJournal(oldOrigin);
    const { shape, chunks } = await dumpAll(oldOrigin, 1);
    if (shape === null) throw new Error('no shape');
    // A record without its key, late in the run: checkIns has an inline key and no key generator.
    const broken: RawChunk[] = [...chunks.slice(0, 4), { store: 'checkIns', rows: [{ key: 'x', value: { at: 3 } }] }, ...chunks.slice(4)];
    await expect(loadDatabase(newOrigin, shape, broken)).rejects.toThrow(/could not be written/);
    expect(await databaseExists(newOrigin, NAME)).toBe(false);
    // A value that cannot be stored at all (a function) fails the same way.
    const unstorable: RawChunk[] = [...chunks, { store: 'settings', rows: [{ key: 'f', value: { key: 'f', value: () => 1 } }] }];
    await expect(loadDatabase(newOrigin, shape, unstorable)).rejects.toThrow();
    expect(await databaseExists(newOrigin, NAME)).toBe(false);
    expect(await loadDatabase(newOrigin, shape, chunks)).toBe('copied');
    expect(await rawContents(newOrigin)).toEqual(await rawContents(oldOrigin));
  });

  it('refuses records for a store the layout does not have, before writing anything', async () => {
    const newOrigin = new IDBFactory();
    const shape: RawDatabaseShape = { name: NAME, version: 10, stores: [{ name: 'checkIns', keyPath: 'id', autoIncrement: false, indexes: [] }] };
    await expect(loadDatabase(newOrigin, shape, [{ store: 'elsewhere', rows: [] }])).rejects.toThrow(/a store \(elsewhere\)/);
    expect(await databaseExists(newOrigin, NAME)).toBe(false);
  });

  it('leaves a journal that already exists on the new origin untouched, so a second run does nothing', async () => {
    const oldOrigin = new IDBFactory();
    const newOrigin = new IDBFactory();
    await seedOldJournal(oldOrigin);
    const { shape, chunks } = await dumpAll(oldOrigin);
    if (shape === null) throw new Error('no shape');
    expect(await loadDatabase(newOrigin, shape, chunks)).toBe('copied');
    const db = journalAt(newOrigin, Number.MAX_SAFE_INTEGER);
    await db.open();
    await db.table('checkIns').put({ id: 'new', at: 9, day: '2026-02-01', codec: 'plain', v: 1, body: {} });
    db.close();
    const before = await rawContents(newOrigin);
    expect(await loadDatabase(newOrigin, shape, chunks)).toBe('target-exists');
    expect(await rawContents(newOrigin)).toEqual(before);
  });
});

describe('chunkRows', () => {
  it('keeps chunks within the row and size limits, a single oversize record alone', () => {
    const rows = [{ key: 1, value: 'x'.repeat(10) }, { key: 2, value: 'y'.repeat(600) }, { key: 3, value: 'z' }, { key: 4, value: 'w' }];
    const chunks = chunkRows('s', rows, { maxRows: 2, maxBytes: 100 });
    expect(chunks.map((chunk) => chunk.rows.map((row) => row.key))).toEqual([[1], [2], [3, 4]]);
    expect(chunkRows('s', [], { maxRows: 2, maxBytes: 100 })).toEqual([]);
  });
});
