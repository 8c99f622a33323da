// The insights screen's numbers: mood over time, by weekday, against sleep and against activities.
import type { WeekStart } from '../settings';
import type { CheckIn } from './checkIn';
import { addDays, dayFromNumber, dayNumber, isDay, weekdayOf } from './days';

export type InsightRange = 7 | 30 | 90 | 365;
export const INSIGHT_RANGES: readonly InsightRange[] = [7, 30, 90, 365];

/**
 * One local day of the journal. A day's mood is the mean of that day's check-ins, so a day with
 * three check-ins counts once, like a day with one.
 */
export interface DayMood {
  /** Local calendar day, YYYY-MM-DD. */
  readonly day: string;
  /** Mean mood of the day's check-ins, 1–5. */
  readonly mood: number;
  /** How many check-ins the day has. */
  readonly count: number;
  /** Mean of the sleep hours reported that day, or null when none was reported. */
  readonly sleepHours: number | null;
  /**
   * Every activity logged that day, once each (compared ignoring case, first spelling kept), in
   * the order first logged. An array rather than a Set so the value can cross a worker or IPC boundary.
   */
  readonly activities: readonly string[];
}

export { addDays, weekdayOf };

function mean(sum: number, count: number): number | null {
  return count === 0 ? null : sum / count;
}

function sortedByDay(days: readonly DayMood[]): readonly DayMood[] {
  for (let i = 1; i < days.length; i++) {
    const previous = days[i - 1];
    const current = days[i];
    if (previous && current && previous.day > current.day) return [...days].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  }
  return days;
}

interface DayAccumulator {
  moodSum: number;
  count: number;
  sleepSum: number;
  sleepCount: number;
  activities: string[];
  /** Lower-cased activities, parallel to `activities`; a day has few, so a list beats a Set. */
  activityKeys: string[];
}

/** Lower-cases labels once each: a journal repeats the same few activities thousands of times. */
function labelKeys(): (label: string) => string {
  const keys = new Map<string, string>();
  return (label) => {
    let key = keys.get(label);
    if (key === undefined) {
      key = label.toLowerCase();
      keys.set(label, key);
    }
    return key;
  };
}

