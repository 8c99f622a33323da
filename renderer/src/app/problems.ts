// Records that could not be read from disk. The views skip them and go on; the shell tells the person
// once, calmly, that something is hidden and that nothing was deleted.
import { useSyncExternalStore } from 'react';

const unreadable = new Set<string>();
const listeners = new Set<() => void>();
let snapshot = 0;

export function reportUnreadable(recordId: string): void {
  if (unreadable.has(recordId)) return;
  unreadable.add(recordId);
  snapshot = unreadable.size;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** How many distinct check-ins could not be read in this session. */
export function useUnreadableCount(): number {
  return useSyncExternalStore(subscribe, () => snapshot);
}
