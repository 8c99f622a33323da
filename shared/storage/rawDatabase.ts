// Copies an IndexedDB database as it is stored — every object store, index, key and value exactly as kept,
// sealed bytes and all, nothing decoded — from one origin to another: dumpDatabase reads it on the old
// origin, loadDatabase writes it on the new one in a single transaction. Used once, when the desktop app
// moved from file:// to app://hearth (IndexedDB belongs to an origin, so the journal had to be carried
// over). Takes the IDBFactory as a parameter: the app passes its own, tests pass fake-indexeddb's.
import { chunkRows, DEFAULT_CHUNK_LIMITS, type ChunkLimits, type RawChunk, type RawDatabaseShape, type RawRow, type RawStore, type RowCounts } from './rawRecords';

export type { ChunkLimits, RawChunk, RawDatabaseShape, RawIndex, RawRow, RawStore, RowCounts } from './rawRecords';
export { chunkRows, DEFAULT_CHUNK_LIMITS, estimateBytes } from './rawRecords';

export interface DumpTarget {
  /** The database's layout, before any record. */
  shape(shape: RawDatabaseShape): Promise<void>;
  /** Each chunk in turn; the next one waits until this one is taken. */
  chunk(chunk: RawChunk): Promise<void>;
}

/** Whether a database of this name exists (a version of 0 is one whose creation was undone). */
export async function databaseExists(factory: IDBFactory, name: string): Promise<boolean> {
  const databases = await factory.databases();
  return databases.some((database) => database.name === name && (database.version ?? 0) > 0);
}

/**
 * Reads every store of the database in one read-only transaction (a consistent snapshot) and hands it to
 * `target` in bounded chunks. Resolves with how many records each store held, or null when there is no
 * such database (which is never created by looking).
 */
export async function dumpDatabase(factory: IDBFactory, name: string, target: DumpTarget, limits: ChunkLimits = DEFAULT_CHUNK_LIMITS): Promise<RowCounts | null> {
  if (!(await databaseExists(factory, name))) return null;
  const database = await openExisting(factory, name);
  if (database === null) return null;
  let snapshot: { shape: RawDatabaseShape; rows: Map<string, RawRow[]> };
  try {
    snapshot = await readEverything(database);
  } finally {
    database.close();
  }
  await target.shape(snapshot.shape);
  const counts: Record<string, number> = {};
  for (const store of snapshot.shape.stores) {
    const rows = snapshot.rows.get(store.name) ?? [];
    counts[store.name] = rows.length;
    for (const chunk of chunkRows(store.name, rows, limits)) await target.chunk(chunk);
  }
  return counts;
}

