// "Take a break from circles": how long a break lasts and whether one is on at a given moment.
import { addDays } from '../journal/days';
import { localDay, wallMinutesAt, wallTimeToInstant } from '../time/zoned';
import type { CircleBreak } from './settings';

export const BREAK_LENGTHS = ['1-day', '3-days', '1-week', 'until-off'] as const;
export type BreakLength = (typeof BREAK_LENGTHS)[number];

const BREAK_DAYS: Record<BreakLength, number | null> = { '1-day': 1, '3-days': 3, '1-week': 7, 'until-off': null };

export const BREAK_LABELS: Record<BreakLength, string> = {
  '1-day': '1 day',
  '3-days': '3 days',
  '1-week': '1 week',
  'until-off': 'Until I turn it off',
};

/**
 * A break that starts now and ends at the same time on the wall clock after the chosen number of days
 * (so "1 day" taken at 21:00 ends at 21:00 tomorrow, even across a DST change).
 */
export function startBreak(length: BreakLength, now: number, zone: string): CircleBreak {
  const days = BREAK_DAYS[length];
  if (days === null) return { since: now, until: null };
  const until = wallTimeToInstant(addDays(localDay(now, zone), days), wallMinutesAt(now, zone), zone);
  // A wall time can repeat on a fall-back day; the break never ends before it began.
  return { since: now, until: Math.max(until, now + 1) };
}

export function isOnBreak(circleBreak: CircleBreak | null, now: number): boolean {
  return circleBreak !== null && (circleBreak.until === null || now < circleBreak.until);
}
