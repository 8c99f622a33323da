// Insights: hand-computed answers on small journals, properties on generated ones, and the speed budget.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CheckIn } from '@shared/journal/checkIn';
import {
  activityComparisons,
  addDays,
  computeInsights,
  dailyMoods,
  moodByWeekday,
  moodOverTime,
  sleepVsMood,
  weekdayOf,
  type DayMood,
  type InsightRange,
} from '@shared/journal/insights';
import { generateJournal, makeCheckIn } from '../../support/fixtures';

/** A small journal whose answers are worked out by hand in the tests below. 2024-03-04 is a Monday. */
function handJournal(): CheckIn[] {
  return [
    makeCheckIn({ day: '2024-03-10', mood: 4, sleepHours: 4.5, activities: ['work'] }), // Sun
    makeCheckIn({ day: '2024-03-04', mood: 2, sleepHours: 6, activities: ['walk'] }), // Mon
    makeCheckIn({ day: '2024-03-04', mood: 4, activities: ['Walk', 'work'] }),
    makeCheckIn({ day: '2024-03-05', mood: 5, sleepHours: 8.5, activities: ['walk'] }), // Tue
    makeCheckIn({ day: '2024-03-06', mood: 1 }), // Wed
  ];
}

function day(dayString: string, mood: number, extra: Partial<DayMood> = {}): DayMood {
  return { day: dayString, mood, count: 1, sleepHours: null, activities: [], ...extra };
}

describe('calendar helpers', () => {
  it('adds days across month ends and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-01-01', -1)).toBe('2023-12-31');
    expect(addDays('2024-03-31', -89)).toBe('2024-01-02');
  });

  it('knows the weekday of a day', () => {
    expect(weekdayOf('2024-03-04')).toBe(1);
    expect(weekdayOf('2024-03-10')).toBe(0);
    expect(weekdayOf('1970-01-01')).toBe(4);
    expect(weekdayOf('1969-12-31')).toBe(3);
  });
});

describe('dailyMoods', () => {
  it('averages each day and sorts by day', () => {
    const days = dailyMoods(handJournal());
    expect(days.map((d) => d.day)).toEqual(['2024-03-04', '2024-03-05', '2024-03-06', '2024-03-10']);
    expect(days[0]).toEqual({ day: '2024-03-04', mood: 3, count: 2, sleepHours: 6, activities: ['walk', 'work'] });
    expect(days[2]).toEqual({ day: '2024-03-06', mood: 1, count: 1, sleepHours: null, activities: [] });
  });

  it('averages sleep when it was reported more than once in a day', () => {
    const days = dailyMoods([makeCheckIn({ day: '2024-01-01', sleepHours: 6 }), makeCheckIn({ day: '2024-01-01', sleepHours: 7 }), makeCheckIn({ day: '2024-01-01' })]);
    expect(days).toHaveLength(1);
    expect(days[0]?.sleepHours).toBe(6.5);
    expect(days[0]?.count).toBe(3);
  });

  it('returns nothing for an empty journal', () => {
    expect(dailyMoods([])).toEqual([]);
  });
});

