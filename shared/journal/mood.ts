// The five-level mood scale and the optional energy scale, with the words and colours people see.

export const MOOD_LEVELS = [1, 2, 3, 4, 5] as const;
export type MoodLevel = (typeof MOOD_LEVELS)[number];

export interface MoodInfo {
  readonly level: MoodLevel;
  readonly word: string;
  /** A short, gentle description used as the accessible description of the choice. */
  readonly description: string;
  /** A CSS custom property defined by the theme, so light and dark each get readable colours. */
  readonly colorVar: string;
}

export const MOODS: readonly MoodInfo[] = [
  { level: 1, word: 'Very low', description: 'A very hard time', colorVar: '--mood-1' },
  { level: 2, word: 'Low', description: 'Harder than usual', colorVar: '--mood-2' },
  { level: 3, word: 'Okay', description: 'Getting by', colorVar: '--mood-3' },
  { level: 4, word: 'Good', description: 'Things feel manageable', colorVar: '--mood-4' },
  { level: 5, word: 'Very good', description: 'A bright day', colorVar: '--mood-5' },
];

export function moodInfo(level: MoodLevel): MoodInfo {
  const info = MOODS[level - 1];
  if (!info) throw new RangeError(`No mood level ${String(level)}`);
  return info;
}

export const ENERGY_LEVELS = [1, 2, 3, 4, 5] as const;
export type EnergyLevel = (typeof ENERGY_LEVELS)[number];

export const ENERGY_WORDS: Readonly<Record<EnergyLevel, string>> = {
  1: 'Drained',
  2: 'Tired',
  3: 'Steady',
  4: 'Energetic',
  5: 'Wired',
};

export function isMoodLevel(value: number): value is MoodLevel {
  return Number.isInteger(value) && value >= 1 && value <= 5;
}
