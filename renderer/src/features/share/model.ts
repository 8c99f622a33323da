// The share dialog's pure parts: the fields a check-in offers and which start ticked, the content warning
// from the form, the copy that leaves the device (built once; the preview renders this same value), which
// circles can take it and why not, and the words that report what happened. No React here.
import { canonicalJson } from '@shared/circles/bytes';
import { BODY_LIMITS, CONTENT_WARNING_TOPICS, ContentWarningSchema, type ContentWarning, type ContentWarningTopic, type SharedFields } from '@shared/circles/body';
import { normalizeLabels, type CheckIn } from '@shared/journal/checkIn';
import { ENERGY_WORDS, moodInfo } from '@shared/journal/mood';
import { pickSharedFields, SHAREABLE_FIELDS, type ShareableField } from '../../circles/engine/sharedFields';
import { formatDayMedium, formatHours } from '../../ui/format';
import type { CircleSnapshot } from '../circles/circlesService';
import { circleName } from '../circles/model';

export const FIELD_LABELS: Readonly<Record<ShareableField, string>> = {
  day: 'Date',
  mood: 'Mood',
  energy: 'Energy',
  emotions: 'Emotions',
  activities: 'Activities',
  sleep: 'Sleep',
  note: 'Note',
};

/** Ticked for a first share: enough to say how the day was, nothing more. The note is the most private part. */
export const DEFAULT_FIELDS: readonly ShareableField[] = ['mood', 'emotions'];

export interface FieldOption {
  readonly field: ShareableField;
  readonly label: string;
  /** What this check-in says for the field, shortened for the list; null when it has nothing there. */
  readonly value: string | null;
}

const NOTE_EXCERPT = 70;

/** Every shareable field with this check-in's value beside it, in the order the dialog lists them. */
export function fieldOptions(checkIn: CheckIn): FieldOption[] {
  const values: Record<ShareableField, string | null> = {
    day: formatDayMedium(checkIn.day),
    mood: moodInfo(checkIn.mood).word,
    energy: checkIn.energy === undefined ? null : ENERGY_WORDS[checkIn.energy],
    emotions: checkIn.emotions.length > 0 ? checkIn.emotions.join(', ') : null,
    activities: checkIn.activities.length > 0 ? checkIn.activities.join(', ') : null,
    sleep: checkIn.sleepHours === undefined ? null : formatHours(checkIn.sleepHours),
    note: noteExcerpt(checkIn.note),
  };
  return SHAREABLE_FIELDS.map((field) => ({ field, label: FIELD_LABELS[field], value: values[field] }));
}

function noteExcerpt(note: string): string | null {
  const flat = note.replace(/\s+/g, ' ').trim();
  if (flat === '') return null;
  return flat.length > NOTE_EXCERPT ? `${flat.slice(0, NOTE_EXCERPT - 1).replace(/[\s.,;:!?]+$/, '')}…` : flat;
}

const FIELD_OF: Readonly<Record<keyof SharedFields, ShareableField>> = {
  day: 'day',
  mood: 'mood',
  energy: 'energy',
  emotions: 'emotions',
  activities: 'activities',
  sleepHours: 'sleep',
  note: 'note',
};

/**
 * The fields ticked when the dialog opens. For an entry already shared, those of its newest circle copy, so
 * updating it keeps what the person chose then; otherwise mood and emotions. Never a field this check-in
 * has nothing for.
 */
export function initialFields(checkIn: CheckIn, copy: SharedCopy | null): ReadonlySet<ShareableField> {
  const offered = new Set(fieldOptions(checkIn).flatMap((option) => (option.value === null ? [] : [option.field])));
  const wanted = copy ? (Object.keys(copy.fields) as (keyof SharedFields)[]).map((key) => FIELD_OF[key]) : DEFAULT_FIELDS;
  return new Set(wanted.filter((field) => offered.has(field)));
}

