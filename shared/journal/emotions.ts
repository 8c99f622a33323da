// The curated list of emotion words offered in a check-in, grouped so the list is easy to scan.

export interface EmotionGroup {
  readonly name: string;
  readonly words: readonly string[];
}

export const EMOTION_GROUPS: readonly EmotionGroup[] = [
  { name: 'Calm', words: ['calm', 'content', 'relaxed', 'peaceful', 'relieved', 'safe', 'grounded', 'rested'] },
  {
    name: 'Bright',
    words: ['happy', 'joyful', 'hopeful', 'grateful', 'proud', 'excited', 'loved', 'confident', 'motivated', 'playful', 'inspired', 'connected'],
  },
  { name: 'Low', words: ['sad', 'lonely', 'empty', 'hopeless', 'numb', 'disappointed', 'guilty', 'ashamed', 'grieving', 'hurt', 'worthless', 'withdrawn'] },
  { name: 'Tense', words: ['anxious', 'worried', 'nervous', 'overwhelmed', 'stressed', 'panicky', 'restless', 'scared', 'insecure', 'on edge'] },
  { name: 'Heated', words: ['angry', 'irritable', 'frustrated', 'resentful', 'jealous', 'impatient', 'bitter'] },
  { name: 'Tired', words: ['tired', 'exhausted', 'drained', 'unmotivated', 'foggy', 'bored', 'sluggish'] },
  { name: 'Mixed', words: ['confused', 'vulnerable', 'sensitive', 'nostalgic', 'unsettled', 'detached'] },
];

export const CURATED_EMOTIONS: readonly string[] = EMOTION_GROUPS.flatMap((group) => group.words);
