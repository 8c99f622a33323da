// Where a journal entry is shared, from the circles on this device (each circle's record maps journal ids
// to its posts; that map never leaves the device). Kept apart from the dialog's model so the journal's
// cards load nothing more than this.
import type { CircleSnapshot } from '../circles/circlesService';

export interface SharedPlace {
  readonly circleId: string;
  /** Null until the circle's (encrypted) name has been read on this device. */
  readonly name: string | null;
  readonly sharedAt: number;
}

export function sharedPlaces(circles: readonly CircleSnapshot[], journalEntryId: string): SharedPlace[] {
  return circles.flatMap((circle) => {
    const shared = circle.record.shared[journalEntryId];
    return shared ? [{ circleId: circle.circleId, name: circle.open?.name ?? null, sharedAt: shared.sharedAt }] : [];
  });
}

export function samePlaces(a: readonly SharedPlace[], b: readonly SharedPlace[]): boolean {
  return a.length === b.length && a.every((place, index) => place.circleId === b[index]?.circleId && place.name === b[index].name && place.sharedAt === b[index].sharedAt);
}

/** "Tuesday circle", or a plain placeholder while its name is still being read. */
export function placeName(place: SharedPlace): string {
  return place.name ?? 'a circle';
}