/** Groups check-ins into local days (by `checkIn.day`), sorted oldest first. */
export function dailyMoods(checkIns: readonly CheckIn[]): DayMood[] {
  const byDay = new Map<string, DayAccumulator>();
  const keyOf = labelKeys();
  for (const checkIn of checkIns) {
    let acc = byDay.get(checkIn.day);
    if (!acc) {
      acc = { moodSum: 0, count: 0, sleepSum: 0, sleepCount: 0, activities: [], activityKeys: [] };
      byDay.set(checkIn.day, acc);
    }
    acc.moodSum += checkIn.mood;
    acc.count += 1;
    if (checkIn.sleepHours !== undefined) {
      acc.sleepSum += checkIn.sleepHours;
      acc.sleepCount += 1;
    }
    for (const activity of checkIn.activities) {
      const key = keyOf(activity);
      if (!acc.activityKeys.includes(key)) {
        acc.activityKeys.push(key);
        acc.activities.push(activity);
      }
    }
  }
  const days = [...byDay.keys()].sort();
  const out: DayMood[] = [];
  for (const day of days) {
    const acc = byDay.get(day);
    if (!acc) continue;
    out.push({ day, mood: acc.moodSum / acc.count, count: acc.count, sleepHours: mean(acc.sleepSum, acc.sleepCount), activities: acc.activities });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Mood over time

export interface SmoothedPoint {
  /** First day of the bucket inside the range. */
  readonly from: string;
  /** Last day of the bucket inside the range. */
  readonly to: string;
  /** Mean of the daily moods in the bucket, or null when no day in it has a check-in. */
  readonly mean: number | null;
  /** Days with data in the bucket. */
  readonly days: number;
}

export interface SmoothedSeries {
  /** 'week': 7-day buckets ending today (the oldest may be shorter). 'month': calendar months, clipped to the range. */
  readonly unit: 'week' | 'month';
  readonly points: readonly SmoothedPoint[];
}

export type ComparisonDirection = 'higher' | 'a-little-higher' | 'about-the-same' | 'a-little-lower' | 'lower';

export interface PeriodComparison {
  readonly previousFrom: string;
  readonly previousTo: string;
  readonly previousAverage: number;
  readonly previousDays: number;
  /** This period's average minus the previous period's. */
  readonly difference: number;
  readonly direction: ComparisonDirection;
  /** A calm, factual sentence, e.g. "Your average mood was a little higher than in the 30 days before." */
  readonly sentence: string;
}

export interface MoodOverTime {
  readonly range: InsightRange;
  /** First day of the range (today − range + 1). */
  readonly from: string;
  /** Last day of the range (today). */
  readonly to: string;
  /** Days with data inside the range, oldest first. */
  readonly points: readonly DayMood[];
  /** Mean of the daily moods in the range, or null with no data. */
  readonly average: number | null;
  readonly daysWithData: number;
  /** Weekly buckets for 90 days, monthly for 365; null for 7 and 30 (the daily points are readable there). */
  readonly smoothed: SmoothedSeries | null;
  /** Null unless both this period and the one before it have at least one day with data. */
  readonly comparison: PeriodComparison | null;
}

/** Below this difference (on the 1–5 scale) two averages are described as about the same. */
const SAME_BELOW = 0.2;
/** Below this difference a change is "a little" higher or lower. */
const A_LITTLE_BELOW = 0.6;

const PREVIOUS_PERIOD_WORDS: Readonly<Record<InsightRange, string>> = {
  7: 'the 7 days before',
  30: 'the 30 days before',
  90: 'the 90 days before',
  365: 'the year before',
};

function compareDirection(difference: number): ComparisonDirection {
  const size = Math.abs(difference);
  if (size < SAME_BELOW) return 'about-the-same';
  if (size < A_LITTLE_BELOW) return difference > 0 ? 'a-little-higher' : 'a-little-lower';
  return difference > 0 ? 'higher' : 'lower';
}

function comparisonSentence(direction: ComparisonDirection, range: InsightRange): string {
  const before = PREVIOUS_PERIOD_WORDS[range];
  switch (direction) {
    case 'about-the-same':
      return `Your average mood was about the same as in ${before}.`;
    case 'a-little-higher':
      return `Your average mood was a little higher than in ${before}.`;
    case 'a-little-lower':
      return `Your average mood was a little lower than in ${before}.`;
    case 'higher':
      return `Your average mood was higher than in ${before}.`;
    case 'lower':
      return `Your average mood was lower than in ${before}.`;
  }
}

function assertDay(day: string, what: string): void {
  // Round-tripping catches impossible dates such as 2024-02-30.
  if (!isDay(day)) throw new RangeError(`${what} must be a real YYYY-MM-DD day, got ${day}`);
}

function smoothWeekly(points: readonly DayMood[], from: string, today: string): SmoothedSeries {
  const todayN = dayNumber(today);
  const fromN = dayNumber(from);
  const count = Math.ceil((todayN - fromN + 1) / 7);
  const sums = new Array<number>(count).fill(0);
  const days = new Array<number>(count).fill(0);
  for (const point of points) {
    const index = count - 1 - Math.floor((todayN - dayNumber(point.day)) / 7);
    sums[index] = (sums[index] ?? 0) + point.mood;
    days[index] = (days[index] ?? 0) + 1;
  }
  const out: SmoothedPoint[] = [];
  for (let i = 0; i < count; i++) {
    const end = todayN - (count - 1 - i) * 7;
    const n = days[i] ?? 0;
    out.push({ from: dayFromNumber(Math.max(end - 6, fromN)), to: dayFromNumber(end), mean: mean(sums[i] ?? 0, n), days: n });
  }
  return { unit: 'week', points: out };
}

function monthIndex(day: string): number {
  return Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1;
}

function monthStart(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

function smoothMonthly(points: readonly DayMood[], from: string, today: string): SmoothedSeries {
  const first = monthIndex(from);
  const count = monthIndex(today) - first + 1;
  const sums = new Array<number>(count).fill(0);
  const days = new Array<number>(count).fill(0);
  for (const point of points) {
    const index = monthIndex(point.day) - first;
    sums[index] = (sums[index] ?? 0) + point.mood;
    days[index] = (days[index] ?? 0) + 1;
  }
  const out: SmoothedPoint[] = [];
  for (let i = 0; i < count; i++) {
    const start = monthStart(first + i);
    const end = addDays(monthStart(first + i + 1), -1);
    const n = days[i] ?? 0;
    out.push({ from: start < from ? from : start, to: end > today ? today : end, mean: mean(sums[i] ?? 0, n), days: n });
  }
  return { unit: 'month', points: out };
}

/** The days inside the range ending today, their average, a smoothed series and a comparison with the period before. */
export function moodOverTime(days: readonly DayMood[], range: InsightRange, today: string): MoodOverTime {
  assertDay(today, 'today');
  const from = addDays(today, 1 - range);
  const previousFrom = addDays(today, 1 - 2 * range);
  const previousTo = addDays(today, -range);
  const points: DayMood[] = [];
  let sum = 0;
  let previousSum = 0;
  let previousDays = 0;
  for (const day of sortedByDay(days)) {
    if (day.day >= from && day.day <= today) {
      points.push(day);
      sum += day.mood;
    } else if (day.day >= previousFrom && day.day <= previousTo) {
      previousSum += day.mood;
      previousDays += 1;
    }
  }
  const average = mean(sum, points.length);
  const previousAverage = mean(previousSum, previousDays);
  let comparison: PeriodComparison | null = null;
  if (average !== null && previousAverage !== null) {
    const difference = average - previousAverage;
    const direction = compareDirection(difference);
    comparison = { previousFrom, previousTo, previousAverage, previousDays, difference, direction, sentence: comparisonSentence(direction, range) };
  }
  const smoothed = range === 90 ? smoothWeekly(points, from, today) : range === 365 ? smoothMonthly(points, from, today) : null;
  return { range, from, to: today, points, average, daysWithData: points.length, smoothed, comparison };
}

// ---------------------------------------------------------------------------------------------
// By weekday

export const WEEKDAY_LABELS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

export interface WeekdayMood {
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
  readonly label: (typeof WEEKDAY_LABELS)[number];
  /** Mean of the daily moods on this weekday, or null when there is none. */
  readonly mean: number | null;
  readonly days: number;
}

/** Seven rows, in week order starting at `weekStart`. */
export function moodByWeekday(days: readonly DayMood[], weekStart: WeekStart): WeekdayMood[] {
  const sums = [0, 0, 0, 0, 0, 0, 0];
  const counts = [0, 0, 0, 0, 0, 0, 0];
  for (const day of days) {
    const weekday = weekdayOf(day.day);
    sums[weekday] = (sums[weekday] ?? 0) + day.mood;
    counts[weekday] = (counts[weekday] ?? 0) + 1;
  }
  return WEEKDAY_LABELS.map((_, i) => {
    const weekday = (weekStart + i) % 7;
    const n = counts[weekday] ?? 0;
    return { weekday, label: WEEKDAY_LABELS[weekday] ?? 'Sun', mean: mean(sums[weekday] ?? 0, n), days: n };
  });
}

// ---------------------------------------------------------------------------------------------
// Sleep and mood

export interface SleepBucket {
  readonly label: string;
  /** Inclusive lower bound in hours. */
  readonly min: number;
  /** Exclusive upper bound in hours; null for the last, open bucket. */
  readonly max: number | null;
  readonly mean: number | null;
  readonly days: number;
}

export interface SleepPoint {
  readonly day: string;
  readonly sleepHours: number;
  readonly mood: number;
}

export interface SleepVsMood {
  readonly buckets: readonly SleepBucket[];
  /** One point per day with sleep reported, oldest first. */
  readonly points: readonly SleepPoint[];
}

const SLEEP_BUCKETS: readonly { label: string; min: number; max: number | null }[] = [
  { label: 'Under 5 h', min: 0, max: 5 },
  { label: '5–6 h', min: 5, max: 6 },
  { label: '6–7 h', min: 6, max: 7 },
  { label: '7–8 h', min: 7, max: 8 },
  { label: '8–9 h', min: 8, max: 9 },
  { label: '9 h or more', min: 9, max: null },
];

function sleepBucketIndex(hours: number): number {
  if (hours < 5) return 0;
  if (hours >= 9) return 5;
  return Math.floor(hours) - 4;
}

/** Mean mood per band of sleep hours, and a point per day for a scatter chart. Days without sleep are left out. */
export function sleepVsMood(days: readonly DayMood[]): SleepVsMood {
  const sums = SLEEP_BUCKETS.map(() => 0);
  const counts = SLEEP_BUCKETS.map(() => 0);
  const points: SleepPoint[] = [];
  for (const day of sortedByDay(days)) {
    if (day.sleepHours === null) continue;
    const index = sleepBucketIndex(day.sleepHours);
    sums[index] = (sums[index] ?? 0) + day.mood;
    counts[index] = (counts[index] ?? 0) + 1;
    points.push({ day: day.day, sleepHours: day.sleepHours, mood: day.mood });
  }
  const buckets = SLEEP_BUCKETS.map((bucket, i) => {
    const n = counts[i] ?? 0;
    return { ...bucket, mean: mean(sums[i] ?? 0, n), days: n };
  });
  return { buckets, points };
}

// ---------------------------------------------------------------------------------------------
// Activities and mood

export interface ActivityComparison {
  readonly activity: string;
  readonly withMean: number;
  readonly withDays: number;
  readonly withoutMean: number;
  readonly withoutDays: number;
  /** withMean − withoutMean: positive when mood tended to be higher on days with the activity. */
  readonly difference: number;
}

export interface ActivityShortfall {
  readonly activity: string;
  readonly withDays: number;
  readonly withoutDays: number;
  /** More days with the activity needed before it can be compared (0 when there are enough). */
  readonly moreDaysWith: number;
  /** More days without the activity needed before it can be compared (0 when there are enough). */
  readonly moreDaysWithout: number;
}

export interface ActivityComparisons {
  readonly minDays: number;
  /** Sorted by the size of the difference, largest first (ties by name). */
  readonly compared: readonly ActivityComparison[];
  /** Activities without enough days on one side (or both), most logged first. */
  readonly notEnoughData: readonly ActivityShortfall[];
}

/**
 * For each activity, the mean mood on days with it against days without it. An activity is compared
 * only with at least `minDays` days on each side; the rest are listed with how many more days are needed.
 */
export function activityComparisons(days: readonly DayMood[], minDays = 3): ActivityComparisons {
  // Comparing needs at least one day on each side, whatever the caller asks for.
  const needed = Math.max(1, Math.ceil(minDays));
  let totalSum = 0;
  const totalDays = days.length;
  const byKey = new Map<string, { activity: string; sum: number; days: number }>();
  const keyOf = labelKeys();
  const seenToday: string[] = [];
  for (const day of days) {
    totalSum += day.mood;
    seenToday.length = 0;
    for (const activity of day.activities) {
      const key = keyOf(activity);
      // dailyMoods already de-duplicates, but a hand-built DayMood might not.
      if (seenToday.includes(key)) continue;
      seenToday.push(key);
      let acc = byKey.get(key);
      if (!acc) {
        acc = { activity, sum: 0, days: 0 };
        byKey.set(key, acc);
      }
      acc.sum += day.mood;
      acc.days += 1;
    }
  }
  const compared: ActivityComparison[] = [];
  const notEnoughData: ActivityShortfall[] = [];
  for (const acc of byKey.values()) {
    const withoutDays = totalDays - acc.days;
    if (acc.days >= needed && withoutDays >= needed) {
      const withMean = acc.sum / acc.days;
      const withoutMean = (totalSum - acc.sum) / withoutDays;
      compared.push({ activity: acc.activity, withMean, withDays: acc.days, withoutMean, withoutDays, difference: withMean - withoutMean });
    } else {
      notEnoughData.push({
        activity: acc.activity,
        withDays: acc.days,
        withoutDays,
        moreDaysWith: Math.max(0, needed - acc.days),
        moreDaysWithout: Math.max(0, needed - withoutDays),
      });
    }
  }
  compared.sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference) || a.activity.localeCompare(b.activity));
  notEnoughData.sort((a, b) => b.withDays - a.withDays || a.activity.localeCompare(b.activity));
  return { minDays: needed, compared, notEnoughData };
}

// ---------------------------------------------------------------------------------------------
// Everything at once

export interface InsightOptions {
  /** The local day the range ends on, YYYY-MM-DD. */
  readonly today: string;
  readonly range: InsightRange;
  readonly weekStart: WeekStart;
  /** Minimum days with and without an activity before it is compared (default 3). */
  readonly minDays?: number;
}

export interface Insights {
  /** Every day of the journal (all time), oldest first. */
  readonly allDays: readonly DayMood[];
  readonly overTime: MoodOverTime;
  /** By weekday, sleep and activities cover only the days inside the range. */
  readonly byWeekday: readonly WeekdayMood[];
  readonly sleep: SleepVsMood;
  readonly activities: ActivityComparisons;
}

/** All insights for a range; weekday, sleep and activity figures use only the days inside the range. */
export function computeInsights(checkIns: readonly CheckIn[], options: InsightOptions): Insights {
  const allDays = dailyMoods(checkIns);
  const overTime = moodOverTime(allDays, options.range, options.today);
  const inRange = overTime.points;
  return {
    allDays,
    overTime,
    byWeekday: moodByWeekday(inRange, options.weekStart),
    sleep: sleepVsMood(inRange),
    activities: activityComparisons(inRange, options.minDays ?? 3),
  };
}
