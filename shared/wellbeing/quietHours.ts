// Quiet hours: a daily window of local wall-clock time in which Hearth raises no notification at all.
import { minutesOfDay } from '../reminder/schedule';
import { wallMinutesAt } from '../time/zoned';
import type { QuietHours } from './settings';

/**
 * Whether a minute of the day (0–1439) lies in the half-open window [start, end), which wraps past midnight
 * when start is later than end (22:00–08:00). Equal start and end is an empty window.
 */
export function isInWindow(minute: number, start: number, end: number): boolean {
  if (start === end) return false;
  if (start < end) return minute >= start && minute < end;
  return minute >= start || minute < end;
}

/** Whether an instant falls in quiet hours, read on the wall clock of `zone` (DST-aware). */
export function isQuietAt(at: number, zone: string, quiet: QuietHours): boolean {
  if (!quiet.enabled) return false;
  return isInWindow(wallMinutesAt(at, zone), minutesOfDay(quiet.start), minutesOfDay(quiet.end));
}
