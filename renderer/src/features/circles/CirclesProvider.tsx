// Provides the circles service to the app. The engine (Yjs, WebRTC, crypto) loads as its own chunk, shortly
// after start-up or at once when a circles view asks for it, so the journal's first screen stays fast.
import { createContext, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useServices } from '../../app/services';
import { logger } from '../../logger';
import type { CirclesService, CirclesSnapshot } from './circlesService';

interface CirclesContextValue {
  readonly service: CirclesService | null;
  readonly wake: () => void;
}

const CirclesContext = createContext<CirclesContextValue | null>(null);

/** Joins are resumed and facilitator desks opened this long after start-up, unless a circles view asks sooner. */
const START_AFTER_MS = 1_500;

export function CirclesProvider({ children }: { children: ReactNode }): ReactNode {
  const { journal, settings } = useServices();
  const [service, setService] = useState<CirclesService | null>(null);
  const [wanted, setWanted] = useState(false);

  useEffect(() => {
    const timer = window.setTimeout(() => setWanted(true), START_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, []);

  useEffect(() => {
    if (!wanted) return;
    let cancelled = false;
    let created: CirclesService | null = null;
    void (async () => {
      const [{ CirclesService }, { connectWebrtc }] = await Promise.all([import('./circlesService'), import('../../circles/engine/webrtcLink')]);
      if (cancelled) return;
      created = new CirclesService({ db: journal.db, settings: () => settings.get(), connect: connectWebrtc });
      setService(created);
      await created.start();
    })().catch((error: unknown) => logger.error('circles: could not start', error));
    return () => {
      cancelled = true;
      setService(null);
      void created?.close();
    };
  }, [wanted, journal, settings]);

  return <CirclesContext.Provider value={{ service, wake: () => setWanted(true) }}>{children}</CirclesContext.Provider>;
}

const STARTING: CirclesSnapshot = { phase: 'starting', message: null, fingerprint: null, circles: [], joins: [], damaged: [] };
const noSubscription = (): (() => void) => () => undefined;

/** The circles service and its current snapshot; starts the service at once if it has not started yet. */
export function useCircles(): { service: CirclesService | null; snapshot: CirclesSnapshot } {
  const context = useContext(CirclesContext);
  if (!context) throw new Error('useCircles must be used inside <CirclesProvider>');
  const { service, wake } = context;
  useEffect(() => {
    if (!service) wake();
  }, [service, wake]);
  const snapshot = useSyncExternalStore(service?.subscribe ?? noSubscription, service?.getSnapshot ?? (() => STARTING));
  return { service, snapshot };
}

/**
 * A value derived from the circles snapshot, for places outside Circles (the journal's "Shared to" chips).
 * Unlike useCircles it does not start the service early, and it re-renders only when the value changes.
 * `select` and `isEqual` should be stable (module functions or memoised).
 */
export function useCirclesValue<T>(select: (snapshot: CirclesSnapshot) => T, isEqual: (a: T, b: T) => boolean): T {
  const context = useContext(CirclesContext);
  if (!context) throw new Error('useCirclesValue must be used inside <CirclesProvider>');
  const { service } = context;
  const getValue = useMemo(() => selecting(() => service?.getSnapshot() ?? STARTING, select, isEqual), [service, select, isEqual]);
  return useSyncExternalStore(service?.subscribe ?? noSubscription, getValue);
}

/** A getSnapshot for useSyncExternalStore that hands back the same value while nothing it shows has changed. */
function selecting<T>(read: () => CirclesSnapshot, select: (snapshot: CirclesSnapshot) => T, isEqual: (a: T, b: T) => boolean): () => T {
  let last: { value: T } | null = null;
  return () => {
    const value = select(read());
    if (last && isEqual(last.value, value)) return last.value;
    last = { value };
    return value;
  };
}
