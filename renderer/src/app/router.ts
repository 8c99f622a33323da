// Hash-based navigation between the app's views, so a reload (and the Electron app:// origin) keeps the view.
import { useSyncExternalStore } from 'react';

export const VIEWS = ['today', 'timeline', 'calendar', 'search', 'insights', 'circles', 'settings', 'support'] as const;
export type View = (typeof VIEWS)[number];

export interface Route {
  readonly view: View;
  readonly params: URLSearchParams;
}

function parseHash(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const view = (VIEWS as readonly string[]).includes(path) ? (path as View) : 'today';
  return { view, params: new URLSearchParams(query) };
}

let cachedHash: string | null = null;
let cachedRoute: Route = parseHash('');

function currentRoute(): Route {
  if (window.location.hash !== cachedHash) {
    cachedHash = window.location.hash;
    cachedRoute = parseHash(cachedHash);
  }
  return cachedRoute;
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, currentRoute);
}

export function navigate(view: View, params: Record<string, string> = {}): void {
  const query = new URLSearchParams(params).toString();
  window.location.hash = `#/${view}${query ? `?${query}` : ''}`;
}

/** Changes query parameters of the current view without adding a history entry. */
export function replaceParams(params: Record<string, string>): void {
  const { view } = currentRoute();
  const query = new URLSearchParams(params).toString();
  window.history.replaceState(null, '', `#/${view}${query ? `?${query}` : ''}`);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
