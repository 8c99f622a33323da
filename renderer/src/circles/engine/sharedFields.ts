// Picks the fields a person chose from a check-in: the exact value that the share preview shows and that leaves the device.
import { SharedFieldsSchema, type SharedFields } from '@shared/circles/body';
import type { CheckIn } from '@shared/journal/checkIn';

/** What can be shared; medication and the entry's id and times never can. */
export const SHAREABLE_FIELDS = ['day', 'mood', 'energy', 'emotions', 'activities', 'sleep', 'note'] as const;
export type ShareableField = (typeof SHAREABLE_FIELDS)[number];

export function pickSharedFields(checkIn: CheckIn, chosen: Iterable<ShareableField>): SharedFields {
  const wanted = new Set(chosen);
  return SharedFieldsSchema.parse({
    ...(wanted.has('day') ? { day: checkIn.day } : {}),
    ...(wanted.has('mood') ? { mood: checkIn.mood } : {}),
    ...(wanted.has('energy') && checkIn.energy !== undefined ? { energy: checkIn.energy } : {}),
    ...(wanted.has('emotions') ? { emotions: [...checkIn.emotions] } : {}),
    ...(wanted.has('activities') ? { activities: [...checkIn.activities] } : {}),
    ...(wanted.has('sleep') && checkIn.sleepHours !== undefined ? { sleepHours: checkIn.sleepHours } : {}),
    ...(wanted.has('note') && checkIn.note.trim() !== '' ? { note: checkIn.note } : {}),
  });
}
