// What crosses IPC while a journal moves from the file:// origin of earlier desktop versions to app://hearth
// (see electron/main/storageMigration.ts): the old page's reports, and what the app's page asks for. Records
// are raw IndexedDB values (sealed bytes included) and are checked for shape and size, never decoded.
import { z } from 'zod';
import type { RawChunk, RawDatabaseShape, RowCounts } from '../storage/rawRecords';

export const MIGRATION_LIMITS = {
  stores: 64,
  indexesPerStore: 64,
  nameChars: 256,
  rowsPerChunk: 5_000,
  /** How deep a stored value may nest. */
  depth: 64,
  problemChars: 500,
} as const;

const NameSchema = z.string().min(1).max(MIGRATION_LIMITS.nameChars);
const KeyPathSchema = z.union([z.string().max(MIGRATION_LIMITS.nameChars), z.array(z.string().max(MIGRATION_LIMITS.nameChars)).min(1).max(16).readonly()]);

const RawIndexSchema = z.object({ name: NameSchema, keyPath: KeyPathSchema, unique: z.boolean(), multiEntry: z.boolean() }).strict();

const RawStoreSchema = z
  .object({
    name: NameSchema,
    keyPath: KeyPathSchema.nullable(),
    autoIncrement: z.boolean(),
    indexes: z.array(RawIndexSchema).max(MIGRATION_LIMITS.indexesPerStore).readonly(),
  })
  .strict();

export const RawDatabaseShapeSchema = z
  .object({
    // Main checks it is the journal's name; importing that name here would put it in both preloads' bundles.
    name: NameSchema,
    version: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    stores: z.array(RawStoreSchema).max(MIGRATION_LIMITS.stores).readonly(),
  })
  .strict()
  .refine((shape) => new Set(shape.stores.map((store) => store.name)).size === shape.stores.length, 'each store once') satisfies z.ZodType<RawDatabaseShape>;
/** A database's layout, as checked. */
export type JournalShape = z.output<typeof RawDatabaseShapeSchema>;

/** Whether a value is one IndexedDB can hold and IPC can carry: data only, no functions or class instances. */
export function isStoredValue(value: unknown, depth = 0): boolean {
  if (depth > MIGRATION_LIMITS.depth) return false;
  if (value === null || value === undefined) return true;
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean' || type === 'bigint') return true;
  if (type !== 'object') return false;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof Date) return true;
  if (Array.isArray(value)) return value.every((item) => isStoredValue(item, depth + 1));
  if (value instanceof Map) return [...value].every(([key, item]) => isStoredValue(key, depth + 1) && isStoredValue(item, depth + 1));
  if (value instanceof Set) return [...value].every((item) => isStoredValue(item, depth + 1));
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  return Object.values(value).every((item) => isStoredValue(item, depth + 1));
}

/** Whether a value is a valid IndexedDB key (number, string, date, bytes, or an array of keys). */
export function isStoredKey(value: unknown, depth = 0): boolean {
  if (depth > MIGRATION_LIMITS.depth) return false;
  if (typeof value === 'string') return true;
  if (typeof value === 'number') return !Number.isNaN(value);
  if (value instanceof Date) return !Number.isNaN(value.getTime());
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return true;
  return Array.isArray(value) && value.every((item) => isStoredKey(item, depth + 1));
}

const RawRowSchema = z
  .object({
    key: z.custom<unknown>((value) => isStoredKey(value), 'an IndexedDB key'),
    value: z.custom<unknown>((value) => isStoredValue(value), 'a stored value (data only)'),
  })
  .strict();

export const RawChunkSchema = z.object({ store: NameSchema, rows: z.array(RawRowSchema).max(MIGRATION_LIMITS.rowsPerChunk).readonly() }).strict() satisfies z.ZodType<RawChunk>;

export const RowCountsSchema = z.record(NameSchema, z.number().int().nonnegative()) satisfies z.ZodType<RowCounts>;

/** Channels of the hidden page on the old file:// origin (its preload, electron/preload/migration.ts). */
export const MIGRATION_PAGE_CHANNELS = {
  /** The journal's layout, or null when that origin has no journal. */
  'migration:found': { request: RawDatabaseShapeSchema.nullable(), response: z.null() },
  'migration:rows': { request: RawChunkSchema, response: z.null() },
  /** Every chunk was sent; how many records each store held. */
  'migration:finished': { request: RowCountsSchema, response: z.null() },
  'migration:failed': { request: z.object({ problem: z.string().max(MIGRATION_LIMITS.problemChars) }).strict(), response: z.null() },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;

export const MigrationPlanSchema = z.discriminatedUnion('kind', [
  /** Nothing to carry over (done before, nothing there, or a development run). */
  z.object({ kind: z.literal('none') }).strict(),
  /** The earlier journal could not be read; the app must not start a new, empty one in its place. */
  z.object({ kind: z.literal('failed'), problem: z.string().max(MIGRATION_LIMITS.problemChars) }).strict(),
  z.object({ kind: z.literal('ready'), database: RawDatabaseShapeSchema, chunks: z.number().int().nonnegative() }).strict(),
]);
export type MigrationPlan = z.output<typeof MigrationPlanSchema>;

export const MigrationChunkRequestSchema = z.object({ index: z.number().int().nonnegative() }).strict();

/** How the app's page ended it: copied, or found a journal of its own already there and left both alone. */
export const MigrationFinishSchema = z.object({ outcome: z.enum(['copied', 'target-exists']) }).strict();
export type MigrationFinish = z.output<typeof MigrationFinishSchema>;
