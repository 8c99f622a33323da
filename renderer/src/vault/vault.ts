// The vault controller: what the set-up and lock screens talk to. It keeps the header and the count of
// wrong attempts in the `vault` store, turns passcodes, recovery keys and keychain secrets into an unlocked
// data key (shared/vault/keys.ts), and sets the database's cipher: plain before set-up, refused while
// locked, sealing once unlocked. Wrong attempts only make the next try wait; nothing is ever wiped.
import { z } from 'zod';
import { fromBase64Url } from '@shared/circles/bytes';
import {
  changePasscode as rewrapPasscode,
  checkHeader,
  createVault,
  needsRehash,
  PASSCODE_KDF,
  parseRecoveryKey,
  removeKeychainSlot,
  replaceRecoveryKey,
  setKeychainSlot,
  unlockVault,
  type Argon2Params,
  type Credential,
  type PasscodeDerive,
  type RewrapKey,
  type StoredHeader,
  type UnlockFailure,
  type UnlockResult,
} from '@shared/vault/keys';
import { delayAfterFailures, NO_ATTEMPTS, passcodeProblem, recordFailure, waitBeforeNextAttempt, waitMessage, type AttemptState } from '@shared/vault/passcode';
import type { HearthDatabase } from '../db/database';
import { sameStored } from '../db/sealedRows';
import { lockedCipher, plainCipher, sealingCipher, type RecordCipher } from './cipher';
import { defaultDerive } from './kdf';
import { ATTEMPTS_KEY, countPlaintextRows, HEADER_KEY, sealJournal } from './migrate';

export type VaultStatus =
  | { kind: 'new'; plaintextRecords: number }
  /** `problem`: the header cannot be read (damaged, or from a newer Hearth), said before any passcode is asked. */
  | { kind: 'locked'; keychain: boolean; retryAt: number | null; failures: number; problem: string | null }
  | { kind: 'unlocked' };

/** Why an unlock did not happen: shared/vault's reasons, or `too-soon` while the wait after wrong tries runs. */
export type VaultUnlockFailure = UnlockFailure | 'too-soon';
export type UnlockOutcome = { ok: true } | { ok: false; reason: VaultUnlockFailure; message: string; retryAt: number | null };

/** From the main process's safeStorage: the 32-byte secret, and safeStorage's ciphertext of it as base64url. */
export interface KeychainSlotInput {
  secret: Uint8Array;
  sealed: string;
}

export interface Vault {
  status(): VaultStatus;
  /** Creates the lock and seals the existing journal in place, atomically. Throws a sentence for a weak passcode. */
  setUp(passcode: string, onProgress?: (done: number, total: number) => void): Promise<{ recoveryKey: string }>;
  unlockWithPasscode(passcode: string): Promise<UnlockOutcome>;
  unlockWithRecoveryKey(recoveryKey: string): Promise<UnlockOutcome>;
  unlockWithKeychain(secret: Uint8Array): Promise<UnlockOutcome>;
  /** The opaque safeStorage blob (base64url) to hand to main for decrypting, or null when the keychain is off. */
  keychainSealed(): string | null;
  /** Unlocked only. A new passcode; the recovery key and keychain keep working. Throws a sentence for a weak one. */
  changePasscode(newPasscode: string): Promise<void>;
  /** Unlocked only. A new recovery key to show once; the old one stops working. */
  newRecoveryKey(): Promise<string>;
  /** Unlocked only. Lets the OS keychain open the journal. */
  addKeychain(slot: KeychainSlotInput): Promise<void>;
  /** Forgets the keychain slot (turned off, or the keychain changed); the passcode still works. */
  removeKeychain(): Promise<void>;
  /** Unlocked only: what stores use to seal and open (the database's cipher is set to it too). */
  cipher(): RecordCipher;
  /** Forgets the key in this window; every read and write is refused until the next unlock. */
  lock(): void;
}

