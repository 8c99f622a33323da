// Saving a settings change from a control: errors become a calm toast instead of a lost promise.
import { useCallback } from 'react';
import { useSettings } from '../../app/settings';
import { useToasts } from '../../app/toasts';

type Change = Parameters<ReturnType<typeof useSettings>['update']>[0];

export function errorText(error: unknown): string {
  return error instanceof Error && error.message ? error.message : String(error);
}

/**
 * Returns a function that saves a change and reports a failure as a toast. Its promise never rejects:
 * it resolves to whether the change was saved, so a control can undo its optimistic state.
 */
export function useSaveSettings(): (change: Change) => Promise<boolean> {
  const settings = useSettings();
  const toasts = useToasts();
  return useCallback(
    (change: Change) =>
      settings.update(change).then(
        () => true,
        (error: unknown) => {
          toasts.notify({ message: `That change could not be saved: ${errorText(error)}`, tone: 'error' });
          return false;
        },
      ),
    [settings, toasts],
  );
}