describe('moodOverTime', () => {
  it('keeps today and the six days before for 7 days, with the average of the daily moods', () => {
    const days = dailyMoods([...handJournal(), makeCheckIn({ day: '2024-03-11', mood: 1 }), makeCheckIn({ day: '2024-03-03', mood: 2 })]);
    const result = moodOverTime(days, 7, '2024-03-10');
    expect(result.from).toBe('2024-03-04');
    expect(result.to).toBe('2024-03-10');
    expect(result.points.map((p) => p.day)).toEqual(['2024-03-04', '2024-03-05', '2024-03-06', '2024-03-10']);
    expect(result.average).toBe(13 / 4);
    expect(result.daysWithData).toBe(4);
    expect(result.smoothed).toBeNull();
    expect(result.comparison).toMatchObject({
      previousFrom: '2024-02-26',
      previousTo: '2024-03-03',
      previousAverage: 2,
      previousDays: 1,
      difference: 1.25,
      direction: 'higher',
      sentence: 'Your average mood was higher than in the 7 days before.',
    });
  });

  it('has no average and no comparison without data', () => {
    const result = moodOverTime([], 30, '2024-03-10');
    expect(result.average).toBeNull();
    expect(result.daysWithData).toBe(0);
    expect(result.comparison).toBeNull();
    expect(moodOverTime([day('2024-03-10', 3)], 30, '2024-03-10').comparison).toBeNull();
    expect(moodOverTime([day('2024-01-01', 3)], 30, '2024-03-10').comparison).toBeNull();
  });

  it.each([
    [3.1, 3, 'about-the-same', 'Your average mood was about the same as in the 30 days before.'],
    [3.4, 3, 'a-little-higher', 'Your average mood was a little higher than in the 30 days before.'],
    [2.6, 3, 'a-little-lower', 'Your average mood was a little lower than in the 30 days before.'],
    [2, 3, 'lower', 'Your average mood was lower than in the 30 days before.'],
  ] as const)('compares %d with %d gently', (now, before, direction, sentence) => {
    const result = moodOverTime([day('2024-02-01', before), day('2024-03-10', now)], 30, '2024-03-10');
    expect(result.comparison?.direction).toBe(direction);
    expect(result.comparison?.sentence).toBe(sentence);
  });

  it('calls the period before a year "the year before"', () => {
    const result = moodOverTime([day('2023-01-01', 3), day('2024-03-10', 3)], 365, '2024-03-10');
    expect(result.comparison?.sentence).toBe('Your average mood was about the same as in the year before.');
  });

  it('smooths 90 days into weeks that end today', () => {
    const days = [day('2024-01-01', 1), day('2024-01-02', 2), day('2024-03-24', 5), day('2024-03-25', 2), day('2024-03-31', 4)];
    const result = moodOverTime(days, 90, '2024-03-31');
    expect(result.from).toBe('2024-01-02');
    const weeks = result.smoothed;
    expect(weeks?.unit).toBe('week');
    expect(weeks?.points).toHaveLength(13);
    expect(weeks?.points[0]).toEqual({ from: '2024-01-02', to: '2024-01-07', mean: 2, days: 1 });
    expect(weeks?.points[1]).toEqual({ from: '2024-01-08', to: '2024-01-14', mean: null, days: 0 });
    expect(weeks?.points[11]).toEqual({ from: '2024-03-18', to: '2024-03-24', mean: 5, days: 1 });
    expect(weeks?.points[12]).toEqual({ from: '2024-03-25', to: '2024-03-31', mean: 3, days: 2 });
  });

  it('smooths 365 days into calendar months clipped to the range', () => {
    const days = [day('2023-06-16', 1), day('2023-06-17', 2), day('2023-06-30', 4), day('2024-02-29', 5), day('2024-06-15', 3)];
    const result = moodOverTime(days, 365, '2024-06-15');
    expect(result.from).toBe('2023-06-17');
    const months = result.smoothed;
    expect(months?.unit).toBe('month');
    expect(months?.points).toHaveLength(13);
    expect(months?.points[0]).toEqual({ from: '2023-06-17', to: '2023-06-30', mean: 3, days: 2 });
    expect(months?.points[8]).toEqual({ from: '2024-02-01', to: '2024-02-29', mean: 5, days: 1 });
    expect(months?.points[12]).toEqual({ from: '2024-06-01', to: '2024-06-15', mean: 3, days: 1 });
  });

  it('accepts days in any order', () => {
    const result = moodOverTime([day('2024-03-10', 4), day('2024-03-05', 2)], 7, '2024-03-10');
    expect(result.points.map((p) => p.day)).toEqual(['2024-03-05', '2024-03-10']);
  });

  it('refuses a today that is not a real day', () => {
    expect(() => moodOverTime([], 7, '2024-02-30')).toThrow(RangeError);
    expect(() => moodOverTime([], 7, 'today')).toThrow(RangeError);
  });
});

