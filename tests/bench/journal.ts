// The journal part of `npm run bench`: runs the page's journal bench in Chromium with an on-disk profile
// and turns its samples into p50/p95 figures, ratios to raw Dexie and budget verdicts (DESIGN.md "Budgets").
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BenchEnv, BenchPart } from './harness';
import {
  JOURNAL_MEASURES,
  JOURNAL_PARTS,
  VAULT_MEASURES,
  type JournalBenchOptions,
  type JournalBenchResult,
  type JournalMeasure,
  type VaultBenchOptions,
  type VaultBenchResult,
} from './page/contract';
import { p50p95, percentile, roundMs, roundRatio } from './stats';

/** The size the budgets are stated at. */
const BUDGET_ENTRIES = 10_000;

const BUDGETS = {
  saveP95Ms: 15,
  searchP95Ms: 30,
  timelineFirstRowsP95Ms: 200,
  yearInsightsP95Ms: 100,
  maxRatioToBaseline: 1.5,
} as const;

/** Measures whose baseline does the same reads or writes, so the 1.5× rule applies to them. */
const COMPARABLE: readonly JournalMeasure[] = ['save', 'timelineFirstRows', 'timelineOpenFirstRows', 'calendarMonth', 'yearInsights'];

function benchOptions(): JournalBenchOptions {
  const entries = Number(process.env.HEARTH_BENCH_ENTRIES ?? BUDGET_ENTRIES);
  if (!Number.isInteger(entries) || entries < 100 || entries > 100_000) {
    throw new Error(`HEARTH_BENCH_ENTRIES must be a whole number from 100 to 100000, not "${String(process.env.HEARTH_BENCH_ENTRIES)}"`);
  }
  return {
    entries,
    seed: 20_260_101,
    endDay: '2026-06-30',
    zone: 'Europe/London',
    saves: 200,
    searches: 100,
    timelineRuns: 20,
    calendarMonths: 30,
    insightRuns: 20,
    timelineRows: 40,
  };
}

/** Encryption at rest (issue 4): sealed save and search p95 within 1.3× of the same journal kept plain, same run. */
const VAULT_BUDGETS = { maxRatioToPlain: 1.3 } as const;
const VAULT_HELD: readonly (typeof VAULT_MEASURES)[number][] = ['save', 'search'];

function vaultOptions(journal: JournalBenchOptions): VaultBenchOptions {
  return { entries: journal.entries, seed: journal.seed, endDay: journal.endDay, zone: journal.zone, saves: 200, searches: 200, unlocks: 5 };
}

/** Turns the page's vault samples into the printed `vault` section and its budget verdicts. */
export function summariseVault(result: VaultBenchResult): { vault: Record<string, unknown>; withinBudget: Record<string, boolean> } {
  const { samples } = result;
  const plain = figures(samples.plain, VAULT_MEASURES);
  const encrypted = figures(samples.encrypted, VAULT_MEASURES);
  const ratios = Object.fromEntries(
    VAULT_MEASURES.map((measure) => [`${measure}P95Ratio`, roundRatio(percentile(samples.encrypted[measure], 95) / percentile(samples.plain[measure], 95))]),
  );
  const withinBudget = Object.fromEntries(VAULT_HELD.map((measure) => [`vault${measure[0]?.toUpperCase() ?? ''}${measure.slice(1)}P95Ratio`, (ratios[`${measure}P95Ratio`] ?? Infinity) <= VAULT_BUDGETS.maxRatioToPlain]));
  return {
    vault: {
      entries: result.entries,
      ...p50p95('unlock', samples.unlock),
      ...p50p95('argon2id', samples.derive),
      setUpMs: roundMs(result.setUpMs),
      searchIndexBuildMs: { plain: roundMs(result.searchIndexBuildMs.plain), encrypted: roundMs(result.searchIndexBuildMs.encrypted) },
      plain,
      encrypted,
      ratios,
      budgets: { ...VAULT_BUDGETS, ratioAppliesTo: VAULT_HELD.map((measure) => `${measure}P95Ratio`) },
      notes: {
        unlock: 'A fresh database connection, openVault and unlockWithPasscode: Argon2id at PASSCODE_KDF (64 MiB, t=3, p=1) in the Web Worker, then unwrapping the data key. argon2id is the derivation alone through the same worker.',
        setUpMs: 'Set-up on the seeded plaintext journal: Argon2id once, sealing every row in memory, one transaction replacing them.',
        pairs: 'The same generated journal in two databases, one plain and one sealed after set-up, measured interleaved: save is Journal.create with a live SearchIndex; search a warm SearchIndex query (in memory after unlock, so sealing should not show); timelineFirstRows Journal.newest(40) on a fresh repository (opening 40 records).',
      },
    },
    withinBudget,
  };
}

