// Quiet hours: a daily window on the local wall clock, wrapping past midnight, right on DST days.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isInWindow, isQuietAt } from '@shared/wellbeing/quietHours';

const at = (iso: string): number => Date.parse(iso);
const quiet = (start: string, end: string) => ({ enabled: true, start, end });
const hhmm = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const minute = fc.integer({ min: 0, max: 1439 });

/** The wall-clock minute in a zone, read independently of the code under test. */
function wallMinute(instant: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(instant);
  const read = (type: string): number => Number(parts.find((part) => part.type === type)?.value);
  return read('hour') * 60 + read('minute');
}

describe('isQuietAt', () => {
  it('is quiet late at night and early in the morning for 22:00–08:00, and not during the day', () => {
    const zone = 'Europe/Berlin';
    expect(isQuietAt(at('2025-06-10T20:30:00Z'), zone, quiet('22:00', '08:00'))).toBe(true); // 22:30
    expect(isQuietAt(at('2025-06-11T05:59:00Z'), zone, quiet('22:00', '08:00'))).toBe(true); // 07:59
    expect(isQuietAt(at('2025-06-11T06:00:00Z'), zone, quiet('22:00', '08:00'))).toBe(false); // 08:00
    expect(isQuietAt(at('2025-06-10T19:59:00Z'), zone, quiet('22:00', '08:00'))).toBe(false); // 21:59
    expect(isQuietAt(at('2025-06-10T20:00:00Z'), zone, quiet('22:00', '08:00'))).toBe(true); // 22:00
  });

  it('reads the clock of the given zone', () => {
    const instant = at('2025-06-10T23:00:00Z'); // 01:00 in Berlin, 19:00 in New York
    expect(isQuietAt(instant, 'Europe/Berlin', quiet('22:00', '08:00'))).toBe(true);
    expect(isQuietAt(instant, 'America/New_York', quiet('22:00', '08:00'))).toBe(false);
  });

  it('is never quiet when switched off or when start equals end', () => {
    const instant = at('2025-06-10T23:00:00Z');
    expect(isQuietAt(instant, 'Europe/Berlin', { enabled: false, start: '22:00', end: '08:00' })).toBe(false);
    expect(isQuietAt(instant, 'Europe/Berlin', quiet('01:00', '01:00'))).toBe(false);
  });

  it('follows the wall clock across the spring-forward night', () => {
    // Berlin, 30 March 2025: 02:00 CET jumps to 03:00 CEST. Quiet 01:00–03:30.
    const zone = 'Europe/Berlin';
    expect(isQuietAt(at('2025-03-30T00:59:00Z'), zone, quiet('01:00', '03:30'))).toBe(true); // 01:59 CET
    expect(isQuietAt(at('2025-03-30T01:00:00Z'), zone, quiet('01:00', '03:30'))).toBe(true); // 03:00 CEST
    expect(isQuietAt(at('2025-03-30T01:30:00Z'), zone, quiet('01:00', '03:30'))).toBe(false); // 03:30 CEST
  });

  it('is quiet for both passes through a repeated hour on the fall-back night', () => {
    // New York, 2 November 2025: 02:00 EDT falls back to 01:00 EST. Quiet 01:00–02:00 happens twice.
    const zone = 'America/New_York';
    expect(isQuietAt(at('2025-11-02T05:30:00Z'), zone, quiet('01:00', '02:00'))).toBe(true); // 01:30 EDT
    expect(isQuietAt(at('2025-11-02T06:30:00Z'), zone, quiet('01:00', '02:00'))).toBe(true); // 01:30 EST
    expect(isQuietAt(at('2025-11-02T07:00:00Z'), zone, quiet('01:00', '02:00'))).toBe(false); // 02:00 EST
  });

  it('agrees with the wall clock at every instant of DST days in several zones (property)', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'UTC'];
    const days = [at('2025-03-29T00:00:00Z'), at('2025-03-08T00:00:00Z'), at('2025-10-25T00:00:00Z'), at('2025-11-01T00:00:00Z'), at('2025-04-05T00:00:00Z')];
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.constantFrom(...days), fc.integer({ min: 0, max: 3 * 86_400_000 }), minute, minute, (zone, day, offset, start, end) => {
        const instant = day + offset;
        const expected = isInWindow(wallMinute(instant, zone), start, end);
        expect(isQuietAt(instant, zone, quiet(hhmm(start), hhmm(end)))).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe('isInWindow', () => {
  it('splits the day between a window and its complement (property)', () => {
    fc.assert(
      fc.property(minute, minute, minute, (m, start, end) => {
        fc.pre(start !== end);
        expect(isInWindow(m, start, end)).toBe(!isInWindow(m, end, start));
      }),
    );
  });

  it('holds exactly the window’s length in minutes, wrapping past midnight (property)', () => {
    fc.assert(
      fc.property(minute, minute, (start, end) => {
        const inside = Array.from({ length: 1440 }, (_, m) => m).filter((m) => isInWindow(m, start, end)).length;
        expect(inside).toBe((end - start + 1440) % 1440);
      }),
      { numRuns: 200 },
    );
  });
});
