// A check-in being written when Hearth locks is kept, sealed, and offered again after unlocking. The open
// dialog publishes what it holds; the lock reads it just before the page goes; the editor takes it back.
import { z } from 'zod';
import { CheckInSchema, LIMITS, MEDICATION_ANSWERS, type CheckIn } from '@shared/journal/checkIn';
import { ENERGY_LEVELS, MOOD_LEVELS } from '@shared/journal/mood';
import type { FormState } from './draft';

export interface KeptDraft {
  /** The check-in being edited, or null for a new one. */
  readonly editing: CheckIn | null;
  readonly initial: FormState;
  readonly form: FormState;
}

const labels = z.array(z.string().max(LIMITS.labelLength)).max(200);
const FormStateSchema = z.object({
  mood: z.literal(MOOD_LEVELS).nullable(),
  energy: z.literal(ENERGY_LEVELS).nullable(),
  emotions: labels,
  activities: labels,
  sleep: z.string().max(40),
  medication: z.enum(MEDICATION_ANSWERS).nullable(),
  note: z.string().max(LIMITS.noteLength),
  when: z.string().max(40),
  zone: z.string().max(100),
  originalWhen: z.string().max(40),
});

/** Reads a kept draft back after unlocking; it was sealed, so this only guards against a bug or an old layout. */
export const KeptDraftSchema: z.ZodType<KeptDraft> = z.object({ editing: CheckInSchema.nullable(), initial: FormStateSchema, form: FormStateSchema });

let readOpen: (() => KeptDraft | null) | null = null;

/** The open dialog says how to read its unsaved work (null when it closes). */
export function publishOpenDraft(read: (() => KeptDraft | null) | null): void {
  readOpen = read;
}

/** What the open check-in dialog holds that isn't saved, or null. */
export function readOpenDraft(): KeptDraft | null {
  return readOpen?.() ?? null;
}
