// Healthy-use settings: lenient parsing field by field, and quiet hours carried over from the reminder.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings } from '@shared/settings';
import { DEFAULT_WELLBEING, parseWellbeing, WellbeingSettingsSchema } from '@shared/wellbeing/settings';

describe('parseWellbeing', () => {
  it('is off by default: no notifications, no quiet hours, no break, no budget, no hiding on blur', () => {
    expect(parseSettings(undefined).wellbeing).toEqual(DEFAULT_WELLBEING);
    expect(DEFAULT_SETTINGS.wellbeing).toEqual({ circleNotifications: false, quietHours: { enabled: false, start: '22:00', end: '08:00' }, circleBreak: null, dailyCircleMinutes: null, hideOnBlur: false });
  });

  it('keeps each valid field and replaces only the damaged ones', () => {
    const parsed = parseWellbeing({ circleNotifications: true, quietHours: { enabled: true, start: '25:00', end: '07:00' }, circleBreak: { since: 10, until: 5 }, dailyCircleMinutes: 30, hideOnBlur: 'yes' });
    expect(parsed).toEqual({ ...DEFAULT_WELLBEING, circleNotifications: true, dailyCircleMinutes: 30 });
  });

  it('refuses budgets that are not offered', () => {
    expect(parseWellbeing({ ...DEFAULT_WELLBEING, dailyCircleMinutes: 0 }).dailyCircleMinutes).toBeNull();
    expect(parseWellbeing({ ...DEFAULT_WELLBEING, dailyCircleMinutes: 20 }).dailyCircleMinutes).toBeNull();
  });

  it('carries the reminder’s quiet hours over when nothing is stored yet', () => {
    const stored = { ...DEFAULT_SETTINGS, reminder: { ...DEFAULT_SETTINGS.reminder, quietHours: { enabled: true, start: '21:30', end: '07:00' } } } as Record<string, unknown>;
    delete stored.wellbeing;
    expect(parseSettings(stored).wellbeing.quietHours).toEqual({ enabled: true, start: '21:30', end: '07:00' });
    // Once stored, healthy-use quiet hours are the only ones that count.
    expect(parseSettings({ ...stored, wellbeing: DEFAULT_WELLBEING }).wellbeing.quietHours.enabled).toBe(false);
  });

  it('always gives valid settings, whatever is stored (property)', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (raw, reminder) => {
        expect(WellbeingSettingsSchema.safeParse(parseWellbeing(raw, reminder)).success).toBe(true);
      }),
    );
  });
});
