// A raw IndexedDB database as plain data — its layout and its records exactly as stored — and how its
// records are cut into bounded chunks for carrying between origins (see rawDatabase.ts). No DOM types here,
// so the main process can check and hold chunks too.

/** One index of an object store, as IndexedDB describes it. */
export interface RawIndex {
  readonly name: string;
  readonly keyPath: string | readonly string[];
  readonly unique: boolean;
  readonly multiEntry: boolean;
}

/** One object store: how its keys work and its indexes. */
export interface RawStore {
  readonly name: string;
  readonly keyPath: string | readonly string[] | null;
  readonly autoIncrement: boolean;
  readonly indexes: readonly RawIndex[];
}

/** A database's layout at its stored version (IndexedDB's own version number, not Dexie's). */
export interface RawDatabaseShape {
  readonly name: string;
  readonly version: number;
  readonly stores: readonly RawStore[];
}

/** One record: its primary key and its value exactly as stored. */
export interface RawRow {
  readonly key: unknown;
  readonly value: unknown;
}

/** A bounded run of one store's records, in key order. */
export interface RawChunk {
  readonly store: string;
  readonly rows: readonly RawRow[];
}

/** How many records each store held. */
export type RowCounts = Readonly<Record<string, number>>;

export interface ChunkLimits {
  readonly maxRows: number;
  /** An estimate of the values' size; a single record larger than this travels alone. */
  readonly maxBytes: number;
}

export const DEFAULT_CHUNK_LIMITS: ChunkLimits = { maxRows: 500, maxBytes: 4 * 1024 * 1024 };

/** Splits one store's records into chunks of at most `maxRows` records and about `maxBytes`. */
export function chunkRows(store: string, rows: readonly RawRow[], limits: ChunkLimits): RawChunk[] {
  const chunks: RawChunk[] = [];
  let current: RawRow[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = estimateBytes(row.key) + estimateBytes(row.value);
    if (current.length > 0 && (current.length >= limits.maxRows || bytes + size > limits.maxBytes)) {
      chunks.push({ store, rows: current });
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length > 0) chunks.push({ store, rows: current });
  return chunks;
}

/** A rough size of a stored value: enough to keep chunks bounded, not an exact count. */
export function estimateBytes(value: unknown, depth = 0): number {
  if (depth > 64) return 0;
  if (typeof value === 'string') return value.length * 2;
  if (value === null || typeof value !== 'object') return 8;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (value instanceof ArrayBuffer) return value.byteLength;
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + estimateBytes(item, depth + 1), 8);
  let sum = 8;
  for (const [key, item] of Object.entries(value)) sum += key.length * 2 + estimateBytes(item, depth + 1);
  return sum;
}

