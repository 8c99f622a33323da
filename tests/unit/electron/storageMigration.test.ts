// Moving the journal from the file:// origin to app://hearth, once: main's part (the marker, the hidden page,
// every way the page can fail), and the whole path — the old origin's raw dump through the checked IPC
// channels into the new origin's database — with two fake-indexeddb factories as the two origins.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS } from '@shared/ipc/contract';
import { MIGRATION_PAGE_CHANNELS } from '@shared/ipc/storageMigration';
import { databaseExists, dumpDatabase, type RawChunk } from '@shared/storage/rawDatabase';
import { registerContract, type InvokeEvent, type IpcMainLike } from '../../../electron/main/ipc';
import { setLogSink, type LogSink } from '../../../electron/main/log';
import { createStorageMigration, MIGRATION_MARKER_FILE, type StorageMigrationDeps } from '../../../electron/main/storageMigration';
import { adoptEarlierJournal, EarlierJournalError } from '../../../renderer/src/db/earlierJournal';
import type { EarlierJournalSource } from '../../../renderer/src/platform/platform';

const SHAPE = {
  name: 'hearth-journal',
  version: 40,
  stores: [
    { name: 'checkIns', keyPath: 'id', autoIncrement: false, indexes: [{ name: 'day', keyPath: 'day', unique: false, multiEntry: false }] },
    { name: 'settings', keyPath: 'key', autoIncrement: false, indexes: [] },
  ],
};
const SEALED = new Uint8Array([1, 2, 3, 250]);
const CHECK_INS: RawChunk = { store: 'checkIns', rows: [{ key: 'a', value: { id: 'a', at: 1, day: '2026-01-05', codec: 'sealed', v: 1, body: SEALED } }] };
const SETTINGS: RawChunk = { store: 'settings', rows: [{ key: 'preferences', value: { key: 'preferences', value: { theme: 'dark' } } }] };

let folder: string;
let previousSink: LogSink;
beforeEach(() => {
  previousSink = setLogSink(null);
  folder = mkdtempSync(join(tmpdir(), 'hearth-storage-migration-'));
});
afterEach(() => {
  setLogSink(previousSink);
  rmSync(folder, { recursive: true, force: true });
});

function setUp(overrides: Partial<StorageMigrationDeps> = {}) {
  const page = { close: vi.fn() };
  const timers: (() => void)[] = [];
  let gone: (reason: string) => void = () => undefined;
  const openOldOriginPage = vi.fn((onGone: (reason: string) => void) => {
    gone = onGone;
    return page;
  });
  const migration = createStorageMigration({
    markerPath: join(folder, MIGRATION_MARKER_FILE),
    openOldOriginPage,
    setTimer: (callback) => timers.push(callback),
    clearTimer: () => undefined,
    now: () => new Date('2026-12-06T12:00:00Z'),
    ...overrides,
  });
  return { migration, page, openOldOriginPage, timers, goneNow: (reason: string) => gone(reason) };
}

const marker = (): unknown => JSON.parse(readFileSync(join(folder, MIGRATION_MARKER_FILE), 'utf8'));
const hasMarker = (): boolean => existsSync(join(folder, MIGRATION_MARKER_FILE));

