// The journal benchmark, run inside Chromium against real IndexedDB: the journal repository, search index
// and insights at a realistic size, each measured beside raw Dexie doing the same reads and writes.
import Dexie, { type Table } from 'dexie';
import { isValidTimeZone, type CheckIn, type CheckInDraft } from '@shared/journal/checkIn';
import { addDays, computeInsights } from '@shared/journal/insights';
import type { MoodLevel } from '@shared/journal/mood';
import { HearthDatabase } from '../../../renderer/src/db/database';
import { Journal } from '../../../renderer/src/db/journal';
import { plainCodec } from '../../../renderer/src/db/codec';
import { SearchIndex, type SearchFilters } from '../../../renderer/src/db/searchIndex';
import { generateJournal } from '../../support/fixtures';
import { JOURNAL_MEASURES, JOURNAL_PARTS, type JournalBenchOptions, type JournalBenchResult, type JournalMeasure, type JournalPart } from './contract';

const PRODUCT_DB = 'hearth-bench-journal';
const RAW_DB = 'hearth-bench-raw';
const SEED_BATCH = 1_000;
const WARM_UP_RUNS = 2;
const WEEK_START = 1;

/** Raw Dexie with the product's indexes, holding plain check-ins: the floor the product is compared to. */
class RawDatabase extends Dexie {
  declare readonly checkIns: Table<CheckIn, string>;

  constructor(durability: 'strict' | 'relaxed') {
    super(RAW_DB, { chromeTransactionDurability: durability });
    this.version(1).stores({ checkIns: 'id, at, day' });
  }
}

type Samples<K extends string> = Record<K, number[]>;

function emptySamples<K extends string>(keys: readonly K[]): Samples<K> {
  return Object.fromEntries(keys.map((key) => [key, [] as number[]])) as Samples<K>;
}

/** A small seeded PRNG (mulberry32), so the drawn queries and months are the same every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(items: readonly T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new RangeError('Cannot pick from an empty list');
  return item;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/** Collects garbage between phases when Chromium was started with --js-flags=--expose-gc. */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Runs product and baseline `runs` times each, interleaved and alternating which goes first, so machine
 * noise lands on both alike. The first WARM_UP_RUNS of each are discarded.
 */
async function paired(
  runs: number,
  product: (run: number) => Promise<number>,
  baseline: (run: number) => Promise<number>,
  into: { product: number[]; baseline: number[] },
): Promise<void> {
  for (let run = 0; run < runs + WARM_UP_RUNS; run++) {
    const productFirst = run % 2 === 0;
    const first = await (productFirst ? product(run) : baseline(run));
    const second = await (productFirst ? baseline(run) : product(run));
    if (run < WARM_UP_RUNS) continue;
    into.product.push(productFirst ? first : second);
    into.baseline.push(productFirst ? second : first);
  }
}

function draftOf(checkIn: CheckIn): CheckInDraft {
  return {
    at: checkIn.at,
    zone: checkIn.zone,
    mood: checkIn.mood,
    ...(checkIn.energy === undefined ? {} : { energy: checkIn.energy }),
    emotions: checkIn.emotions,
    activities: checkIn.activities,
    ...(checkIn.sleepHours === undefined ? {} : { sleepHours: checkIn.sleepHours }),
    ...(checkIn.medication === undefined ? {} : { medication: checkIn.medication }),
    note: checkIn.note,
  };
}

interface Query {
  readonly text: string;
  readonly filters: SearchFilters;
}

