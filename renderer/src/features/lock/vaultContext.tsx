// The unlocked vault, for the parts of the app that change the lock itself (Settings → Privacy & lock).
import { createContext, useContext, type ReactNode } from 'react';
import type { LockableVault } from './vaultContract';

const VaultContext = createContext<LockableVault | null>(null);

export function VaultProvider({ vault, children }: { vault: LockableVault; children: ReactNode }): ReactNode {
  return <VaultContext.Provider value={vault}>{children}</VaultContext.Provider>;
}

/** The vault, or null where the app runs without one (a test page of a single feature). */
export function useVault(): LockableVault | null {
  return useContext(VaultContext);
}
