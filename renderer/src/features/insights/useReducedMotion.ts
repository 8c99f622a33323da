// Whether the app asks for reduced motion (the shell sets data-motion on <html> from settings and the OS).
import { useSyncExternalStore } from 'react';

function subscribe(listener: () => void): () => void {
  const observer = new MutationObserver(listener);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-motion'] });
  return () => observer.disconnect();
}

function reduced(): boolean {
  return document.documentElement.dataset.motion === 'reduce';
}

export function useReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, reduced);
}
