// The person's settings, live: read once at start-up, kept current with liveQuery, and applied to the
// document (theme and motion) as soon as they change.
import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import type { Settings } from '@shared/settings';
import { useLive } from './liveQuery';
import { useServices } from './services';

interface SettingsApi {
  readonly settings: Settings;
  readonly update: (change: Partial<Settings> | ((current: Settings) => Partial<Settings>)) => Promise<Settings>;
}

const SettingsContext = createContext<SettingsApi | null>(null);

export function SettingsProvider({ initial, children }: { initial: Settings; children: ReactNode }): ReactNode {
  const { settings: store } = useServices();
  const live = useLive(() => store.get(), [store]);
  const settings = live.status === 'ready' ? live.value : initial;
  const update = useCallback((change: Parameters<SettingsApi['update']>[0]) => store.update(change), [store]);
  const api = useMemo(() => ({ settings, update }), [settings, update]);

  useEffect(() => applyAppearance(settings), [settings]);
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const motion = window.matchMedia('(prefers-reduced-motion: reduce)');
    const onChange = (): void => applyAppearance(settings);
    media.addEventListener('change', onChange);
    motion.addEventListener('change', onChange);
    return () => {
      media.removeEventListener('change', onChange);
      motion.removeEventListener('change', onChange);
    };
  }, [settings]);

  return <SettingsContext.Provider value={api}>{children}</SettingsContext.Provider>;
}

/** Sets data-theme and data-motion on <html>, resolving 'system' from the OS preference. */
export function applyAppearance(settings: Pick<Settings, 'theme' | 'motion'>): void {
  const root = document.documentElement;
  const dark = settings.theme === 'dark' || (settings.theme === 'system' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  root.dataset.theme = dark ? 'dark' : 'light';
  const reduce = settings.motion === 'reduce' || (settings.motion === 'system' && window.matchMedia('(prefers-reduced-motion: reduce)').matches);
  root.dataset.motion = reduce ? 'reduce' : 'full';
}

export function useSettings(): SettingsApi {
  const api = useContext(SettingsContext);
  if (!api) throw new Error('useSettings must be used inside <SettingsProvider>');
  return api;
}
