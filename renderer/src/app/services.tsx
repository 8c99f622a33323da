// The app's long-lived services (journal, search, settings, platform), provided to every view.
import { createContext, useContext, type ReactNode } from 'react';
import type { Journal } from '../db/journal';
import type { SearchIndex } from '../db/searchIndex';
import type { SettingsStore } from '../db/settingsStore';
import type { Platform } from '../platform/platform';

export interface Services {
  readonly journal: Journal;
  readonly search: SearchIndex;
  readonly settings: SettingsStore;
  readonly platform: Platform;
}

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ services, children }: { services: Services; children: ReactNode }): ReactNode {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices must be used inside <ServicesProvider>');
  return services;
}
