// Locking from inside the unlocked app: Ctrl/Cmd+Shift+L (the former quick-hide key, now that a passcode
// always exists) and, after the chosen minutes without input in the window, idle time.
import { useEffect, type ReactNode } from 'react';
import { useSettings } from '../../app/settings';
import { lockHearth } from './lockNow';
import { watchIdle } from './model';

/** Ctrl+Shift+L, or Cmd+Shift+L on a Mac. */
export function isLockKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): boolean {
  return (event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey && event.key.toLowerCase() === 'l';
}

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

export function AppLock(): ReactNode {
  const { settings } = useSettings();
  const minutes = settings.lockAfterMinutes;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (!isLockKey(event)) return;
      event.preventDefault();
      event.stopPropagation();
      void lockHearth();
    };
    // Capture phase: an open dialog or a text field never keeps the lock key from working.
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, []);

  useEffect(() => {
    const idle = watchIdle(minutes * 60_000, () => void lockHearth(), {
      now: () => Date.now(),
      setTimer: (callback, delayMs) => window.setTimeout(callback, delayMs),
      clearTimer: (handle) => window.clearTimeout(handle),
    });
    const onActivity = (): void => idle.activity();
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { capture: true, passive: true });
    return () => {
      idle.stop();
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
    };
  }, [minutes]);

  return null;
}
