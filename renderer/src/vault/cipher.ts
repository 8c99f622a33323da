// The record cipher: how every store turns a value into what is written to disk and back. Before a vault
// exists it stores values as they are; once unlocked it seals them (AES-256-GCM under the data key); while
// locked it refuses, so nothing is ever written in plaintext into a locked journal or read as garbage.
import { openBytes, openRecord, RECORD_FAILURE_MESSAGES, RECORD_FORMAT_VERSION, sealBytes, sealRecord, type OpenRecordResult, type RecordPlace } from '@shared/vault/records';
import type { VaultKey } from '@shared/vault/keys';

/** The Dexie tables whose values go through the cipher (their keys and indexes never do). */
export type SealedStore = 'checkIns' | 'settings' | 'device' | 'circles' | 'circleUpdates' | 'safety';

/** The layout version of values in the stores other than checkIns (which carry their own `v`). */
export const STORE_RECORD_VERSION = 1;

export function placeOf(store: SealedStore, id: string, schemaVersion: number = STORE_RECORD_VERSION): RecordPlace {
  return { store, id, schemaVersion };
}

export interface RecordCipher {
  /** `plain`: no vault yet; `sealed`: unlocked; `locked`: a vault exists and is not open in this window. */
  readonly kind: 'plain' | 'sealed' | 'locked';
  /** The stored form of a JSON value at `place`. */
  seal(place: RecordPlace, value: unknown): Promise<unknown>;
  /** The value stored at `place`, shaped by `parse`; a failure (never a throw) when it cannot be trusted. */
  open<T>(place: RecordPlace, stored: unknown, parse: (value: unknown) => T): Promise<OpenRecordResult<T>>;
  sealBytes(place: RecordPlace, bytes: Uint8Array): Promise<unknown>;
  openBytes(place: RecordPlace, stored: unknown): Promise<OpenRecordResult<Uint8Array>>;
}

export class JournalLockedError extends Error {
  constructor() {
    super('Your journal is locked. Unlock it to read or change anything in it.');
    this.name = 'JournalLockedError';
  }
}

/** True for a value shaped like a sealed record (whatever its key): never shown or parsed as plain data. */
export function looksSealed(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'v' in value && value.v === RECORD_FORMAT_VERSION && 'ct' in value && value.ct instanceof Uint8Array && 'iv' in value;
}

const damaged = { ok: false, reason: 'damaged', message: RECORD_FAILURE_MESSAGES.damaged } as const;

/** Before a vault exists: values are stored as they are (structured clone). */
export const plainCipher: RecordCipher = {
  kind: 'plain',
  seal: (_place, value) => Promise.resolve(value),
  open<T>(_place: RecordPlace, stored: unknown, parse: (value: unknown) => T): Promise<OpenRecordResult<T>> {
    // A sealed value here means the vault's header went missing: say damaged rather than parse ciphertext.
    if (looksSealed(stored)) return Promise.resolve(damaged);
    try {
      return Promise.resolve({ ok: true, value: parse(stored) });
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      return Promise.resolve(damaged);
    }
  },
  sealBytes: (_place, bytes) => Promise.resolve(bytes),
  openBytes(_place, stored) {
    return Promise.resolve(stored instanceof Uint8Array ? { ok: true, value: stored } : damaged);
  },
};

/** A vault exists but is not unlocked in this window: every read and write is refused. */
export const lockedCipher: RecordCipher = {
  kind: 'locked',
  seal: () => Promise.reject(new JournalLockedError()),
  open: () => Promise.reject(new JournalLockedError()),
  sealBytes: () => Promise.reject(new JournalLockedError()),
  openBytes: () => Promise.reject(new JournalLockedError()),
};

/** Seals with the unlocked data key (shared/vault/records.ts: fresh IV per seal, the place as associated data). */
export function sealingCipher(vault: VaultKey): RecordCipher {
  return {
    kind: 'sealed',
    seal: (place, value) => sealRecord(vault, place, value),
    open: (place, stored, parse) => openRecord(vault, place, stored, parse),
    // A copy: Yjs may hand a view on a larger (or shared) buffer, and WebCrypto must see exactly these bytes.
    sealBytes: (place, bytes) => sealBytes(vault, place, new Uint8Array(bytes)),
    openBytes: (place, stored) => openBytes(vault, place, stored),
  };
}