export interface OpenVaultOptions {
  /** Argon2id; default: in a Web Worker. Tests pass `passcodeKey` (Node has no Worker). */
  readonly derive?: PasscodeDerive;
  /** Tests only, to keep Argon2 fast; the app always uses PASSCODE_KDF. */
  readonly kdf?: Argon2Params;
  readonly now?: () => number;
}

export const NOT_SET_UP_MESSAGE = 'This journal has no lock yet. Set one up first.';
export const LOCKED_MESSAGE = 'Your journal is locked. Unlock it first.';
export const HEADER_CHANGED_MESSAGE = 'The lock was changed in another Hearth window. Nothing was changed here; lock and unlock again, then try once more.';
export const BAD_KEYCHAIN_BLOB_MESSAGE = 'Your computer’s keychain gave Hearth something it could not use, so the keychain was not turned on. Your passcode still works.';

const AttemptsSchema = z.strictObject({
  failures: z.number().int().min(0).max(1_000_000),
  lastFailureAt: z.number().int().min(0).max(8.64e15).nullable(),
});

function parseAttempts(value: unknown): AttemptState {
  // Damaged counts are read as none: the wait is a courtesy, never a reason to refuse a correct passcode.
  const parsed = AttemptsSchema.safeParse(value);
  return parsed.success ? parsed.data : NO_ATTEMPTS;
}

function retryAtOf(attempts: AttemptState): number | null {
  if (attempts.lastFailureAt === null) return null;
  const delay = delayAfterFailures(attempts.failures);
  return delay > 0 ? attempts.lastFailureAt + delay : null;
}

type State =
  | { kind: 'new'; plaintextRecords: number }
  | { kind: 'locked'; header: unknown; attempts: AttemptState; keychainSealed: string | null; problem: string | null }
  | { kind: 'unlocked'; header: StoredHeader; attempts: AttemptState; rewrap: RewrapKey; cipher: RecordCipher; keychainSealed: string | null };

