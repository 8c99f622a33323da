// A check-in: one moment of the private journal. The schema is the single parse-at-the-edge for data
// coming from disk, import files and IPC; everything past it is typed.
import { z } from 'zod';
import { localDay } from '../time/zoned';
import { ENERGY_LEVELS, MOOD_LEVELS, type EnergyLevel, type MoodLevel } from './mood';

export const MEDICATION_ANSWERS = ['yes', 'no', 'skip'] as const;
export type MedicationAnswer = (typeof MEDICATION_ANSWERS)[number];

export { localDay };

export const LIMITS = {
  labelLength: 40,
  labelsPerCheckIn: 40,
  noteLength: 20_000,
  maxSleepHours: 24,
} as const;

export interface CheckIn {
  readonly id: string;
  /** The moment the check-in is about (epoch ms); people can back-date it. */
  readonly at: number;
  /** IANA time zone where it was written, so "that evening" stays that evening after travel. */
  readonly zone: string;
  /** Local calendar day of `at` in `zone`, YYYY-MM-DD. */
  readonly day: string;
  readonly mood: MoodLevel;
  readonly energy?: EnergyLevel;
  readonly emotions: readonly string[];
  readonly activities: readonly string[];
  readonly sleepHours?: number;
  readonly medication?: MedicationAnswer;
  /** Markdown, rendered safely (no raw HTML, no remote images). */
  readonly note: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** What the check-in form produces; ids and timestamps are added by the journal. */
export type CheckInDraft = Omit<CheckIn, 'id' | 'day' | 'createdAt' | 'updatedAt'>;

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
// Unicode control characters (including bidi overrides) never belong in a short label.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Trims, folds white space and strips control characters from an emotion word or activity. */
export function normalizeLabel(raw: string): string {
  return raw.replace(CONTROL_CHARS, '').replace(/\s+/g, ' ').trim().slice(0, LIMITS.labelLength);
}

/** Normalises, drops empties and removes case-insensitive duplicates, keeping first spelling. */
export function normalizeLabels(raw: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const item of raw) {
    const label = normalizeLabel(item);
    const key = label.toLocaleLowerCase();
    if (label && !seen.has(key)) {
      seen.add(key);
      out.push(label);
    }
  }
  return out.slice(0, LIMITS.labelsPerCheckIn);
}

// Building a DateTimeFormat costs ~0.1 ms; an import of 10,000 check-ins asks about the same few zones.
const knownZones = new Set<string>();

export function isValidTimeZone(zone: string): boolean {
  if (knownZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    if (knownZones.size < 1000) knownZones.add(zone);
    return true;
  } catch {
    // Intl throws RangeError for unknown zones; that is the answer, not a failure.
    return false;
  }
}

const label = z.string().min(1).max(LIMITS.labelLength);
const moodLevel = z.union(MOOD_LEVELS.map((level) => z.literal(level)) as [z.ZodLiteral<1>, z.ZodLiteral<2>, z.ZodLiteral<3>, z.ZodLiteral<4>, z.ZodLiteral<5>]);
const energyLevel = z.union(ENERGY_LEVELS.map((level) => z.literal(level)) as [z.ZodLiteral<1>, z.ZodLiteral<2>, z.ZodLiteral<3>, z.ZodLiteral<4>, z.ZodLiteral<5>]);
const timestamp = z.number().int().min(0).max(8.64e15);

export const CheckInSchema = z
  .object({
    id: z.string().min(1).max(64),
    at: timestamp,
    zone: z.string().min(1).max(64).refine(isValidTimeZone, 'unknown time zone'),
    day: z.string().regex(DAY_PATTERN),
    mood: moodLevel,
    energy: energyLevel.exactOptional(),
    emotions: z.array(label).max(LIMITS.labelsPerCheckIn),
    activities: z.array(label).max(LIMITS.labelsPerCheckIn),
    sleepHours: z.number().min(0).max(LIMITS.maxSleepHours).exactOptional(),
    medication: z.enum(MEDICATION_ANSWERS).exactOptional(),
    note: z.string().max(LIMITS.noteLength),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .strict();

// The schema's output must be exactly the domain type; this fails to compile if they drift apart.
type SchemaOutput = z.output<typeof CheckInSchema>;
const _sameShape: (value: SchemaOutput) => CheckIn = (value) => value;
void _sameShape;

/** Builds a complete check-in from a draft, normalising labels and rounding sleep to quarter hours. */
export function completeCheckIn(draft: CheckInDraft, meta: { id: string; createdAt: number; updatedAt: number }): CheckIn {
  const sleep = draft.sleepHours === undefined ? undefined : Math.round(Math.min(Math.max(draft.sleepHours, 0), LIMITS.maxSleepHours) * 4) / 4;
  return {
    id: meta.id,
    at: draft.at,
    zone: draft.zone,
    day: localDay(draft.at, draft.zone),
    mood: draft.mood,
    ...(draft.energy === undefined ? {} : { energy: draft.energy }),
    emotions: normalizeLabels(draft.emotions),
    activities: normalizeLabels(draft.activities),
    ...(sleep === undefined ? {} : { sleepHours: sleep }),
    ...(draft.medication === undefined ? {} : { medication: draft.medication }),
    note: draft.note.slice(0, LIMITS.noteLength),
    createdAt: meta.createdAt,
    updatedAt: meta.updatedAt,
  };
}
