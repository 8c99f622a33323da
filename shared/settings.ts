// A person's preferences. Stored locally by the renderer; parsed through this schema whenever read.
import { z } from 'zod';
import { CONNECTION_LIMITS, IceServerSchema, SignalingUrlSchema } from './circles/connection';
import { ContentWarningPreferencesSchema, DEFAULT_CONTENT_WARNING_PREFERENCES, parseContentWarningPreferences } from './circles/readerPreferences';
import { DEFAULT_ACTIVITIES } from './journal/activities';
import { LIMITS } from './journal/checkIn';
import { DEFAULT_REMINDER, ReminderSettingsSchema } from './reminder/settings';
import { DEFAULT_SAFETY, SafetySettingsSchema } from './safety/settings';
import { DEFAULT_WELLBEING, parseWellbeing, WellbeingSettingsSchema } from './wellbeing/settings';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export const MOTION_PREFERENCES = ['system', 'reduce', 'full'] as const;
export type MotionPreference = (typeof MOTION_PREFERENCES)[number];

/** 0 = Sunday, 1 = Monday, 6 = Saturday (the three common week starts). */
export const WEEK_STARTS = [0, 1, 6] as const;
export type WeekStart = (typeof WEEK_STARTS)[number];

const labelList = z.array(z.string().min(1).max(LIMITS.labelLength)).max(200);

/** Lock Hearth after this many minutes without input in its window (Settings → Privacy & lock). */
export const LOCK_AFTER_CHOICES = [5, 15, 30, 60] as const;
export type LockAfterMinutes = (typeof LOCK_AFTER_CHOICES)[number];

export const SettingsSchema = z.object({
  theme: z.enum(THEMES),
  motion: z.enum(MOTION_PREFERENCES),
  weekStart: z.union([z.literal(0), z.literal(1), z.literal(6)]),
  reminder: ReminderSettingsSchema,
  activities: labelList,
  customEmotions: labelList,
  /** Where circles meet their peers: our own relay(s), never a third-party default. */
  signalingUrls: z.array(SignalingUrlSchema).max(CONNECTION_LIMITS.relays),
  /** STUN/TURN servers for circles; empty means direct (host) connections only. */
  iceServers: z.array(IceServerSchema).max(CONNECTION_LIMITS.iceServers),
  /** Crisis support: the person's country for crisis lines, and the gentle check of drafts. */
  safety: SafetySettingsSchema,
  /** Per content-warning topic: show, blur or hide posts in circles. Local only. */
  contentWarnings: ContentWarningPreferencesSchema,
  /** Healthy use: circle notifications, quiet hours (for every notification), a break, a time budget, quick-hide. */
  wellbeing: WellbeingSettingsSchema,
  lockAfterMinutes: z.union([z.literal(5), z.literal(15), z.literal(30), z.literal(60)]),
});

export type Settings = z.output<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  motion: 'system',
  weekStart: 1,
  reminder: DEFAULT_REMINDER,
  activities: [...DEFAULT_ACTIVITIES],
  customEmotions: [],
  signalingUrls: ['ws://127.0.0.1:4444'],
  iceServers: [],
  safety: DEFAULT_SAFETY,
  contentWarnings: DEFAULT_CONTENT_WARNING_PREFERENCES,
  wellbeing: DEFAULT_WELLBEING,
  lockAfterMinutes: 15,
};

/** Reads stored settings leniently: each valid field is kept, anything damaged falls back to its default. */
export function parseSettings(raw: unknown): Settings {
  const result = SettingsSchema.safeParse(raw);
  if (result.success) return result.data;
  const source = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const pick = <K extends keyof Settings>(key: K): Settings[K] => {
    const field = SettingsSchema.shape[key].safeParse(source[key]);
    return field.success ? (field.data as Settings[K]) : DEFAULT_SETTINGS[key];
  };
  return {
    theme: pick('theme'),
    motion: pick('motion'),
    weekStart: pick('weekStart'),
    reminder: pick('reminder'),
    activities: pick('activities'),
    customEmotions: pick('customEmotions'),
    signalingUrls: pick('signalingUrls'),
    iceServers: pick('iceServers'),
    safety: pick('safety'),
    contentWarnings: parseContentWarningPreferences(source.contentWarnings),
    wellbeing: parseWellbeing(source.wellbeing, source.reminder),
    lockAfterMinutes: pick('lockAfterMinutes'),
  };
}
