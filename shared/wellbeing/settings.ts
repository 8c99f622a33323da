// Healthy-use preferences: circle notifications, quiet hours, a break from circles, a daily circle time
// budget and the quick-hide screen. Parsed leniently: a damaged field falls back to its default alone.
import { z } from 'zod';
import { TimeOfDaySchema } from '../reminder/settings';

/** The daily circle time budgets a person can choose, in minutes (null = no budget). */
export const CIRCLE_MINUTE_CHOICES = [15, 30, 45, 60] as const;
export type CircleMinutes = (typeof CIRCLE_MINUTE_CHOICES)[number];

export const QuietHoursSchema = z.object({ enabled: z.boolean(), start: TimeOfDaySchema, end: TimeOfDaySchema });
export type QuietHours = z.output<typeof QuietHoursSchema>;

/** A break from circles: when it began and when it ends (null = until the person turns it off). */
export const CircleBreakSchema = z
  .object({ since: z.number().int().nonnegative(), until: z.number().int().nonnegative().nullable() })
  .refine((value) => value.until === null || value.until > value.since, 'a break that ends after it begins');
export type CircleBreak = z.output<typeof CircleBreakSchema>;

export const WellbeingSettingsSchema = z.object({
  /** Desktop notifications for new circle posts and replies to me (off until turned on). */
  circleNotifications: z.boolean(),
  /** No notification of any kind in this daily window (may cross midnight). */
  quietHours: QuietHoursSchema,
  circleBreak: CircleBreakSchema.nullable(),
  dailyCircleMinutes: z.union([z.null(), ...CIRCLE_MINUTE_CHOICES.map((minutes) => z.literal(minutes))]),
  /** Cover Hearth with the neutral screen whenever its window loses focus or is hidden. */
  hideOnBlur: z.boolean(),
});

export type WellbeingSettings = z.output<typeof WellbeingSettingsSchema>;

export const DEFAULT_WELLBEING: WellbeingSettings = {
  circleNotifications: false,
  quietHours: { enabled: false, start: '22:00', end: '08:00' },
  circleBreak: null,
  dailyCircleMinutes: null,
  hideOnBlur: false,
};

/**
 * Reads stored healthy-use settings, keeping each valid field. Before these settings existed, quiet hours
 * belonged to the daily reminder; when there is nothing stored here yet, those quiet hours carry over.
 */
export function parseWellbeing(raw: unknown, storedReminder?: unknown): WellbeingSettings {
  const whole = WellbeingSettingsSchema.safeParse(raw);
  if (whole.success) return whole.data;
  if (typeof raw !== 'object' || raw === null) {
    const legacy = typeof storedReminder === 'object' && storedReminder !== null ? QuietHoursSchema.safeParse(Reflect.get(storedReminder, 'quietHours')) : null;
    return legacy?.success ? { ...DEFAULT_WELLBEING, quietHours: legacy.data } : DEFAULT_WELLBEING;
  }
  const source = raw as Record<string, unknown>;
  const pick = <K extends keyof WellbeingSettings>(key: K): WellbeingSettings[K] => {
    const field = WellbeingSettingsSchema.shape[key].safeParse(source[key]);
    return field.success ? (field.data as WellbeingSettings[K]) : DEFAULT_WELLBEING[key];
  };
  return {
    circleNotifications: pick('circleNotifications'),
    quietHours: pick('quietHours'),
    circleBreak: pick('circleBreak'),
    dailyCircleMinutes: pick('dailyCircleMinutes'),
    hideOnBlur: pick('hideOnBlur'),
  };
}
