// Insights' presentation helpers: the range param, chart series, and the sentences beside the charts.
import { describe, expect, it } from 'vitest';
import { activityComparisons, computeInsights, dailyMoods, sleepVsMood, type ActivityComparison } from '@shared/journal/insights';
import {
  activitySentence,
  comparisonText,
  divergingPercent,
  formatDifference,
  loadFrom,
  moodBarPercent,
  moodWord,
  overTimeSeries,
  parseRange,
  pointCountText,
  shortfallText,
  sleepRows,
  sleepSentence,
  weekdayRows,
} from '../../../../renderer/src/features/insights/model';
import { makeCheckIn } from '../../../support/fixtures';

const TODAY = '2026-11-21';

describe('range', () => {
  it('accepts only the four ranges, defaulting to 30 days', () => {
    expect(parseRange(new URLSearchParams('range=90'))).toBe(90);
    expect(parseRange(new URLSearchParams('range=12'))).toBe(30);
    expect(parseRange(new URLSearchParams(''))).toBe(30);
  });

  it('loads the range and the period before it', () => {
    expect(loadFrom(TODAY, 7)).toBe('2026-11-08');
  });
});

describe('mood over time', () => {
  const checkIns = [
    makeCheckIn({ day: '2026-11-21', mood: 4 }),
    makeCheckIn({ day: '2026-11-21', mood: 5 }),
    makeCheckIn({ day: '2026-11-18', mood: 2 }),
    makeCheckIn({ day: '2026-11-10', mood: 3 }),
  ];

  it('lists every day of a 7-day range, empty days as gaps', () => {
    const insights = computeInsights(checkIns, { today: TODAY, range: 7, weekStart: 1 });
    const series = overTimeSeries(insights.overTime);
    expect(series.unit).toBe('day');
    expect(series.points.map((point) => point.key)).toEqual(['2026-11-15', '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21']);
    expect(series.points.map((point) => point.mood)).toEqual([null, null, null, 2, null, null, 4.5]);
    const last = series.points.at(-1);
    expect(last && pointCountText(last, series.unit)).toBe('2 check-ins');
  });

  it('uses the weekly and monthly buckets for 90 and 365 days', () => {
    const weekly = overTimeSeries(computeInsights(checkIns, { today: TODAY, range: 90, weekStart: 1 }).overTime);
    expect(weekly.unit).toBe('week');
    expect(weekly.points).toHaveLength(13);
    expect(weekly.points.at(-1)?.mood).toBeCloseTo((4.5 + 2) / 2);
    expect(weekly.points.at(-1)?.count).toBe(2);
    const monthly = overTimeSeries(computeInsights(checkIns, { today: TODAY, range: 365, weekStart: 1 }).overTime);
    expect(monthly.unit).toBe('month');
    expect(monthly.points.at(-1)?.key).toBe('2026-11-01');
    expect(monthly.points.at(-1)?.count).toBe(3);
  });

  it('gives the comparison with both numbers, or nothing without a period before', () => {
    const both = computeInsights(checkIns, { today: TODAY, range: 7, weekStart: 1 }).overTime;
    expect(comparisonText(both)).toMatch(/^Your average mood was (a little )?(higher|lower) than in the 7 days before\. \(3\.3 compared with 3\.0\.\)$/);
    const alone = computeInsights(checkIns.slice(0, 2), { today: TODAY, range: 7, weekStart: 1 }).overTime;
    expect(comparisonText(alone)).toBeNull();
  });
});

describe('mood words and bars', () => {
  it('names a mean by its nearest level', () => {
    expect(moodWord(3.6)).toBe('Good');
    expect(moodWord(1.2)).toBe('Very low');
  });

  it('keeps a sliver for the lowest mood and a full bar for the highest', () => {
    expect(moodBarPercent(1)).toBeGreaterThan(0);
    expect(moodBarPercent(5)).toBe(100);
    expect(moodBarPercent(3)).toBeGreaterThan(moodBarPercent(2));
  });

  it('labels weekday rows in the order given', () => {
    const rows = weekdayRows(computeInsights([], { today: TODAY, range: 7, weekStart: 1 }).byWeekday);
    expect(rows.map((row) => row.weekday)).toEqual([1, 2, 3, 4, 5, 6, 0]);
    expect(rows.every((row) => row.mean === null && row.days === 0)).toBe(true);
  });
});

