// A break from circles: its end is the same wall time days later, and it is on exactly until then.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '@shared/journal/days';
import { BREAK_LENGTHS, isOnBreak, startBreak } from '@shared/wellbeing/circleBreak';
import { localDay } from '@shared/time/zoned';

const at = (iso: string): number => Date.parse(iso);

describe('startBreak', () => {
  it('ends a one-day break at the same time tomorrow', () => {
    const now = at('2025-06-10T19:00:00Z'); // 21:00 in Berlin
    expect(new Date(startBreak('1-day', now, 'Europe/Berlin').until ?? 0).toISOString()).toBe('2025-06-11T19:00:00.000Z');
  });

  it('keeps the wall time across a DST change (a week starting before spring-forward is an hour shorter)', () => {
    const now = at('2025-03-27T20:00:00Z'); // 21:00 CET, Thursday
    expect(new Date(startBreak('1-week', now, 'Europe/Berlin').until ?? 0).toISOString()).toBe('2025-04-03T19:00:00.000Z'); // 21:00 CEST
    expect(new Date(startBreak('3-days', now, 'Europe/Berlin').until ?? 0).toISOString()).toBe('2025-03-30T19:00:00.000Z');
  });

  it('has no end when the person will turn it off', () => {
    expect(startBreak('until-off', 1_000, 'UTC')).toEqual({ since: 1_000, until: null });
  });

  it('always ends after it begins, on the chosen local day (property)', () => {
    const days = { '1-day': 1, '3-days': 3, '1-week': 7 } as const;
    fc.assert(
      fc.property(
        fc.constantFrom('1-day', '3-days', '1-week'),
        fc.constantFrom('Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham', 'UTC'),
        fc.integer({ min: at('2024-01-01T00:00:00Z'), max: at('2027-01-01T00:00:00Z') }),
        (length, zone, now) => {
          const circleBreak = startBreak(length, now, zone);
          expect(circleBreak.until).not.toBeNull();
          const until = circleBreak.until ?? 0;
          expect(until).toBeGreaterThan(now);
          expect(localDay(until, zone)).toBe(addDays(localDay(now, zone), days[length]));
          expect(isOnBreak(circleBreak, now)).toBe(true);
          expect(isOnBreak(circleBreak, until - 1)).toBe(true);
          expect(isOnBreak(circleBreak, until)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('isOnBreak', () => {
  it('is off without a break and on forever for an open-ended one', () => {
    expect(isOnBreak(null, 5)).toBe(false);
    expect(isOnBreak({ since: 0, until: null }, 1e15)).toBe(true);
  });

  it('offers every length', () => {
    for (const length of BREAK_LENGTHS) expect(startBreak(length, 10, 'UTC').since).toBe(10);
  });
});
