// The journal repository: create, edit, delete with undo, range reads, and damaged rows.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import type { CheckInDraft } from '@shared/journal/checkIn';
import { HearthDatabase } from '../../../renderer/src/db/database';
import { Journal } from '../../../renderer/src/db/journal';
import { SearchIndex } from '../../../renderer/src/db/searchIndex';
import { SettingsStore } from '../../../renderer/src/db/settingsStore';
import { DEFAULT_SETTINGS } from '@shared/settings';

const draft = (overrides: Partial<CheckInDraft> = {}): CheckInDraft => ({
  at: Date.UTC(2026, 10, 20, 18, 30),
  zone: 'UTC',
  mood: 3,
  emotions: ['calm'],
  activities: ['walk'],
  note: 'A quiet walk by the river.',
  ...overrides,
});

let db: HearthDatabase;
let journal: Journal;
let clock = 1_000;
let ids = 0;

beforeEach(async () => {
  db = new HearthDatabase(`journal-test-${String(Math.random())}`);
  await db.open();
  journal = new Journal(db, { now: () => clock, newId: () => `id-${String(++ids)}` });
});

afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

describe('Journal', () => {
  it('creates a check-in with its local day, normalised labels and timestamps', async () => {
    const created = await journal.create(draft({ emotions: [' Calm ', 'calm', 'hopeful'], zone: 'Pacific/Auckland' }));
    expect(created).toMatchObject({ id: 'id-1', day: '2026-11-21', emotions: ['Calm', 'hopeful'], createdAt: 1_000, updatedAt: 1_000 });
    expect(await journal.get('id-1')).toEqual(created);
  });

  it('edits keep createdAt and move updatedAt forward even if the clock went back', async () => {
    const created = await journal.create(draft());
    clock = 500;
    const edited = await journal.update(created.id, draft({ mood: 5, note: 'Better now' }));
    expect(edited.createdAt).toBe(1_000);
    expect(edited.updatedAt).toBe(1_001);
    expect((await journal.get(created.id))?.note).toBe('Better now');
  });

  it('refuses to edit a check-in that was deleted', async () => {
    await expect(journal.update('missing', draft())).rejects.toThrow(/no longer exists/);
  });

  it('deletes and restores exactly (undo)', async () => {
    const created = await journal.create(draft({ sleepHours: 7.25, medication: 'skip', energy: 2 }));
    const removed = await journal.remove(created.id);
    expect(await journal.get(created.id)).toBeUndefined();
    expect(removed).toEqual(created);
    if (!removed) throw new Error('expected the removed check-in');
    await journal.restore(removed);
    expect(await journal.get(created.id)).toEqual(created);
  });

  it('reads by day range, oldest first, and lists ids newest first', async () => {
    const a = await journal.create(draft({ at: Date.UTC(2026, 10, 1, 9) }));
    const b = await journal.create(draft({ at: Date.UTC(2026, 10, 3, 9) }));
    const c = await journal.create(draft({ at: Date.UTC(2026, 10, 3, 7) }));
    expect((await journal.between('2026-11-02', '2026-11-30')).map((x) => x.id)).toEqual([c.id, b.id]);
    expect(await journal.idsNewestFirst()).toEqual([b.id, c.id, a.id]);
    expect((await journal.getMany([a.id, 'nope', c.id])).map((x) => x.id)).toEqual([a.id, c.id]);
  });

  it('skips a damaged row, reports it, and still shows the rest', async () => {
    const good = await journal.create(draft());
    await db.checkIns.put({ id: 'bad', at: 5, day: '2026-11-20', codec: 'plain', v: 1, body: { id: 'bad', mood: 9 } });
    const problems: string[] = [];
    const careful = new Journal(db, { onUnreadable: (error) => problems.push(error.recordId) });
    expect((await careful.onDay('2026-11-20')).map((x) => x.id)).toEqual([good.id]);
    expect(problems).toEqual(['bad']);
  });

  it('writes an import in one transaction', async () => {
    const existing = await journal.create(draft());
    const incoming = { ...existing, id: 'imported', note: 'from a file' };
    await journal.writeImport({ add: [incoming], update: [{ ...existing, note: 'updated', updatedAt: 99_999 }] });
    expect((await journal.get('imported'))?.note).toBe('from a file');
    expect((await journal.get(existing.id))?.note).toBe('updated');
  });
});

describe('SearchIndex', () => {
  it('finds by a word of the note, by prefix, and by emotion or activity, and follows edits', async () => {
    const index = new SearchIndex(journal);
    const river = await journal.create(draft({ note: 'Walked along the river with Sam' }));
    await journal.create(draft({ note: 'Stayed in, watched a film', emotions: ['tired'], activities: ['screen time'], mood: 2 }));
    expect((await index.search('river')).checkIns.map((x) => x.id)).toEqual([river.id]);
    expect((await index.search('riv')).checkIns.map((x) => x.id)).toEqual([river.id]);
    expect((await index.search('tired')).total).toBe(1);
    await journal.update(river.id, draft({ note: 'Walked along the canal' }));
    expect((await index.search('river')).total).toBe(0);
    expect((await index.search('canal')).total).toBe(1);
    await journal.remove(river.id);
    expect((await index.search('canal')).total).toBe(0);
    index.dispose();
  });

  it('applies mood, activity, emotion and date filters, with or without text', async () => {
    const index = new SearchIndex(journal);
    await journal.create(draft({ at: Date.UTC(2026, 9, 1, 12), mood: 1, activities: ['work'], emotions: ['anxious'], note: 'deadline' }));
    const keep = await journal.create(draft({ at: Date.UTC(2026, 9, 10, 12), mood: 4, activities: ['Walk'], emotions: ['calm'], note: 'deadline done' }));
    expect((await index.search('', { moods: new Set([4, 5] as const) })).checkIns.map((x) => x.id)).toEqual([keep.id]);
    expect((await index.search('deadline', { activity: 'walk' })).checkIns.map((x) => x.id)).toEqual([keep.id]);
    expect((await index.search('', { emotion: 'CALM' })).total).toBe(1);
    expect((await index.search('deadline', { fromDay: '2026-10-05', toDay: '2026-10-31' })).checkIns.map((x) => x.id)).toEqual([keep.id]);
    expect((await index.search('deadline')).total).toBe(2);
    index.dispose();
  });
});

describe('SettingsStore', () => {
  it('keeps a change another window made since this one last read, instead of writing over it', async () => {
    const here = new SettingsStore(db);
    const otherWindow = new SettingsStore(db);
    expect((await here.get()).weekStart).toBe(DEFAULT_SETTINGS.weekStart);
    await otherWindow.update({ weekStart: 0 });
    await here.update({ theme: 'dark' });
    expect(await new SettingsStore(db).get()).toMatchObject({ weekStart: 0, theme: 'dark' });
  });

  it('returns defaults, saves changes, and falls back field by field on damage', async () => {
    const store = new SettingsStore(db);
    expect(await store.get()).toEqual(DEFAULT_SETTINGS);
    await store.update({ theme: 'dark' });
    expect((await store.get()).theme).toBe('dark');
    await db.settings.put({ key: 'preferences', value: { theme: 'neon', weekStart: 0 } });
    // The theme lives in the plain appearance row (readable before unlock), which still says dark.
    expect(await store.get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', weekStart: 0 });
    await db.settings.put({ key: 'appearance', value: { theme: 'neon', motion: 'reduce' } });
    expect(await store.get()).toEqual({ ...DEFAULT_SETTINGS, motion: 'reduce', weekStart: 0 });
    await expect(store.update({ weekStart: 3 as never })).rejects.toThrow();
  });
});
