import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { planImport } from '@shared/journal/exchange';
import { relayKey } from '@shared/circles/connection';
import {
  MAX_LABELS,
  addIceServer,
  addRelay,
  addToList,
  putBack,
  removeAt,
  exportFileName,
  exportedMessage,
  formatTimeOfDay,
  mergeLabels,
  mergePreferences,
  removeFromList,
  renameInList,
  skippedMessage,
  tooLargeMessage,
  withoutUnreadable,
} from '../../../../renderer/src/features/settings/model';
import { makeCheckIn } from '../../../support/fixtures';

describe('export file names', () => {
  it('names each format after the day it was made', () => {
    expect(exportFileName('json', '2026-11-22')).toBe('hearth-journal-2026-11-22.json');
    expect(exportFileName('markdown', '2026-11-22')).toBe('hearth-journal-2026-11-22.md');
    expect(exportFileName('csv', '2026-01-05')).toBe('hearth-journal-2026-01-05.csv');
  });
});

describe('formatTimeOfDay', () => {
  it('writes a stored time the way the locale does', () => {
    expect(formatTimeOfDay('20:05', 'en-GB')).toBe('20:05');
    expect(formatTimeOfDay('20:05', 'en-US')).toMatch(/^8:05\sPM$/);
    expect(formatTimeOfDay('00:00', 'en-US')).toMatch(/^12:00\sAM$/);
  });
});

describe('messages', () => {
  it('counts exported check-ins with grouping and the right plural', () => {
    expect(exportedMessage(1234)).toBe('Exported 1,234 check-ins.');
    expect(exportedMessage(1)).toBe('Exported 1 check-in.');
    expect(exportedMessage(0)).toMatch(/no check-ins yet/);
  });

  it('says how large a refused file is and that nothing changed', () => {
    const message = tooLargeMessage(150 * 1024 * 1024);
    expect(message).toContain('150 MB');
    expect(message).toContain('100 MB');
    expect(message).toMatch(/unchanged/);
  });

  it('mentions skipped check-ins only when there are some', () => {
    expect(skippedMessage(0)).toBe('');
    expect(skippedMessage(1)).toMatch(/^1 check-in /);
    expect(skippedMessage(2)).toMatch(/^2 check-ins /);
  });
});

describe('mergeLabels', () => {
  it('adds new words at the end and never removes or reorders existing ones', () => {
    expect(mergeLabels(['walk', 'work'], ['Walk', 'swimming', 'work', 'reading'])).toEqual(['walk', 'work', 'swimming', 'reading']);
  });

  it('normalises incoming words and skips empty ones', () => {
    expect(mergeLabels([], ['  long   walk ', '', '   '])).toEqual(['long walk']);
  });

  it('stops at the settings limit', () => {
    const many = Array.from({ length: 300 }, (_, i) => `word ${String(i)}`);
    expect(mergeLabels([], many)).toHaveLength(MAX_LABELS);
    expect(mergeLabels(['a', 'b'], ['c', 'd'], 3)).toEqual(['a', 'b', 'c']);
  });

  it('keeps every existing label in order (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 10 }), { maxLength: 20 }), fc.array(fc.string({ maxLength: 10 }), { maxLength: 20 }), (current, incoming) => {
        const merged = mergeLabels(current, incoming);
        expect(merged.slice(0, current.length)).toEqual(current);
        const keys = merged.slice(current.length).map((label) => label.toLocaleLowerCase());
        expect(new Set(keys).size).toBe(keys.length);
        for (const key of keys) expect(current.some((label) => label.toLocaleLowerCase() === key)).toBe(false);
      }),
    );
  });
});

describe('mergePreferences', () => {
  it('returns null when the import brings nothing new', () => {
    expect(mergePreferences({ activities: ['walk'], customEmotions: ['cosy'] }, { activities: ['WALK'], customEmotions: [] })).toBeNull();
  });

  it('merges both lists', () => {
    expect(mergePreferences({ activities: ['walk'], customEmotions: [] }, { activities: ['yoga'], customEmotions: ['cosy'] })).toEqual({
      activities: ['walk', 'yoga'],
      customEmotions: ['cosy'],
    });
  });
});

describe('withoutUnreadable', () => {
  it('leaves out additions whose id is stored but could not be read', () => {
    const readable = makeCheckIn({ id: 'readable', updatedAt: 1 });
    const plan = planImport(new Map([[readable.id, readable]]), [
      makeCheckIn({ id: 'readable', updatedAt: 2 }),
      makeCheckIn({ id: 'damaged' }),
      makeCheckIn({ id: 'new' }),
    ]);
    const { plan: safe, skipped } = withoutUnreadable(plan, new Set(['readable', 'damaged']));
    expect(skipped).toBe(1);
    expect(safe.add.map((checkIn) => checkIn.id)).toEqual(['new']);
    expect(safe.update.map((checkIn) => checkIn.id)).toEqual(['readable']);
  });
});