describe('moodByWeekday', () => {
  const days = dailyMoods([...handJournal(), makeCheckIn({ day: '2024-03-03', mood: 2 })]);

  it('starts the week on Monday', () => {
    expect(moodByWeekday(days, 1)).toEqual([
      { weekday: 1, label: 'Mon', mean: 3, days: 1 },
      { weekday: 2, label: 'Tue', mean: 5, days: 1 },
      { weekday: 3, label: 'Wed', mean: 1, days: 1 },
      { weekday: 4, label: 'Thu', mean: null, days: 0 },
      { weekday: 5, label: 'Fri', mean: null, days: 0 },
      { weekday: 6, label: 'Sat', mean: null, days: 0 },
      { weekday: 0, label: 'Sun', mean: 3, days: 2 },
    ]);
  });

  it('starts the week on Sunday or Saturday', () => {
    expect(moodByWeekday(days, 0).map((row) => row.label)).toEqual(['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']);
    expect(moodByWeekday(days, 6).map((row) => row.label)).toEqual(['Sat', 'Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri']);
  });
});

describe('sleepVsMood', () => {
  it('puts each day with sleep into one band', () => {
    const result = sleepVsMood(dailyMoods(handJournal()));
    expect(result.buckets.map((b) => [b.label, b.mean, b.days])).toEqual([
      ['Under 5 h', 4, 1],
      ['5–6 h', null, 0],
      ['6–7 h', 3, 1],
      ['7–8 h', null, 0],
      ['8–9 h', 5, 1],
      ['9 h or more', null, 0],
    ]);
    expect(result.points).toEqual([
      { day: '2024-03-04', sleepHours: 6, mood: 3 },
      { day: '2024-03-05', sleepHours: 8.5, mood: 5 },
      { day: '2024-03-10', sleepHours: 4.5, mood: 4 },
    ]);
  });

  it('puts band edges in the upper band', () => {
    const hours = [0, 4.99, 5, 5.99, 6, 7, 8, 8.75, 9, 24];
    const result = sleepVsMood(hours.map((h, i) => day(addDays('2024-01-01', i), 3, { sleepHours: h })));
    expect(result.buckets.map((b) => b.days)).toEqual([2, 2, 1, 1, 2, 2]);
    expect(result.buckets[5]).toMatchObject({ min: 9, max: null });
  });
});

describe('activityComparisons', () => {
  const days = dailyMoods(handJournal());

  it('compares days with and without each activity, largest difference first', () => {
    const result = activityComparisons(days, 2);
    expect(result.compared).toEqual([
      { activity: 'walk', withMean: 4, withDays: 2, withoutMean: 2.5, withoutDays: 2, difference: 1.5 },
      { activity: 'work', withMean: 3.5, withDays: 2, withoutMean: 3, withoutDays: 2, difference: 0.5 },
    ]);
    expect(result.notEnoughData).toEqual([]);
  });

  it('says how many more days are needed when there is not enough data', () => {
    const result = activityComparisons(days);
    expect(result.minDays).toBe(3);
    expect(result.compared).toEqual([]);
    expect(result.notEnoughData).toEqual([
      { activity: 'walk', withDays: 2, withoutDays: 2, moreDaysWith: 1, moreDaysWithout: 1 },
      { activity: 'work', withDays: 2, withoutDays: 2, moreDaysWith: 1, moreDaysWithout: 1 },
    ]);
  });

  it('needs days without an activity too', () => {
    const everyDay = [1, 2, 3, 4].map((i) => day(`2024-01-0${String(i)}`, i, { activities: ['work'] }));
    expect(activityComparisons(everyDay, 3).notEnoughData).toEqual([{ activity: 'work', withDays: 4, withoutDays: 0, moreDaysWith: 0, moreDaysWithout: 3 }]);
  });

  it('sorts by the size of the difference, lower moods included', () => {
    const list: DayMood[] = [
      day('2024-01-01', 1, { activities: ['alcohol'] }),
      day('2024-01-02', 5, { activities: ['walk'] }),
      day('2024-01-03', 3),
      day('2024-01-04', 3),
    ];
    const result = activityComparisons(list, 1);
    expect(result.compared.map((c) => [c.activity, c.difference])).toEqual([
      ['alcohol', 1 - 11 / 3],
      ['walk', 5 - 7 / 3],
    ]);
  });

  it('treats activities that differ only in case as one', () => {
    const list = [day('2024-01-01', 2, { activities: ['Walk', 'walk'] }), day('2024-01-02', 4, { activities: ['walk'] }), day('2024-01-03', 3)];
    const result = activityComparisons(list, 1);
    expect(result.compared).toEqual([{ activity: 'Walk', withMean: 3, withDays: 2, withoutMean: 3, withoutDays: 1, difference: 0 }]);
  });
});