/** Adds or removes one field, keeping the dialog's order. */
export function toggleField(chosen: ReadonlySet<ShareableField>, field: ShareableField): ReadonlySet<ShareableField> {
  const next = new Set(chosen);
  if (next.has(field)) next.delete(field);
  else next.add(field);
  return new Set(SHAREABLE_FIELDS.filter((candidate) => next.has(candidate)));
}

export const TOPIC_LABELS: Readonly<Record<ContentWarningTopic, string>> = {
  'self-harm': 'Self-harm',
  suicide: 'Suicide',
  eating: 'Eating',
  'substance-use': 'Substance use',
  abuse: 'Abuse',
  violence: 'Violence',
  grief: 'Grief',
  medication: 'Medication',
  hospital: 'Hospital',
};

/** The content warning as the form holds it. */
export interface WarningChoice {
  readonly on: boolean;
  readonly topics: readonly ContentWarningTopic[];
  /** Topics in the person's own words, separated by commas. */
  readonly custom: string;
}

export const NO_WARNING: WarningChoice = { on: false, topics: [], custom: '' };

/** The form for an existing warning (an update starts from what the circle copy carries). */
export function warningChoiceOf(warning: ContentWarning | undefined): WarningChoice {
  if (!warning) return NO_WARNING;
  return { on: true, topics: CONTENT_WARNING_TOPICS.filter((topic) => warning.topics.includes(topic)), custom: (warning.custom ?? []).join(', ') };
}

export function toggleTopic(choice: WarningChoice, topic: ContentWarningTopic): WarningChoice {
  const topics = choice.topics.includes(topic) ? choice.topics.filter((candidate) => candidate !== topic) : [...choice.topics, topic];
  return { ...choice, topics: CONTENT_WARNING_TOPICS.filter((candidate) => topics.includes(candidate)) };
}

export type WarningResult = { readonly ok: true; readonly warning: ContentWarning | undefined } | { readonly ok: false; readonly message: string };

/** The warning that goes with the post, or what is missing; a warning names at least one topic. */
export function contentWarningOf(choice: WarningChoice): WarningResult {
  if (!choice.on) return { ok: true, warning: undefined };
  const custom = normalizeLabels(choice.custom.split(','));
  if (custom.length > BODY_LIMITS.customTopics) {
    return { ok: false, message: `Name up to ${String(BODY_LIMITS.customTopics)} topics of your own.` };
  }
  if (choice.topics.length === 0 && custom.length === 0) {
    return { ok: false, message: 'Choose a topic for the content warning, or turn the warning off.' };
  }
  return { ok: true, warning: ContentWarningSchema.parse({ topics: [...choice.topics], ...(custom.length > 0 ? { custom } : {}) }) };
}

/** Exactly what leaves the device for one circle post. */
export interface SharedCopy {
  readonly fields: SharedFields;
  readonly contentWarning?: ContentWarning;
}

export function sharedCopy(checkIn: CheckIn, chosen: Iterable<ShareableField>, warning: ContentWarning | undefined): SharedCopy {
  return { fields: pickSharedFields(checkIn, chosen), ...(warning ? { contentWarning: warning } : {}) };
}

/** True when a circle already holds this very copy (nothing to update). */
export function sameCopy(a: SharedCopy, b: SharedCopy): boolean {
  return canonicalJson({ fields: a.fields, contentWarning: a.contentWarning }) === canonicalJson({ fields: b.fields, contentWarning: b.contentWarning });
}

/** A circle as the share dialog offers it. */
export type CircleChoice =
  | { readonly kind: 'can-share'; readonly circleId: string; readonly name: string; readonly pseudonym: string; readonly online: boolean }
  | {
      readonly kind: 'shared';
      readonly circleId: string;
      readonly name: string;
      readonly sharedAt: number;
      /** The copy the circle shows now; null when it is not in this device's view (e.g. a facilitator hid it). */
      readonly copy: SharedCopy | null;
      readonly online: boolean;
    }
  | { readonly kind: 'cannot-share'; readonly circleId: string; readonly name: string; readonly reason: string };