describe('sleep', () => {
  const day = (d: number, sleepHours: number, mood: 1 | 2 | 3 | 4 | 5) => makeCheckIn({ day: `2026-11-${String(d).padStart(2, '0')}`, sleepHours, mood });

  it('asks for sleep hours when none were noted', () => {
    expect(sleepSentence(sleepVsMood(dailyMoods([makeCheckIn({ day: TODAY })])))).toMatch(/^Add how long you slept/);
  });

  it('waits for two bands with enough days before comparing', () => {
    const sleep = sleepVsMood(dailyMoods([day(1, 7.5, 4), day(2, 7.2, 4), day(3, 7.9, 5), day(4, 4, 2)]));
    expect(sleepRows(sleep).map((bucket) => bucket.label)).toEqual(['Under 5 h', '7–8 h']);
    expect(sleepSentence(sleep)).toMatch(/^Sleep was noted on 4 days\. A comparison appears once at least two sleep bands have 3 days or more\.$/);
  });

  it('names the highest and lowest band', () => {
    const sleep = sleepVsMood(dailyMoods([day(1, 7.5, 4), day(2, 7.2, 4), day(3, 7.9, 5), day(4, 4, 2), day(5, 3, 2), day(6, 4.5, 3)]));
    expect(sleepSentence(sleep)).toBe('Your mood averaged 4.3 on days with 7–8\u00a0h of sleep and 2.3 on days with under 5\u00a0h of sleep.');
  });

  it('calls small differences about the same', () => {
    const sleep = sleepVsMood(dailyMoods([day(1, 7.5, 4), day(2, 7.2, 4), day(3, 7.9, 3), day(4, 4, 4), day(5, 3, 3), day(6, 4.5, 4)]));
    expect(sleepSentence(sleep)).toBe('Your mood averaged about the same across the sleep bands with 3 days or more.');
  });
});

describe('activities', () => {
  const comparison: ActivityComparison = { activity: 'walk', withMean: 3.94, withDays: 14, withoutMean: 3.2, withoutDays: 22, difference: 0.74 };

  it('reads a comparison as one plain sentence', () => {
    expect(activitySentence(comparison)).toBe('On days with walk your mood averaged 3.9, compared with 3.2 without — 14 days with, 22 without.');
  });

  it('signs the difference and scales the bar', () => {
    expect(formatDifference(0.74)).toBe('+0.7');
    expect(formatDifference(-0.4)).toBe('−0.4');
    expect(formatDifference(0.01)).toBe('0.0');
    expect(divergingPercent(1)).toBe(50);
    expect(divergingPercent(-3)).toBe(100);
  });

  it('says how many more days an activity needs', () => {
    const days = dailyMoods([
      makeCheckIn({ day: '2026-11-01', activities: ['walk', 'tea'] }),
      makeCheckIn({ day: '2026-11-02', activities: ['walk'] }),
      makeCheckIn({ day: '2026-11-03', activities: ['walk'] }),
      makeCheckIn({ day: '2026-11-04', activities: ['walk'] }),
    ]);
    const { notEnoughData } = activityComparisons(days);
    const walk = notEnoughData.find((item) => item.activity === 'walk');
    const tea = notEnoughData.find((item) => item.activity === 'tea');
    expect(walk && shortfallText(walk)).toBe('Needs 3 more days without');
    expect(tea && shortfallText(tea)).toBe('Needs 2 more days with');
    expect(shortfallText({ activity: 'x', withDays: 0, withoutDays: 2, moreDaysWith: 1, moreDaysWithout: 1 })).toBe('Needs 1 more day with and 1 more day without');
  });
});
