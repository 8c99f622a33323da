// Runs the daily check-in reminder: keeps one timer armed for the next reminder (shared/reminder/schedule),
// shows a gentle native notification when it is due, and opens a new check-in when it is clicked.
import { nextReminderAt, type ReminderPlan } from '@shared/reminder/schedule';
import { createLogger } from './log';

const log = createLogger('reminder');

export const REMINDER_NOTICE = {
  title: 'Time for a check-in',
  body: 'How are you today? A minute is enough.',
} as const;

/**
 * Timers wake at least this often to look at the clock again, so a changed clock or time zone, or a
 * computer waking from sleep, is noticed within minutes (and no delay exceeds what setTimeout allows).
 */
export const MAX_TIMER_DELAY_MS = 10 * 60_000;

/** A reminder found more than this late (the computer was asleep) is dropped rather than shown hours later. */
export const LATE_GRACE_MS = 60 * 60_000;

export interface ReminderNotice {
  readonly title: string;
  readonly body: string;
  readonly onClick: () => void;
}

export interface ReminderSchedulerDeps<Handle> {
  now(): number;
  /** The current IANA time zone (asked each time, so travel is followed). */
  timeZone(): string;
  setTimer(callback: () => void, delayMs: number): Handle;
  clearTimer(handle: Handle): void;
  showNotification(notice: ReminderNotice): void;
  /** Focuses the window and starts a new check-in. */
  openCheckIn(): void;
}

export interface ReminderScheduler {
  /** Replaces the plan (settings and the day already checked in) and re-arms the timer. */
  configure(plan: ReminderPlan): void;
  /** Looks at the clock again now (e.g. after the computer resumes from sleep). */
  recheck(): void;
  /** When the next reminder is due (epoch ms), or null when none is planned. */
  nextDueAt(): number | null;
  stop(): void;
}

export function createReminderScheduler<Handle>(deps: ReminderSchedulerDeps<Handle>): ReminderScheduler {
  let plan: ReminderPlan | null = null;
  let dueAt: number | null = null;
  let timer: { handle: Handle } | null = null;

  const disarm = (): void => {
    if (timer !== null) deps.clearTimer(timer.handle);
    timer = null;
  };

  const arm = (): void => {
    disarm();
    if (dueAt === null) return;
    const delay = Math.min(Math.max(dueAt - deps.now(), 0), MAX_TIMER_DELAY_MS);
    timer = { handle: deps.setTimer(tick, delay) };
  };

  const computeNext = (): void => {
    if (plan === null) {
      dueAt = null;
      return;
    }
    try {
      dueAt = nextReminderAt(plan, deps.now(), deps.timeZone());
    } catch (error) {
      log.error('could not work out the next reminder', error);
      dueAt = null;
    }
  };

  function tick(): void {
    timer = null;
    const now = deps.now();
    if (dueAt !== null && now >= dueAt) {
      if (now - dueAt <= LATE_GRACE_MS) fire();
      else log.info('skipped a reminder that fell while the computer was asleep');
      computeNext();
    } else {
      // Not due yet: the clock or zone may have changed, so work the time out afresh.
      computeNext();
    }
    arm();
  }

  function fire(): void {
    try {
      deps.showNotification({ ...REMINDER_NOTICE, onClick: () => deps.openCheckIn() });
    } catch (error) {
      log.error('could not show the reminder notification', error);
    }
  }

  return {
    configure(next) {
      plan = next;
      computeNext();
      arm();
    },
    recheck() {
      tick();
    },
    nextDueAt: () => dueAt,
    stop() {
      disarm();
      plan = null;
      dueAt = null;
    },
  };
}
