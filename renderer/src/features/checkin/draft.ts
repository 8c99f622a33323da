// The check-in form's state and how it becomes a CheckInDraft (pure; the form component only renders it).
import type { CheckIn, CheckInDraft, MedicationAnswer } from '@shared/journal/checkIn';
import { normalizeLabel } from '@shared/journal/checkIn';
import { deviceTimeZone } from '@shared/journal/days';
import { isMoodLevel, type EnergyLevel, type MoodLevel } from '@shared/journal/mood';

export interface FormState {
  readonly mood: MoodLevel | null;
  readonly energy: EnergyLevel | null;
  readonly emotions: readonly string[];
  readonly activities: readonly string[];
  /** As typed; parsed on save so a half-typed number is not lost. */
  readonly sleep: string;
  readonly medication: MedicationAnswer | null;
  readonly note: string;
  /** datetime-local value in the device's zone. */
  readonly when: string;
  /** The zone of the original check-in when editing; kept unless the time is changed. */
  readonly zone: string;
  readonly originalWhen: string;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** An instant as a datetime-local value (device time). */
export function toLocalInput(at: number): string {
  const d = new Date(at);
  return `${String(d.getFullYear())}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function emptyForm(now: number = Date.now()): FormState {
  const when = toLocalInput(now);
  return { mood: null, energy: null, emotions: [], activities: [], sleep: '', medication: null, note: '', when, zone: deviceTimeZone(), originalWhen: when };
}

export function formFromCheckIn(checkIn: CheckIn): FormState {
  const when = toLocalInput(checkIn.at);
  return {
    mood: checkIn.mood,
    energy: checkIn.energy ?? null,
    emotions: checkIn.emotions,
    activities: checkIn.activities,
    sleep: checkIn.sleepHours === undefined ? '' : String(checkIn.sleepHours),
    medication: checkIn.medication ?? null,
    note: checkIn.note,
    when,
    zone: checkIn.zone,
    originalWhen: when,
  };
}

export type DraftResult = { readonly ok: true; readonly draft: CheckInDraft } | { readonly ok: false; readonly field: 'mood' | 'sleep' | 'when'; readonly message: string };

export function parseSleep(text: string): number | undefined | null {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) && value >= 0 && value <= 24 ? value : null;
}

export function toDraft(form: FormState): DraftResult {
  if (form.mood === null || !isMoodLevel(form.mood)) return { ok: false, field: 'mood', message: 'Choose how you are feeling, then save.' };
  const sleep = parseSleep(form.sleep);
  if (sleep === null) return { ok: false, field: 'sleep', message: 'Sleep needs to be a number of hours between 0 and 24.' };
  const at = new Date(form.when).getTime();
  if (!Number.isFinite(at)) return { ok: false, field: 'when', message: 'Choose a date and time for this check-in.' };
  const zone = form.when === form.originalWhen ? form.zone : deviceTimeZone();
  return {
    ok: true,
    draft: {
      at,
      zone,
      mood: form.mood,
      ...(form.energy === null ? {} : { energy: form.energy }),
      emotions: form.emotions,
      activities: form.activities,
      ...(sleep === undefined ? {} : { sleepHours: sleep }),
      ...(form.medication === null ? {} : { medication: form.medication }),
      note: form.note,
    },
  };
}

/** Adds or removes a label, case-insensitively. */
export function toggleLabel(list: readonly string[], label: string): string[] {
  const key = label.toLocaleLowerCase();
  return list.some((item) => item.toLocaleLowerCase() === key) ? list.filter((item) => item.toLocaleLowerCase() !== key) : [...list, label];
}

export function hasLabel(list: readonly string[], label: string): boolean {
  const key = label.toLocaleLowerCase();
  return list.some((item) => item.toLocaleLowerCase() === key);
}

/** Merges a typed custom label into a list unless it is empty or already there. */
export function addLabel(list: readonly string[], raw: string): string[] {
  const label = normalizeLabel(raw);
  if (!label || hasLabel(list, label)) return [...list];
  return [...list, label];
}

export function isDirty(form: FormState, initial: FormState): boolean {
  return JSON.stringify(form) !== JSON.stringify(initial);
}
