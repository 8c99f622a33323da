// Calendar-day arithmetic: month grids, leap years, week starts.
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysInMonth, isDay, isMonth, monthWeeks, today, weekdayOf } from '@shared/journal/days';

describe('days', () => {
  it('adds days across months and leap years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });

  it('knows weekdays and month lengths', () => {
    expect(weekdayOf('2026-11-22')).toBe(0);
    expect(weekdayOf('1969-12-31')).toBe(3);
    expect(daysInMonth('2024-02')).toBe(29);
    expect(daysInMonth('2026-11')).toBe(30);
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
  });

  it('lays out full weeks from the chosen first weekday', () => {
    const monday = monthWeeks('2026-11', 1);
    expect(monday[0]?.[0]).toBe('2026-10-26');
    expect(monday.at(-1)?.at(-1)).toBe('2026-12-06');
    for (const week of monday) expect(week).toHaveLength(7);
    const sunday = monthWeeks('2026-11', 0);
    expect(sunday[0]?.[0]).toBe('2026-11-01');
    const saturday = monthWeeks('2026-11', 6);
    expect(saturday[0]?.[0]).toBe('2026-10-31');
  });

  it('validates days and months', () => {
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2026-02-30')).toBe(false);
    expect(isDay('26-02-01')).toBe(false);
    expect(isMonth('2026-13')).toBe(false);
    expect(isMonth('2026-12')).toBe(true);
  });

  it('gives today in a time zone', () => {
    const instant = Date.UTC(2026, 10, 22, 23, 30);
    expect(today('UTC', instant)).toBe('2026-11-22');
    expect(today('Asia/Tokyo', instant)).toBe('2026-11-23');
  });
});
