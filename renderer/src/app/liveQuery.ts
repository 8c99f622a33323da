// Reactive reads: re-run a query whenever the tables it read change (Dexie liveQuery), keeping the last
// result on screen while a new one loads, so lists don't flash empty while scrolling or filtering.
import { liveQuery } from 'dexie';
import { useEffect, useState } from 'react';

export type LiveResult<T> = { readonly status: 'loading' } | { readonly status: 'ready'; readonly value: T } | { readonly status: 'error'; readonly error: Error };

export function useLive<T>(query: () => Promise<T>, deps: readonly unknown[]): LiveResult<T> {
  const [result, setResult] = useState<LiveResult<T>>({ status: 'loading' });
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: (value) => setResult({ status: 'ready', value }),
      error: (error: unknown) => setResult({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) }),
    });
    return () => subscription.unsubscribe();
    // The caller states the dependencies, exactly as with useEffect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return result;
}

/** The value when ready, or a fallback while loading or after an error. */
export function valueOr<T>(result: LiveResult<T>, fallback: T): T {
  return result.status === 'ready' ? result.value : fallback;
}
