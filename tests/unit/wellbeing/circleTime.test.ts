// The daily circle time budget: what counts, the two-minute idle rule, the local-midnight reset, the nudge.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCircleTime, dismissNudge, IDLE_AFTER_MS, readCircleTime, shouldNudge, type CircleTime } from '@shared/wellbeing/circleTime';

const at = (iso: string): number => Date.parse(iso);
const MIN = 60_000;
const zone = 'Europe/Berlin';
const noon = at('2025-06-10T10:00:00Z'); // 12:00 in Berlin
const fresh: CircleTime = { day: '2025-06-10', spentMs: 0, nudgeDismissed: false };

describe('addCircleTime', () => {
  it('counts active time', () => {
    const next = addCircleTime(fresh, { from: noon, to: noon + 5 * MIN, lastInputAt: noon + 4 * MIN }, zone);
    expect(next.spentMs).toBe(5 * MIN);
  });

  it('stops counting two minutes after the last input', () => {
    const next = addCircleTime(fresh, { from: noon, to: noon + 30 * MIN, lastInputAt: noon + MIN }, zone);
    expect(next.spentMs).toBe(MIN + IDLE_AFTER_MS);
    const away = addCircleTime(next, { from: noon + 30 * MIN, to: noon + 31 * MIN, lastInputAt: noon + MIN }, zone);
    expect(away.spentMs).toBe(next.spentMs);
  });

  it('resets at local midnight and counts only the part after it', () => {
    const evening: CircleTime = { day: '2025-06-10', spentMs: 40 * MIN, nudgeDismissed: true };
    // 23:58 → 00:03 in Berlin (21:58Z → 22:03Z).
    const next = addCircleTime(evening, { from: at('2025-06-10T21:58:00Z'), to: at('2025-06-10T22:03:00Z'), lastInputAt: at('2025-06-10T22:02:00Z') }, zone);
    expect(next).toEqual({ day: '2025-06-11', spentMs: 3 * MIN, nudgeDismissed: false });
  });

  it('never counts more than the span, nor less than nothing (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 * MIN }), fc.integer({ min: 0, max: 60 * MIN }), fc.integer({ min: -60 * MIN, max: 60 * MIN }), (start, length, input) => {
        const from = noon + start;
        const span = { from, to: from + length, lastInputAt: from + input };
        const next = addCircleTime(fresh, span, zone);
        expect(next.spentMs).toBeGreaterThanOrEqual(0);
        expect(next.spentMs).toBeLessThanOrEqual(length);
      }),
    );
  });

  it('adds up the same however a steady session is split into ticks (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 90_000 }), { minLength: 1, maxLength: 40 }), (ticks) => {
        let time = fresh;
        let now = noon;
        for (const length of ticks) {
          // Input at every tick, so nothing is idle.
          time = addCircleTime(time, { from: now, to: now + length, lastInputAt: now }, zone);
          now += length;
        }
        expect(time.spentMs).toBe(now - noon);
      }),
    );
  });
});

describe('shouldNudge', () => {
  it('nudges once the budget is spent, until dismissed, and not at all without a budget', () => {
    const spent: CircleTime = { ...fresh, spentMs: 15 * MIN };
    expect(shouldNudge({ ...fresh, spentMs: 15 * MIN - 1 }, 15, noon, zone)).toBe(false);
    expect(shouldNudge(spent, 15, noon, zone)).toBe(true);
    expect(shouldNudge(spent, null, noon, zone)).toBe(false);
    expect(shouldNudge(dismissNudge(spent), 15, noon, zone)).toBe(false);
  });

  it('starts afresh the next day', () => {
    const spent: CircleTime = { ...fresh, spentMs: 90 * MIN, nudgeDismissed: true };
    expect(shouldNudge(spent, 15, at('2025-06-11T10:00:00Z'), zone)).toBe(false);
    expect(readCircleTime(spent, at('2025-06-11T10:00:00Z'), zone)).toEqual({ day: '2025-06-11', spentMs: 0, nudgeDismissed: false });
  });
});

describe('readCircleTime', () => {
  it('keeps today’s stored time and replaces anything damaged with a fresh day', () => {
    expect(readCircleTime({ ...fresh, spentMs: 7 }, noon, zone)).toEqual({ ...fresh, spentMs: 7 });
    expect(readCircleTime({ day: 'yesterday', spentMs: -1 }, noon, zone)).toEqual(fresh);
    expect(readCircleTime(undefined, noon, zone)).toEqual(fresh);
    expect(readCircleTime({ ...fresh, spentMs: Number.NaN }, noon, zone)).toEqual(fresh);
  });
});
