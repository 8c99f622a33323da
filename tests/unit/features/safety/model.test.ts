// Support's pure parts: the shortcut keys, the wording of dates, and the circle members offered as
// safety-plan contacts.
import { describe, expect, it } from 'vitest';
import { checkedLabel, membersOf, sameMembers, savedLabel, type CircleMembersView } from '../../../../renderer/src/features/safety/model';
import { isSupportShortcut } from '../../../../renderer/src/features/safety/support';

const key = (key: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}, code = '') => ({ key, code, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('isSupportShortcut', () => {
  it('is F1, or Ctrl/Cmd+Shift+H (whatever the keyboard layout prints)', () => {
    expect(isSupportShortcut(key('F1'))).toBe(true);
    expect(isSupportShortcut(key('F1', { shiftKey: true }))).toBe(true);
    expect(isSupportShortcut(key('H', { ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(isSupportShortcut(key('h', { metaKey: true, shiftKey: true }))).toBe(true);
    expect(isSupportShortcut(key('Ч', { ctrlKey: true, shiftKey: true }, 'KeyH'))).toBe(true);
  });

  it('leaves other keys alone', () => {
    expect(isSupportShortcut(key('F1', { ctrlKey: true }))).toBe(false);
    expect(isSupportShortcut(key('h', { ctrlKey: true }))).toBe(false);
    expect(isSupportShortcut(key('H', { shiftKey: true }))).toBe(false);
    expect(isSupportShortcut(key('h', { ctrlKey: true, shiftKey: true, altKey: true }))).toBe(false);
    expect(isSupportShortcut(key('F2'))).toBe(false);
  });
});

describe('wording', () => {
  it('names the month the directory was checked', () => {
    expect(checkedLabel('2026-12')).toBe('December 2026');
    expect(checkedLabel('2026-13')).toBe('2026-13');
  });

  it('says when the plan was saved', () => {
    const now = Date.UTC(2026, 11, 6, 12, 0);
    expect(savedLabel(0, now)).toBe('');
    expect(savedLabel(now - 10_000, now)).toBe('Saved just now');
    expect(savedLabel(now - 3_600_000, now)).toMatch(/^Saved at /);
    expect(savedLabel(now - 3 * 86_400_000, now)).toMatch(/^Saved .*2026, /);
  });
});

describe('circle members as contacts', () => {
  const member = (keyId: string, pseudonym: string, isMe = false) => ({ keyId, pseudonym, isMe });
  const view: CircleMembersView = {
    circles: [
      { circleId: 'c1', open: { name: 'Tuesday evenings', members: [member('me', 'Robin', true), member('k2', 'Sam'), member('k3', 'Ana')] } },
      { circleId: 'c2', open: null },
      { circleId: 'c3', open: { name: null, members: [member('k2', 'Sam')] } },
    ],
  };

  it('offers everyone but me, with their circle, from every open circle', () => {
    expect(membersOf(view)).toEqual([
      { key: 'c1:k2', pseudonym: 'Sam', circleName: 'Tuesday evenings' },
      { key: 'c1:k3', pseudonym: 'Ana', circleName: 'Tuesday evenings' },
      { key: 'c3:k2', pseudonym: 'Sam', circleName: 'a circle' },
    ]);
    expect(membersOf({ circles: [] })).toEqual([]);
  });

  it('tells an unchanged list from a changed one', () => {
    expect(sameMembers(membersOf(view), membersOf(view))).toBe(true);
    const renamed = membersOf({ circles: [{ circleId: 'c1', open: { name: 'Tuesdays', members: [member('k2', 'Sam')] } }] });
    expect(sameMembers(membersOf(view), renamed)).toBe(false);
  });
});
