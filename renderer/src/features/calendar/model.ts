// The calendar's pure parts: which month and day the URL asks for, each day's mean mood, keyboard moves
// around the grid, and the words a screen reader hears for a day.
import type { CheckIn } from '@shared/journal/checkIn';
import { addDays, addMonths, isDay, isMonth, monthOf, weekdayOf } from '@shared/journal/days';
import { moodInfo, type MoodLevel } from '@shared/journal/mood';
import { formatDayLong, plural } from '../../ui/format';

export interface CalendarPlace {
  /** YYYY-MM shown. */
  readonly month: string;
  /** YYYY-MM-DD selected, or null when no day is selected. */
  readonly day: string | null;
}

/** Reads month=YYYY-MM and day=YYYY-MM-DD from the hash params; anything malformed falls back to today's month. */
export function parseCalendarParams(params: URLSearchParams, today: string): CalendarPlace {
  const rawDay = params.get('day') ?? '';
  const day = isDay(rawDay) ? rawDay : null;
  const rawMonth = params.get('month') ?? '';
  const month = isMonth(rawMonth) ? rawMonth : day ? monthOf(day) : monthOf(today);
  return { month, day };
}

export function calendarParams(place: CalendarPlace): Record<string, string> {
  return place.day ? { month: place.month, day: place.day } : { month: place.month };
}

export interface DaySummary {
  /** Mean mood of the day's check-ins, 1–5. */
  readonly mean: number;
  /** The mean rounded to the nearest level, for the day's colour and word. */
  readonly level: MoodLevel;
  readonly count: number;
}

/** Rounds a mean mood to the nearest level on the five-point scale. */
export function nearestMood(mean: number): MoodLevel {
  const rounded = Math.round(Math.min(5, Math.max(1, mean)));
  return rounded as MoodLevel;
}

/** Each day's mean mood and number of check-ins. */
export function summariseDays(checkIns: readonly CheckIn[]): Map<string, DaySummary> {
  const sums = new Map<string, { sum: number; count: number }>();
  for (const checkIn of checkIns) {
    const acc = sums.get(checkIn.day) ?? { sum: 0, count: 0 };
    acc.sum += checkIn.mood;
    acc.count += 1;
    sums.set(checkIn.day, acc);
  }
  const out = new Map<string, DaySummary>();
  for (const [day, { sum, count }] of sums) {
    const mean = sum / count;
    out.set(day, { mean, level: nearestMood(mean), count });
  }
  return out;
}

/** What a screen reader hears for a day button, e.g. "Saturday, 21 November 2026: Good, 2 check-ins". */
export function dayLabel(day: string, summary: DaySummary | undefined, isToday: boolean): string {
  const name = `${formatDayLong(day)}${isToday ? ', today' : ''}`;
  if (!summary) return `${name}: no check-ins`;
  return `${name}: ${moodInfo(summary.level).word}, ${plural(summary.count, 'check-in')}`;
}

export type GridMove = 'left' | 'right' | 'up' | 'down' | 'week-start' | 'week-end' | 'previous-month' | 'next-month' | 'previous-year' | 'next-year';

/** Maps a key press on the grid to a move, following the ARIA date-grid pattern. */
export function gridMoveForKey(key: string, shiftKey: boolean): GridMove | null {
  switch (key) {
    case 'ArrowLeft':
      return 'left';
    case 'ArrowRight':
      return 'right';
    case 'ArrowUp':
      return 'up';
    case 'ArrowDown':
      return 'down';
    case 'Home':
      return 'week-start';
    case 'End':
      return 'week-end';
    case 'PageUp':
      return shiftKey ? 'previous-year' : 'previous-month';
    case 'PageDown':
      return shiftKey ? 'next-year' : 'next-month';
    default:
      return null;
  }
}

/** The same day of the month `offset` months away, kept inside that month (31 Jan + 1 month → 28/29 Feb). */
function shiftMonth(day: string, offset: number): string {
  const month = addMonths(monthOf(day), offset);
  for (let date = Number(day.slice(8, 10)); date > 0; date--) {
    const candidate = `${month}-${String(date).padStart(2, '0')}`;
    if (isDay(candidate)) return candidate;
  }
  return `${month}-01`;
}

/** The day focus moves to. Home and End stay in the displayed week. */
export function moveDay(day: string, move: GridMove, weekStart: number): string {
  switch (move) {
    case 'left':
      return addDays(day, -1);
    case 'right':
      return addDays(day, 1);
    case 'up':
      return addDays(day, -7);
    case 'down':
      return addDays(day, 7);
    case 'week-start':
      return addDays(day, -((weekdayOf(day) - weekStart + 7) % 7));
    case 'week-end':
      return addDays(day, 6 - ((weekdayOf(day) - weekStart + 7) % 7));
    case 'previous-month':
      return shiftMonth(day, -1);
    case 'next-month':
      return shiftMonth(day, 1);
    case 'previous-year':
      return shiftMonth(day, -12);
    case 'next-year':
      return shiftMonth(day, 12);
  }
}

/** The day that takes keyboard focus in a month: the selected day, else today, else the 1st. */
export function focusableDay(month: string, selected: string | null, today: string): string {
  if (selected && monthOf(selected) === month) return selected;
  if (monthOf(today) === month) return today;
  return `${month}-01`;
}
