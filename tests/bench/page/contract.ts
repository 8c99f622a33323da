// What the Node runner and the bench page agree on: the options passed in and the raw samples handed back.
// Types only, so both sides can import it without pulling browser or Node code into the other.

export interface JournalBenchOptions {
  /** How many check-ins to seed (the budgets are stated at 10,000). */
  readonly entries: number;
  /** Seed for the generated journal and the drawn queries, so runs are comparable. */
  readonly seed: number;
  /** The last day of the generated journal, and "today" for insights (YYYY-MM-DD). */
  readonly endDay: string;
  readonly zone: string;
  readonly saves: number;
  readonly searches: number;
  readonly timelineRuns: number;
  readonly calendarMonths: number;
  readonly insightRuns: number;
  /** Rows the timeline shows first. */
  readonly timelineRows: number;
}

/** Everything measured in pairs: the product code and raw Dexie doing the same reads or writes. */
export const JOURNAL_MEASURES = ['save', 'search', 'timelineFirstRows', 'timelineOpenFirstRows', 'calendarMonth', 'yearInsights'] as const;
export type JournalMeasure = (typeof JOURNAL_MEASURES)[number];

/**
 * Extra timings that show where the time of a paired measure goes: the two halves of the timeline's
 * first rows (all ids newest first, then the first rows) and the same ids read ascending and reversed in
 * memory; reading and decoding every check-in (the search index build's read); the two halves of a year
 * of insights, reading that year's stored rows without decoding them, decoding (schema validation) of
 * those rows alone and, within it, the time-zone check
 * (isValidTimeZone builds an Intl.DateTimeFormat per row); the search index's share of a
 * save, and a raw put with relaxed durability (what strict durability costs).
 */
export const JOURNAL_PARTS = [
  'timelineIds',
  'timelineRows',
  'timelineIdsAscendingReversed',
  'journalAll',
  'yearInsightsRead',
  'yearInsightsCompute',
  'yearRowsReadStored',
  'yearRowsDecode',
  'yearRowsZoneCheck',
  'saveSearchIndexUpdate',
  'rawPutRelaxedDurability',
] as const;
export type JournalPart = (typeof JOURNAL_PARTS)[number];

export interface JournalBenchSamples {
  /** Every sample in milliseconds, in the order taken (warm-up runs are not included). */
  readonly journal: Readonly<Record<JournalMeasure, readonly number[]>>;
  readonly baseline: Readonly<Record<JournalMeasure, readonly number[]>>;
  readonly parts: Readonly<Record<JournalPart, readonly number[]>>;
}

export interface JournalBenchResult {
  readonly entries: number;
  readonly firstDay: string;
  readonly lastDay: string;
  readonly seedMs: number;
  readonly searchIndexBuildMs: number;
  /** Mean number of hits per query, product and naive scan (a sanity check that queries find things). */
  readonly searchMeanHits: { readonly journal: number; readonly baseline: number };
  /** The slowest product searches, to show what makes a search slow. */
  readonly searchSlowest: readonly { readonly query: string; readonly filtered: boolean; readonly ms: number; readonly hits: number }[];
  /** Check-ins in the 730 days read for a year of insights. */
  readonly yearInsightsRows: number;
  readonly samples: JournalBenchSamples;
  /** Chromium's full version, e.g. 156.0.8078.79. */
  readonly browserVersion: string;
}

/** Encryption at rest: the same journal measured plain and sealed (after set-up) in one run. */
export interface VaultBenchOptions {
  readonly entries: number;
  readonly seed: number;
  readonly endDay: string;
  readonly zone: string;
  readonly saves: number;
  readonly searches: number;
  /** Unlocks at the real Argon2id cost (PASSCODE_KDF, in the Web Worker), each on a fresh connection. */
  readonly unlocks: number;
}

export const VAULT_MEASURES = ['save', 'search', 'timelineFirstRows'] as const;
export type VaultMeasure = (typeof VAULT_MEASURES)[number];

export interface VaultBenchResult {
  readonly entries: number;
  /** Set-up on the seeded plaintext journal: seal every row and write them in one transaction. */
  readonly setUpMs: number;
  /** The search index build (reading and opening every record, then MiniSearch), plain and sealed. */
  readonly searchIndexBuildMs: { readonly plain: number; readonly encrypted: number };
  readonly samples: {
    /** openVault on a fresh connection + unlockWithPasscode (Argon2id at PASSCODE_KDF in the worker). */
    readonly unlock: readonly number[];
    /** Argon2id alone at PASSCODE_KDF, through the same worker. */
    readonly derive: readonly number[];
    readonly plain: Readonly<Record<VaultMeasure, readonly number[]>>;
    readonly encrypted: Readonly<Record<VaultMeasure, readonly number[]>>;
  };
}

/** Functions the bench page puts on window for the runner. */
export interface BenchPageApi {
  runJournalBench(options: JournalBenchOptions): Promise<JournalBenchResult>;
  runVaultBench(options: VaultBenchOptions): Promise<VaultBenchResult>;
}

/** Exposed by the runner (page.exposeFunction) so the page can report progress on stderr. */
export type BenchProgress = (message: string) => Promise<void>;

declare global {
  interface Window {
    runJournalBench?: BenchPageApi['runJournalBench'];
    runVaultBench?: BenchPageApi['runVaultBench'];
    benchProgress?: BenchProgress;
  }
}