describe('main’s part of the move', () => {
  it('collects the journal, hands it over in its chunks, and writes the marker only when the page has it', async () => {
    const { migration, page } = setUp();
    await migration.start();
    const planned = migration.plan();
    await migration.pageHandlers['migration:found'](SHAPE);
    await migration.pageHandlers['migration:rows'](CHECK_INS);
    await migration.pageHandlers['migration:rows'](SETTINGS);
    await migration.pageHandlers['migration:finished']({ checkIns: 1, settings: 1 });
    await expect(planned).resolves.toEqual({ kind: 'ready', database: SHAPE, chunks: 2 });
    expect(page.close).toHaveBeenCalled();
    expect(migration.chunk(0)).toEqual(CHECK_INS);
    expect(() => migration.chunk(2)).toThrow(/does not exist/);
    expect(hasMarker()).toBe(false);
    await migration.finish({ outcome: 'copied' });
    expect(marker()).toEqual({ version: 1, finishedAt: '2026-12-06T12:00:00.000Z', outcome: 'copied', rows: { checkIns: 1, settings: 1 } });
    expect(() => migration.chunk(0)).toThrow(/no journal waiting/);
    // The next start finds the marker: no page, nothing to do.
    const next = setUp();
    await next.migration.start();
    expect(next.openOldOriginPage).not.toHaveBeenCalled();
    await expect(next.migration.plan()).resolves.toEqual({ kind: 'none' });
  });

  it('remembers when the old origin had no journal', async () => {
    const { migration } = setUp();
    await migration.start();
    await migration.pageHandlers['migration:found'](null);
    await expect(migration.plan()).resolves.toEqual({ kind: 'none' });
    expect(marker()).toMatchObject({ outcome: 'nothing-to-copy' });
  });

  it('records that a journal already existed in the new place, leaving both', async () => {
    const { migration } = setUp();
    await migration.start();
    await migration.pageHandlers['migration:found'](SHAPE);
    await migration.pageHandlers['migration:finished']({ checkIns: 0, settings: 0 });
    await migration.finish({ outcome: 'target-exists' });
    expect(marker()).toMatchObject({ outcome: 'kept-existing' });
  });

  it.each([
    ['records go missing', async (m: ReturnType<typeof setUp>['migration']) => {
      await m.pageHandlers['migration:found'](SHAPE);
      await m.pageHandlers['migration:rows'](CHECK_INS);
      await m.pageHandlers['migration:finished']({ checkIns: 1, settings: 1 });
    }],
    ['records name another store', async (m: ReturnType<typeof setUp>['migration']) => {
      await m.pageHandlers['migration:found'](SHAPE);
      await m.pageHandlers['migration:rows']({ store: 'elsewhere', rows: [] });
    }],
    ['another database is reported', async (m: ReturnType<typeof setUp>['migration']) => {
      await m.pageHandlers['migration:found']({ ...SHAPE, name: 'something-else' });
    }],
    ['the page says it failed', async (m: ReturnType<typeof setUp>['migration']) => {
      await m.pageHandlers['migration:failed']({ problem: 'The earlier journal could not be read.' });
    }],
  ])('fails, and writes no marker, when %s', async (_what, act) => {
    const { migration, page } = setUp();
    await migration.start();
    await act(migration);
    await expect(migration.plan()).resolves.toMatchObject({ kind: 'failed', problem: expect.stringMatching(/^Hearth could not read the journal kept by its earlier version: /) as unknown });
    expect(page.close).toHaveBeenCalled();
    expect(hasMarker()).toBe(false);
    expect(() => migration.chunk(0)).toThrow();
    await expect(migration.finish({ outcome: 'copied' })).rejects.toThrow();
  });

  it('fails when the page stops or takes too long', async () => {
    const stopped = setUp();
    await stopped.migration.start();
    stopped.goneNow('crashed');
    await expect(stopped.migration.plan()).resolves.toMatchObject({ kind: 'failed', problem: expect.stringContaining('crashed') as unknown });
    const slow = setUp();
    await slow.migration.start();
    slow.timers.forEach((fire) => fire());
    await expect(slow.migration.plan()).resolves.toMatchObject({ kind: 'failed', problem: expect.stringContaining('too long') as unknown });
    expect(hasMarker()).toBe(false);
  });

  it('fails rather than start over when the journal is larger than it can hold', async () => {
    const { migration } = setUp({ maxBytes: 10 });
    await migration.start();
    await migration.pageHandlers['migration:found'](SHAPE);
    await migration.pageHandlers['migration:rows'](CHECK_INS);
    await expect(migration.plan()).resolves.toMatchObject({ kind: 'failed', problem: expect.stringContaining('larger') as unknown });
  });

  it('refuses reports out of order', async () => {
    const { migration } = setUp();
    await migration.start();
    expect(() => migration.pageHandlers['migration:rows'](CHECK_INS)).toThrow(/not expecting/);
    await migration.pageHandlers['migration:found'](null);
    await expect(Promise.resolve().then(() => migration.pageHandlers['migration:found'](null))).rejects.toThrow(/not expecting/);
  });

  it('looks again when the marker is damaged (a repeat changes nothing: the page keeps the journal it has)', async () => {
    writeFileSync(join(folder, MIGRATION_MARKER_FILE), '{"version": 1, "outc');
    const { migration, openOldOriginPage } = setUp();
    await migration.start();
    expect(openOldOriginPage).toHaveBeenCalledOnce();
  });
});

