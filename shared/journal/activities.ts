// The starting list of activities/tags; people edit their own list in Settings.

export const DEFAULT_ACTIVITIES: readonly string[] = [
  'walk',
  'exercise',
  'time outside',
  'friends',
  'family',
  'work',
  'study',
  'therapy',
  'creative',
  'reading',
  'music',
  'chores',
  'cooked a meal',
  'screen time',
  'alcohol',
  'rest day',
];
