// What the lock screens need from the journal's vault (renderer/src/vault, the data layer): its status and
// the ways to unlock and change it. Written against that module's agreed contract so the screens can be
// built and tested with any implementation of it.
import type { UnlockFailure } from '@shared/vault/keys';

export type VaultStatus =
  /** No vault yet: set-up is needed; existing plaintext rows are sealed during it. */
  | { readonly kind: 'new'; readonly plaintextRecords: number }
  /** `problem`: the header can't be read (damaged, or from a newer Hearth), said before any passcode is asked. */
  | { readonly kind: 'locked'; readonly keychain: boolean; readonly retryAt: number | null; readonly failures: number; readonly problem: string | null }
  | { readonly kind: 'unlocked' };

/** `too-soon`: the wait after wrong attempts is still running. */
export type UnlockOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: UnlockFailure | 'too-soon'; readonly message: string; readonly retryAt: number | null };

export interface KeychainSlotInput {
  readonly secret: Uint8Array;
  readonly sealed: string;
}

export interface LockableVault {
  status(): VaultStatus;
  setUp(passcode: string, onProgress?: (done: number, total: number) => void): Promise<{ recoveryKey: string }>;
  unlockWithPasscode(passcode: string): Promise<UnlockOutcome>;
  unlockWithRecoveryKey(recoveryKey: string): Promise<UnlockOutcome>;
  unlockWithKeychain(secret: Uint8Array): Promise<UnlockOutcome>;
  keychainSealed(): string | null;
  changePasscode(newPasscode: string): Promise<void>;
  newRecoveryKey(): Promise<string>;
  addKeychain(slot: KeychainSlotInput): Promise<void>;
  removeKeychain(): Promise<void>;
}
