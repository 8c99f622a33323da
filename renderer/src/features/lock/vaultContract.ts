// What the lock screens need from the journal's vault (renderer/src/vault): its status and the ways to
// unlock and change it. A narrower type than the whole controller, so the screens can't reach its cipher.
import type { Vault } from '../../vault/vault';

export type { KeychainSlotInput, UnlockOutcome, VaultStatus } from '../../vault/vault';

export type LockableVault = Pick<
  Vault,
  'status' | 'setUp' | 'unlockWithPasscode' | 'unlockWithRecoveryKey' | 'unlockWithKeychain' | 'keychainSealed' | 'changePasscode' | 'newRecoveryKey' | 'addKeychain' | 'removeKeychain'
>;
