// The encryption-at-rest bench, in Chromium against real IndexedDB: unlock at the real Argon2id cost (in
// the Web Worker), and save / search / first timeline rows on the same journal kept plain and sealed,
// measured interleaved in one run so the ratio says what sealing costs.
import Dexie from 'dexie';
import type { CheckIn, CheckInDraft } from '@shared/journal/checkIn';
import { PASSCODE_KDF } from '@shared/vault/keys';
import { HearthDatabase } from '../../../renderer/src/db/database';
import { Journal } from '../../../renderer/src/db/journal';
import type { SearchIndex } from '../../../renderer/src/db/searchIndex';
import { defaultDerive } from '../../../renderer/src/vault/kdf';
import { openStores, type Stores } from '../../../renderer/src/vault/stores';
import { plainCipher } from '../../../renderer/src/vault/cipher';
import { openVault } from '../../../renderer/src/vault/vault';
import { generateJournal } from '../../support/fixtures';
import { type VaultBenchOptions, type VaultBenchResult, type VaultMeasure } from './contract';

const PLAIN_DB = 'hearth-bench-vault-plain';
const SEALED_DB = 'hearth-bench-vault-sealed';
const PASSCODE = 'bench harbour lantern quietly 7';
const SEED_BATCH = 1_000;
const WARM_UP_RUNS = 2;

/** Collects garbage between phases when Chromium was started with --js-flags=--expose-gc. */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
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

/** Words from the notes themselves (every third query two words), so queries find things. */
function drawQueries(checkIns: readonly CheckIn[], count: number): string[] {
  const words = [...new Set(checkIns.flatMap((checkIn) => checkIn.note.toLocaleLowerCase().match(/[\p{L}']{4,}/gu) ?? []))].sort();
  if (words.length === 0) throw new Error('The generated journal has no notes to draw search words from');
  return Array.from({ length: count }, (_, i) => {
    const first = words[(i * 7919) % words.length] ?? '';
    return i % 3 === 2 ? `${first} ${words[(i * 104_729) % words.length] ?? ''}` : first;
  });
}

/** Plain and encrypted alternately, alternating which goes first; warm-up runs are dropped. */
async function paired(runs: number, plain: (run: number) => Promise<number>, encrypted: (run: number) => Promise<number>, into: { plain: number[]; encrypted: number[] }): Promise<void> {
  for (let run = 0; run < runs + WARM_UP_RUNS; run++) {
    const plainFirst = run % 2 === 0;
    const first = await (plainFirst ? plain(run) : encrypted(run));
    const second = await (plainFirst ? encrypted(run) : plain(run));
    if (run < WARM_UP_RUNS) continue;
    into.plain.push(plainFirst ? first : second);
    into.encrypted.push(plainFirst ? second : first);
  }
}

export async function runVaultBench(options: VaultBenchOptions, progress: (message: string) => void): Promise<VaultBenchResult> {
  const empty = (): Record<VaultMeasure, number[]> => ({ save: [], search: [], timelineFirstRows: [] });
  const plainSamples = empty();
  const encryptedSamples = empty();
  const pair = (measure: VaultMeasure) => ({ plain: plainSamples[measure], encrypted: encryptedSamples[measure] });
  await Dexie.delete(PLAIN_DB);
  await Dexie.delete(SEALED_DB);
  const plainDb = new HearthDatabase(PLAIN_DB);
  let sealedDb = new HearthDatabase(SEALED_DB);
  let plainStores: Stores | undefined;
  let sealedStores: Stores | undefined;
  const derive = defaultDerive();
  try {
    await Promise.all([plainDb.open(), sealedDb.open()]);
    progress(`vault: seeding ${String(options.entries)} check-ins twice`);
    const checkIns = generateJournal(options.entries, { seed: options.seed, endDay: options.endDay, zone: options.zone });
    for (let from = 0; from < checkIns.length; from += SEED_BATCH) {
      const batch = checkIns.slice(from, from + SEED_BATCH);
      await new Journal(plainDb).writeImport({ add: batch, update: [] });
      await new Journal(sealedDb).writeImport({ add: batch, update: [] });
    }

    progress('vault: set-up (Argon2id at the real cost, then sealing every row)');
    const setUpStart = performance.now();
    const created = await openVault(sealedDb, { derive });
    await created.setUp(PASSCODE);
    const setUpMs = performance.now() - setUpStart;
    created.lock();

    progress(`vault: ${String(options.unlocks)} unlocks at ${String(PASSCODE_KDF.memoryKiB / 1024)} MiB, t=${String(PASSCODE_KDF.iterations)}`);
    const unlock: number[] = [];
    const deriveSamples: number[] = [];
    const salt = crypto.getRandomValues(new Uint8Array(16));
    await derive(PASSCODE, salt, PASSCODE_KDF); // the worker's start and WebAssembly compile, once
    for (let run = 0; run < options.unlocks; run++) {
      sealedDb.close();
      sealedDb = new HearthDatabase(SEALED_DB);
      const db = sealedDb;
      const start = performance.now();
      await db.open();
      const vault = await openVault(db, { derive });
      const outcome = await vault.unlockWithPasscode(PASSCODE);
      unlock.push(performance.now() - start);
      if (!outcome.ok) throw new Error(`The bench could not unlock its own journal: ${outcome.message}`);
      if (run === options.unlocks - 1) sealedStores = openStores(db, vault.cipher());
      deriveSamples.push(await timed(() => derive(PASSCODE, salt, PASSCODE_KDF)));
    }
    if (!sealedStores) throw new Error('The bench needs at least one unlock');
    plainStores = openStores(plainDb, plainCipher);
    const plain = plainStores;
    const encrypted = sealedStores;

    collectGarbage();
    progress('vault: search index builds');
    const searchIndexBuildMs = { plain: await timed(() => plain.search.ready()), encrypted: await timed(() => encrypted.search.ready()) };

    collectGarbage();
    progress(`vault: ${String(options.searches)} searches`);
    const queries = drawQueries(checkIns, options.searches + WARM_UP_RUNS);
    const search = (index: SearchIndex) => (run: number) => timed(() => index.search(queries[run] ?? ''));
    await paired(options.searches, search(plain.search), search(encrypted.search), pair('search'));

    collectGarbage();
    progress('vault: first timeline rows');
    const timeline = (db: HearthDatabase) => () => timed(() => new Journal(db).newest(40));
    await paired(20, timeline(plainDb), timeline(sealedDb), pair('timelineFirstRows'));

    collectGarbage();
    progress(`vault: ${String(options.saves)} saves`);
    const drafts = generateJournal(options.saves + WARM_UP_RUNS, { seed: options.seed + 2, endDay: options.endDay, zone: options.zone }).map(draftOf);
    const save = (journal: Journal) => (run: number) => {
      const draft = drafts[run];
      if (!draft) throw new RangeError('Ran out of drafts');
      return timed(() => journal.create(draft));
    };
    await paired(options.saves, save(plain.journal), save(encrypted.journal), pair('save'));
    const stored = await sealedDb.checkIns.limit(5).toArray();
    if (stored.some((row) => row.codec !== 'sealed')) throw new Error('The encrypted journal holds plaintext rows; the comparison would be meaningless');

    return { entries: options.entries, setUpMs, searchIndexBuildMs, samples: { unlock, derive: deriveSamples, plain: plainSamples, encrypted: encryptedSamples } };
  } finally {
    plainStores?.search.dispose();
    sealedStores?.search.dispose();
    plainDb.close();
    sealedDb.close();
    await Dexie.delete(PLAIN_DB);
    await Dexie.delete(SEALED_DB);
  }
}
