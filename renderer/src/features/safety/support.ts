// Opening Support from anywhere: the Support page when nothing is in the way, or a sheet over an open
// dialog (such as a check-in being written) so nothing typed there is lost.
import { useSyncExternalStore } from 'react';
import { navigate } from '../../app/router';

/** Which part of Support to bring into view. */
export type SupportSection = 'plan' | 'lines';

interface SheetState {
  readonly open: boolean;
  readonly section: SupportSection | null;
  /** Changes on every request, so asking again while open scrolls again. */
  readonly request: number;
}

let sheet: SheetState = { open: false, section: null, request: 0 };
const listeners = new Set<() => void>();

function setSheet(next: SheetState): void {
  sheet = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSupportSheet(): SheetState {
  return useSyncExternalStore(
    subscribe,
    () => sheet,
    () => sheet,
  );
}

export function closeSupportSheet(): void {
  if (sheet.open) setSheet({ open: false, section: null, request: sheet.request });
}

/** True when a modal dialog other than the Support sheet is open. */
function otherModalOpen(): boolean {
  return [...document.querySelectorAll('dialog[open]')].some((dialog) => !dialog.classList.contains('support-sheet') && dialog.matches(':modal'));
}

/** Opens Support: over an open dialog as a sheet, otherwise as the Support page. */
export function openSupport(section: SupportSection | null = null): void {
  if (sheet.open || otherModalOpen()) {
    setSheet({ open: true, section, request: sheet.request + 1 });
    return;
  }
  navigate('support', section ? { section } : {});
}

/** F1, or Ctrl/Cmd+Shift+H: the keys that open Support from anywhere, even inside a dialog. */
export function isSupportShortcut(event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): boolean {
  if (event.key === 'F1' && !event.ctrlKey && !event.metaKey && !event.altKey) return true;
  return (event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey && (event.key.toLowerCase() === 'h' || event.code === 'KeyH');
}
