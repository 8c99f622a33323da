// The safety plan model: lenient parsing that keeps every good field, emptiness, dialling and limits.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_PLAN, PLAN_LIMITS, SafetyPlanSchema, clampPlan, dialable, isPlanEmpty, parseSafetyPlan } from '@shared/safety/safetyPlan';

describe('parseSafetyPlan', () => {
  it('reads a valid plan unchanged', () => {
    const plan = { ...EMPTY_PLAN, warningSigns: 'Not sleeping\nSkipping meals', helpers: [{ name: 'Ana', phone: '+44 7700 900123' }], updatedAt: 5 };
    expect(parseSafetyPlan(plan)).toEqual(plan);
  });

  it('keeps every good field when others are damaged', () => {
    const parsed = parseSafetyPlan({ warningSigns: 'Pacing at night', copingStrategies: 42, helpers: 'Ana', professionals: [{ name: 'GP', phone: '01234 567890' }] });
    expect(parsed.warningSigns).toBe('Pacing at night');
    expect(parsed.copingStrategies).toBe('');
    expect(parsed.helpers).toEqual([]);
    expect(parsed.professionals).toEqual([{ name: 'GP', phone: '01234 567890' }]);
  });

  it('turns anything at all into a valid plan', () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        expect(SafetyPlanSchema.safeParse(parseSafetyPlan(raw)).success).toBe(true);
      }),
    );
  });
});

describe('isPlanEmpty', () => {
  it('is true for a new plan and for blank contacts, false once anything is written', () => {
    expect(isPlanEmpty(EMPTY_PLAN)).toBe(true);
    expect(isPlanEmpty({ ...EMPTY_PLAN, helpers: [{ name: ' ', phone: '' }] })).toBe(true);
    expect(isPlanEmpty({ ...EMPTY_PLAN, reasonsForLiving: 'My niece' })).toBe(false);
    expect(isPlanEmpty({ ...EMPTY_PLAN, professionals: [{ name: '', phone: '111' }] })).toBe(false);
  });
});

describe('dialable', () => {
  it('gives the digits of numbers written the usual ways', () => {
    expect(dialable('116 123')).toBe('116123');
    expect(dialable('+44 (0)20 7946-0000')).toBe('+4402079460000');
    expect(dialable('0800.111.0.111')).toBe('08001110111');
  });

  it('refuses words, single digits and overlong numbers', () => {
    expect(dialable('ask at reception')).toBeNull();
    expect(dialable('5')).toBeNull();
    expect(dialable('1'.repeat(16))).toBeNull();
    expect(dialable('')).toBeNull();
  });
});

describe('clampPlan', () => {
  it('cuts overlong text and lists to their limits, keeping the start', () => {
    const long = 'a'.repeat(PLAN_LIMITS.textLength + 10);
    const many = Array.from({ length: PLAN_LIMITS.contacts + 3 }, (_, index) => ({ name: `P${String(index)}`, phone: '1'.repeat(PLAN_LIMITS.phoneLength + 2) }));
    const clamped = clampPlan({ ...EMPTY_PLAN, warningSigns: long, helpers: many });
    expect(clamped.warningSigns).toHaveLength(PLAN_LIMITS.textLength);
    expect(clamped.helpers).toHaveLength(PLAN_LIMITS.contacts);
    expect(clamped.helpers[0]?.phone).toHaveLength(PLAN_LIMITS.phoneLength);
    expect(SafetyPlanSchema.safeParse(clamped).success).toBe(true);
  });
});
