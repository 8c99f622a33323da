// The reminder scheduler with fake timers: it fires on time, every day, skips checked-in days, follows
// reconfiguration and handles sleep.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLogSink, type LogSink } from '../../../electron/main/log';
import { createReminderScheduler, LATE_GRACE_MS, MAX_TIMER_DELAY_MS, REMINDER_NOTICE, type ReminderNotice } from '../../../electron/main/reminder';
import type { ReminderPlan } from '@shared/reminder/schedule';

const HOUR = 3_600_000;
const START = Date.parse('2025-06-10T10:00:00Z');

let previousSink: LogSink;
const logged: string[] = [];
beforeAll(() => {
  previousSink = setLogSink((level, _scope, message) => logged.push(`${level}: ${message}`));
});
afterAll(() => {
  setLogSink(previousSink);
});

beforeEach(() => {
  vi.useFakeTimers({ now: START });
  logged.length = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

const plan = (overrides: { enabled?: boolean; time?: string; checkedInDay?: string | null } = {}): ReminderPlan => ({
  settings: { enabled: overrides.enabled ?? true, time: overrides.time ?? '20:00', quietHours: { enabled: false, start: '22:00', end: '08:00' } },
  checkedInDay: overrides.checkedInDay ?? null,
});

function setup(zone = 'UTC') {
  const notices: ReminderNotice[] = [];
  const openCheckIn = vi.fn();
  const setTimer = vi.fn((callback: () => void, delayMs: number) => setTimeout(callback, delayMs));
  const scheduler = createReminderScheduler({
    now: () => Date.now(),
    timeZone: () => zone,
    setTimer,
    clearTimer: (handle) => clearTimeout(handle),
    showNotification: (notice) => notices.push(notice),
    openCheckIn,
  });
  return { scheduler, notices, openCheckIn, setTimer };
}

describe('createReminderScheduler', () => {
  it('shows a gentle notification at the chosen time, then again the next day', () => {
    const { scheduler, notices } = setup();
    scheduler.configure(plan());
    expect(scheduler.nextDueAt()).toBe(Date.parse('2025-06-10T20:00:00Z'));
    vi.advanceTimersByTime(10 * HOUR - 1);
    expect(notices).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ title: 'Time for a check-in', body: 'How are you today? A minute is enough.' });
    expect(scheduler.nextDueAt()).toBe(Date.parse('2025-06-11T20:00:00Z'));
    vi.advanceTimersByTime(24 * HOUR);
    expect(notices).toHaveLength(2);
  });

  it('never arms a timer longer than the re-check interval', () => {
    const { scheduler, setTimer } = setup();
    scheduler.configure(plan());
    for (const [, delay] of setTimer.mock.calls) expect(delay).toBeLessThanOrEqual(MAX_TIMER_DELAY_MS);
    expect(vi.getTimerCount()).toBe(1);
  });

  it('opens a new check-in when the notification is clicked', () => {
    const { scheduler, notices, openCheckIn } = setup();
    scheduler.configure(plan());
    vi.advanceTimersByTime(10 * HOUR);
    notices[0]?.onClick();
    expect(openCheckIn).toHaveBeenCalledOnce();
  });

  it('skips today after a check-in today', () => {
    const { scheduler, notices } = setup();
    scheduler.configure(plan({ checkedInDay: '2025-06-10' }));
    vi.advanceTimersByTime(24 * HOUR);
    expect(notices).toHaveLength(0);
    vi.advanceTimersByTime(10 * HOUR);
    expect(notices).toHaveLength(1);
  });

  it('stops when reminders are switched off and keeps one timer when reconfigured', () => {
    const { scheduler, notices } = setup();
    scheduler.configure(plan());
    scheduler.configure(plan({ time: '21:00' }));
    expect(vi.getTimerCount()).toBe(1);
    scheduler.configure(plan({ enabled: false }));
    expect(vi.getTimerCount()).toBe(0);
    expect(scheduler.nextDueAt()).toBeNull();
    vi.advanceTimersByTime(48 * HOUR);
    expect(notices).toHaveLength(0);
  });

  it('follows the local time zone', () => {
    const { scheduler } = setup('Europe/Berlin');
    scheduler.configure(plan());
    expect(scheduler.nextDueAt()).toBe(Date.parse('2025-06-10T18:00:00Z'));
  });

  it('notices a changed clock when it next looks', () => {
    const { scheduler, notices } = setup();
    scheduler.configure(plan());
    // The wall clock jumps forward to 19:59:30 without the timers having run (e.g. a clock correction).
    vi.setSystemTime(Date.parse('2025-06-10T19:59:30Z'));
    scheduler.recheck();
    vi.advanceTimersByTime(30_000);
    expect(notices).toHaveLength(1);
  });

  it('shows a reminder found a little late after sleep, but not one hours late', () => {
    const { scheduler, notices } = setup();
    scheduler.configure(plan());
    vi.setSystemTime(Date.parse('2025-06-10T20:30:00Z'));
    scheduler.recheck();
    expect(notices).toHaveLength(1);

    vi.setSystemTime(Date.parse('2025-06-11T20:00:00Z') + LATE_GRACE_MS + 1);
    scheduler.recheck();
    expect(notices).toHaveLength(1);
    expect(scheduler.nextDueAt()).toBe(Date.parse('2025-06-12T20:00:00Z'));
  });

  it('keeps going when a notification cannot be shown', () => {
    const failing = createReminderScheduler({
      now: () => Date.now(),
      timeZone: () => 'UTC',
      setTimer: (callback, delayMs) => setTimeout(callback, delayMs),
      clearTimer: (handle) => clearTimeout(handle),
      showNotification: () => {
        throw new Error('no notification daemon');
      },
      openCheckIn: () => undefined,
    });
    failing.configure(plan());
    vi.advanceTimersByTime(10 * HOUR);
    expect(failing.nextDueAt()).toBe(Date.parse('2025-06-11T20:00:00Z'));
    expect(logged.some((line) => line.startsWith('error: could not show'))).toBe(true);
  });

  it('plans nothing after stop', () => {
    const { scheduler, notices } = setup();
    scheduler.configure(plan());
    scheduler.stop();
    vi.advanceTimersByTime(48 * HOUR);
    expect(notices).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('uses the calm wording', () => {
    expect(REMINDER_NOTICE.title).toBe('Time for a check-in');
    expect(REMINDER_NOTICE.body).not.toMatch(/streak|don't forget|missed/i);
  });
});