function figures(samples: Readonly<Record<string, readonly number[]>>, names: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of names) Object.assign(out, p50p95(name, samples[name] ?? []));
  return out;
}

/** Turns the page's raw samples into the printed journal section. */
export function summarise(result: JournalBenchResult, options: JournalBenchOptions, moreVerdicts: Readonly<Record<string, boolean>> = {}): Record<string, unknown> {
  const { samples } = result;
  const journal: Record<string, number> = { ...figures(samples.journal, JOURNAL_MEASURES), searchIndexBuildMs: roundMs(result.searchIndexBuildMs) };
  const baseline = figures(samples.baseline, JOURNAL_MEASURES);
  const p95 = (of: Readonly<Record<string, readonly number[]>>, measure: JournalMeasure): number => percentile(of[measure] ?? [], 95);
  const ratios = Object.fromEntries(JOURNAL_MEASURES.map((measure) => [`${measure}P95Ratio`, roundRatio(p95(samples.journal, measure) / p95(samples.baseline, measure))]));
  const withinBudget: Record<string, boolean> = {
    saveP95Ms: (journal.saveP95Ms ?? Infinity) <= BUDGETS.saveP95Ms,
    searchP95Ms: (journal.searchP95Ms ?? Infinity) <= BUDGETS.searchP95Ms,
    timelineFirstRowsP95Ms: (journal.timelineFirstRowsP95Ms ?? Infinity) <= BUDGETS.timelineFirstRowsP95Ms,
    yearInsightsP95Ms: (journal.yearInsightsP95Ms ?? Infinity) <= BUDGETS.yearInsightsP95Ms,
  };
  for (const measure of COMPARABLE) {
    const key = `${measure}P95Ratio`;
    withinBudget[key] = (ratios[key] ?? Infinity) <= BUDGETS.maxRatioToBaseline;
  }
  Object.assign(withinBudget, moreVerdicts);
  return {
    machine: { chromium: result.browserVersion },
    entries: result.entries,
    journal,
    baseline,
    ratios,
    budgets: { ...BUDGETS, atEntries: BUDGET_ENTRIES, ratioAppliesTo: COMPARABLE.map((measure) => `${measure}P95Ratio`) },
    withinBudget: { ...withinBudget, all: Object.values(withinBudget).every(Boolean) && result.entries === BUDGET_ENTRIES },
    breakdown: figures(samples.parts, JOURNAL_PARTS),
    dataset: {
      entries: result.entries,
      firstDay: result.firstDay,
      lastDay: result.lastDay,
      seedMs: roundMs(result.seedMs),
      yearInsightsRows: result.yearInsightsRows,
      searchMeanHits: { journal: roundRatio(result.searchMeanHits.journal), baseline: roundRatio(result.searchMeanHits.baseline) },
      searchSlowest: result.searchSlowest,
      runs: {
        save: options.saves,
        search: options.searches,
        timelineFirstRows: options.timelineRuns,
        timelineOpenFirstRows: options.timelineRuns,
        calendarMonth: options.calendarMonths,
        yearInsights: options.insightRuns,
      },
    },
    notes: {
      journal: 'Product code: Journal (HearthDatabase, plain codec with schema validation on read, strict durability) and SearchIndex (MiniSearch), in Chromium on an on-disk profile.',
      baseline: 'Raw Dexie holding the same plain check-ins with the same indexes (id, at, day) and strict durability, measured interleaved with the product in the same run.',
      save: 'journal: Journal.create with a live SearchIndex; baseline: table.put of the completed check-in.',
      search:
        'journal: warm MiniSearch (prefix, fuzzy, AND) plus filters; baseline: the naive way, reading every row and keeping notes that contain every word. Not the same work, so its ratio is reported but not held to 1.5×.',
      timelineFirstRows: `journal: a new Journal on the open database, newest(${String(options.timelineRows)}) — the rows the timeline shows first; baseline: orderBy('at').reverse().limit(${String(options.timelineRows)}).toArray().`,
      timelineOpenFirstRows: 'As timelineFirstRows, but each run also opens (and afterwards closes) a new database connection.',
      calendarMonth: "journal: Journal.between(first, last day of a month); baseline: where('day').between(...).toArray().",
      yearInsights: "journal: Journal.between(the last 730 days) + computeInsights(range 365); baseline: where('day').between(...).toArray() + the same computeInsights.",
      breakdown:
        "timelineRows is the product's first screen (newest rows) and timelineIds the full id list the timeline loads beside it for scrolling; timelineIdsAscendingReversed reads the same ids with orderBy('at').primaryKeys() and reverses them in memory; journalAll is Journal.all() (the read behind the search index build); yearInsightsRead/Compute split the product run; yearRowsReadStored reads the same stored rows from the product database without decoding; yearRowsDecode is plainCodec.decode of those rows alone and yearRowsZoneCheck the isValidTimeZone calls inside it; saveSearchIndexUpdate is the SearchIndex share of a save; rawPutRelaxedDurability is a raw put without strict durability.",
      searchIndexBuildMs: 'One-off: SearchIndex.ready() on a fresh index (Journal.all() plus MiniSearch addAll).',
      percentiles: 'Nearest rank over the measured runs; two warm-up runs of each measure are discarded.',
    },
  };
}

