// Whether Hearth is covered by the neutral "Hearth is hidden" screen (hide when I switch away). One flag for the whole window, read
// by the screen itself and by the app shell (which opens nothing over it while it is up).
import { useSyncExternalStore } from 'react';

let hidden = false;
const listeners = new Set<() => void>();

function set(next: boolean): void {
  if (hidden === next) return;
  hidden = next;
  for (const listener of [...listeners]) listener();
}

/** Covers everything at once. Idempotent, so a key and a menu item arriving together do no harm. */
export function hideHearth(): void {
  set(true);
}

export function showHearth(): void {
  set(false);
}

export function isHearthHidden(): boolean {
  return hidden;
}

export function useHearthHidden(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => hidden,
  );
}
