// The share dialog's pure parts: fields offered and ticked, the content warning, exactly what leaves,
// which circles can take a post and why not, where an entry is shared, and the words of the report.
import { describe, expect, it } from 'vitest';
import type { CircleSnapshot } from '../../../../renderer/src/features/circles/circlesService';
import type { CircleRecord } from '../../../../renderer/src/circles/engine/circleRecords';
import type { MemberView } from '../../../../renderer/src/circles/engine/circleSession';
import {
  circleChoices,
  contentWarningOf,
  DEFAULT_FIELDS,
  fieldOptions,
  initialFields,
  listNames,
  newestCopy,
  NO_WARNING,
  sameCopy,
  sharedCopy,
  shareReport,
  toggleField,
  toggleTopic,
  warningChoiceOf,
} from '../../../../renderer/src/features/share/model';
import { placeName, samePlaces, sharedPlaces } from '../../../../renderer/src/features/share/places';
import type { ViewPost } from '../../../../shared/circles/view';
import { makeCheckIn } from '../../../support/fixtures';

const full = makeCheckIn({
  id: 'journal-1',
  day: '2026-03-03',
  mood: 2,
  energy: 1,
  emotions: ['anxious', 'tired'],
  activities: ['work', 'walk'],
  sleepHours: 6.5,
  medication: 'no',
  note: 'Hard morning. I called my sister in the evening and we talked about the garden for a long while.',
});
const sparse = makeCheckIn({ id: 'journal-2', mood: 4 });

describe('fields', () => {
  it('offers every shareable field with this check-in’s value beside it, never medication', () => {
    const options = fieldOptions(full);
    expect(options.map((option) => option.field)).toEqual(['day', 'mood', 'energy', 'emotions', 'activities', 'sleep', 'note']);
    const value = (field: string): string | null | undefined => options.find((option) => option.field === field)?.value;
    expect(value('mood')).toBe('Low');
    expect(value('energy')).toBe('Drained');
    expect(value('emotions')).toBe('anxious, tired');
    expect(value('activities')).toBe('work, walk');
    expect(value('sleep')).toBe('6 h 30 min');
    expect(value('day')).toContain('2026');
    // A long note is shortened for the list; the preview shows all of it.
    expect(value('note')).toMatch(/^Hard morning\. I called my sister .*…$/);
    expect(value('note')?.length).toBeLessThanOrEqual(70);
    const cut = fieldOptions(makeCheckIn({ note: `${'word '.repeat(13)}end. And then more.` })).find((option) => option.field === 'note');
    expect(cut?.value).toBe(`${'word '.repeat(13)}end…`);
  });

  it('says when a check-in has nothing for a field', () => {
    const options = fieldOptions(sparse);
    expect(options.filter((option) => option.value === null).map((option) => option.field)).toEqual(['energy', 'emotions', 'activities', 'sleep', 'note']);
  });

  it('ticks mood and emotions for a first share, and never a field the check-in has nothing for', () => {
    expect([...initialFields(full, null)]).toEqual([...DEFAULT_FIELDS]);
    expect([...initialFields(full, null)]).not.toContain('note');
    expect([...initialFields(sparse, null)]).toEqual(['mood']);
  });

  it('starts from the circle copy’s choices when the entry is shared already', () => {
    const copy = sharedCopy(full, ['mood', 'sleep', 'note'], undefined);
    expect([...initialFields(full, copy)]).toEqual(['mood', 'sleep', 'note']);
    // The note was shared, then emptied in the journal: it can no longer be ticked.
    expect([...initialFields({ ...full, note: '  ' }, copy)]).toEqual(['mood', 'sleep']);
  });

  it('toggles a field and keeps the dialog’s order', () => {
    const chosen = toggleField(toggleField(new Set(['emotions'] as const), 'day'), 'note');
    expect([...chosen]).toEqual(['day', 'emotions', 'note']);
    expect([...toggleField(chosen, 'day')]).toEqual(['emotions', 'note']);
  });
});

describe('the copy that leaves', () => {
  it('holds exactly the chosen fields', () => {
    const copy = sharedCopy(full, ['mood', 'emotions'], undefined);
    expect(copy).toEqual({ fields: { mood: 2, emotions: ['anxious', 'tired'] } });
    expect(JSON.stringify(copy)).not.toContain('sister');
    expect(JSON.stringify(sharedCopy(full, ['day', 'mood', 'energy', 'emotions', 'activities', 'sleep', 'note'], undefined))).not.toMatch(/medication|"no"|journal-1/);
  });

  it('knows whether the circle already has this version', () => {
    const shared = sharedCopy(full, ['mood', 'note'], undefined);
    expect(sameCopy(shared, sharedCopy(full, ['note', 'mood'], undefined))).toBe(true);
    expect(sameCopy(shared, sharedCopy({ ...full, note: `${full.note} Later: a good night.` }, ['mood', 'note'], undefined))).toBe(false);
    const warning = contentWarningOf({ on: true, topics: ['grief'], custom: '' });
    if (!warning.ok) throw new Error(warning.message);
    expect(sameCopy(shared, sharedCopy(full, ['mood', 'note'], warning.warning))).toBe(false);
  });
});

