// Insights' pure parts: the range in the URL, the shapes the charts draw, and the sentences beside them.
// The numbers themselves come from shared/journal/insights.ts.
import { addDays } from '@shared/journal/days';
import { INSIGHT_RANGES, type ActivityComparison, type ActivityShortfall, type InsightRange, type MoodOverTime, type SleepBucket, type SleepVsMood, type WeekdayMood } from '@shared/journal/insights';
import { moodInfo, type MoodLevel } from '@shared/journal/mood';
import { formatDayLong, formatDayShort, formatMonth, formatWeekdayLong, formatWeekdayShort, plural } from '../../ui/format';

export const DEFAULT_RANGE: InsightRange = 30;

export function parseRange(params: URLSearchParams): InsightRange {
  const wanted = Number(params.get('range'));
  return INSIGHT_RANGES.find((range) => range === wanted) ?? DEFAULT_RANGE;
}

export const RANGE_LABELS: Readonly<Record<InsightRange, string>> = { 7: '7 days', 30: '30 days', 90: '90 days', 365: '365 days' };

/** The first day loaded: the range plus the period before it, for the comparison. */
export function loadFrom(today: string, range: InsightRange): string {
  return addDays(today, -(2 * range - 1));
}

/** A mean mood to one decimal, e.g. "3.9". */
export function formatMood(mean: number): string {
  return mean.toLocaleString(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

export function nearestMood(mean: number): MoodLevel {
  return Math.round(Math.min(5, Math.max(1, mean))) as MoodLevel;
}

/** The word of the level nearest a mean mood: 3.6 reads as "Good". */
export function moodWord(mean: number): string {
  return moodInfo(nearestMood(mean)).word;
}

/** How tall a bar for a mean mood is, as a percentage: 1 (the floor of the scale) still shows a sliver. */
export function moodBarPercent(mean: number): number {
  const clamped = Math.min(5, Math.max(1, mean));
  return 6 + ((clamped - 1) / 4) * 94;
}

// ---------------------------------------------------------------------------------------------
// Mood over time

export interface OverTimePoint {
  /** Unique per point; the chart's x key. */
  readonly key: string;
  /** Short axis label. */
  readonly label: string;
  /** Full description for the tooltip and the table. */
  readonly detail: string;
  /** Mean mood, or null when nothing was written in this day or bucket. */
  readonly mood: number | null;
  /** Check-ins (daily points) or days with check-ins (weekly and monthly buckets). */
  readonly count: number;
}

export interface OverTimeSeries {
  readonly unit: 'day' | 'week' | 'month';
  readonly points: readonly OverTimePoint[];
}

const shortMonth = new Intl.DateTimeFormat(undefined, { month: 'short', timeZone: 'UTC' });
const shortWeekday = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', timeZone: 'UTC' });

/** Every day of a 7- or 30-day range (empty days as null so the axis keeps time), or the smoothed buckets for 90 and 365. */
export function overTimeSeries(overTime: MoodOverTime): OverTimeSeries {
  if (overTime.smoothed) {
    const { unit } = overTime.smoothed;
    return {
      unit,
      points: overTime.smoothed.points.map((point) => ({
        key: point.from,
        label: unit === 'month' ? shortMonth.format(new Date(`${point.from}T12:00:00Z`)) : formatDayShort(point.from),
        detail: unit === 'month' ? formatMonth(point.from.slice(0, 7)) : `${formatDayShort(point.from)} – ${formatDayShort(point.to)}`,
        mood: point.mean,
        count: point.days,
      })),
    };
  }
  const byDay = new Map(overTime.points.map((point) => [point.day, point]));
  const points: OverTimePoint[] = [];
  for (let day = overTime.from; day <= overTime.to; day = addDays(day, 1)) {
    const point = byDay.get(day);
    points.push({
      key: day,
      label: overTime.range === 7 ? shortWeekday.format(new Date(`${day}T12:00:00Z`)) : formatDayShort(day),
      detail: formatDayLong(day),
      mood: point ? point.mood : null,
      count: point ? point.count : 0,
    });
  }
  return { unit: 'day', points };
}

/** What a point's count means, e.g. "2 check-ins" for a day, "5 days with check-ins" for a week. */
export function pointCountText(point: OverTimePoint, unit: OverTimeSeries['unit']): string {
  if (unit === 'day') return plural(point.count, 'check-in');
  return `${plural(point.count, 'day')} with check-ins`;
}

/** The comparison with the period before, with both numbers, or null when there is none. */
export function comparisonText(overTime: MoodOverTime): string | null {
  const { comparison, average } = overTime;
  if (!comparison || average === null) return null;
  return `${comparison.sentence} (${formatMood(average)} compared with ${formatMood(comparison.previousAverage)}.)`;
}

// ---------------------------------------------------------------------------------------------
// By weekday

export interface WeekdayRow {
  readonly weekday: number;
  readonly short: string;
  readonly long: string;
  readonly mean: number | null;
  readonly days: number;
}

export function weekdayRows(byWeekday: readonly WeekdayMood[]): WeekdayRow[] {
  return byWeekday.map((row) => ({ weekday: row.weekday, short: formatWeekdayShort(row.weekday), long: formatWeekdayLong(row.weekday), mean: row.mean, days: row.days }));
}

// ---------------------------------------------------------------------------------------------
// Sleep and mood

/** The sleep bands that have at least one day. */
export function sleepRows(sleep: SleepVsMood): (SleepBucket & { readonly mean: number })[] {
  return sleep.buckets.filter((bucket): bucket is SleepBucket & { mean: number } => bucket.days > 0 && bucket.mean !== null);
}

/** The same threshold shared/journal/insights.ts uses to call two averages "about the same". */
const ABOUT_THE_SAME_BELOW = 0.2;

function bandWords(bucket: SleepBucket): string {
  // A non-breaking space keeps "7–8 h" on one line.
  const label = bucket.label.replace(/ h\b/, '\u00a0h');
  return `${label.charAt(0).toLocaleLowerCase()}${label.slice(1)} of sleep`;
}

/**
 * One factual sentence about sleep and mood. Only bands with at least `minDays` days are compared, the
 * same rule as for activities, so one unusual night does not become a pattern.
 */
export function sleepSentence(sleep: SleepVsMood, minDays = 3): string {
  if (sleep.points.length === 0) return 'Add how long you slept to your check-ins to see how sleep and mood line up.';
  const solid = sleepRows(sleep).filter((bucket) => bucket.days >= minDays);
  if (solid.length < 2) {
    return `Sleep was noted on ${plural(sleep.points.length, 'day')}. A comparison appears once at least two sleep bands have ${String(minDays)} days or more.`;
  }
  let high = solid[0];
  let low = solid[0];
  for (const bucket of solid) {
    if (high && bucket.mean > high.mean) high = bucket;
    if (low && bucket.mean < low.mean) low = bucket;
  }
  if (!high || !low || high.mean - low.mean < ABOUT_THE_SAME_BELOW) {
    return `Your mood averaged about the same across the sleep bands with ${String(minDays)} days or more.`;
  }
  return `Your mood averaged ${formatMood(high.mean)} on days with ${bandWords(high)} and ${formatMood(low.mean)} on days with ${bandWords(low)}.`;
}

// ---------------------------------------------------------------------------------------------
// Activities and mood

/** "On days with walk your mood averaged 3.9, compared with 3.2 without — 14 days with, 22 without." */
export function activitySentence(comparison: ActivityComparison): string {
  return `On days with ${comparison.activity} your mood averaged ${formatMood(comparison.withMean)}, compared with ${formatMood(comparison.withoutMean)} without — ${plural(comparison.withDays, 'day')} with, ${String(comparison.withoutDays)} without.`;
}

/** A signed difference to one decimal: "+0.7", "−0.4", "0.0". */
export function formatDifference(difference: number): string {
  const text = formatMood(Math.abs(difference));
  if (text === formatMood(0)) return text;
  return `${difference > 0 ? '+' : '−'}${text}`;
}

/** Half-width of a diverging bar, in percent: a difference of 2 points or more fills its side. */
export function divergingPercent(difference: number): number {
  return Math.min(1, Math.abs(difference) / 2) * 100;
}

/** "Needs 2 more days without", "Needs 1 more day with and 3 more days without". */
export function shortfallText(shortfall: ActivityShortfall): string {
  const parts: string[] = [];
  if (shortfall.moreDaysWith > 0) parts.push(`${plural(shortfall.moreDaysWith, 'more day')} with`);
  if (shortfall.moreDaysWithout > 0) parts.push(`${plural(shortfall.moreDaysWithout, 'more day')} without`);
  return parts.length > 0 ? `Needs ${parts.join(' and ')}` : 'Ready to compare';
}
