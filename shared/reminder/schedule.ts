// When the daily check-in reminder fires next: local wall-clock times in an IANA zone (DST-aware, via
// Intl), today skipped once the person has checked in, and quiet hours respected.
import { z } from 'zod';
import { addDays, isDay } from '../journal/days';
import { localDay, wallTimeToInstant } from '../time/zoned';
import { ReminderSettingsSchema, type ReminderSettings } from './settings';

export const LocalDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day like 2025-03-30')
  .refine(isDay, 'a real calendar day');

export const ReminderPlanSchema = z.object({
  settings: ReminderSettingsSchema,
  /** The local day (YYYY-MM-DD) the person already checked in on, so that day's reminder is skipped. */
  checkedInDay: LocalDaySchema.nullable(),
});

export interface ReminderPlan {
  readonly settings: ReminderSettings;
  readonly checkedInDay: string | null;
}

/** Minutes since local midnight of an 'HH:MM' string (already validated by the settings schema). */
export function minutesOfDay(time: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) throw new RangeError(`Not a time of day: ${time}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/**
 * The time of day the reminder actually fires: the chosen time, or the end of quiet hours when the chosen
 * time falls inside them. Quiet hours are the half-open range [start, end) and may wrap past midnight
 * (22:00–08:00); equal start and end means no quiet time at all.
 */
export function effectiveReminderMinutes(settings: ReminderSettings): number {
  const time = minutesOfDay(settings.time);
  const quiet = settings.quietHours;
  if (!quiet.enabled) return time;
  const start = minutesOfDay(quiet.start);
  const end = minutesOfDay(quiet.end);
  return isInQuietHours(time, start, end) ? end : time;
}

function isInQuietHours(time: number, start: number, end: number): boolean {
  if (start === end) return false;
  if (start < end) return time >= start && time < end;
  return time >= start || time < end;
}

/**
 * The next moment (epoch ms, strictly after `now`) the reminder should fire, or null when it is off.
 * A day is skipped when `plan.checkedInDay` is that local day. Times that do not exist on a DST day
 * (the spring-forward gap) move forward by the gap; times that occur twice use the first.
 * Throws RangeError for an unknown time zone.
 */
export function nextReminderAt(plan: ReminderPlan, now: number, zone: string): number | null {
  if (!plan.settings.enabled) return null;
  const minutes = effectiveReminderMinutes(plan.settings);
  const today = localDay(now, zone);
  // Three days always suffice: today may be past or checked in, tomorrow may be ahead of a DST change.
  for (let offset = 0; offset < 3; offset += 1) {
    const day = addDays(today, offset);
    if (day === plan.checkedInDay) continue;
    const at = wallTimeToInstant(day, minutes, zone);
    if (at > now) return at;
  }
  return null;
}

/** The local calendar day (YYYY-MM-DD) of an instant in a zone. */
export const localDayAt = localDay;
