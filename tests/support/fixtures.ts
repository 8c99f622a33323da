// Test data: single check-ins by hand and whole realistic journals from a seed (Node and browser alike).
import { localDay, type CheckIn, type MedicationAnswer } from '../../shared/journal/checkIn';
import { wallTimeToInstant as wallTimeAt } from '../../shared/time/zoned';
import { DEFAULT_ACTIVITIES } from '../../shared/journal/activities';
import { EMOTION_GROUPS } from '../../shared/journal/emotions';
import type { EnergyLevel, MoodLevel } from '../../shared/journal/mood';

// ---------------------------------------------------------------------------------------------
// A tiny seeded PRNG (mulberry32): the same seed gives the same journal on every machine.

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Roughly normal noise (mean 0, standard deviation 1), from the sum of uniforms. */
  gaussian(): number;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new RangeError('pick from an empty list');
      return item;
    },
    gaussian: () => next() + next() + next() + next() + next() + next() - 3,
  };
}

// ---------------------------------------------------------------------------------------------
// Calendar helpers (no time-zone library: Intl gives the offset, two passes settle DST edges).

const MS_PER_DAY = 86_400_000;

function parseDay(day: string): { year: number; month: number; date: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD day: ${day}`);
  return { year: Number(match[1]), month: Number(match[2]), date: Number(match[3]) };
}

function shiftDay(day: string, offset: number): string {
  const { year, month, date } = parseDay(day);
  return new Date(Date.UTC(year, month - 1, date) + offset * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The instant when the wall clock in `zone` shows `day` at hour:minute. */
export function wallTimeToInstant(day: string, hour: number, minute: number, zone: string): number {
  return wallTimeAt(day, hour * 60 + minute, zone);
}

// ---------------------------------------------------------------------------------------------
// One check-in by hand

let nextFixtureId = 1;

/**
 * A valid check-in with calm defaults, overridden by `partial`. When `day` is given without `at`, `at`
 * is noon UTC of that day and `day` is kept as given; otherwise `day` is derived from `at` and `zone`.
 */
export function makeCheckIn(partial: Partial<CheckIn> = {}): CheckIn {
  const zone = partial.zone ?? 'UTC';
  const at = partial.at ?? (partial.day === undefined ? Date.UTC(2024, 2, 4, 9, 30) : wallTimeToInstant(partial.day, 12, 0, 'UTC'));
  const id = partial.id ?? `fixture-${String(nextFixtureId++)}`;
  return {
    id,
    at,
    zone,
    day: partial.day ?? localDay(at, zone),
    mood: 3,
    emotions: [],
    activities: [],
    note: '',
    createdAt: at,
    updatedAt: at,
    ...partial,
  };
}

// ---------------------------------------------------------------------------------------------
// Whole journals

export interface JournalOptions {
  /** Same seed, same journal. Default 1. */
  readonly seed?: number;
  /** The newest day of the journal, YYYY-MM-DD. Default 2025-06-30. */
  readonly endDay?: string;
  /** IANA zone the check-ins are written in. Default 'UTC'. */
  readonly zone?: string;
}

const LOW_GROUPS = ['Low', 'Tense', 'Tired', 'Heated', 'Mixed'];
const MID_GROUPS = ['Calm', 'Tired', 'Mixed', 'Tense', 'Bright'];
const HIGH_GROUPS = ['Bright', 'Calm', 'Calm', 'Mixed'];

function emotionWords(groups: readonly string[]): readonly string[] {
  return EMOTION_GROUPS.filter((group) => groups.includes(group.name)).flatMap((group) => group.words);
}
const LOW_EMOTIONS = emotionWords(LOW_GROUPS);
const MID_EMOTIONS = emotionWords(MID_GROUPS);
const HIGH_EMOTIONS = emotionWords(HIGH_GROUPS);

/** How likely each default activity is on a given day, and how it nudges that day's mood (mildly). */
const ACTIVITY_MODEL: Readonly<Record<string, { p: number; effect: number }>> = {
  walk: { p: 0.35, effect: 0.35 },
  exercise: { p: 0.2, effect: 0.4 },
  'time outside': { p: 0.3, effect: 0.3 },
  friends: { p: 0.2, effect: 0.45 },
  family: { p: 0.25, effect: 0.1 },
  work: { p: 0.55, effect: -0.15 },
  study: { p: 0.15, effect: -0.05 },
  therapy: { p: 0.08, effect: 0.1 },
  creative: { p: 0.15, effect: 0.3 },
  reading: { p: 0.3, effect: 0.15 },
  music: { p: 0.3, effect: 0.2 },
  chores: { p: 0.35, effect: 0 },
  'cooked a meal': { p: 0.3, effect: 0.15 },
  'screen time': { p: 0.45, effect: -0.3 },
  alcohol: { p: 0.1, effect: -0.4 },
  'rest day': { p: 0.1, effect: -0.2 },
};

/** Weekly rhythm, Sunday first: a slightly heavier Monday, lighter weekend. */
const WEEKDAY_EFFECT = [0.35, -0.35, -0.15, 0, 0.05, 0.25, 0.45];

const OPENERS = [
  'This morning',
  'Today',
  'Tonight',
  'After lunch',
  'Around midday',
  'Late in the evening',
  'First thing',
  'On the bus',
  'At work',
  'Before bed',
  'Earlier',
  'This afternoon',
];
const EVENTS = [
  'I went for a short walk by the river',
  'I called my sister and we talked for an hour',
  'I managed to cook a proper meal',
  'I stayed in bed longer than I wanted to',
  'I had my therapy session',
  'I finished the report I had been avoiding',
  'I sat in the garden with a cup of tea',
  'I scrolled my phone for far too long',
  'I tidied the kitchen and did two loads of washing',
  'I met Sam for coffee at the café on the corner',
  'I read a few chapters of my book',
  'I played guitar for a while',
  'I skipped the gym again',
  'I went to the pharmacy to pick up my prescription',
  'I had a long shift and barely sat down',
  'I tried the breathing exercise from group',
  'I drew in my sketchbook',
  'I took the dog to the park',
  'I had an argument with my partner',
  'I cried for a bit and then felt lighter',
  'I worked from home in my pyjamas',
  'I cleaned my room for the first time in weeks',
  'I went swimming',
  'I listened to an old album from school',
  'I baked bread',
  'I got a message from an old friend',
  'I missed my bus and was late',
  'I sorted out the bills',
  'I spent the evening with my family',
  'I had a migraine most of the day',
];
const REFLECTIONS_LOW = [
  'Everything felt heavy.',
  'I could not shake the feeling that I was letting everyone down.',
  'My thoughts kept racing and I could not settle.',
  'I felt far away from everyone.',
  'It was hard to get started on anything.',
  'I noticed the old worries creeping back.',
  'Sleep did not really help.',
  'I want to be gentler with myself tomorrow.',
  'The anxiety sat in my chest all afternoon.',
  'I kept cancelling plans and then felt guilty about it.',
  'Nothing tasted of anything.',
  'I was irritable with people who did not deserve it.',
  'I reminded myself that this has passed before.',
  'I used my safety plan and it helped a little.',
];
const REFLECTIONS_MID = [
  'It was an ordinary day, which is fine.',
  'Some good moments, some tired ones.',
  'I felt a bit flat but okay.',
  'Not great, not terrible.',
  'I am getting through the week one day at a time.',
  'Energy was low but my mood was steady.',
  'I noticed I was more patient than last week.',
  'I need to drink more water.',
  'I am trying not to judge myself for resting.',
  'Work was busy but manageable.',
  'I kept to my routine, mostly.',
  'I felt a little restless in the evening.',
];
const REFLECTIONS_HIGH = [
  'I felt lighter than I have in a while.',
  'I laughed properly for the first time this week.',
  'I am proud of myself for showing up.',
  'The sunshine really helped.',
  'I felt connected to people again.',
  'I had energy to spare and used it well.',
  'It felt like things are moving in the right direction.',
  'I noticed how calm my body felt.',
  'Grateful for small things today.',
  'I slept well and it showed.',
  'I felt hopeful about the next few weeks.',
];
const EXTRAS = [
  'Note to self: ask about the medication dose at the next appointment.',
  'Things that helped: *fresh air*, music, talking it through.',
  '- tea\n- a walk\n- an early night',
  'Gratitude: my neighbour, the cat, a warm jumper.',
  'Tomorrow: one small thing at a time.',
  'Still thinking about what the counsellor said about boundaries.',
  'Mindfulness practice was 10 minutes today.',
  'Mood dipped around 4pm like it often does.',
  'Remember: naïve hope is still hope 🙂',
  'Journal prompt: what would I tell a friend who felt like this?',
];

function composeNote(random: Random, mood: MoodLevel): string {
  const roll = random.next();
  const target = roll < 0.2 ? 0 : roll < 0.6 ? random.int(20, 120) : roll < 0.9 ? random.int(120, 350) : random.int(350, 600);
  if (target === 0) return '';
  const reflections = mood <= 2 ? REFLECTIONS_LOW : mood === 3 ? REFLECTIONS_MID : REFLECTIONS_HIGH;
  const separator = random.chance(0.15) ? '\n\n' : ' ';
  const sentences: string[] = [];
  let length = 0;
  while (length < target) {
    const kind = random.next();
    const sentence =
      kind < 0.45
        ? `${random.pick(OPENERS)} ${random.pick(EVENTS)}.`
        : kind < 0.9
          ? random.pick(reflections)
          : random.pick(EXTRAS);
    const added = (sentences.length === 0 ? 0 : separator.length) + sentence.length;
    if (length + added > 600) break;
    sentences.push(sentence);
    length += added;
  }
  return sentences.join(separator);
}

function uuidFrom(random: Random): string {
  const hex = Array.from({ length: 32 }, () => random.int(0, 15).toString(16));
  hex[12] = '4';
  hex[16] = (8 + random.int(0, 3)).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

function clampMood(value: number): MoodLevel {
  const rounded = Math.min(5, Math.max(1, Math.round(value)));
  return rounded === 1 ? 1 : rounded === 2 ? 2 : rounded === 3 ? 3 : rounded === 4 ? 4 : 5;
}

function energyFrom(value: number): EnergyLevel {
  return clampMood(value);
}

function pickSome(random: Random, items: readonly string[], count: number): string[] {
  const chosen = new Set<string>();
  for (let tries = 0; chosen.size < count && tries < count * 4; tries++) chosen.add(random.pick(items));
  return [...chosen];
}

/**
 * `count` realistic check-ins, 1–3 a day, going back in time from `endDay`, returned oldest first.
 * Moods follow a weekly rhythm, a slow drift and noise; activities nudge the day's mood a little;
 * sleep (4–10 h) goes with mood; notes (0–600 characters) come from a few hundred journaling sentences.
 */
export function generateJournal(count: number, options: JournalOptions = {}): CheckIn[] {
  const random = seededRandom(options.seed ?? 1);
  const zone = options.zone ?? 'UTC';
  const endDay = options.endDay ?? '2025-06-30';
  const out: CheckIn[] = [];
  let drift = 0;
  for (let back = 0; out.length < count; back++) {
    const day = shiftDay(endDay, -back);
    const { year, month, date } = parseDay(day);
    const weekday = new Date(Date.UTC(year, month - 1, date)).getUTCDay();
    drift = 0.85 * drift + 0.35 * random.gaussian();
    const dayActivities = DEFAULT_ACTIVITIES.filter((activity) => random.chance(ACTIVITY_MODEL[activity]?.p ?? 0.2));
    const activityEffect = dayActivities.reduce((sum, activity) => sum + (ACTIVITY_MODEL[activity]?.effect ?? 0), 0);
    const season = 0.35 * Math.sin((back / 58) * Math.PI * 2);
    const dayLevel = 3.1 + (WEEKDAY_EFFECT[weekday] ?? 0) + drift + season + activityEffect;
    const sleepBase = 7.1 + 0.45 * (dayLevel - 3) + 1.2 * random.gaussian();
    const perDay = Math.min(random.chance(0.55) ? 1 : random.chance(0.6) ? 2 : 3, count - out.length);
    const slots = [
      [7, 10],
      [12, 16],
      [19, 23],
    ] as const;
    const dayCheckIns: CheckIn[] = [];
    for (let i = 0; i < perDay; i++) {
      const slot = slots[perDay === 1 ? random.int(0, 2) : perDay === 2 ? i * 2 : i] ?? slots[0];
      const at = wallTimeToInstant(day, random.int(slot[0], slot[1]), random.int(0, 59), zone);
      const mood = clampMood(dayLevel + 0.6 * random.gaussian());
      const emotionPool = mood <= 2 ? LOW_EMOTIONS : mood === 3 ? MID_EMOTIONS : HIGH_EMOTIONS;
      const emotions = pickSome(random, emotionPool, random.int(0, 4));
      const activities = dayActivities.filter(() => random.chance(perDay === 1 ? 0.95 : 0.6));
      const first = i === 0;
      const sleep = first && random.chance(0.85) ? Math.round(Math.min(10, Math.max(4, sleepBase)) * 4) / 4 : undefined;
      const medicationRoll = random.next();
      const medication: MedicationAnswer | undefined =
        first && random.chance(0.6) ? (medicationRoll < 0.85 ? 'yes' : medicationRoll < 0.95 ? 'no' : 'skip') : undefined;
      const energy = random.chance(0.7) ? energyFrom(mood + 0.8 * random.gaussian()) : undefined;
      const createdAt = at + random.int(0, 20) * 60_000;
      const updatedAt = random.chance(0.1) ? createdAt + random.int(1, 72) * 3_600_000 : createdAt;
      dayCheckIns.push({
        id: uuidFrom(random),
        at,
        zone,
        day: localDay(at, zone),
        mood,
        ...(energy === undefined ? {} : { energy }),
        emotions,
        activities,
        ...(sleep === undefined ? {} : { sleepHours: sleep }),
        ...(medication === undefined ? {} : { medication }),
        note: composeNote(random, mood),
        createdAt,
        updatedAt,
      });
    }
    dayCheckIns.sort((a, b) => a.at - b.at);
    out.push(...dayCheckIns);
  }
  return out.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
}