/** Opens the vault of this database and sets its cipher: plain (no vault yet) or locked. */
export async function openVault(db: HearthDatabase, options: OpenVaultOptions = {}): Promise<Vault> {
  const derive = options.derive ?? defaultDerive();
  const kdf = options.kdf ?? PASSCODE_KDF;
  const now = options.now ?? Date.now;

  const readLocked = async (): Promise<State> => {
    const [headerRow, attemptsRow] = await Promise.all([db.vault.get(HEADER_KEY), db.vault.get(ATTEMPTS_KEY)]);
    if (headerRow === undefined) return { kind: 'new', plaintextRecords: await countPlaintextRows(db) };
    const checked = await checkHeader(headerRow.value);
    return {
      kind: 'locked',
      header: headerRow.value,
      attempts: parseAttempts(attemptsRow?.value),
      keychainSealed: checked.ok ? checked.keychainSealed : null,
      problem: checked.ok ? null : checked.message,
    };
  };

  let state = await readLocked();
  db.useCipher(state.kind === 'new' ? plainCipher : lockedCipher);

  const unlocked = (): Extract<State, { kind: 'unlocked' }> => {
    if (state.kind === 'unlocked') return state;
    throw new Error(state.kind === 'new' ? NOT_SET_UP_MESSAGE : LOCKED_MESSAGE);
  };

  const becomeUnlocked = (result: Extract<UnlockResult, { ok: true }>, header: StoredHeader, keychainSealed: string | null): void => {
    const cipher = sealingCipher(result.vault);
    state = { kind: 'unlocked', header, attempts: NO_ATTEMPTS, rewrap: result.rewrap, cipher, keychainSealed };
    db.useCipher(cipher);
  };

  /** Replaces the header only if it is still the one this window read (another window may have changed it). */
  const replaceHeader = async (before: StoredHeader, after: StoredHeader): Promise<void> => {
    const written = await db.transaction('rw', db.vault, async () => {
      const row = await db.vault.get(HEADER_KEY);
      if (!sameStored(row?.value, before)) return false;
      await db.vault.put({ key: HEADER_KEY, value: after });
      return true;
    });
    if (!written) throw new Error(HEADER_CHANGED_MESSAGE);
    const current = unlocked();
    const checked = await checkHeader(after);
    state = { ...current, header: after, keychainSealed: checked.ok ? checked.keychainSealed : null };
  };

  /** Counts a wrong passcode, across windows and restarts. */
  const countFailure = async (): Promise<AttemptState> =>
    db.transaction('rw', db.vault, async () => {
      const next = recordFailure(parseAttempts((await db.vault.get(ATTEMPTS_KEY))?.value), now());
      await db.vault.put({ key: ATTEMPTS_KEY, value: next });
      return next;
    });

  const unlockWith = async (credential: Credential, counts: boolean): Promise<UnlockOutcome> => {
    if (state.kind === 'unlocked') return { ok: true };
    if (state.kind === 'new') return { ok: false, reason: 'damaged', message: NOT_SET_UP_MESSAGE, retryAt: null };
    // Fresh from disk: another window (or a restart) may have counted tries or changed the lock.
    const fresh = await readLocked();
    if (fresh.kind !== 'locked') {
      state = fresh;
      return { ok: false, reason: 'damaged', message: NOT_SET_UP_MESSAGE, retryAt: null };
    }
    state = fresh;
    // A damaged header is said as damaged, before any wait or derivation: the passcode is never blamed.
    const checkedFirst = await checkHeader(fresh.header);
    if (!checkedFirst.ok) return { ok: false, reason: checkedFirst.reason, message: checkedFirst.message, retryAt: null };
    if (counts) {
      const wait = waitBeforeNextAttempt(fresh.attempts, now());
      if (wait > 0) return { ok: false, reason: 'too-soon', message: waitMessage(wait), retryAt: now() + wait };
    }
    const result = await unlockVault(fresh.header, credential, derive);
    if (!result.ok) {
      if (!counts || result.reason !== 'wrong-passcode') return { ok: false, reason: result.reason, message: result.message, retryAt: null };
      const attempts = await countFailure();
      if (state.kind === 'locked') state = { ...state, attempts };
      const retryAt = retryAtOf(attempts);
      const message = retryAt === null ? result.message : `${result.message} ${waitMessage(retryAt - now())}`;
      return { ok: false, reason: result.reason, message, retryAt };
    }
    if (fresh.attempts.failures > 0) await db.vault.put({ key: ATTEMPTS_KEY, value: NO_ATTEMPTS });
    const header = checkedFirst.header;
    becomeUnlocked(result, header, checkedFirst.keychainSealed);
    if ('passcode' in credential && needsRehash(header.passcode, kdf)) await rehash(header, credential.passcode);
    return { ok: true };
  };

  /** An older, weaker passcode derivation is redone at today's cost, with the passcode just typed. */
  const rehash = async (header: StoredHeader, passcode: string): Promise<void> => {
    const { rewrap } = unlocked();
    const changed = await rewrapPasscode(header, { rewrap }, passcode, kdf, derive);
    // Not being able to strengthen now is harmless: the next unlock tries again.
    if (changed.ok) await replaceHeader(header, changed.header).catch(() => undefined);
  };

  return {
    status(): VaultStatus {
      switch (state.kind) {
        case 'new':
          return { kind: 'new', plaintextRecords: state.plaintextRecords };
        case 'locked':
          return { kind: 'locked', keychain: state.keychainSealed !== null, retryAt: retryAtOf(state.attempts), failures: state.attempts.failures, problem: state.problem };
        case 'unlocked':
          return { kind: 'unlocked' };
      }
    },

    async setUp(passcode, onProgress) {
      if (state.kind !== 'new') throw new Error('This journal already has a lock. Unlock it with its passcode.');
      const problem = passcodeProblem(passcode);
      if (problem !== null) throw new Error(problem);
      const created = await createVault(passcode, kdf, derive);
      const cipher = sealingCipher(created.vault);
      await sealJournal(db, created.header, cipher, onProgress);
      state = { kind: 'unlocked', header: created.header, attempts: NO_ATTEMPTS, rewrap: created.rewrap, cipher, keychainSealed: null };
      db.useCipher(cipher);
      return { recoveryKey: created.recoveryKey };
    },

    unlockWithPasscode: (passcode) => unlockWith({ passcode }, true),

    async unlockWithRecoveryKey(recoveryKey) {
      // A typo is caught by the key's own check symbols, with a message that says where.
      const parsed = parseRecoveryKey(recoveryKey);
      if (!parsed.ok) return { ok: false, reason: 'wrong-recovery-key', message: parsed.message, retryAt: null };
      return unlockWith({ recoveryKey: parsed.key }, false);
    },

    unlockWithKeychain: (secret) => unlockWith({ keychainSecret: new Uint8Array(secret) }, false),

    keychainSealed: () => (state.kind === 'new' ? null : state.keychainSealed),

    async changePasscode(newPasscode) {
      const { header, rewrap } = unlocked();
      const problem = passcodeProblem(newPasscode);
      if (problem !== null) throw new Error(problem);
      const changed = await rewrapPasscode(header, { rewrap }, newPasscode, kdf, derive);
      if (!changed.ok) throw new Error(changed.message);
      await replaceHeader(header, changed.header);
    },

    async newRecoveryKey() {
      const { header, rewrap } = unlocked();
      const replaced = await replaceRecoveryKey(header, { rewrap }, derive);
      if (!replaced.ok) throw new Error(replaced.message);
      await replaceHeader(header, replaced.header);
      return replaced.recoveryKey;
    },

    async addKeychain(slot) {
      const { header, rewrap } = unlocked();
      const sealed = fromBase64Url(slot.sealed);
      if (sealed === null || sealed.length === 0 || slot.secret.length < 16) throw new Error(BAD_KEYCHAIN_BLOB_MESSAGE);
      const changed = await setKeychainSlot(header, { rewrap }, { secret: new Uint8Array(slot.secret), sealed }, derive);
      if (!changed.ok) throw new Error(changed.message);
      await replaceHeader(header, changed.header);
    },

    async removeKeychain() {
      if (state.kind === 'new') return;
      if (state.kind === 'locked') {
        // Allowed while locked: the keychain changed and the person chose to stop trying it. Needs no secret.
        const before = await storedHeader(db);
        if (before === null) throw new Error(state.problem ?? HEADER_CHANGED_MESSAGE);
        const changed = await removeKeychainSlot(before);
        if (!changed.ok) throw new Error(changed.message);
        const written = await db.transaction('rw', db.vault, async () => {
          if (!sameStored((await db.vault.get(HEADER_KEY))?.value, before)) return false;
          await db.vault.put({ key: HEADER_KEY, value: changed.header });
          return true;
        });
        if (!written) throw new Error(HEADER_CHANGED_MESSAGE);
        state = { ...state, header: changed.header, keychainSealed: null };
        return;
      }
      const { header } = state;
      const changed = await removeKeychainSlot(header);
      if (!changed.ok) throw new Error(changed.message);
      await replaceHeader(header, changed.header);
    },

    cipher: () => unlocked().cipher,

    lock() {
      if (state.kind !== 'unlocked') return;
      state = { kind: 'locked', header: state.header, attempts: NO_ATTEMPTS, keychainSealed: state.keychainSealed, problem: null };
      db.useCipher(lockedCipher);
    },
  };
}

/** The header row in its stored form, or null when it is missing or unreadable. */
async function storedHeader(db: HearthDatabase): Promise<StoredHeader | null> {
  const row = await db.vault.get(HEADER_KEY);
  if (row === undefined) return null;
  const checked = await checkHeader(row.value);
  return checked.ok ? checked.header : null;
}