/** Every circle on this device, for one journal entry: where it is shared, where it can be, and why not elsewhere. */
export function circleChoices(circles: readonly CircleSnapshot[], journalEntryId: string): CircleChoice[] {
  return circles.map((circle): CircleChoice => {
    const name = circleName(circle);
    const { circleId, record, open } = circle;
    const shared = record.shared[journalEntryId];
    if (shared && open) {
      const me = open.members.find((member) => member.isMe)?.keyId;
      const post = open.posts.find((candidate) => candidate.ref.entryId === shared.entryId && candidate.ref.author === me);
      const copy = post ? { fields: post.fields, ...(post.contentWarning ? { contentWarning: post.contentWarning } : {}) } : null;
      return { kind: 'shared', circleId, name, sharedAt: shared.sharedAt, copy, online: open.status.peers > 0 };
    }
    const reason = whyNot(circle);
    if (reason !== null) return { kind: 'cannot-share', circleId, name, reason };
    return { kind: 'can-share', circleId, name, pseudonym: record.pseudonym, online: (open?.status.peers ?? 0) > 0 };
  });
}

function whyNot(circle: CircleSnapshot): string | null {
  const open = circle.open;
  if (circle.openProblem) return circle.openProblem;
  if (!open) return 'Still opening on this device.';
  if (open.problem) return open.problem;
  if (!open.members.some((member) => member.isMe)) return 'You’re no longer a member of this circle.';
  if (open.charter === null) return 'Its charter hasn’t arrived on this device yet. It will once another member is online.';
  if (open.needsCharterAcceptance) return 'Read and accept its charter first.';
  return null;
}

/** The newest circle copy of an entry, so a second share or an update starts from the same choices. */
export function newestCopy(choices: readonly CircleChoice[]): SharedCopy | null {
  let newest: { at: number; copy: SharedCopy } | null = null;
  for (const choice of choices) {
    if (choice.kind === 'shared' && choice.copy && (!newest || choice.sharedAt > newest.at)) newest = { at: choice.sharedAt, copy: choice.copy };
  }
  return newest?.copy ?? null;
}

/** "Tuesday circle", "Tuesday circle and Friday group", "A, B and C". */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}

export interface CircleResult {
  readonly name: string;
  readonly ok: boolean;
  /** The engine's message when it did not work. */
  readonly message?: string;
  /** It worked but no other member was online to receive it yet. */
  readonly waiting?: boolean;
}

export interface Report {
  readonly message: string;
  readonly tone: 'info' | 'error';
}

/** One message for a share to several circles: what worked, what didn't and why, and what is still on its way. */
export function shareReport(results: readonly CircleResult[], done: 'Shared to' | 'Updated the copy in' | 'Taken back from'): Report {
  const worked = results.filter((result) => result.ok);
  const failed = results.filter((result) => !result.ok);
  const parts: string[] = [];
  if (worked.length > 0) parts.push(`${done} ${listNames(worked.map((result) => result.name))}.`);
  const waiting = worked.filter((result) => result.waiting).map((result) => result.name);
  if (waiting.length > 0) {
    const what = done === 'Taken back from' ? 'Members’ devices will be asked to hide it' : 'It will reach members';
    parts.push(`No one else in ${listNames(waiting)} is online right now. ${what} when one of them is.`);
  }
  for (const result of failed) parts.push(`${result.name}: ${result.message ?? 'that didn’t work. Try again.'}`);
  return { message: parts.join(' '), tone: failed.length > 0 ? 'error' : 'info' };
}

/** "3 Mar 2026, 14:05": when a copy was shared, in the device's language. */
export function sharedOn(at: number): string {
  return new Date(at).toLocaleString(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit' });
}