const WORD = /[\p{L}']+/gu;

/** Single words and two-word queries taken from the notes themselves, a fifth of them with a filter. */
function drawQueries(checkIns: readonly CheckIn[], count: number, lastDay: string, random: () => number): Query[] {
  const withNotes = checkIns.filter((checkIn) => (checkIn.note.match(WORD) ?? []).some((word) => word.length >= 4));
  if (withNotes.length === 0) throw new Error('The generated journal has no notes to draw search words from');
  const lowMoods: ReadonlySet<MoodLevel> = new Set<MoodLevel>([1, 2]);
  const queries: Query[] = [];
  for (let i = 0; i < count; i++) {
    const source = pick(withNotes, random);
    const words = (source.note.match(WORD) ?? []).map((word) => word.toLocaleLowerCase()).filter((word) => word.length >= 4);
    const first = pick(words, random);
    const text = i % 3 === 2 ? `${first} ${pick(words, random)}` : first;
    let filters: SearchFilters = {};
    if (i % 5 === 4) {
      const kind = Math.floor(i / 5) % 4;
      if (kind === 0) filters = { moods: lowMoods };
      else if (kind === 1 && source.activities[0] !== undefined) filters = { activity: source.activities[0] };
      else if (kind === 2 && source.emotions[0] !== undefined) filters = { emotion: source.emotions[0] };
      else filters = { fromDay: addDays(lastDay, -364), toDay: lastDay };
    }
    queries.push({ text, filters });
  }
  return queries;
}

/** The naive search a developer would write without an index: scan every row, keep notes holding every word. */
function naiveMatch(checkIn: CheckIn, words: readonly string[], filters: SearchFilters): boolean {
  const note = checkIn.note.toLocaleLowerCase();
  if (!words.every((word) => note.includes(word))) return false;
  if (filters.moods && filters.moods.size > 0 && !filters.moods.has(checkIn.mood)) return false;
  if (filters.fromDay && checkIn.day < filters.fromDay) return false;
  if (filters.toDay && checkIn.day > filters.toDay) return false;
  const activity = filters.activity?.toLocaleLowerCase();
  if (activity && !checkIn.activities.some((item) => item.toLocaleLowerCase() === activity)) return false;
  const emotion = filters.emotion?.toLocaleLowerCase();
  if (emotion && !checkIn.emotions.some((item) => item.toLocaleLowerCase() === emotion)) return false;
  return true;
}

/** The first and last day of each of `count` months, newest first, ending with the month of `lastDay`. */
function recentMonths(lastDay: string, count: number): { first: string; last: string }[] {
  const year = Number(lastDay.slice(0, 4));
  const month = Number(lastDay.slice(5, 7)) - 1;
  const months: { first: string; last: string }[] = [];
  for (let back = 0; back < count; back++) {
    const start = new Date(Date.UTC(year, month - back, 1));
    const end = new Date(Date.UTC(year, month - back + 1, 0));
    months.push({ first: start.toISOString().slice(0, 10), last: end.toISOString().slice(0, 10) });
  }
  return months;
}

/** Chromium's full version from User-Agent Client Hints (the User-Agent string is reduced to 156.0.0.0). */
async function browserVersion(): Promise<string> {
  const hints = (navigator as { userAgentData?: { getHighEntropyValues(hints: string[]): Promise<{ fullVersionList?: { brand: string; version: string }[] }> } })
    .userAgentData;
  const brands = (await hints?.getHighEntropyValues(['fullVersionList']))?.fullVersionList ?? [];
  return brands.find((brand) => /chrom/i.test(brand.brand))?.version ?? navigator.userAgent;
}

function expectSame(what: string, product: number, baseline: number): void {
  if (product !== baseline) throw new Error(`${what}: the product read ${String(product)} rows but raw Dexie read ${String(baseline)}; the comparison would be unfair`);
}

export async function runJournalBench(options: JournalBenchOptions, progress: (message: string) => void): Promise<JournalBenchResult> {
  const journalSamples = emptySamples<JournalMeasure>(JOURNAL_MEASURES);
  const baselineSamples = emptySamples<JournalMeasure>(JOURNAL_MEASURES);
  const parts = emptySamples<JournalPart>(JOURNAL_PARTS);
  const pair = (measure: JournalMeasure) => ({ product: journalSamples[measure], baseline: baselineSamples[measure] });
  const random = seededRandom(options.seed);

  await Dexie.delete(PRODUCT_DB);
  await Dexie.delete(RAW_DB);
  const db = new HearthDatabase(PRODUCT_DB);
  const raw = new RawDatabase('strict');
  const rawRelaxed = new RawDatabase('relaxed');
  const journal = new Journal(db);
  let index: SearchIndex | undefined;
  try {
    await Promise.all([db.open(), raw.open()]);
    await rawRelaxed.open();

    // --- Seed both databases with the same check-ins, in batches like a large import.
    progress(`generating ${String(options.entries)} check-ins`);
    const checkIns = generateJournal(options.entries, { seed: options.seed, endDay: options.endDay, zone: options.zone });
    const seedStart = performance.now();
    for (let from = 0; from < checkIns.length; from += SEED_BATCH) {
      const batch = checkIns.slice(from, from + SEED_BATCH);
      await journal.writeImport({ add: batch, update: [] });
      await raw.transaction('rw', raw.checkIns, () => raw.checkIns.bulkPut(batch));
      if (from % (SEED_BATCH * 5) === 0) progress(`seeded ${String(from + batch.length)} / ${String(checkIns.length)}`);
    }
    const seedMs = performance.now() - seedStart;
    const entries = await journal.count();
    expectSame('Seeding', entries, await raw.checkIns.count());
    const days = checkIns.map((checkIn) => checkIn.day).sort();
    const firstDay = days[0] ?? options.endDay;
    const lastDay = days[days.length - 1] ?? options.endDay;

    // --- Search index build (one-off, after start-up or unlock). The listeners around it time its share of a save.
    collectGarbage();
    progress('building the search index');
    let indexUpdateStart = 0;
    journal.onChange(() => {
      indexUpdateStart = performance.now();
    });
    index = new SearchIndex(journal);
    journal.onChange((change) => {
      if (change.kind === 'put') parts.saveSearchIndexUpdate.push(performance.now() - indexUpdateStart);
    });
    const warmIndex = index;
    const searchIndexBuildMs = await timed(() => warmIndex.ready());

    // --- Search: warm index versus a full scan of the raw table.
    collectGarbage();
    progress(`search: ${String(options.searches)} queries`);
    const queries = drawQueries(checkIns, options.searches + WARM_UP_RUNS, lastDay, random);
    const hits = { journal: 0, baseline: 0 };
    const searches: { query: string; filtered: boolean; ms: number; hits: number }[] = [];
    await paired(
      options.searches,
      async (run) => {
        const query = queries[run];
        if (!query) throw new RangeError('Ran out of queries');
        const start = performance.now();
        const result = await warmIndex.search(query.text, query.filters);
        const ms = performance.now() - start;
        if (run >= WARM_UP_RUNS) {
          hits.journal += result.total;
          searches.push({ query: query.text, filtered: Object.keys(query.filters).length > 0, ms: Math.round(ms * 100) / 100, hits: result.total });
        }
        return ms;
      },
      async (run) => {
        const query = queries[run];
        if (!query) throw new RangeError('Ran out of queries');
        const words = query.text.toLocaleLowerCase().split(/\s+/).filter(Boolean);
        const start = performance.now();
        const rows = await raw.checkIns.toArray();
        const found = rows.filter((checkIn) => naiveMatch(checkIn, words, query.filters)).sort((a, b) => b.at - a.at);
        const ms = performance.now() - start;
        if (run >= WARM_UP_RUNS) hits.baseline += found.length;
        return ms;
      },
      pair('search'),
    );

    // --- Timeline first rows: a fresh repository (and, in the second measure, a fresh connection) each time.
    collectGarbage();
    progress(`timeline: ${String(options.timelineRuns)} × first ${String(options.timelineRows)} rows`);
    const rowsWanted = Math.min(options.timelineRows, entries);
    // What the timeline shows first: the newest rows, decoded. The full id list it loads beside them
    // (for scrolling anywhere) is timed on its own in the breakdown.
    const timelineProduct = async (database: HearthDatabase, split?: { rows: number[] }): Promise<number> => {
      const start = performance.now();
      const rows = await new Journal(database).newest(options.timelineRows);
      split?.rows.push(performance.now() - start);
      return rows.length;
    };
    const timelineRaw = async (database: RawDatabase): Promise<number> => (await database.checkIns.orderBy('at').reverse().limit(options.timelineRows).toArray()).length;
    await paired(
      options.timelineRuns,
      (run) => timed(async () => expectSame('Timeline', await timelineProduct(db, run < WARM_UP_RUNS ? undefined : { rows: parts.timelineRows }), rowsWanted)),
      () => timed(async () => expectSame('Timeline baseline', await timelineRaw(raw), rowsWanted)),
      pair('timelineFirstRows'),
    );
    await paired(
      options.timelineRuns,
      () =>
        timed(async () => {
          const fresh = new HearthDatabase(PRODUCT_DB);
          try {
            await fresh.open();
            expectSame('Timeline after open', await timelineProduct(fresh), rowsWanted);
          } finally {
            fresh.close();
          }
        }),
      () =>
        timed(async () => {
          const fresh = new RawDatabase('strict');
          try {
            await fresh.open();
            expectSame('Timeline baseline after open', await timelineRaw(fresh), rowsWanted);
          } finally {
            fresh.close();
          }
        }),
      pair('timelineOpenFirstRows'),
    );

    // The full id list the timeline loads beside its first screen, newest first.
    for (let run = 0; run < options.timelineRuns; run++) parts.timelineIds.push(await timed(() => new Journal(db).idsNewestFirst()));
    // The same ids read in ascending order (IDBIndex.getAllKeys, no cursor) and reversed in memory.
    for (let run = 0; run < options.timelineRuns; run++) {
      parts.timelineIdsAscendingReversed.push(await timed(async () => (await db.checkIns.orderBy('at').primaryKeys()).reverse()));
    }
    // Reading and decoding every check-in: the search index build's read, without MiniSearch.
    for (let run = 0; run < 3; run++) parts.journalAll.push(await timed(() => journal.all()));

    // --- Calendar month: one month's check-ins by day range.
    collectGarbage();
    progress(`calendar: ${String(options.calendarMonths)} months`);
    const months = recentMonths(lastDay, options.calendarMonths + WARM_UP_RUNS);
    await paired(
      options.calendarMonths,
      async (run) => {
        const month = months[run];
        if (!month) throw new RangeError('Ran out of months');
        const start = performance.now();
        const rows = await journal.between(month.first, month.last);
        const ms = performance.now() - start;
        expectSame(`Calendar ${month.first}`, rows.length, await raw.checkIns.where('day').between(month.first, month.last, true, true).count());
        return ms;
      },
      async (run) => {
        const month = months[run];
        if (!month) throw new RangeError('Ran out of months');
        return timed(() => raw.checkIns.where('day').between(month.first, month.last, true, true).toArray());
      },
      pair('calendarMonth'),
    );

    // --- A year of insights: two years read (the year and the one before, for comparison) and computed.
    collectGarbage();
    progress(`insights: ${String(options.insightRuns)} × a year`);
    const today = lastDay;
    const yearFrom = addDays(today, -729);
    const insightOptions = { today, range: 365, weekStart: WEEK_START } as const;
    let yearInsightsRows = 0;
    await paired(
      options.insightRuns,
      async (run) => {
        const start = performance.now();
        const rows = await journal.between(yearFrom, today);
        const read = performance.now();
        computeInsights(rows, insightOptions);
        const end = performance.now();
        if (run >= WARM_UP_RUNS) {
          parts.yearInsightsRead.push(read - start);
          parts.yearInsightsCompute.push(end - read);
        }
        yearInsightsRows = rows.length;
        return end - start;
      },
      () =>
        timed(async () => {
          const rows = await raw.checkIns.where('day').between(yearFrom, today, true, true).toArray();
          computeInsights(rows, insightOptions);
        }),
      pair('yearInsights'),
    );
    expectSame('A year of insights', yearInsightsRows, await raw.checkIns.where('day').between(yearFrom, today, true, true).count());
    // Reading the stored rows without decoding, and decoding (the codec's schema validation) alone, to show
    // how the product's read splits.
    const yearRows = await db.checkIns.where('day').between(yearFrom, today, true, true).toArray();
    for (let run = 0; run < options.insightRuns; run++) {
      parts.yearRowsReadStored.push(await timed(() => db.checkIns.where('day').between(yearFrom, today, true, true).toArray()));
      parts.yearRowsDecode.push(await timed(() => Promise.all(yearRows.map((row) => plainCodec.decode(row.id, row)))));
      const start = performance.now();
      for (const row of yearRows) isValidTimeZone((row.body as { zone: string }).zone);
      parts.yearRowsZoneCheck.push(performance.now() - start);
    }

    // --- Save: one new check-in at a time, with the live search index attached as in the app.
    collectGarbage();
    progress(`save: ${String(options.saves)} new check-ins`);
    const fresh = generateJournal(options.saves + WARM_UP_RUNS, { seed: options.seed + 1, endDay: options.endDay, zone: options.zone });
    const drafts = fresh.map(draftOf);
    const plain = fresh.map((checkIn) => ({ ...checkIn, id: crypto.randomUUID() }));
    const relaxed = fresh.map((checkIn) => ({ ...checkIn, id: crypto.randomUUID() }));
    await paired(
      options.saves,
      (run) =>
        timed(async () => {
          const draft = drafts[run];
          if (!draft) throw new RangeError('Ran out of drafts');
          await journal.create(draft);
        }),
      async (run) => {
        const row = plain[run];
        const relaxedRow = relaxed[run];
        if (!row || !relaxedRow) throw new RangeError('Ran out of rows');
        const ms = await timed(() => raw.checkIns.put(row));
        const relaxedMs = await timed(() => rawRelaxed.checkIns.put(relaxedRow));
        if (run >= WARM_UP_RUNS) parts.rawPutRelaxedDurability.push(relaxedMs);
        return ms;
      },
      pair('save'),
    );
    // The index listener also saw the warm-up saves; keep only the measured ones.
    parts.saveSearchIndexUpdate.splice(0, parts.saveSearchIndexUpdate.length - options.saves);
    expectSame('Saves', await journal.count(), entries + options.saves + WARM_UP_RUNS);

    return {
      entries,
      firstDay,
      lastDay,
      seedMs,
      searchIndexBuildMs,
      searchMeanHits: { journal: hits.journal / options.searches, baseline: hits.baseline / options.searches },
      searchSlowest: searches.sort((a, b) => b.ms - a.ms).slice(0, 5),
      yearInsightsRows,
      samples: { journal: journalSamples, baseline: baselineSamples, parts },
      browserVersion: await browserVersion(),
    };
  } finally {
    index?.dispose();
    db.close();
    raw.close();
    rawRelaxed.close();
    progress('deleting the bench databases');
    await Dexie.delete(PRODUCT_DB);
    await Dexie.delete(RAW_DB);
  }
}
