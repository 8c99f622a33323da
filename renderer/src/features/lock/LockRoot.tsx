// What Hearth shows before the journal is open: set-up for a journal without a lock, the lock screen
// otherwise. Once set up or unlocked, `onOpen` starts the app itself.
import { useState, type ReactNode } from 'react';
import type { Platform } from '../../platform/platform';
import { LockScreen } from './LockScreen';
import { SetUpScreen } from './SetUpScreen';
import type { LockableVault } from './vaultContract';
import './lock.css';

export interface LockRootProps {
  readonly vault: LockableVault;
  readonly platform: Pick<Platform, 'saveFile' | 'keychain'>;
  /** The person (or idle time) locked Hearth: ask for the passcode, don't open with the keychain by itself. */
  readonly lockedByPerson: boolean;
  readonly onOpen: () => void;
}

export function LockRoot({ vault, platform, lockedByPerson, onOpen }: LockRootProps): ReactNode {
  // Read once: set-up leaves the vault unlocked while the recovery key is still on screen.
  const [status] = useState(() => vault.status());
  if (status.kind === 'new') return <SetUpScreen vault={vault} existingCheckIns={status.plaintextRecords} platform={platform} onDone={onOpen} />;
  return <LockScreen vault={vault} keychain={platform.keychain} tryKeychainFirst={!lockedByPerson} onUnlocked={onOpen} />;
}
