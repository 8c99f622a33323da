// nextReminderAt: local wall-clock reminders across zones, DST changes, quiet hours and skipped days.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { effectiveReminderMinutes, localDayAt, nextReminderAt, ReminderPlanSchema, type ReminderPlan } from '@shared/reminder/schedule';
import type { ReminderSettings } from '@shared/reminder/settings';

const at = (iso: string): number => {
  const value = Date.parse(iso);
  if (Number.isNaN(value)) throw new Error(`bad test date ${iso}`);
  return value;
};
const iso = (value: number | null): string | null => (value === null ? null : new Date(value).toISOString());

function plan(overrides: Partial<ReminderSettings> & { checkedInDay?: string | null } = {}): ReminderPlan {
  const { checkedInDay = null, ...settings } = overrides;
  return {
    settings: { enabled: true, time: '20:00', quietHours: { enabled: false, start: '22:00', end: '08:00' }, ...settings },
    checkedInDay,
  };
}
const quiet = (start: string, end: string) => ({ enabled: true, start, end });

describe('nextReminderAt', () => {
  it('plans nothing while reminders are off', () => {
    expect(nextReminderAt(plan({ enabled: false }), at('2025-06-10T08:00:00Z'), 'Europe/Berlin')).toBeNull();
  });

  it('fires later today at the chosen local time', () => {
    // 10:00 in Berlin (CEST, UTC+2) → 20:00 the same evening.
    expect(iso(nextReminderAt(plan(), at('2025-06-10T08:00:00Z'), 'Europe/Berlin'))).toBe('2025-06-10T18:00:00.000Z');
  });

  it('moves to tomorrow once today’s time has passed, or is exactly now', () => {
    expect(iso(nextReminderAt(plan(), at('2025-06-10T18:30:00Z'), 'Europe/Berlin'))).toBe('2025-06-11T18:00:00.000Z');
    expect(iso(nextReminderAt(plan(), at('2025-06-10T18:00:00Z'), 'Europe/Berlin'))).toBe('2025-06-11T18:00:00.000Z');
  });

  it('skips today when the person already checked in today', () => {
    const result = nextReminderAt(plan({ checkedInDay: '2025-06-10' }), at('2025-06-10T08:00:00Z'), 'Europe/Berlin');
    expect(iso(result)).toBe('2025-06-11T18:00:00.000Z');
  });

  it('does not skip today for a check-in on another day', () => {
    const result = nextReminderAt(plan({ checkedInDay: '2025-06-09' }), at('2025-06-10T08:00:00Z'), 'Europe/Berlin');
    expect(iso(result)).toBe('2025-06-10T18:00:00.000Z');
  });

  it('uses the local day of the zone, not of UTC, to decide what "today" is', () => {
    // 23:30 UTC on the 10th is already the 11th in Berlin; the person checked in on the 11th (local).
    const result = nextReminderAt(plan({ checkedInDay: '2025-06-11' }), at('2025-06-10T23:30:00Z'), 'Europe/Berlin');
    expect(iso(result)).toBe('2025-06-12T18:00:00.000Z');
  });

  describe('quiet hours', () => {
    it('postpones a reminder inside quiet hours that wrap midnight to their end, the next morning', () => {
      const settings = { time: '23:00', quietHours: quiet('22:00', '08:00') };
      // 22:30 local on 10 June (UTC+2) → 08:00 local on 11 June.
      expect(iso(nextReminderAt(plan(settings), at('2025-06-10T20:30:00Z'), 'Europe/Berlin'))).toBe('2025-06-11T06:00:00.000Z');
    });

    it('postpones an early-morning reminder inside wrapping quiet hours to the same morning', () => {
      const settings = { time: '06:30', quietHours: quiet('22:00', '08:00') };
      expect(iso(nextReminderAt(plan(settings), at('2025-06-10T02:00:00Z'), 'Europe/Berlin'))).toBe('2025-06-10T06:00:00.000Z');
    });

    it('treats quiet hours as starting at start and ending just before end', () => {
      expect(effectiveReminderMinutes(plan({ time: '22:00', quietHours: quiet('22:00', '08:00') }).settings)).toBe(8 * 60);
      expect(effectiveReminderMinutes(plan({ time: '08:00', quietHours: quiet('22:00', '08:00') }).settings)).toBe(8 * 60);
      expect(effectiveReminderMinutes(plan({ time: '21:59', quietHours: quiet('22:00', '08:00') }).settings)).toBe(21 * 60 + 59);
      expect(effectiveReminderMinutes(plan({ time: '00:00', quietHours: quiet('22:00', '08:00') }).settings)).toBe(8 * 60);
    });

    it('handles quiet hours within one day', () => {
      expect(effectiveReminderMinutes(plan({ time: '13:00', quietHours: quiet('12:00', '14:00') }).settings)).toBe(14 * 60);
      expect(effectiveReminderMinutes(plan({ time: '12:00', quietHours: quiet('12:00', '14:00') }).settings)).toBe(14 * 60);
      expect(effectiveReminderMinutes(plan({ time: '14:00', quietHours: quiet('12:00', '14:00') }).settings)).toBe(14 * 60);
      expect(effectiveReminderMinutes(plan({ time: '23:00', quietHours: quiet('12:00', '14:00') }).settings)).toBe(23 * 60);
    });

    it('ignores quiet hours that are switched off or empty', () => {
      expect(effectiveReminderMinutes(plan({ time: '23:00', quietHours: { enabled: false, start: '22:00', end: '08:00' } }).settings)).toBe(23 * 60);
      expect(effectiveReminderMinutes(plan({ time: '23:00', quietHours: quiet('22:00', '22:00') }).settings)).toBe(23 * 60);
    });

    it('skips the postponed reminder when the person checked in on the day it would fire', () => {
      const settings = { time: '23:00', quietHours: quiet('22:00', '08:00'), checkedInDay: '2025-06-11' };
      expect(iso(nextReminderAt(plan(settings), at('2025-06-10T20:30:00Z'), 'Europe/Berlin'))).toBe('2025-06-12T06:00:00.000Z');
    });
  });

  describe('daylight saving time in Europe/Berlin', () => {
    it('keeps the local time on the spring-forward day and the day before', () => {
      // 29 March 2025 is CET (UTC+1); 30 March is CEST (UTC+2).
      expect(iso(nextReminderAt(plan(), at('2025-03-29T10:00:00Z'), 'Europe/Berlin'))).toBe('2025-03-29T19:00:00.000Z');
      expect(iso(nextReminderAt(plan(), at('2025-03-29T20:00:00Z'), 'Europe/Berlin'))).toBe('2025-03-30T18:00:00.000Z');
    });

    it('moves a time that does not exist (02:30 on 30 March) forward by the gap', () => {
      expect(iso(nextReminderAt(plan({ time: '02:30' }), at('2025-03-29T23:00:00Z'), 'Europe/Berlin'))).toBe('2025-03-30T01:30:00.000Z');
    });

    it('uses the first of a time that happens twice (02:30 on 26 October)', () => {
      // 02:30 CEST = 00:30 UTC comes before 02:30 CET = 01:30 UTC.
      expect(iso(nextReminderAt(plan({ time: '02:30' }), at('2025-10-25T22:00:00Z'), 'Europe/Berlin'))).toBe('2025-10-26T00:30:00.000Z');
    });

    it('keeps the local time on the fall-back day', () => {
      expect(iso(nextReminderAt(plan(), at('2025-10-25T20:00:00Z'), 'Europe/Berlin'))).toBe('2025-10-26T19:00:00.000Z');
    });

    it('skips today on a DST day when checked in', () => {
      const result = nextReminderAt(plan({ checkedInDay: '2025-03-30' }), at('2025-03-30T08:00:00Z'), 'Europe/Berlin');
      expect(iso(result)).toBe('2025-03-31T18:00:00.000Z');
    });
  });

  describe('daylight saving time in America/New_York', () => {
    it('keeps the local time across the spring-forward day', () => {
      // 8 March 2025 is EST (UTC−5); 9 March is EDT (UTC−4).
      expect(iso(nextReminderAt(plan(), at('2025-03-08T12:00:00Z'), 'America/New_York'))).toBe('2025-03-09T01:00:00.000Z');
      expect(iso(nextReminderAt(plan(), at('2025-03-09T12:00:00Z'), 'America/New_York'))).toBe('2025-03-10T00:00:00.000Z');
    });

    it('moves 02:15 on 9 March (inside the gap) to 03:15 EDT', () => {
      expect(iso(nextReminderAt(plan({ time: '02:15' }), at('2025-03-09T05:00:00Z'), 'America/New_York'))).toBe('2025-03-09T07:15:00.000Z');
    });

    it('uses the first 01:30 on 2 November and keeps 20:00 in EST afterwards', () => {
      expect(iso(nextReminderAt(plan({ time: '01:30' }), at('2025-11-02T04:00:00Z'), 'America/New_York'))).toBe('2025-11-02T05:30:00.000Z');
      expect(iso(nextReminderAt(plan(), at('2025-11-02T12:00:00Z'), 'America/New_York'))).toBe('2025-11-03T01:00:00.000Z');
    });

    it('postpones through quiet hours that end on the far side of a DST change', () => {
      // 23:00 on 8 March falls in quiet hours 22:00–08:00 → 08:00 EDT on 9 March (12:00 UTC).
      const settings = { time: '23:00', quietHours: quiet('22:00', '08:00') };
      expect(iso(nextReminderAt(plan(settings), at('2025-03-09T03:30:00Z'), 'America/New_York'))).toBe('2025-03-09T12:00:00.000Z');
    });
  });

  it('works in zones with half-hour offsets', () => {
    // Kolkata is UTC+5:30 all year.
    expect(iso(nextReminderAt(plan(), at('2025-06-10T00:00:00Z'), 'Asia/Kolkata'))).toBe('2025-06-10T14:30:00.000Z');
  });

  it('refuses an unknown time zone', () => {
    expect(() => nextReminderAt(plan(), at('2025-06-10T00:00:00Z'), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });

  it('always plans a future moment within two days, at the chosen local time unless DST skips it', () => {
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'America/St_Johns', 'Pacific/Chatham', 'Asia/Kathmandu'];
    const wallClock = (value: number, zone: string): string =>
      new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(value);
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2060, 0, 1) }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.constantFrom(...zones),
        fc.boolean(),
        (now, hour, minute, zone, checkedInToday) => {
          const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          const checkedInDay = checkedInToday ? localDayAt(now, zone) : null;
          const next = nextReminderAt(plan({ time, checkedInDay }), now, zone);
          expect(next).not.toBeNull();
          if (next === null) return;
          expect(next).toBeGreaterThan(now);
          expect(next - now).toBeLessThanOrEqual(50 * 3_600_000);
          if (checkedInToday) expect(localDayAt(next, zone)).not.toBe(checkedInDay);
          // In a DST gap the wall time moves forward by the gap (never more than an hour here).
          const shown = wallClock(next, zone);
          if (shown !== time) {
            const back = wallClock(next - 3_600_000, zone);
            const backHalf = wallClock(next - 1_800_000, zone);
            expect([back, backHalf]).not.toContain(time);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('ReminderPlanSchema', () => {
  it('accepts a plan with or without a check-in day', () => {
    expect(ReminderPlanSchema.safeParse(plan()).success).toBe(true);
    expect(ReminderPlanSchema.safeParse(plan({ checkedInDay: '2024-02-29' })).success).toBe(true);
  });

  it('refuses days that do not exist or are not YYYY-MM-DD', () => {
    for (const day of ['2025-02-29', '2025-13-01', '2025-6-1', 'today', '']) {
      expect(ReminderPlanSchema.safeParse(plan({ checkedInDay: day })).success).toBe(false);
    }
  });

  it('refuses times that are not HH:MM', () => {
    expect(ReminderPlanSchema.safeParse(plan({ time: '24:00' })).success).toBe(false);
    expect(ReminderPlanSchema.safeParse(plan({ time: '8:00' })).success).toBe(false);
  });
});

describe('localDayAt', () => {
  it('gives the local calendar day in the zone', () => {
    expect(localDayAt(at('2025-06-10T23:30:00Z'), 'Europe/Berlin')).toBe('2025-06-11');
    expect(localDayAt(at('2025-06-10T23:30:00Z'), 'America/New_York')).toBe('2025-06-10');
  });
});
