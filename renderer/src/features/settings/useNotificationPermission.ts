// Whether the system lets Hearth show notifications, read once per settings section, and a way to ask from a
// click (so the browser or system shows its question). Reminders and circle notifications share it.
import { useEffect, useState } from 'react';
import { useServices } from '../../app/services';

export type NotificationPermission = 'granted' | 'denied' | 'prompt';

/** `permission` is null until known, or when it can't be read (say nothing rather than something wrong). */
export function useNotificationPermission(onAskFailed?: (error: unknown) => void): { permission: NotificationPermission | null; ask: () => void } {
  const { platform } = useServices();
  const [permission, setPermission] = useState<NotificationPermission | null>(null);

  useEffect(() => {
    let live = true;
    platform
      .notificationPermission()
      .then((state) => {
        if (live) setPermission(state);
      })
      .catch(() => {
        if (live) setPermission(null);
      });
    return () => {
      live = false;
    };
  }, [platform]);

  const ask = (): void => {
    platform.requestNotificationPermission().then(setPermission, (error: unknown) => {
      if (onAskFailed) onAskFailed(error);
      else setPermission(null);
    });
  };
  return { permission, ask };
}