/** Opens a database only if it is already there; an open that would create it is undone. */
function openExisting(factory: IDBFactory, name: string): Promise<IDBDatabase | null> {
  return new Promise((resolve, reject) => {
    const request = factory.open(name);
    let created = false;
    request.onupgradeneeded = () => {
      // It vanished between the check and the open: undo the creation rather than leave an empty database.
      created = true;
      request.transaction?.abort();
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = (event) => {
      if (created) {
        event.preventDefault();
        resolve(null);
      } else reject(toError(request.error, 'The earlier journal could not be opened.'));
    };
    request.onblocked = () => reject(new Error('The earlier journal is open somewhere else.'));
  });
}

function readEverything(database: IDBDatabase): Promise<{ shape: RawDatabaseShape; rows: Map<string, RawRow[]> }> {
  const storeNames = Array.from({ length: database.objectStoreNames.length }, (_, at) => database.objectStoreNames.item(at) ?? '');
  const stores: RawStore[] = [];
  const rows = new Map<string, RawRow[]>();
  if (storeNames.length === 0) return Promise.resolve({ shape: { name: database.name, version: database.version, stores }, rows });
  return new Promise((resolve, reject) => {
    const transaction = database.transaction(storeNames, 'readonly');
    for (const storeName of storeNames) {
      const store = transaction.objectStore(storeName);
      stores.push({
        name: store.name,
        keyPath: copyKeyPath(store.keyPath),
        autoIncrement: store.autoIncrement,
        indexes: Array.from({ length: store.indexNames.length }, (_, at) => store.indexNames.item(at) ?? '').map((indexName) => {
          const index = store.index(indexName);
          return { name: index.name, keyPath: copyKeyPath(index.keyPath) ?? '', unique: index.unique, multiEntry: index.multiEntry };
        }),
      });
      const keys = store.getAllKeys();
      const values = store.getAll();
      values.onsuccess = () => {
        const keyList = keys.result;
        rows.set(storeName, values.result.map((value: unknown, at) => ({ key: keyList[at], value })));
      };
    }
    transaction.oncomplete = () => resolve({ shape: { name: database.name, version: database.version, stores }, rows });
    transaction.onerror = () => reject(toError(transaction.error, 'The earlier journal could not be read.'));
    transaction.onabort = () => reject(toError(transaction.error, 'Reading the earlier journal was interrupted.'));
  });
}

function copyKeyPath(keyPath: string | string[] | null): string | readonly string[] | null {
  return Array.isArray(keyPath) ? [...keyPath] : keyPath;
}

export type LoadOutcome = 'copied' | 'target-exists';

/**
 * Creates the database at the dumped version, with the same stores and indexes, and writes every record —
 * all inside the one upgrade transaction that creates it, so it either exists whole or not at all. A
 * database of that name that already exists is left exactly as it is ('target-exists').
 */
export async function loadDatabase(factory: IDBFactory, shape: RawDatabaseShape, chunks: readonly RawChunk[]): Promise<LoadOutcome> {
  if (await databaseExists(factory, shape.name)) return 'target-exists';
  const known = new Set(shape.stores.map((store) => store.name));
  const unknown = chunks.find((chunk) => !known.has(chunk.store));
  if (unknown !== undefined) throw new Error(`The earlier journal’s records name a store (${unknown.store}) its layout does not have.`);
  return new Promise((resolve, reject) => {
    const request = factory.open(shape.name, shape.version);
    let outcome: LoadOutcome = 'copied';
    let failure: Error | null = null;
    request.onupgradeneeded = (event) => {
      const transaction = request.transaction;
      if (transaction === null) return;
      if (event.oldVersion !== 0) {
        // Made by someone else since the check: keep theirs, write nothing.
        outcome = 'target-exists';
        transaction.abort();
        return;
      }
      try {
        const database = request.result;
        for (const store of shape.stores) {
          const created = database.createObjectStore(store.name, { keyPath: mutableKeyPath(store.keyPath), autoIncrement: store.autoIncrement });
          for (const index of store.indexes) {
            created.createIndex(index.name, mutableKeyPath(index.keyPath) ?? index.name, { unique: index.unique, multiEntry: index.multiEntry });
          }
        }
        const keyPaths = new Map(shape.stores.map((store) => [store.name, store.keyPath]));
        for (const chunk of chunks) {
          const store = transaction.objectStore(chunk.store);
          const inline = keyPaths.get(chunk.store) !== null;
          for (const row of chunk.rows) {
            const put = inline ? store.put(row.value) : store.put(row.value, row.key as IDBValidKey);
            put.onerror = () => {
              failure ??= toError(put.error, 'A record of the earlier journal could not be written.');
            };
          }
        }
      } catch (error) {
        failure = toError(error, 'The earlier journal could not be written.');
        transaction.abort();
      }
    };
    request.onsuccess = () => {
      request.result.close();
      resolve(outcome);
    };
    request.onerror = (event) => {
      event.preventDefault();
      if (outcome === 'target-exists') resolve('target-exists');
      else reject(failure ?? toError(request.error, 'The earlier journal could not be written.'));
    };
    request.onblocked = () => reject(new Error('The journal is open in another Hearth window.'));
  });
}

function mutableKeyPath(keyPath: string | readonly string[] | null): string | string[] | null {
  return keyPath === null || typeof keyPath === 'string' ? keyPath : [...keyPath];
}

function toError(error: unknown, sentence: string): Error {
  // IndexedDB reports DOMExceptions, which are not always instances of Error; their message still helps.
  const message: unknown = typeof error === 'object' && error !== null ? Reflect.get(error, 'message') : undefined;
  return new Error(typeof message === 'string' && message !== '' ? `${sentence} (${message})` : sentence);
}
