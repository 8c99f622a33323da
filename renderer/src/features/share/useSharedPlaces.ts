// Where one journal entry is shared, live, without starting circles early (the service starts on its own
// shortly after launch; until then a card simply shows no chips).
import { useCallback } from 'react';
import type { CirclesSnapshot } from '../circles/circlesService';
import { useCirclesValue } from '../circles/CirclesProvider';
import { samePlaces, sharedPlaces, type SharedPlace } from './places';

export function useSharedPlaces(journalEntryId: string): readonly SharedPlace[] {
  const select = useCallback((snapshot: CirclesSnapshot) => sharedPlaces(snapshot.circles, journalEntryId), [journalEntryId]);
  return useCirclesValue(select, samePlaces);
}
