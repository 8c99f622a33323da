// The daily check-in reminder's settings: off by default, a time of day, and optional quiet hours.
import { z } from 'zod';

const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;
export const TimeOfDaySchema = z.string().regex(TIME_OF_DAY, 'a time like 20:30');

export const ReminderSettingsSchema = z.object({
  enabled: z.boolean(),
  /** Local time of day, HH:MM (24-hour). */
  time: TimeOfDaySchema,
  quietHours: z.object({ enabled: z.boolean(), start: TimeOfDaySchema, end: TimeOfDaySchema }),
});

export type ReminderSettings = z.output<typeof ReminderSettingsSchema>;

export const DEFAULT_REMINDER: ReminderSettings = {
  enabled: false,
  time: '20:00',
  quietHours: { enabled: false, start: '22:00', end: '08:00' },
};