async function runInChromium(env: BenchEnv, options: JournalBenchOptions): Promise<{ journal: JournalBenchResult; vault: VaultBenchResult }> {
  // A persistent context keeps IndexedDB on disk; a normal (incognito) context would keep it in memory.
  const profile = await mkdtemp(join(tmpdir(), 'hearth-bench-'));
  try {
    const context = await chromium.launchPersistentContext(profile, { executablePath: env.chromiumPath, args: [...env.chromiumArgs], headless: true });
    let closing: Promise<void> | undefined;
    const close = (): Promise<void> => (closing ??= context.close());
    const stop = (): void => {
      // Closing the browser makes the pending evaluate reject; the finally below waits for the close.
      close().catch((error: unknown) => env.progress(`closing Chromium after the time limit failed: ${String(error)}`));
    };
    env.signal.addEventListener('abort', stop, { once: true });
    try {
      env.signal.throwIfAborted();
      const page = context.pages()[0] ?? (await context.newPage());
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => {
        pageErrors.push(error.message);
        env.progress(`page error: ${error.message}`);
      });
      await page.exposeFunction('benchProgress', (message: string) => env.progress(`journal: ${message}`));
      await page.goto(`${env.origin}index.html`);
      await page.waitForFunction(() => document.body.dataset.ready === 'true', undefined, { timeout: 15_000 });
      try {
        const journal = await page.evaluate(async (given) => {
          if (!window.runJournalBench) throw new Error('The bench page did not register runJournalBench');
          return window.runJournalBench(given);
        }, options);
        const vault = await page.evaluate(async (given) => {
          if (!window.runVaultBench) throw new Error('The bench page did not register runVaultBench');
          return window.runVaultBench(given);
        }, vaultOptions(options));
        return { journal, vault };
      } catch (error) {
        env.signal.throwIfAborted();
        const detail = pageErrors.length > 0 ? ` (page errors: ${pageErrors.join('; ')})` : '';
        throw new Error(`The journal bench failed in Chromium: ${error instanceof Error ? error.message : String(error)}${detail}`);
      }
    } finally {
      env.signal.removeEventListener('abort', stop);
      await close();
    }
  } finally {
    // Chromium may still be flushing the profile for a moment after it closed; retry rather than mask the real error.
    await rm(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }).catch((error: unknown) =>
      env.progress(`could not remove the bench profile ${profile}: ${String(error)}`),
    );
  }
}

export async function runJournalPart(env: BenchEnv): Promise<Record<string, unknown>> {
  const options = benchOptions();
  env.progress(`journal: ${String(options.entries)} entries${options.entries === BUDGET_ENTRIES ? '' : ` (budgets are stated at ${String(BUDGET_ENTRIES)})`}`);
  const result = await runInChromium(env, options);
  const vault = summariseVault(result.vault);
  return { ...summarise(result.journal, options, vault.withinBudget), vault: vault.vault };
}

export const journalPart: BenchPart = { name: 'journal', run: runJournalPart };