describe('content warning', () => {
  it('is absent when off, and needs a topic when on', () => {
    expect(contentWarningOf(NO_WARNING)).toEqual({ ok: true, warning: undefined });
    expect(contentWarningOf({ on: false, topics: ['grief'], custom: 'x' })).toEqual({ ok: true, warning: undefined });
    const missing = contentWarningOf({ on: true, topics: [], custom: ' , ' });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.message).toBe('Choose a topic for the content warning, or turn the warning off.');
  });

  it('carries schema topics and the person’s own words, cleaned and without duplicates', () => {
    const choice = toggleTopic(toggleTopic({ on: true, topics: [], custom: ' panic ,Panic, work stress ' }, 'self-harm'), 'abuse');
    expect(choice.topics).toEqual(['self-harm', 'abuse']);
    expect(contentWarningOf(choice)).toEqual({ ok: true, warning: { topics: ['self-harm', 'abuse'], custom: ['panic', 'work stress'] } });
    expect(toggleTopic(choice, 'self-harm').topics).toEqual(['abuse']);
  });

  it('refuses more own topics than the schema allows', () => {
    const result = contentWarningOf({ on: true, topics: [], custom: 'a, b, c, d, e, f' });
    expect(result).toEqual({ ok: false, message: 'Name up to 5 topics of your own.' });
  });

  it('round-trips through the form, so an update keeps the warning', () => {
    const warning = { topics: ['grief', 'hospital'] as ('grief' | 'hospital')[], custom: ['loss of a pet'] };
    expect(contentWarningOf(warningChoiceOf(warning))).toEqual({ ok: true, warning });
    expect(warningChoiceOf(undefined)).toEqual(NO_WARNING);
  });
});

// ---- circles ----

const ME = 'me-key-id-aaaaaaaaaaaa';
const OTHER = 'other-key-id-bbbbbbbbbb';

function member(keyId: string, isMe: boolean): MemberView {
  return { keyId, pseudonym: isMe ? 'Robin' : 'Kim', role: 'member', fingerprint: 'AAAA-BBBB-CCCC-DDDD', isMe, sentConflictingVersions: false };
}

function post(author: string, entryId: string, fields: ViewPost['fields']): ViewPost {
  return {
    ref: { author, entryId },
    author: { keyId: author, pseudonym: 'Someone', role: 'member' },
    epoch: 0,
    fields,
    sharedAt: 1,
    claimedAt: 1,
    replies: [],
    reactions: { 'sending-support': 0, 'me-too': 0, 'thank-you': 0, hope: 0 },
  };
}

interface CircleOptions {
  readonly name?: string | null;
  readonly shared?: CircleRecord['shared'];
  readonly open?: boolean;
  readonly openProblem?: string;
  readonly problem?: string;
  readonly charter?: string | null;
  readonly needsCharterAcceptance?: boolean;
  readonly members?: readonly MemberView[];
  readonly posts?: readonly ViewPost[];
  readonly peers?: number;
}

function circle(circleId: string, options: CircleOptions = {}): CircleSnapshot {
  const record = {
    kind: 'circle',
    v: 1,
    circleId,
    founder: { signingKey: 'x', agreementKey: 'y', keyId: ME },
    role: 'member',
    pseudonym: 'Robin',
    epoch: 0,
    epochSecrets: {},
    signalingUrls: [],
    iceServers: [],
    charterAccepted: 'hash',
    joinedAt: 0,
    shared: options.shared ?? {},
    undelivered: [],
    invites: [],
  } satisfies CircleRecord;
  return {
    circleId,
    record,
    open:
      options.open === false
        ? null
        : {
            name: options.name === undefined ? `Circle ${circleId}` : options.name,
            charter: options.charter === undefined ? 'Be kind.' : options.charter,
            members: options.members ?? [member(ME, true), member(OTHER, false)],
            online: new Set<string>(),
            posts: options.posts ?? [],
            status: { peers: options.peers ?? 0, lastSyncedAt: null, closedForDamageAt: null, undelivered: 0, membersOnline: 0 },
            needsCharterAcceptance: options.needsCharterAcceptance ?? false,
            problem: options.problem ?? null,
            removed: null,
            moving: null,
            moderation: { muted: new Set<string>(), queue: [], myReports: [], hiddenFromMe: [], charterChanged: false, previousCharter: null, careNoteDue: false },
          },
    openProblem: options.openProblem ?? null,
    desk: null,
  };
}

