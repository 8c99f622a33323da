// What an envelope carries once decrypted: a shared post, a reply, a reaction, a tombstone, or the circle's info.
import { z } from 'zod';
import { LIMITS, normalizeLabel } from '../journal/checkIn';
import { ENERGY_LEVELS, MOOD_LEVELS } from '../journal/mood';
import { KeyIdSchema } from './identity';

export const BODY_LIMITS = {
  replyLength: 4_000,
  warningTextLength: 200,
  customTopics: 5,
  nameLength: 80,
  charterLength: 10_000,
} as const;

/** Topics a content warning can name; readers choose per topic to show, blur or hide. */
export const CONTENT_WARNING_TOPICS = [
  'self-harm',
  'suicide',
  'eating',
  'substance-use',
  'abuse',
  'violence',
  'grief',
  'medication',
  'hospital',
] as const;
export type ContentWarningTopic = (typeof CONTENT_WARNING_TOPICS)[number];

export const REACTIONS = ['sending-support', 'me-too', 'thank-you', 'hope'] as const;
export type Reaction = (typeof REACTIONS)[number];

// eslint-disable-next-line no-control-regex
const UNSAFE_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Strips control and bidi-override characters from free text, keeping line breaks and tabs. */
export function cleanText(raw: string): string {
  return raw.replace(UNSAFE_IN_TEXT, '');
}

/** A label (emotion, activity, topic, pseudonym-like name): control and bidi characters stripped, trimmed. */
const label = z
  .string()
  .max(LIMITS.labelLength * 2)
  .transform(normalizeLabel)
  .pipe(z.string().min(1));
const text = (max: number) => z.string().max(max).transform(cleanText);
const timestamp = z.number().int().min(0).max(8.64e15);

/** An entry in the circle: who wrote it (key id) and its random post id. Never a journal id. */
export const EntryRefSchema = z.object({ author: KeyIdSchema, entryId: z.string().regex(/^[A-Za-z0-9_-]{22}$/) }).strict();
export type EntryRef = z.output<typeof EntryRefSchema>;


/** The parts of a check-in that a person chose to share. Absent means "not shared", never "empty". */
export const SharedFieldsSchema = z
  .object({
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).exactOptional(),
    mood: z.literal([...MOOD_LEVELS]).exactOptional(),
    energy: z.literal([...ENERGY_LEVELS]).exactOptional(),
    emotions: z.array(label).max(LIMITS.labelsPerCheckIn).exactOptional(),
    activities: z.array(label).max(LIMITS.labelsPerCheckIn).exactOptional(),
    sleepHours: z.number().min(0).max(LIMITS.maxSleepHours).exactOptional(),
    note: text(LIMITS.noteLength).exactOptional(),
  })
  .strict();
export type SharedFields = z.output<typeof SharedFieldsSchema>;

export const ContentWarningSchema = z
  .object({
    topics: z.array(z.enum(CONTENT_WARNING_TOPICS)).max(CONTENT_WARNING_TOPICS.length),
    custom: z.array(label).max(BODY_LIMITS.customTopics).exactOptional(),
    text: text(BODY_LIMITS.warningTextLength).exactOptional(),
  })
  .strict();
export type ContentWarning = z.output<typeof ContentWarningSchema>;

export const PostBodySchema = z
  .object({
    kind: z.literal('post'),
    fields: SharedFieldsSchema,
    contentWarning: ContentWarningSchema.exactOptional(),
    sharedAt: timestamp,
  })
  .strict();

export const ReplyBodySchema = z
  .object({ kind: z.literal('reply'), parent: EntryRefSchema, text: text(BODY_LIMITS.replyLength).pipe(z.string().min(1)) })
  .strict();

export const ReactionBodySchema = z.object({ kind: z.literal('reaction'), target: EntryRefSchema, reaction: z.enum(REACTIONS) }).strict();

export const TombstoneBodySchema = z.object({ kind: z.literal('tombstone'), target: EntryRefSchema }).strict();

/** The circle's name and charter: encrypted like everything else, written by a facilitator. */
export const CircleInfoBodySchema = z
  .object({
    kind: z.literal('circle-info'),
    name: z.string().max(BODY_LIMITS.nameLength).transform(normalizeLabel).pipe(z.string().min(1)),
    charter: text(BODY_LIMITS.charterLength),
  })
  .strict();

export const BodySchema = z.discriminatedUnion('kind', [PostBodySchema, ReplyBodySchema, ReactionBodySchema, TombstoneBodySchema, CircleInfoBodySchema]);

/** What a writer supplies (before cleaning). */
export type BodyInput = z.input<typeof BodySchema>;
/** What a reader gets (cleaned, validated). */
export type Body = z.output<typeof BodySchema>;
export type PostBody = z.output<typeof PostBodySchema>;
export type ReplyBody = z.output<typeof ReplyBodySchema>;
export type ReactionBody = z.output<typeof ReactionBodySchema>;
export type TombstoneBody = z.output<typeof TombstoneBodySchema>;
export type CircleInfoBody = z.output<typeof CircleInfoBodySchema>;
