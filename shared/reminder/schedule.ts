// When the daily check-in reminder fires next: local wall-clock times in an IANA zone (DST-aware, via
// Intl), today skipped once the person has checked in, and quiet hours respected.
import { z } from 'zod';
import { ReminderSettingsSchema, type ReminderSettings } from './settings';

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export const LocalDaySchema = z
  .string()
  .regex(DAY_PATTERN, 'a day like 2025-03-30')
  .refine((day) => parseDay(day) !== null, 'a real calendar day');

export const ReminderPlanSchema = z.object({
  settings: ReminderSettingsSchema,
  /** The local day (YYYY-MM-DD) the person already checked in on, so that day's reminder is skipped. */
  checkedInDay: LocalDaySchema.nullable(),
});

export interface ReminderPlan {
  readonly settings: ReminderSettings;
  readonly checkedInDay: string | null;
}

const MS_PER_DAY = 86_400_000;

interface CalendarDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
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
  const today = calendarDayAt(now, zone);
  // Three days always suffice: today may be past or checked in, tomorrow may be ahead of a DST change.
  for (let offset = 0; offset < 3; offset += 1) {
    const day = addDays(today, offset);
    if (formatDay(day) === plan.checkedInDay) continue;
    const at = zonedTimeToEpoch(day, minutes, zone);
    if (at > now) return at;
  }
  return null;
}

/** The local calendar day (YYYY-MM-DD) of an instant in a zone. */
export function localDayAt(at: number, zone: string): string {
  return formatDay(calendarDayAt(at, zone));
}

// ---- wall-clock arithmetic in a zone -------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

interface WallClock extends CalendarDay {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

function wallClockAt(at: number, zone: string): WallClock {
  const values: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(at)) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  const read = (key: string): number => {
    const value = values[key];
    if (value === undefined || Number.isNaN(value)) throw new RangeError(`Intl gave no ${key} for ${zone}`);
    return value;
  };
  return { year: read('year'), month: read('month'), day: read('day'), hour: read('hour'), minute: read('minute'), second: read('second') };
}

function calendarDayAt(at: number, zone: string): CalendarDay {
  const { year, month, day } = wallClockAt(at, zone);
  return { year, month, day };
}

/** The zone's offset from UTC at an instant, in ms (local = UTC + offset). */
function offsetAt(at: number, zone: string): number {
  const wall = wallClockAt(at, zone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const wholeSeconds = Math.floor(at / 1000) * 1000;
  return asUtc - wholeSeconds;
}

/** The instant a local wall-clock time happens in a zone (the "compatible" rule for gaps and overlaps). */
function zonedTimeToEpoch(day: CalendarDay, minutes: number, zone: string): number {
  const asUtc = Date.UTC(day.year, day.month - 1, day.day, 0, minutes);
  // Offsets a day either side bracket any single DST transition near this wall time.
  const before = offsetAt(asUtc - MS_PER_DAY, zone);
  const after = offsetAt(asUtc + MS_PER_DAY, zone);
  const candidates = [asUtc - before, asUtc - after].filter((at) => asUtc - offsetAt(at, zone) === at);
  if (candidates.length > 0) return Math.min(...candidates);
  // The wall time falls in a spring-forward gap: read it with the earlier offset, which lands after the gap.
  return asUtc - before;
}

function addDays(day: CalendarDay, days: number): CalendarDay {
  const date = new Date(Date.UTC(day.year, day.month - 1, day.day) + days * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function formatDay(day: CalendarDay): string {
  const pad = (value: number, width: number): string => String(value).padStart(width, '0');
  return `${pad(day.year, 4)}-${pad(day.month, 2)}-${pad(day.day, 2)}`;
}

function parseDay(text: string): CalendarDay | null {
  const [year, month, day] = text.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  const valid = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return valid ? { year, month, day } : null;
}
