// fast-check arbitraries: journal data (every value passes CheckInSchema) and circle relay addresses.
import fc from 'fast-check';
import { relayUrlProblem } from '../../shared/circles/connection';
import { LIMITS, MEDICATION_ANSWERS, localDay, type CheckIn } from '../../shared/journal/checkIn';
import { DEFAULT_ACTIVITIES } from '../../shared/journal/activities';
import { CURATED_EMOTIONS } from '../../shared/journal/emotions';
import { ENERGY_LEVELS, MOOD_LEVELS } from '../../shared/journal/mood';

/** Zones with awkward offsets (half and quarter hours, ±13/14 h, DST both ways). */
export const TEST_ZONES = [
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/St_Johns',
  'America/Los_Angeles',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Adelaide',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
] as const;

const YEAR_2000 = Date.UTC(2000, 0, 1);
const YEAR_2100 = Date.UTC(2100, 0, 1);

/** An emotion word or activity: mostly familiar ones, sometimes any text of 1–40 UTF-16 units. */
export const labelArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...CURATED_EMOTIONS, ...DEFAULT_ACTIVITIES) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }).filter((s) => s.length >= 1 && s.length <= LIMITS.labelLength) },
);

const labelsArb = fc.array(labelArb, { maxLength: 6 });

/** Notes: usually short prose, sometimes arbitrary Unicode (including quotes, commas, CR/LF and formula starts). */
export const noteArb: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc.lorem({ maxCount: 12, mode: 'sentences' }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('=SUM(A1:A9)', '+1', '-2', '@home', '\tindented', '\rstart', 'say "hi", then\r\nleave'),
);

const sleepArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 0, max: LIMITS.maxSleepHours * 4 }).map((quarters) => quarters / 4),
  fc.double({ min: 0, max: LIMITS.maxSleepHours, noNaN: true }).filter((hours) => !Object.is(hours, -0)),
);

export interface CheckInArbOptions {
  /** Earliest `at` (epoch ms). Default 2000-01-01. */
  readonly minAt?: number;
  /** Latest `at` (epoch ms). Default 2100-01-01. */
  readonly maxAt?: number;
  readonly zones?: readonly string[];
}

/** A valid check-in; optional fields are sometimes absent (never present as undefined). `day` matches `at` in `zone`. */
export function checkInArb(options: CheckInArbOptions = {}): fc.Arbitrary<CheckIn> {
  return fc
    .record({
      id: fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 64 })),
      at: fc.integer({ min: options.minAt ?? YEAR_2000, max: options.maxAt ?? YEAR_2100 }),
      zone: fc.constantFrom(...(options.zones ?? TEST_ZONES)),
      mood: fc.constantFrom(...MOOD_LEVELS),
      energy: fc.option(fc.constantFrom(...ENERGY_LEVELS), { nil: undefined }),
      emotions: labelsArb,
      activities: labelsArb,
      sleepHours: fc.option(sleepArb, { nil: undefined }),
      medication: fc.option(fc.constantFrom(...MEDICATION_ANSWERS), { nil: undefined }),
      note: noteArb,
      createdDelay: fc.integer({ min: 0, max: 3_600_000 }),
      editDelay: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 30 * 86_400_000 })),
    })
    .map(({ energy, sleepHours, medication, createdDelay, editDelay, ...rest }) => {
      const createdAt = rest.at + createdDelay;
      return {
        ...rest,
        day: localDay(rest.at, rest.zone),
        ...(energy === undefined ? {} : { energy }),
        ...(sleepHours === undefined ? {} : { sleepHours }),
        ...(medication === undefined ? {} : { medication }),
        createdAt,
        updatedAt: createdAt + editDelay,
      } satisfies CheckIn;
    });
}

/** Check-ins with distinct ids, as a journal holds them. */
export function checkInsArb(constraints: { minLength?: number; maxLength?: number } & CheckInArbOptions = {}): fc.Arbitrary<CheckIn[]> {
  const { minLength = 0, maxLength = 50, ...options } = constraints;
  return fc.uniqueArray(checkInArb(options), { selector: (checkIn) => checkIn.id, minLength, maxLength });
}

/** A preferences block as exports carry it. */
export const preferencesArb: fc.Arbitrary<{ activities: string[]; customEmotions: string[] }> = fc.record({
  activities: fc.array(labelArb, { maxLength: 20 }),
  customEmotions: fc.array(labelArb, { maxLength: 10 }),
}, { noNullPrototype: true });

/** A relay address Hearth accepts: ws/wss in any case, a domain or IP, maybe a port, path and query (with & and =). */
export const relayUrlArb: fc.Arbitrary<string> = fc
  .record({
    scheme: fc.constantFrom('ws', 'wss', 'WSS', 'Ws'),
    host: fc.oneof(fc.domain(), fc.ipV4(), fc.constantFrom('[::1]', 'localhost')),
    port: fc.option(fc.integer({ min: 1, max: 65_535 }), { nil: undefined }),
    path: fc.webPath(),
    query: fc.option(fc.webQueryParameters(), { nil: undefined }),
  })
  .map(({ scheme, host, port, path, query }) => `${scheme}://${host}${port === undefined ? '' : `:${String(port)}`}${path}${query === undefined ? '' : `?${query}`}`)
  .filter((url) => relayUrlProblem(url) === null);
