// The test-data generators themselves: valid, deterministic and realistic enough for search and insights.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CheckInSchema, localDay } from '@shared/journal/checkIn';
import { DEFAULT_ACTIVITIES } from '@shared/journal/activities';
import { CURATED_EMOTIONS } from '@shared/journal/emotions';
import { activityComparisons, dailyMoods } from '@shared/journal/insights';
import { checkInArb } from '../../support/arbitraries';
import { generateJournal, makeCheckIn, seededRandom, wallTimeToInstant } from '../../support/fixtures';

describe('seededRandom', () => {
  it('repeats for a seed and differs between seeds', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const first = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(first);
    for (let i = 0; i < 1000; i++) {
      const n = a.int(2, 4);
      expect(n >= 2 && n <= 4 && Number.isInteger(n)).toBe(true);
    }
  });
});

describe('wallTimeToInstant', () => {
  it('finds the instant for a local wall time, across DST and odd offsets', () => {
    expect(wallTimeToInstant('2024-07-01', 9, 30, 'Europe/London')).toBe(Date.UTC(2024, 6, 1, 8, 30));
    expect(wallTimeToInstant('2024-01-01', 9, 30, 'Europe/London')).toBe(Date.UTC(2024, 0, 1, 9, 30));
    expect(wallTimeToInstant('2024-03-04', 8, 0, 'Asia/Kathmandu')).toBe(Date.UTC(2024, 2, 4, 2, 15));
    expect(wallTimeToInstant('2024-03-04', 12, 0, 'Pacific/Kiritimati')).toBe(Date.UTC(2024, 2, 3, 22, 0));
  });
});

describe('makeCheckIn', () => {
  it('makes a valid check-in with unique ids and lets fields be overridden', () => {
    const a = makeCheckIn();
    const b = makeCheckIn({ mood: 5, day: '2024-01-02', sleepHours: 8 });
    expect(CheckInSchema.safeParse(a).success).toBe(true);
    expect(CheckInSchema.safeParse(b).success).toBe(true);
    expect(a.id).not.toBe(b.id);
    expect(b).toMatchObject({ mood: 5, day: '2024-01-02', sleepHours: 8, at: Date.UTC(2024, 0, 2, 12) });
    expect(makeCheckIn({ at: Date.UTC(2024, 0, 1, 23), zone: 'Asia/Tokyo' }).day).toBe('2024-01-02');
  });
});

describe('generateJournal', () => {
  const journal = generateJournal(2_000, { seed: 9, endDay: '2025-06-30', zone: 'Europe/Berlin' });

  it('is deterministic for a seed', () => {
    expect(generateJournal(200, { seed: 9, endDay: '2025-06-30', zone: 'Europe/Berlin' })).toEqual(generateJournal(200, { seed: 9, endDay: '2025-06-30', zone: 'Europe/Berlin' }));
    expect(generateJournal(50, { seed: 1 })).not.toEqual(generateJournal(50, { seed: 2 }));
  });

  it('makes exactly the count asked for, valid, with unique ids, oldest first, ending on endDay', () => {
    expect(journal).toHaveLength(2_000);
    expect(journal.filter((c) => !CheckInSchema.safeParse(c).success || c.day !== localDay(c.at, c.zone) || c.updatedAt < c.createdAt)).toEqual([]);
    expect(new Set(journal.map((c) => c.id)).size).toBe(journal.length);
    expect(journal.map((c) => c.at)).toEqual([...journal.map((c) => c.at)].sort((x, y) => x - y));
    expect(journal.at(-1)?.day).toBe('2025-06-30');
    expect(generateJournal(0)).toEqual([]);
  });

  it('writes 1–3 check-ins on every day, with sleep 4–10 h and notes up to 600 characters', () => {
    const days = dailyMoods(journal);
    expect(Math.max(...days.map((d) => d.count))).toBe(3);
    expect(Math.min(...days.map((d) => d.count))).toBeGreaterThanOrEqual(1);
    const sleeps = journal.flatMap((c) => (c.sleepHours === undefined ? [] : [c.sleepHours]));
    expect(Math.min(...sleeps)).toBeGreaterThanOrEqual(4);
    expect(Math.max(...sleeps)).toBeLessThanOrEqual(10);
    const notes = journal.map((c) => c.note.length);
    expect(Math.max(...notes)).toBeLessThanOrEqual(600);
    expect(Math.max(...notes)).toBeGreaterThan(450);
    expect(notes.filter((n) => n === 0).length).toBeGreaterThan(100);
    expect(new Set(journal.map((c) => c.mood)).size).toBe(5);
    expect(new Set(journal.map((c) => c.medication)).size).toBe(4);
  });

  it('uses curated emotions and default activities, and gives search a real vocabulary', () => {
    expect(journal.flatMap((c) => c.emotions).filter((e) => !CURATED_EMOTIONS.includes(e))).toEqual([]);
    expect(journal.flatMap((c) => c.activities).filter((a) => !DEFAULT_ACTIVITIES.includes(a))).toEqual([]);
    const words = new Set(journal.flatMap((c) => c.note.toLowerCase().match(/[a-zà-ÿ']+/g) ?? []));
    expect(words.size).toBeGreaterThan(250);
    expect(journal.filter((c) => c.note.includes('river')).length).toBeGreaterThan(5);
    expect(journal.filter((c) => c.note.includes('river')).length).toBeLessThan(journal.length / 5);
  });

  it('lets mood go with activities and weekdays, mildly', () => {
    const result = activityComparisons(dailyMoods(journal), 10);
    const difference = (name: string): number => result.compared.find((c) => c.activity === name)?.difference ?? Number.NaN;
    expect(difference('exercise')).toBeGreaterThan(0.1);
    expect(difference('screen time')).toBeLessThan(-0.05);
    for (const c of result.compared) expect(Math.abs(c.difference)).toBeLessThan(1.5);
  });
});

describe('checkInArb', () => {
  it('only makes check-ins the schema accepts, unchanged by parsing', () => {
    fc.assert(
      fc.property(checkInArb(), (checkIn) => {
        const parsed = CheckInSchema.safeParse(checkIn);
        expect(parsed.success).toBe(true);
        expect(parsed.data).toStrictEqual(checkIn);
      }),
      { numRuns: 500 },
    );
  });
});