/** An ipcMain that calls handlers as Electron would: an event with the sender's frame, then the payload. */
function fakeIpcMain() {
  const handlers = new Map<string, (event: InvokeEvent, ...args: unknown[]) => unknown>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => handlers.set(channel, listener),
    removeHandler: (channel) => handlers.delete(channel),
  };
  const call = async (channel: string, url: string, payload?: unknown): Promise<unknown> => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    // Structured clone, as IPC does: bytes stay bytes, nothing is shared.
    return await handler({ senderFrame: { url, parent: null } }, ...(payload === undefined ? [] : [structuredClone(payload)]));
  };
  return { ipcMain, call };
}

const OLD_PAGE = 'file:///opt/Hearth/resources/app.asar/out/renderer/migrate.html';
const APP_PAGE = 'app://hearth/index.html';

function journalAt(factory: IDBFactory): Dexie {
  const db = new Dexie('hearth-journal', { indexedDB: factory, IDBKeyRange });
  db.version(3).stores({ checkIns: 'id, at, day', settings: 'key', device: 'key', circles: 'id', circleUpdates: '++seq, circleId' });
  return db;
}

describe('the whole move, through the checked channels', () => {
  async function run(oldOrigin: IDBFactory, newOrigin: IDBFactory, maxRows = 2): Promise<void> {
    const { ipcMain, call } = fakeIpcMain();
    const { migration } = setUp();
    registerContract(ipcMain, MIGRATION_PAGE_CHANNELS, migration.pageHandlers, (url) => url === OLD_PAGE);
    // The app's three channels, as main registers them, behind the app-page check.
    const appChannels = {
      'storage:migration-plan': INVOKE_CHANNELS['storage:migration-plan'],
      'storage:migration-chunk': INVOKE_CHANNELS['storage:migration-chunk'],
      'storage:migration-finish': INVOKE_CHANNELS['storage:migration-finish'],
    };
    registerContract(ipcMain, appChannels, {
      'storage:migration-plan': () => migration.plan(),
      'storage:migration-chunk': ({ index }) => migration.chunk(index),
      'storage:migration-finish': async (report) => {
        await migration.finish(report);
        return null;
      },
    }, (url) => url === APP_PAGE);
    await migration.start();
    // The old page's preload: the raw dump, reported chunk by chunk.
    const counts = await dumpDatabase(oldOrigin, 'hearth-journal', {
      shape: async (shape) => {
        await call('migration:found', OLD_PAGE, shape);
      },
      chunk: async (chunk) => {
        await call('migration:rows', OLD_PAGE, chunk);
      },
    }, { maxRows, maxBytes: 1024 * 1024 });
    await (counts === null ? call('migration:found', OLD_PAGE, null) : call('migration:finished', OLD_PAGE, counts));
    // The app's page, before it opens its database.
    const source: EarlierJournalSource = {
      plan: () => call('storage:migration-plan', APP_PAGE) as ReturnType<EarlierJournalSource['plan']>,
      chunk: (index) => call('storage:migration-chunk', APP_PAGE, { index }) as ReturnType<EarlierJournalSource['chunk']>,
      finish: async (outcome) => {
        await call('storage:migration-finish', APP_PAGE, { outcome });
      },
    };
    await adoptEarlierJournal(source, newOrigin);
  }

  it('carries every record over exactly, sealed bytes included, and a second start does nothing', async () => {
    const oldOrigin = new IDBFactory();
    const newOrigin = new IDBFactory();
    const old = journalAt(oldOrigin);
    await old.open();
    await old.table('checkIns').bulkPut([
      { id: 'a', at: 1, day: '2026-01-05', codec: 'sealed', v: 1, body: SEALED },
      { id: 'b', at: 2, day: '2026-01-06', codec: 'plain', v: 1, body: { mood: 4, note: 'Sunny.' } },
      { id: 'c', at: 3, day: '2026-01-07', codec: 'plain', v: 1, body: { mood: 2, note: '' } },
    ]);
    await old.table('circleUpdates').bulkAdd([{ circleId: 'x', update: SEALED }, { circleId: 'x', update: new Uint8Array(300) }]);
    old.close();

    await run(oldOrigin, newOrigin);
    expect(marker()).toMatchObject({ outcome: 'copied', rows: { checkIns: 3, circleUpdates: 2, settings: 0, device: 0, circles: 0 } });
    const moved = journalAt(newOrigin);
    await moved.open();
    expect(await moved.table('checkIns').get('a')).toEqual({ id: 'a', at: 1, day: '2026-01-05', codec: 'sealed', v: 1, body: SEALED });
    expect(await moved.table('checkIns').count()).toBe(3);
    expect((await moved.table('circleUpdates').toArray()).map((row: { update: Uint8Array }) => row.update.length)).toEqual([4, 300]);
    moved.close();
    // The old origin still holds its copy.
    const still = journalAt(oldOrigin);
    await still.open();
    expect(await still.table('checkIns').count()).toBe(3);
    still.close();

    // A second start: the marker is there, no page opens, and the new journal is untouched.
    const again = setUp();
    await again.migration.start();
    expect(again.openOldOriginPage).not.toHaveBeenCalled();
    await expect(again.migration.plan()).resolves.toEqual({ kind: 'none' });
  });

  it('starts nothing on the new origin when there was no journal', async () => {
    const newOrigin = new IDBFactory();
    await run(new IDBFactory(), newOrigin);
    expect(marker()).toMatchObject({ outcome: 'nothing-to-copy' });
    expect(await databaseExists(newOrigin, 'hearth-journal')).toBe(false);
  });

  it('tells the page to stop, and writes nothing, when the old journal could not be read', async () => {
    const { migration } = setUp();
    await migration.start();
    await migration.pageHandlers['migration:failed']({ problem: 'The earlier journal could not be opened.' });
    const newOrigin = new IDBFactory();
    const finish = vi.fn();
    const source: EarlierJournalSource = { plan: () => migration.plan(), chunk: (index) => Promise.resolve(migration.chunk(index)), finish };
    await expect(adoptEarlierJournal(source, newOrigin)).rejects.toThrow(EarlierJournalError);
    await expect(adoptEarlierJournal(source, newOrigin)).rejects.toThrow(/could not be opened/);
    expect(await databaseExists(newOrigin, 'hearth-journal')).toBe(false);
    expect(finish).not.toHaveBeenCalled();
  });

  it('does not finish when a chunk cannot be fetched, so the next start tries again', async () => {
    const finish = vi.fn();
    const source: EarlierJournalSource = {
      plan: () => Promise.resolve({ kind: 'ready', database: SHAPE, chunks: 2 }),
      chunk: (index) => (index === 0 ? Promise.resolve(CHECK_INS) : Promise.reject(new Error('the window was reloaded'))),
      finish,
    };
    const newOrigin = new IDBFactory();
    await expect(adoptEarlierJournal(source, newOrigin)).rejects.toThrow(/reloaded/);
    expect(finish).not.toHaveBeenCalled();
    expect(await databaseExists(newOrigin, 'hearth-journal')).toBe(false);
  });

  it('refuses, at the channel, a record that is not plain data, or nests without end, and any other sender', async () => {
    const { ipcMain, call } = fakeIpcMain();
    const { migration } = setUp();
    registerContract(ipcMain, MIGRATION_PAGE_CHANNELS, migration.pageHandlers, (url) => url === OLD_PAGE);
    await migration.start();
    await call('migration:found', OLD_PAGE, SHAPE);
    await expect(call('migration:rows', OLD_PAGE, { store: 'checkIns', rows: [{ key: 'a', value: new Error('not data') }] })).rejects.toThrow(/invalid payload/);
    let deep: unknown = 'bottom';
    for (let level = 0; level < 100; level += 1) deep = { deep };
    await expect(call('migration:rows', OLD_PAGE, { store: 'checkIns', rows: [{ key: 'a', value: deep }] })).rejects.toThrow(/invalid payload/);
    await expect(call('migration:rows', OLD_PAGE, { store: 'checkIns', rows: [{ key: { not: 'a key' }, value: {} }] })).rejects.toThrow(/invalid payload/);
    await expect(call('migration:found', APP_PAGE, null)).rejects.toThrow(/refused/);
  });
});