describe('circle choices', () => {
  it('offers circles where the charter is accepted, and says why not elsewhere, in the order that matters', () => {
    const choices = circleChoices(
      [
        circle('a', { peers: 2 }),
        circle('b', { needsCharterAcceptance: true }),
        circle('c', { charter: null, needsCharterAcceptance: true }),
        circle('d', { members: [member(OTHER, false)] }),
        circle('e', { problem: 'This circle’s membership record hasn’t arrived on this device yet.' }),
        circle('f', { open: false }),
        circle('g', { open: false, openProblem: 'This circle’s key is missing on this device.' }),
      ],
      'journal-1',
    );
    expect(choices[0]).toEqual({ kind: 'can-share', circleId: 'a', name: 'Circle a', pseudonym: 'Robin', online: true });
    expect(choices.slice(1).map((choice) => (choice.kind === 'cannot-share' ? choice.reason : choice.kind))).toEqual([
      'Read and accept its charter first.',
      'Its charter hasn’t arrived on this device yet. It will once another member is online.',
      'You’re no longer a member of this circle.',
      'This circle’s membership record hasn’t arrived on this device yet.',
      'Still opening on this device.',
      'This circle’s key is missing on this device.',
    ]);
  });

  it('shows where the entry is shared, with the copy I wrote (not a look-alike from someone else)', () => {
    const mine = sharedCopy(full, ['mood', 'note'], undefined);
    const entryId = 'AAAAAAAAAAAAAAAAAAAAAA';
    const shared = { 'journal-1': { entryId, sharedAt: 1_000 } };
    const choices = circleChoices(
      [
        circle('a', { shared, posts: [post(OTHER, entryId, { mood: 5 }), post(ME, entryId, mine.fields)] }),
        circle('b', { shared, posts: [post(OTHER, entryId, { mood: 5 })] }),
      ],
      'journal-1',
    );
    expect(choices[0]).toEqual({ kind: 'shared', circleId: 'a', name: 'Circle a', sharedAt: 1_000, copy: mine, online: false });
    // Mapped, but not in the view (e.g. a facilitator hid it): still shared, with no copy to compare.
    expect(choices[1]).toMatchObject({ kind: 'shared', copy: null });
    expect(circleChoices([circle('a', { shared })], 'journal-2')[0]?.kind).toBe('can-share');
  });

  it('starts a second share from the newest circle copy', () => {
    const older = sharedCopy(full, ['mood'], undefined);
    const newer = sharedCopy(full, ['mood', 'sleep'], undefined);
    const choices = circleChoices(
      [
        circle('a', { shared: { 'journal-1': { entryId: 'A'.repeat(22), sharedAt: 1 } }, posts: [post(ME, 'A'.repeat(22), older.fields)] }),
        circle('b', { shared: { 'journal-1': { entryId: 'B'.repeat(22), sharedAt: 2 } }, posts: [post(ME, 'B'.repeat(22), newer.fields)] }),
      ],
      'journal-1',
    );
    expect(newestCopy(choices)).toEqual(newer);
    expect(newestCopy([])).toBeNull();
  });
});

describe('where an entry is shared', () => {
  it('lists the circles from their records, with names once known', () => {
    const shared = { 'journal-1': { entryId: 'A'.repeat(22), sharedAt: 5 } };
    const places = sharedPlaces([circle('a', { shared }), circle('b'), circle('c', { shared, name: null })], 'journal-1');
    expect(places).toEqual([
      { circleId: 'a', name: 'Circle a', sharedAt: 5 },
      { circleId: 'c', name: null, sharedAt: 5 },
    ]);
    expect(places.map(placeName)).toEqual(['Circle a', 'a circle']);
    expect(sharedPlaces([circle('a', { shared })], 'journal-2')).toEqual([]);
  });

  it('compares by value, so a card re-renders only when its places change', () => {
    const a = [{ circleId: 'a', name: 'A', sharedAt: 1 }];
    expect(samePlaces(a, [{ circleId: 'a', name: 'A', sharedAt: 1 }])).toBe(true);
    expect(samePlaces(a, [{ circleId: 'a', name: 'A', sharedAt: 2 }])).toBe(false);
    expect(samePlaces(a, [{ circleId: 'a', name: null, sharedAt: 1 }])).toBe(false);
    expect(samePlaces(a, [])).toBe(false);
  });
});

describe('reports', () => {
  it('lists names the way people say them', () => {
    expect(listNames([])).toBe('');
    expect(listNames(['A'])).toBe('A');
    expect(listNames(['A', 'B'])).toBe('A and B');
    expect(listNames(['A', 'B', 'C'])).toBe('A, B and C');
  });

  it('says what worked, what is still on its way, and what did not with the engine’s words', () => {
    expect(shareReport([{ name: 'Tuesday', ok: true }], 'Shared to')).toEqual({ message: 'Shared to Tuesday.', tone: 'info' });
    expect(shareReport([{ name: 'Tuesday', ok: true, waiting: true }, { name: 'Friday', ok: true }], 'Shared to')).toEqual({
      message: 'Shared to Tuesday and Friday. No one else in Tuesday is online right now. It will reach members when one of them is.',
      tone: 'info',
    });
    expect(shareReport([{ name: 'Tuesday', ok: true }, { name: 'Friday', ok: false, message: 'Please read and accept this circle’s guidelines before your first post.' }], 'Shared to')).toEqual({
      message: 'Shared to Tuesday. Friday: Please read and accept this circle’s guidelines before your first post.',
      tone: 'error',
    });
    expect(shareReport([{ name: 'Tuesday', ok: true, waiting: true }], 'Taken back from').message).toBe(
      'Taken back from Tuesday. No one else in Tuesday is online right now. Members’ devices will be asked to hide it when one of them is.',
    );
  });
});
