// What a circle's (or a handshake room's) Y.Doc may hold, checked before a peer's update reaches the live doc.
//
// The doc is an untrusted cache that anyone with the room secret writes to. The verified view already ignores
// what does not verify; these rules keep junk out of the doc itself, so it is never stored, synced on or held
// in memory: every value is a plain JSON object of bounded size, envelopes match their schema, and nothing
// is deleted (no honest client ever deletes a key; an update or retraction replaces the value in its slot).
import { ENVELOPE_VERSION, parseEnvelope } from './envelope';

/** Largest value, as JSON characters, per top-level map; other maps get DEFAULT_VALUE_CHARS. */
export const DOC_VALUE_LIMITS: Readonly<Record<string, number>> = {
  // An envelope's ciphertext is capped at 110,000 characters; the header adds well under 1,000.
  envelopes: 112_000,
  evidence: 112_000,
  // Log entries (a future action may carry a lockbox per member, so room for a few hundred).
  membership: 256_000,
  lockboxes: 4_000,
  // A sealed note: 8,000 characters of ciphertext and up to 32 recipients' wrapped keys.
  reports: 16_000,
  // Handshake rooms: a join request, and an answer carrying the membership log.
  requests: 8_000,
  responses: 4_200_000,
};
export const DEFAULT_VALUE_CHARS = 256_000;
/** Keys are ids (author/entry, hashes, epoch/recipient); nothing honest comes near this. */
export const MAX_KEY_CHARS = 256;
const MAX_FIELDS = 32;
const MAX_DEPTH = 8;

export type DocValueProblem = 'deleted' | 'not-a-record' | 'too-large' | 'bad-key' | 'not-an-envelope';

/** Why a value written at `map`/`key` cannot be kept, or null when it may. `undefined` means the key was deleted. */
export function docValueProblem(map: string, key: string, value: unknown): DocValueProblem | null {
  if (key.length === 0 || key.length > MAX_KEY_CHARS) return 'bad-key';
  if (value === undefined) return 'deleted';
  if (!isPlainRecord(value) || !plainJson(value, 0)) return 'not-a-record';
  const limit = DOC_VALUE_LIMITS[map] ?? DEFAULT_VALUE_CHARS;
  if (JSON.stringify(value).length > limit) return 'too-large';
  if ((map === 'envelopes' || map === 'evidence') && !envelopeShaped(value)) return 'not-an-envelope';
  return null;
}

/**
 * An envelope of this version must match its schema exactly; one of a later version (a newer client) is
 * kept if it is a bounded record, so circles keep syncing while their members update at different times.
 */
function envelopeShaped(value: Record<string, unknown>): boolean {
  const version = value.v;
  if (typeof version === 'number' && Number.isInteger(version) && version > ENVELOPE_VERSION && version < 1_000) return true;
  return parseEnvelope(value).ok;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** JSON values only (no Y types, bytes or class instances), a few levels deep and a few dozen fields wide. */
function plainJson(value: unknown, depth: number): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (depth >= MAX_DEPTH) return false;
  if (Array.isArray(value)) return value.every((item) => plainJson(item, depth + 1));
  if (!isPlainRecord(value)) return false;
  const entries = Object.entries(value);
  return entries.length <= MAX_FIELDS && entries.every(([, item]) => plainJson(item, depth + 1));
}