describe('computeInsights', () => {
  it('limits weekday, sleep and activity figures to the range', () => {
    const checkIns = [...handJournal(), makeCheckIn({ day: '2024-02-01', mood: 5, sleepHours: 10, activities: ['walk'] })];
    const insights = computeInsights(checkIns, { today: '2024-03-10', range: 7, weekStart: 1 });
    expect(insights.allDays).toHaveLength(5);
    expect(insights.overTime.daysWithData).toBe(4);
    expect(insights.byWeekday.reduce((sum, row) => sum + row.days, 0)).toBe(4);
    expect(insights.sleep.buckets[5]?.days).toBe(0);
    expect(insights.activities.notEnoughData.find((a) => a.activity === 'walk')?.withDays).toBe(2);
  });

  it('computes a year of ~3,650 check-ins well within 20 ms', () => {
    const journal = generateJournal(3_650, { seed: 11, endDay: '2025-06-30' });
    const year = journal.map((checkIn, i) => ({ ...checkIn, day: addDays('2025-06-30', -(i % 365)) }));
    const times: number[] = [];
    for (let run = 0; run < 7; run++) {
      const started = performance.now();
      const insights = computeInsights(year, { today: '2025-06-30', range: 365, weekStart: 1 });
      times.push(performance.now() - started);
      expect(insights.overTime.daysWithData).toBe(365);
    }
    expect(Math.min(...times)).toBeLessThan(20);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const dayInWindow = fc.integer({ min: 0, max: 800 }).map((offset) => addDays('2023-01-01', offset));
const journalArb = fc.array(
  fc.record({
    day: dayInWindow,
    mood: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const, 5 as const),
    sleep: fc.option(fc.integer({ min: 0, max: 48 }).map((q) => q / 4), { nil: undefined }),
    activities: fc.uniqueArray(fc.constantFrom('walk', 'work', 'friends', 'music', 'alcohol'), { maxLength: 3 }),
  }),
  { maxLength: 200 },
).map((rows) =>
  rows.map((row) =>
    makeCheckIn({ day: row.day, mood: row.mood, activities: row.activities, ...(row.sleep === undefined ? {} : { sleepHours: row.sleep }) }),
  ),
);
const rangeArb = fc.constantFrom<InsightRange>(7, 30, 90, 365);
const todayArb = fc.integer({ min: 0, max: 900 }).map((offset) => addDays('2023-01-01', offset));
const inScale = (value: number): boolean => value >= 1 && value <= 5;

describe('insight properties', () => {
  it('lists every input day exactly once, sorted, with means on the 1–5 scale', () => {
    fc.assert(
      fc.property(journalArb, (checkIns) => {
        const days = dailyMoods(checkIns);
        expect(days.map((d) => d.day)).toEqual([...new Set(checkIns.map((c) => c.day))].sort());
        expect(days.reduce((sum, d) => sum + d.count, 0)).toBe(checkIns.length);
        for (const d of days) {
          const moods = checkIns.filter((c) => c.day === d.day).map((c) => c.mood);
          expect(d.mood).toBeGreaterThanOrEqual(Math.min(...moods));
          expect(d.mood).toBeLessThanOrEqual(Math.max(...moods));
        }
      }),
    );
  });

  it('never includes a day outside the range, and includes every day inside it', () => {
    fc.assert(
      fc.property(journalArb, rangeArb, todayArb, (checkIns, range, today) => {
        const days = dailyMoods(checkIns);
        const result = moodOverTime(days, range, today);
        const from = addDays(today, 1 - range);
        expect(result.points.map((p) => p.day)).toEqual(days.filter((d) => d.day >= from && d.day <= today).map((d) => d.day));
        expect(result.daysWithData).toBe(result.points.length);
        if (result.average === null) expect(result.points).toEqual([]);
        else expect(inScale(result.average)).toBe(true);
        if (result.comparison) expect(inScale(result.comparison.previousAverage)).toBe(true);
        if (result.smoothed) {
          const buckets = result.smoothed.points;
          expect(buckets[0]?.from).toBe(from);
          expect(buckets[buckets.length - 1]?.to).toBe(today);
          buckets.slice(1).forEach((bucket, i) => expect(bucket.from).toBe(addDays(buckets[i]?.to ?? '', 1)));
          expect(buckets.reduce((sum, b) => sum + b.days, 0)).toBe(result.daysWithData);
          for (const b of buckets) if (b.mean !== null) expect(inScale(b.mean)).toBe(true);
        }
      }),
    );
  });

  it('counts every day once by weekday and every day with sleep once by band', () => {
    fc.assert(
      fc.property(journalArb, fc.constantFrom(0 as const, 1 as const, 6 as const), (checkIns, weekStart) => {
        const days = dailyMoods(checkIns);
        const rows = moodByWeekday(days, weekStart);
        expect(rows.map((r) => r.weekday)).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => (weekStart + i) % 7));
        expect(rows.reduce((sum, r) => sum + r.days, 0)).toBe(days.length);
        for (const r of rows) expect(r.mean === null ? r.days === 0 : inScale(r.mean)).toBe(true);
        const sleep = sleepVsMood(days);
        const withSleep = days.filter((d) => d.sleepHours !== null).length;
        expect(sleep.buckets.reduce((sum, b) => sum + b.days, 0)).toBe(withSleep);
        expect(sleep.points).toHaveLength(withSleep);
      }),
    );
  });

  it('places every activity in exactly one list and compares only with enough data', () => {
    fc.assert(
      fc.property(journalArb, fc.integer({ min: 1, max: 6 }), (checkIns, minDays) => {
        const days = dailyMoods(checkIns);
        const result = activityComparisons(days, minDays);
        const seen = new Set(days.flatMap((d) => d.activities));
        const listed = [...result.compared.map((c) => c.activity), ...result.notEnoughData.map((n) => n.activity)];
        expect(listed.sort()).toEqual([...seen].sort());
        for (const c of result.compared) {
          expect(c.withDays).toBeGreaterThanOrEqual(minDays);
          expect(c.withoutDays).toBeGreaterThanOrEqual(minDays);
          expect(c.withDays + c.withoutDays).toBe(days.length);
          expect(inScale(c.withMean) && inScale(c.withoutMean)).toBe(true);
        }
        for (const n of result.notEnoughData) {
          expect(n.moreDaysWith + n.moreDaysWithout).toBeGreaterThan(0);
          expect(n.withDays + n.moreDaysWith >= minDays && n.withoutDays + n.moreDaysWithout >= minDays).toBe(true);
        }
        const sizes = result.compared.map((c) => Math.abs(c.difference));
        expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
      }),
    );
  });
});