describe('editing word lists', () => {
  it('adds a typed word, tidied', () => {
    expect(addToList(['walk'], '  gardening ', { noun: 'activity' })).toEqual({ ok: true, list: ['walk', 'gardening'] });
  });

  it('explains why a word cannot be added', () => {
    expect(addToList(['walk'], '   ', { noun: 'activity' })).toMatchObject({ ok: false });
    expect(addToList(['walk'], 'Walk', { noun: 'activity' })).toEqual({ ok: false, message: '“Walk” is already in the list.' });
    expect(addToList([], 'Calm', { noun: 'emotion word', builtIn: ['calm'] })).toEqual({ ok: false, message: "“Calm” is already one of Hearth's emotion words." });
    const full = Array.from({ length: MAX_LABELS }, (_, i) => `w${String(i)}`);
    expect(addToList(full, 'one more', { noun: 'activity' })).toMatchObject({ ok: false, message: expect.stringMatching(/up to 200/) as unknown });
  });

  it('renames in place', () => {
    expect(renameInList(['walk', 'work'], 0, 'long walk', 'activity')).toEqual({ ok: true, list: ['long walk', 'work'] });
    // Changing only the case of a word is allowed.
    expect(renameInList(['walk', 'work'], 1, 'Work', 'activity')).toEqual({ ok: true, list: ['walk', 'Work'] });
  });

  it('refuses an empty name or a clash with another word', () => {
    expect(renameInList(['walk', 'work'], 0, '  ', 'activity')).toMatchObject({ ok: false });
    expect(renameInList(['walk', 'work'], 0, 'WORK', 'activity')).toEqual({ ok: false, message: '“WORK” is already in the list.' });
    expect(renameInList(['walk'], 3, 'x', 'activity')).toMatchObject({ ok: false });
  });

  it('removes exactly the given word', () => {
    expect(removeFromList(['walk', 'work', 'Walk'], 'walk')).toEqual(['work', 'Walk']);
  });
});

describe('circles connection lists', () => {
  it('add a relay the person typed, trimmed, once, up to the limit', () => {
    expect(addRelay(['ws://127.0.0.1:4444'], '  wss://relay.example.org ')).toEqual({ ok: true, list: ['ws://127.0.0.1:4444', 'wss://relay.example.org'] });
    expect(addRelay(['wss://relay.example.org'], 'WSS://Relay.Example.org/')).toEqual({ ok: false, message: 'That relay is already in the list.' });
    expect(addRelay([], 'relay.example.org')).toEqual({ ok: false, message: expect.stringContaining('starts with wss://') as string });
    const full = Array.from({ length: 8 }, (_, i) => `ws://192.168.1.${String(i + 1)}:4444`);
    expect(addRelay(full, 'wss://relay.example.org')).toEqual({ ok: false, message: 'Hearth uses up to 8 relays. Remove one to make room.' });
  });

  it('add a STUN or TURN server once, with a login only for TURN', () => {
    const turn = { urls: 'turn:turn.example.org:3478', username: 'robin', credential: 'pw' };
    expect(addIceServer([], { url: 'turn:turn.example.org:3478', username: 'robin', credential: 'pw' })).toEqual({ ok: true, list: [turn] });
    expect(addIceServer([turn], { url: 'TURN:turn.example.org:3478', username: 'sam', credential: 'x' })).toEqual({
      ok: false,
      message: 'That server is already in the list. To change its login, remove it and add it again.',
    });
    expect(addIceServer([], { url: 'turn:turn.example.org', username: '', credential: '' })).toEqual({ ok: false, message: 'A TURN server needs the user name and password its provider gave you.' });
    expect(addIceServer([], { url: 'stun:stun.example.org', username: '', credential: '' })).toEqual({ ok: true, list: [{ urls: 'stun:stun.example.org' }] });
  });

  it('remove an item and put it back where it was, unless it is there again or the list is full', () => {
    const same = (a: string, b: string): boolean => relayKey(a) === relayKey(b);
    const { list, removed } = removeAt(['a', 'b', 'c'], 1);
    expect(list).toEqual(['a', 'c']);
    expect(removed).toBe('b');
    expect(putBack(list, 'b', 1, { same, limit: 8 })).toEqual(['a', 'b', 'c']);
    expect(putBack(['a'], 'b', 5, { same, limit: 8 })).toEqual(['a', 'b']);
    expect(putBack(['wss://x.example.org/'], 'WSS://X.example.org', 0, { same, limit: 8 })).toEqual(['wss://x.example.org/']);
    expect(putBack(['a', 'c'], 'b', 1, { same, limit: 2 })).toEqual(['a', 'c']);
    expect(removeAt(['a'], 3)).toEqual({ list: ['a'], removed: undefined });
  });
});
