// Keeps today's circle time when a daily budget is set: counts while a circle page is open, the window is
// visible and focused, and the person has used it in the last two minutes; stores only today's figure.
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { deviceTimeZone } from '@shared/journal/days';
import { localDay } from '@shared/time/zoned';
import { addCircleTime, dismissNudge, readCircleTime, shouldNudge, type CircleTime } from '@shared/wellbeing/circleTime';
import { useRoute } from '../../app/router';
import { useServices } from '../../app/services';
import { useSettings } from '../../app/settings';
import type { HearthDatabase } from '../../db/database';
import { readValue, writeValue } from '../../db/sealedRows';
import { logger } from '../../logger';
import { useNow } from './useNow';

/** Where today's circle time is kept, beside the preferences (it is not a preference, so not in them). */
const STORE_KEY = 'circle-time';
const TICK_MS = 15_000;
const INPUT_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

let current: CircleTime | null = null;
const listeners = new Set<() => void>();

function setCurrent(next: CircleTime | null): void {
  current = next;
  for (const listener of [...listeners]) listener();
}

function save(db: HearthDatabase, value: CircleTime): void {
  writeValue(db, 'settings', STORE_KEY, value).catch((error: unknown) => {
    // Losing a tick of circle time is harmless; the next tick tries again.
    logger.warn('circle time could not be saved', error);
  });
}

/** Counts circle time while a budget is set; mounted once, in the app shell. */
export function useCircleTimeTracker(): void {
  const { journal } = useServices();
  const { settings } = useSettings();
  const budget = settings.wellbeing.dailyCircleMinutes;
  const { view, params } = useRoute();
  const onCirclePage = view === 'circles' && params.has('circle');
  const onPage = useRef(onCirclePage);
  const tickRef = useRef<(() => void) | null>(null);

  useEffect(() => {
    onPage.current = onCirclePage;
    tickRef.current?.();
  }, [onCirclePage]);

  useEffect(() => {
    if (budget === null) return;
    const db = journal.db;
    const zone = deviceTimeZone();
    let live = true;
    let loaded = false;
    let lastTick: number | null = null;
    let lastInputAt = Date.now();

    const counting = (): boolean => onPage.current && document.visibilityState === 'visible' && document.hasFocus();
    const tick = (): void => {
      const now = Date.now();
      if (loaded && current && lastTick !== null) {
        const next = addCircleTime(current, { from: lastTick, to: now, lastInputAt }, zone);
        if (next !== current) {
          setCurrent(next);
          save(db, next);
        }
      } else if (loaded && current && current.day !== localDay(now, zone)) {
        // A new day began while nothing was counting: the nudge from yesterday goes away.
        setCurrent(readCircleTime(null, now, zone));
      }
      lastTick = counting() ? now : null;
    };
    const onInput = (): void => {
      lastInputAt = Date.now();
    };

    // Sealed with the journal once a vault exists; an unreadable figure counts as none (readCircleTime's default).
    readValue(db, 'settings', STORE_KEY, (value) => value)
      .then((read) => {
        if (!live) return;
        setCurrent(readCircleTime(read.kind === 'present' && read.ok ? read.value : null, Date.now(), zone));
        loaded = true;
        tick();
      })
      .catch((error: unknown) => {
        logger.warn('circle time could not be read; counting starts from now', error);
        if (!live) return;
        setCurrent(readCircleTime(null, Date.now(), zone));
        loaded = true;
      });

    tickRef.current = tick;
    const timer = window.setInterval(tick, TICK_MS);
    for (const name of INPUT_EVENTS) window.addEventListener(name, onInput, { capture: true, passive: true });
    window.addEventListener('focus', tick);
    window.addEventListener('blur', tick);
    document.addEventListener('visibilitychange', tick);
    return () => {
      tick();
      live = false;
      tickRef.current = null;
      window.clearInterval(timer);
      for (const name of INPUT_EVENTS) window.removeEventListener(name, onInput, { capture: true });
      window.removeEventListener('focus', tick);
      window.removeEventListener('blur', tick);
      document.removeEventListener('visibilitychange', tick);
    };
  }, [budget, journal]);
}

/** Whether to show today's gentle nudge, and a way to close it until tomorrow. */
export function useCircleTimeNudge(): { readonly show: boolean; readonly dismiss: () => void } {
  const { journal } = useServices();
  const { settings } = useSettings();
  const now = useNow();
  const time = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
  const show = time !== null && shouldNudge(time, settings.wellbeing.dailyCircleMinutes, now, deviceTimeZone());
  const dismiss = (): void => {
    if (!current) return;
    const next = dismissNudge(current);
    setCurrent(next);
    save(journal.db, next);
  };
  return { show, dismiss };
}
