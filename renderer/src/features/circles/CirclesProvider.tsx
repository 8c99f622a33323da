// Provides the circles service to the app. The engine (Yjs, WebRTC, crypto) loads as its own chunk, shortly
// after start-up or at once when a circles view asks for it, so the journal's first screen stays fast.
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
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
