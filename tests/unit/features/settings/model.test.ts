import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { planImport } from '@shared/journal/exchange';
import {
  MAX_LABELS,
  addToList,
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
