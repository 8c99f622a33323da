// Sealed journal records: AES-256-GCM under the vault's data key, a fresh IV per seal, and the record's
// place (store, id, schema version) as associated data, so a record copied to another place is refused.
import { z } from 'zod';
import { bytesEqual, concatBytes, fromUtf8, randomBytes, utf8, type Bytes } from '../circles/bytes';
import { crc32 } from '../checksum';
import type { VaultKey } from './keys';

export const RECORD_FORMAT_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HINT_BYTES = 4;
/** A sealed record larger than this is not one Hearth wrote (a check-in note is a few KiB at most). */
export const SEALED_RECORD_MAX_BYTES = 4 * 1024 * 1024;

/** Where a record lives; all three are bound into the ciphertext. */
export interface RecordPlace {
  /** The Dexie table, e.g. 'checkIns'. */
  readonly store: string;
  readonly id: string;
  readonly schemaVersion: number;
}

/**
 * The stored form. Byte fields are Uint8Array because IndexedDB keeps them natively (structured clone),
 * a third smaller than base64 and with no encoding step; a JSON backup encodes them itself.
 * `key` and `at` are short plaintext hints that only choose the message after a failed open: the first
 * bytes of the data key's id and of SHA-256(the place). They are authenticated too, so changing one is
 * refused like any other change; they never decide trust.
 */
export interface SealedRecord {
  readonly v: typeof RECORD_FORMAT_VERSION;
  readonly key: Bytes;
  readonly at: Bytes;
  readonly iv: Bytes;
  readonly ct: Bytes;
}

export type RecordFailure = 'damaged' | 'wrong-key' | 'moved';
export type OpenRecordResult<T> = { ok: true; value: T } | { ok: false; reason: RecordFailure; message: string };

export const RECORD_FAILURE_MESSAGES: Readonly<Record<RecordFailure, string>> = {
  damaged: 'This entry is damaged and can’t be read. The rest of your journal is unaffected.',
  'wrong-key': 'This entry was locked with a different key — perhaps it comes from another Hearth journal.',
  moved: 'This entry belongs somewhere else in the journal, so Hearth won’t show it here.',
};

const bytesOf = (length: { min: number; max: number }) =>
  z
    .instanceof(Uint8Array)
    .refine((bytes) => bytes.length >= length.min && bytes.length <= length.max)
    // A clone from IndexedDB may be a view on a larger buffer; copy so WebCrypto sees exactly these bytes.
    .transform((bytes): Bytes => new Uint8Array(bytes));

const SealedRecordSchema = z.strictObject({
  v: z.literal(RECORD_FORMAT_VERSION),
  key: bytesOf({ min: HINT_BYTES, max: HINT_BYTES }),
  at: bytesOf({ min: HINT_BYTES, max: HINT_BYTES }),
  iv: bytesOf({ min: IV_BYTES, max: IV_BYTES }),
  ct: bytesOf({ min: TAG_BYTES, max: SEALED_RECORD_MAX_BYTES }),
});

/**
 * What was sealed: a JSON value, or raw bytes (a circle's Yjs update). Bound into the associated data, so
 * bytes are never read as JSON or the other way round.
 */
type Content = 'record' | 'bytes';

/** The place part of the associated data; the hints `key` and `at` follow it. */
function associatedData(place: RecordPlace, content: Content = 'record'): Bytes {
  return utf8(JSON.stringify([`hearth-vault-${content}`, RECORD_FORMAT_VERSION, place.store, place.id, place.schemaVersion]));
}

/**
 * CRC-32 of the place, synchronously: a hint that only picks the message after a failed open, so it needs
 * no cryptographic hash, and every WebCrypto call saved is a thread hop saved on each save.
 */
function placeHint(placeData: Bytes): Bytes {
  const crc = crc32(placeData);
  return new Uint8Array([crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff]);
}

/** Seals a JSON-serialisable value. Throws only for programming errors (a value with no JSON form). */
export async function sealRecord(vault: VaultKey, place: RecordPlace, value: unknown): Promise<SealedRecord> {
  const json = JSON.stringify(value);
  if (typeof json !== 'string') throw new TypeError('sealRecord: the value has no JSON form');
  return seal(vault, associatedData(place), utf8(json));
}

/** Seals raw bytes (no JSON step), e.g. a Yjs update, at `place`. */
export async function sealBytes(vault: VaultKey, place: RecordPlace, bytes: Bytes): Promise<SealedRecord> {
  return seal(vault, associatedData(place, 'bytes'), bytes);
}

async function seal(vault: VaultKey, placeData: Bytes, plain: Bytes): Promise<SealedRecord> {
  const key = vault.keyId.slice(0, HINT_BYTES);
  const at = placeHint(placeData);
  const iv = randomBytes(IV_BYTES);
  const additionalData = concatBytes(placeData, key, at);
  const ct = new Uint8Array(await globalThis.crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData }, vault.key, plain));
  return { v: RECORD_FORMAT_VERSION, key, at, iv, ct };
}

function failure(reason: RecordFailure): { ok: false; reason: RecordFailure; message: string } {
  return { ok: false, reason, message: RECORD_FAILURE_MESSAGES[reason] };
}

/**
 * Opens what was stored at `place`. Never throws for bad input: anything that is not exactly what
 * sealRecord wrote at this place under this key gives a failure, never another value. `parse` (a zod
 * schema's parse, say) shapes the value; if it throws, the record counts as damaged.
 */
export async function openRecord<T = unknown>(
  vault: VaultKey,
  place: RecordPlace,
  stored: unknown,
  parse: (value: unknown) => T = (value) => value as T,
): Promise<OpenRecordResult<T>> {
  const opened = await open(vault, associatedData(place), stored);
  if (!opened.ok) return opened;
  const text = fromUtf8(opened.value);
  if (text === null) return failure('damaged');
  try {
    return { ok: true, value: parse(JSON.parse(text)) };
  } catch (error) {
    // Authentic bytes that are not valid JSON or not the expected shape: written by a broken build.
    if (!(error instanceof Error)) throw error;
    return failure('damaged');
  }
}

/** Opens bytes sealed by sealBytes at `place`; like openRecord, never throws for bad input. */
export async function openBytes(vault: VaultKey, place: RecordPlace, stored: unknown): Promise<OpenRecordResult<Bytes>> {
  return open(vault, associatedData(place, 'bytes'), stored);
}

async function open(vault: VaultKey, placeData: Bytes, stored: unknown): Promise<OpenRecordResult<Bytes>> {
  const parsed = SealedRecordSchema.safeParse(stored);
  if (!parsed.success) return failure('damaged');
  const sealed = parsed.data;
  const additionalData = concatBytes(placeData, sealed.key, sealed.at);
  try {
    return { ok: true, value: new Uint8Array(await globalThis.crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv, additionalData }, vault.key, sealed.ct)) };
  } catch (error) {
    // WebCrypto reports a failed authentication as an OperationError; the hints then say which message fits.
    if (!(error instanceof Error)) throw error;
    if (!bytesEqual(sealed.key, vault.keyId.slice(0, HINT_BYTES))) return failure('wrong-key');
    if (!bytesEqual(sealed.at, placeHint(placeData))) return failure('moved');
    return failure('damaged');
  }
}
