// Shapes the last seven days into a strip of daily moods for the Today view.
import type { CheckIn } from '@shared/journal/checkIn';
import { addDays, weekdayOf } from '@shared/journal/days';
import type { MoodLevel } from '@shared/journal/mood';

export interface StripDay {
  readonly day: string;
  readonly weekday: number;
  /** The day's mean mood rounded to the nearest level, or null without check-ins. */
  readonly mood: MoodLevel | null;
  readonly count: number;
}

export function weekStrip(checkIns: readonly CheckIn[], today: string, length = 7): StripDay[] {
  const sums = new Map<string, { sum: number; count: number }>();
  for (const checkIn of checkIns) {
    const entry = sums.get(checkIn.day) ?? { sum: 0, count: 0 };
    entry.sum += checkIn.mood;
    entry.count += 1;
    sums.set(checkIn.day, entry);
  }
  const days: StripDay[] = [];
  for (let offset = length - 1; offset >= 0; offset--) {
    const day = addDays(today, -offset);
    const entry = sums.get(day);
    const mood = entry ? (Math.min(5, Math.max(1, Math.round(entry.sum / entry.count))) as MoodLevel) : null;
    days.push({ day, weekday: weekdayOf(day), mood, count: entry?.count ?? 0 });
  }
  return days;
}
