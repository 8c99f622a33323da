// Moving the journal from file:// to app://hearth, once. IndexedDB belongs to an origin, and versions before
// the app:// protocol kept the journal under file://; without this step an update would open an empty
// journal. On the first start without a marker file, a hidden page on the old origin (its preload reads the
// database raw: shared/storage/rawDatabase.ts) reports the journal here in bounded chunks; the app's page
// asks for them before it opens its own database, writes them in one transaction (or finds a journal of its
// own already there and leaves both alone), and says so; only then is the marker written. Until then every
// start tries again, and the app's page never starts an empty journal in place of one it could not carry.
//
// The old copy is left where it was. A later version may clear it once the marker says 'copied': load the
// hidden page again and delete the database there (indexedDB.deleteDatabase), or clear the file:// origin's
// storage with session.clearStorageData({ origin: 'file://' }), after telling the person.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { JOURNAL_DATABASE_NAME } from '@shared/storage/journalName';
import { estimateBytes, type RawChunk } from '@shared/storage/rawRecords';
import { RowCountsSchema, type JournalShape, type MIGRATION_PAGE_CHANNELS, type MigrationFinish, type MigrationPlan } from '@shared/ipc/storageMigration';
import { writeFileAtomically } from './files';
import type { ContractHandlers } from './ipc';
import { createLogger } from './log';

const log = createLogger('storage-migration');

export const MIGRATION_MARKER_FILE = 'storage-origin-migration.json';

/** How long the old page may take to report everything before the attempt counts as failed. */
const DEFAULT_TIMEOUT_MS = 120_000;
/** The most the old journal may hold (held in memory until the app's page takes it). */
const DEFAULT_MAX_BYTES = 1024 * 1024 * 1024;

const MarkerSchema = z
  .object({
    version: z.literal(1),
    finishedAt: z.string().max(64),
    outcome: z.enum(['copied', 'nothing-to-copy', 'kept-existing']),
    rows: RowCountsSchema.optional(),
  })
  .strict();
type Marker = z.output<typeof MarkerSchema>;

/** The hidden page on the old origin, once opened. */
export interface OldOriginPage {
  close(): void;
}

export interface StorageMigrationDeps {
  /** Where the marker lives (userData/storage-origin-migration.json). */
  readonly markerPath: string;
  /**
   * Opens the hidden page on the file:// origin with the migration preload; it reports through the page
   * channels. `gone` is called if the page fails to load or its process ends.
   */
  readonly openOldOriginPage: (gone: (reason: string) => void) => OldOriginPage;
  readonly setTimer: (callback: () => void, delayMs: number) => unknown;
  readonly clearTimer: (handle: unknown) => void;
  readonly now: () => Date;
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
}

type State =
  | { readonly kind: 'idle' }
  | { readonly kind: 'done' }
  | { readonly kind: 'collecting'; shape: JournalShape | null; readonly chunks: RawChunk[]; bytes: number }
  | { readonly kind: 'ready'; readonly shape: JournalShape; readonly chunks: readonly RawChunk[]; readonly rows: Readonly<Record<string, number>> }
  | { readonly kind: 'failed'; readonly problem: string };

const NOT_COLLECTING = 'The journal move is not expecting this report.';

