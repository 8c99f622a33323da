// The OS keychain slot: a random 32-byte secret sealed with Electron's safeStorage (Keychain on macOS, DPAPI
// on Windows, libsecret or KWallet on Linux). The renderer keeps the sealed form in the vault header and asks
// here to open it at start-up; the journal's data key never comes to this process. Nothing here touches the
// journal: when the keychain fails, the answer is a sentence and the passcode still opens everything.
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import type { KeychainCreateResult, KeychainOpenResult, KeychainStatus } from '@shared/ipc/contract';
import { createLogger } from './log';

const log = createLogger('keychain');

/** The parts of Electron's safeStorage this module uses (the non-deprecated, asynchronous ones). */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  /** Linux only: which password store safeStorage chose. */
  getSelectedStorageBackend(): string;
}

export interface KeychainDeps {
  readonly safeStorage: SafeStorageLike;
  /** process.platform: the basic_text check applies on Linux only. */
  readonly platform: string;
  /** Tests pass a fixed source; the app uses node:crypto. */
  readonly randomBytes?: (size: number) => Uint8Array;
}

export interface Keychain {
  status(): Promise<KeychainStatus>;
  /** A new secret and its sealed form, or a sentence saying why the keychain can't be used. */
  createSecret(): Promise<KeychainCreateResult>;
  /** The secret sealed earlier, or a sentence; the renderer then asks for the passcode. */
  openSecret(sealed: string): Promise<KeychainOpenResult>;
}

export const SECRET_BYTES = 32;

export const KEYCHAIN_MESSAGES = {
  'basic-text':
    'This computer has no keychain Hearth can use: your desktop stores saved secrets as plain text, so the key would sit unprotected on disk. Hearth opens with your passcode instead.',
  unavailable: 'This computer’s keychain isn’t available to Hearth right now. Hearth opens with your passcode instead.',
  changed:
    'Your computer’s keychain couldn’t open Hearth’s key (perhaps it was reset, or this profile was moved to another computer). Use your passcode — nothing has been lost or changed.',
  failed: 'Your computer’s keychain refused to store Hearth’s key. Nothing has changed; Hearth keeps opening with your passcode.',
} as const;

export function createKeychain(deps: KeychainDeps): Keychain {
  const random = deps.randomBytes ?? ((size: number) => new Uint8Array(nodeRandomBytes(size)));

  const status = async (): Promise<KeychainStatus> => {
    let available: boolean;
    try {
      available = await deps.safeStorage.isAsyncEncryptionAvailable();
    } catch (error) {
      log.warn('could not ask whether the keychain is available', error);
      available = false;
    }
    if (!available) return { state: 'unavailable', message: KEYCHAIN_MESSAGES.unavailable };
    // basic_text "encrypts" with a fixed, public key: anyone copying the profile could read the secret.
    if (deps.platform === 'linux' && deps.safeStorage.getSelectedStorageBackend() === 'basic_text') {
      return { state: 'basic-text', message: KEYCHAIN_MESSAGES['basic-text'] };
    }
    return { state: 'available', message: null };
  };

  return {
    status,
    async createSecret() {
      const current = await status();
      if (current.state !== 'available') return { ok: false, message: current.message ?? KEYCHAIN_MESSAGES.unavailable };
      const secret = Buffer.from(random(SECRET_BYTES));
      if (secret.length !== SECRET_BYTES) throw new Error(`keychain: the random source gave ${String(secret.length)} bytes, not ${String(SECRET_BYTES)}`);
      const text = secret.toString('base64url');
      try {
        const sealed = await deps.safeStorage.encryptStringAsync(text);
        return { ok: true, secret: text, sealed: sealed.toString('base64url') };
      } catch (error) {
        log.warn('the keychain refused to seal a secret', error);
        return { ok: false, message: KEYCHAIN_MESSAGES.failed };
      } finally {
        secret.fill(0);
      }
    },
    async openSecret(sealed) {
      const current = await status();
      // A secret sealed under a real keychain can't be opened by basic_text anyway; say why plainly.
      if (current.state !== 'available') return { ok: false, message: current.message ?? KEYCHAIN_MESSAGES.unavailable };
      let opened: string;
      try {
        opened = (await deps.safeStorage.decryptStringAsync(Buffer.from(sealed, 'base64url'))).result;
      } catch (error) {
        // A changed or reset keychain can't decrypt; that is an answer, not a fault in Hearth.
        log.warn('the keychain could not open the sealed secret', error instanceof Error ? error.message : String(error));
        return { ok: false, message: KEYCHAIN_MESSAGES.changed };
      }
      if (!/^[A-Za-z0-9_-]{43}$/.test(opened) || Buffer.from(opened, 'base64url').length !== SECRET_BYTES) {
        log.warn('the keychain gave back something that is not a Hearth secret');
        return { ok: false, message: KEYCHAIN_MESSAGES.changed };
      }
      return { ok: true, secret: opened };
    },
  };
}
