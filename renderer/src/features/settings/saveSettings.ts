// Saving a settings change from a control: errors become a calm toast instead of a lost promise.
import { useCallback } from 'react';
import { useSettings } from '../../app/settings';
import { useToasts } from '../../app/toasts';

type Change = Parameters<ReturnType<typeof useSettings>['update']>[0];

export function errorText(error: unknown): string {
  return error instanceof Error && error.message ? error.message : String(error);
}

/** Returns a function that saves a change and reports (but never throws) a failure. */
export function useSaveSettings(): (change: Change) => void {
  const settings = useSettings();
  const toasts = useToasts();
  return useCallback(
    (change: Change) => {
      settings.update(change).catch((error: unknown) => toasts.notify({ message: `That change could not be saved: ${errorText(error)}`, tone: 'error' }));
    },
    [settings, toasts],
  );
}
