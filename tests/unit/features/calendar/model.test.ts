// The calendar's pure parts: URL params, day summaries, keyboard moves and spoken day names.
import { describe, expect, it } from 'vitest';
import { calendarParams, dayLabel, focusableDay, gridMoveForKey, moveDay, nearestMood, parseCalendarParams, summariseDays } from '../../../../renderer/src/features/calendar/model';
import { makeCheckIn } from '../../../support/fixtures';

describe('calendar params', () => {
  it('reads a valid month and day and falls back to today for anything malformed', () => {
    expect(parseCalendarParams(new URLSearchParams('month=2026-02&day=2026-02-14'), '2026-11-21')).toEqual({ month: '2026-02', day: '2026-02-14' });
    expect(parseCalendarParams(new URLSearchParams('month=2026-13&day=2026-02-30'), '2026-11-21')).toEqual({ month: '2026-11', day: null });
    expect(parseCalendarParams(new URLSearchParams('day=2025-05-03'), '2026-11-21')).toEqual({ month: '2025-05', day: '2025-05-03' });
  });

  it('writes only what is set', () => {
    expect(calendarParams({ month: '2026-11', day: null })).toEqual({ month: '2026-11' });
    expect(calendarParams({ month: '2026-11', day: '2026-11-02' })).toEqual({ month: '2026-11', day: '2026-11-02' });
  });
});

describe('day summaries', () => {
  it('averages each day and rounds to the nearest level for its colour', () => {
    const summaries = summariseDays([
      makeCheckIn({ day: '2026-11-21', mood: 4 }),
      makeCheckIn({ day: '2026-11-21', mood: 5 }),
      makeCheckIn({ day: '2026-11-22', mood: 1 }),
    ]);
    expect(summaries.get('2026-11-21')).toEqual({ mean: 4.5, level: 5, count: 2 });
    expect(summaries.get('2026-11-22')).toEqual({ mean: 1, level: 1, count: 1 });
    expect(summaries.has('2026-11-23')).toBe(false);
    expect(nearestMood(3.49)).toBe(3);
    expect(nearestMood(9)).toBe(5);
  });

  it('names a day with its mood word and count, never colour alone', () => {
    const label = dayLabel('2026-11-21', { mean: 4, level: 4, count: 2 }, false);
    expect(label).toContain('2026');
    expect(label).toMatch(/: Good, 2 check-ins$/);
    expect(dayLabel('2026-11-21', { mean: 2, level: 2, count: 1 }, true)).toMatch(/, today: Low, 1 check-in$/);
    expect(dayLabel('2026-11-21', undefined, false)).toMatch(/: no check-ins$/);
  });
});

describe('keyboard moves', () => {
  it('maps keys to moves', () => {
    expect(gridMoveForKey('ArrowLeft', false)).toBe('left');
    expect(gridMoveForKey('PageDown', false)).toBe('next-month');
    expect(gridMoveForKey('PageUp', true)).toBe('previous-year');
    expect(gridMoveForKey('a', false)).toBeNull();
  });

  it('moves by day, week, month and year', () => {
    expect(moveDay('2026-11-30', 'right', 1)).toBe('2026-12-01');
    expect(moveDay('2026-11-03', 'up', 1)).toBe('2026-10-27');
    expect(moveDay('2026-01-31', 'next-month', 1)).toBe('2026-02-28');
    expect(moveDay('2024-02-29', 'next-year', 1)).toBe('2025-02-28');
    expect(moveDay('2026-03-31', 'previous-month', 1)).toBe('2026-02-28');
  });

  it('keeps Home and End inside the displayed week for each week start', () => {
    // 2026-11-21 is a Saturday.
    expect(moveDay('2026-11-21', 'week-start', 1)).toBe('2026-11-16');
    expect(moveDay('2026-11-21', 'week-end', 1)).toBe('2026-11-22');
    expect(moveDay('2026-11-21', 'week-start', 0)).toBe('2026-11-15');
    expect(moveDay('2026-11-21', 'week-start', 6)).toBe('2026-11-21');
    expect(moveDay('2026-11-21', 'week-end', 6)).toBe('2026-11-27');
  });

  it('puts keyboard focus on the selected day, else today, else the 1st', () => {
    expect(focusableDay('2026-11', '2026-11-05', '2026-11-21')).toBe('2026-11-05');
    expect(focusableDay('2026-11', '2026-10-05', '2026-11-21')).toBe('2026-11-21');
    expect(focusableDay('2026-10', null, '2026-11-21')).toBe('2026-10-01');
  });
});
