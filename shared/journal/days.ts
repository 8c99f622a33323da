// Calendar-day arithmetic on YYYY-MM-DD strings (local days, no time zone involved once a day is known).
import { localDay } from './checkIn';

const MS_PER_DAY = 86_400_000;

const DAY_PARTS = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a YYYY-MM-DD day; throws RangeError for anything else. */
export function dayNumber(day: string): number {
  const match = DAY_PARTS.exec(day);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD day: ${day}`);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Math.round(date.getTime() / MS_PER_DAY);
}

export function dayFromNumber(n: number): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The calendar day `offset` days after `day` (negative goes back). */
export function addDays(day: string, offset: number): string {
  return dayFromNumber(dayNumber(day) + offset);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: string): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNumber(day) + 4) % 7) + 7) % 7;
}

/** The local time zone of this device. */
export function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function today(zone: string = deviceTimeZone(), now: number = Date.now()): string {
  return localDay(now, zone);
}

/** 'YYYY-MM' of a day. */
export function monthOf(day: string): string {
  return day.slice(0, 7);
}

export function addMonths(month: string, offset: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + offset;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function daysInMonth(month: string): number {
  return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
}

export function firstDayOfMonth(month: string): string {
  return `${month}-01`;
}

export function lastDayOfMonth(month: string): string {
  return `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;
}

/** The weeks shown for a month: full weeks starting on `weekStart`, including the neighbours' days. */
export function monthWeeks(month: string, weekStart: number): string[][] {
  const first = firstDayOfMonth(month);
  const lead = (weekdayOf(first) - weekStart + 7) % 7;
  const start = addDays(first, -lead);
  const last = lastDayOfMonth(month);
  const weeks: string[][] = [];
  let cursor = start;
  while (weeks.length === 0 || cursor <= last) {
    const week: string[] = [];
    for (let i = 0; i < 7; i++) {
      week.push(cursor);
      cursor = addDays(cursor, 1);
    }
    weeks.push(week);
  }
  return weeks;
}

/** Whether a string is a real calendar day (2026-02-30 is not). */
export function isDay(value: string): boolean {
  return DAY_PARTS.test(value) && dayFromNumber(dayNumber(value)) === value;
}

export function isMonth(value: string): boolean {
  return /^\d{4}-\d{2}$/.test(value) && isDay(`${value}-01`);
}
