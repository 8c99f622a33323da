// How each reader wants posts with content warnings treated (show, blur or hide, per topic), and what that
// means for one post. Stored locally in settings; nothing here leaves the device.
import { z } from 'zod';
import { CONTENT_WARNING_TOPICS, type ContentWarning, type ContentWarningTopic } from './body';

export const WARNING_CHOICES = ['show', 'blur', 'hide'] as const;
export type WarningChoice = (typeof WARNING_CHOICES)[number];

/** The fixed topics plus `other`, which covers custom topics and warnings that name no topic. */
export const PREFERENCE_TOPICS = [...CONTENT_WARNING_TOPICS, 'other'] as const;
export type PreferenceTopic = ContentWarningTopic | 'other';

/** The words used everywhere for a topic, so "self-harm" is never also "self harm". */
export const TOPIC_LABELS: Readonly<Record<PreferenceTopic, string>> = {
  'self-harm': 'self-harm',
  suicide: 'suicide',
  eating: 'eating',
  'substance-use': 'substance use',
  abuse: 'abuse',
  violence: 'violence',
  grief: 'grief',
  medication: 'medication',
  hospital: 'hospital',
  other: 'other',
};

const choice = z.enum(WARNING_CHOICES);

export const ContentWarningPreferencesSchema = z
  .object(Object.fromEntries(PREFERENCE_TOPICS.map((topic) => [topic, choice])) as Record<PreferenceTopic, typeof choice>)
  .strict();
export type ContentWarningPreferences = z.output<typeof ContentWarningPreferencesSchema>;

/** Everything blurred until the reader chooses otherwise. */
export const DEFAULT_CONTENT_WARNING_PREFERENCES: ContentWarningPreferences = Object.fromEntries(PREFERENCE_TOPICS.map((topic) => [topic, 'blur'])) as ContentWarningPreferences;

/** Reads stored preferences leniently: each valid topic is kept, anything missing or damaged is blurred. */
export function parseContentWarningPreferences(raw: unknown): ContentWarningPreferences {
  const source = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const result = { ...DEFAULT_CONTENT_WARNING_PREFERENCES };
  for (const topic of PREFERENCE_TOPICS) {
    const parsed = choice.safeParse(source[topic]);
    if (parsed.success) result[topic] = parsed.data;
  }
  return result;
}

/** The topics a warning names, as preference topics: custom topics and a bare warning count as `other`. */
export function warningTopics(warning: ContentWarning): PreferenceTopic[] {
  const topics: PreferenceTopic[] = [...new Set(warning.topics)];
  if ((warning.custom?.length ?? 0) > 0 || topics.length === 0) topics.push('other');
  return topics;
}

const STRICTNESS: Readonly<Record<WarningChoice, number>> = { show: 0, blur: 1, hide: 2 };

/**
 * What this reader sees of a post: no warning → shown; otherwise the strictest choice among its topics
 * (a post about grief and self-harm is hidden if either is hidden). My own posts are never hidden from me.
 */
export function treatmentOf(warning: ContentWarning | undefined, preferences: ContentWarningPreferences, mine = false): WarningChoice {
  if (!warning) return 'show';
  let strictest: WarningChoice = 'show';
  for (const topic of warningTopics(warning)) {
    const chosen = preferences[topic];
    if (STRICTNESS[chosen] > STRICTNESS[strictest]) strictest = chosen;
  }
  return mine && strictest === 'hide' ? 'blur' : strictest;
}

/** The warning's words for a person: topic labels, custom topics, then the author's note. */
export function warningWords(warning: ContentWarning): string {
  const words = [...warning.topics.map((topic) => TOPIC_LABELS[topic]), ...(warning.custom ?? [])];
  const text = warning.text?.trim();
  return [words.join(', '), text].filter((part) => part !== undefined && part !== '').join(' — ') || 'unspecified';
}