export function createStorageMigration(deps: StorageMigrationDeps) {
  let state: State = { kind: 'idle' };
  let page: OldOriginPage | null = null;
  let timer: unknown = null;
  let settle: (() => void) | null = null;
  let settled: Promise<void> = Promise.resolve();

  const endCollecting = (next: State): void => {
    state = next;
    if (timer !== null) deps.clearTimer(timer);
    timer = null;
    page?.close();
    page = null;
    settle?.();
    settle = null;
  };

  const fail = (problem: string): void => {
    if (state.kind !== 'collecting') return;
    log.error('could not read the journal kept by the earlier version', problem);
    endCollecting({ kind: 'failed', problem });
  };

  const writeMarker = async (marker: Marker): Promise<void> => {
    await writeFileAtomically(deps.markerPath, `${JSON.stringify(marker, null, 2)}\n`);
  };

  const collecting = (): Extract<State, { kind: 'collecting' }> => {
    if (state.kind !== 'collecting') throw new Error(NOT_COLLECTING);
    return state;
  };

  let starting: Promise<void> = Promise.resolve();

  const begin = async (): Promise<void> => {
    let marker: Marker | null;
    try {
      marker = await readMarker(deps.markerPath);
    } catch (error) {
      // Not knowing whether the move happened must not lead to starting an empty journal.
      fail(`the note of an earlier move could not be read (${error instanceof Error ? error.message : String(error)})`);
      return;
    }
    if (marker !== null) {
      endCollecting({ kind: 'done' });
      return;
    }
    timer = deps.setTimer(() => fail('the earlier journal took too long to read'), deps.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    try {
      page = deps.openOldOriginPage((reason) => fail(`the page that reads it stopped (${reason})`));
    } catch (error) {
      fail(`the page that reads it could not open (${error instanceof Error ? error.message : String(error)})`);
    }
  };

  const pageHandlers: ContractHandlers<typeof MIGRATION_PAGE_CHANNELS> = {
    'migration:found': async (shape) => {
      const current = collecting();
      if (current.shape !== null) throw new Error(NOT_COLLECTING);
      if (shape !== null) {
        if (shape.name !== JOURNAL_DATABASE_NAME) {
          fail('the page reported a database other than the journal');
          return null;
        }
        current.shape = shape;
        return null;
      }
      endCollecting({ kind: 'done' });
      log.info('no journal from an earlier version to carry over');
      await writeMarker({ version: 1, finishedAt: deps.now().toISOString(), outcome: 'nothing-to-copy' });
      return null;
    },
    'migration:rows': (chunk) => {
      const current = collecting();
      if (current.shape === null) throw new Error(NOT_COLLECTING);
      if (!current.shape.stores.some((store) => store.name === chunk.store)) {
        fail(`records arrived for a store the journal does not have (${chunk.store})`);
        return null;
      }
      current.bytes += estimateBytes(chunk.rows);
      if (current.bytes > (deps.maxBytes ?? DEFAULT_MAX_BYTES)) {
        fail('the earlier journal is larger than this version can carry over');
        return null;
      }
      current.chunks.push(chunk);
      return null;
    },
    'migration:finished': (counts) => {
      const current = collecting();
      if (current.shape === null) throw new Error(NOT_COLLECTING);
      const received: Record<string, number> = {};
      for (const chunk of current.chunks) received[chunk.store] = (received[chunk.store] ?? 0) + chunk.rows.length;
      const complete = current.shape.stores.every((store) => (received[store.name] ?? 0) === counts[store.name]) && Object.keys(counts).length === current.shape.stores.length;
      if (!complete) {
        fail('some records of the earlier journal did not arrive');
        return null;
      }
      endCollecting({ kind: 'ready', shape: current.shape, chunks: current.chunks, rows: counts });
      log.info('the journal kept by the earlier version is ready to carry over');
      return null;
    },
    'migration:failed': ({ problem }) => {
      fail(problem);
      return null;
    },
  };

  return {
    pageHandlers,

    /**
     * Starts a move if one is due (no marker yet): opens the old origin's page, which reports through
     * pageHandlers. Call it before the app's window opens: plan() waits for what it began.
     */
    start(): Promise<void> {
      if (state.kind !== 'idle') return starting;
      state = { kind: 'collecting', shape: null, chunks: [], bytes: 0 };
      settled = new Promise((resolve) => {
        settle = resolve;
      });
      starting = begin();
      return starting;
    },

    /** What the app's page should do before it opens its database; waits while the old page is read. */
    async plan(): Promise<MigrationPlan> {
      await starting;
      await settled;
      switch (state.kind) {
        case 'idle':
        case 'done':
        case 'collecting':
          return { kind: 'none' };
        case 'failed':
          return { kind: 'failed', problem: `Hearth could not read the journal kept by its earlier version: ${state.problem}.` };
        case 'ready':
          return { kind: 'ready', database: state.shape, chunks: state.chunks.length };
      }
    },

    chunk(index: number): RawChunk {
      if (state.kind !== 'ready') throw new Error('There is no journal waiting to be carried over.');
      const chunk = state.chunks[index];
      if (chunk === undefined) throw new Error('That part of the journal does not exist.');
      return chunk;
    },

    /** The app's page has the journal (or its own); the marker is written and the copy in memory let go. */
    async finish({ outcome }: MigrationFinish): Promise<void> {
      if (state.kind !== 'ready') throw new Error('There is no journal waiting to be carried over.');
      const rows = state.rows;
      await writeMarker({ version: 1, finishedAt: deps.now().toISOString(), outcome: outcome === 'copied' ? 'copied' : 'kept-existing', rows });
      state = { kind: 'done' };
      if (outcome === 'copied') log.info('carried the journal over from the earlier version; the old copy is kept', rows);
      else log.warn('a journal already existed in the new place; the earlier one was left where it was, untouched');
    },
  };
}

export type StorageMigration = ReturnType<typeof createStorageMigration>;

/** The marker, or null when there is none. A damaged marker counts as none: a repeat finds the journal already moved and changes nothing. */
async function readMarker(path: string): Promise<Marker | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return null;
    throw error;
  }
  try {
    const parsed = MarkerSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch (error) {
    log.warn('the journal move marker is not JSON; looking again', error);
    return null;
  }
  log.warn('the journal move marker is damaged; looking again');
  return null;
}
