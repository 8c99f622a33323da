// Moderation in the shared model: reports sealed to facilitators only, hides that count only from a
// facilitator of the current epoch, what an author is told, and each reader's own filters (mutes, warnings).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeEnvelope } from '@shared/circles/circleDoc';
import { circleInfoEntryId, hideEntryId, newEntryId } from '@shared/circles/envelope';
import { DEFAULT_CONTENT_WARNING_PREFERENCES, parseContentWarningPreferences, treatmentOf, warningWords, type ContentWarningPreferences } from '@shared/circles/readerPreferences';
import { readerView } from '@shared/circles/readerView';
import { openNote, sealNote, SealedNoteSchema } from '@shared/circles/report';
import { createVerifiedView, type VerifiedView } from '@shared/circles/view';
import { DEFAULT_SETTINGS, parseSettings } from '@shared/settings';
import { Author, docWith, makeCircle, postBody, refOf, T0, type TestCircle } from '../../support/circles';
import type * as Y from 'yjs';

function viewOf(circle: TestCircle, doc: Y.Doc, me?: string): VerifiedView {
  return createVerifiedView(doc, {
    circleId: circle.circleId,
    founder: circle.founder.publicIdentity.keyId,
    epochKeys: new Map([[0, circle.keys.contentKey]]),
    ...(me === undefined ? {} : { me }),
  });
}

function authors(circle: TestCircle): Author[] {
  return circle.people.map((person) => new Author(person, circle.circleId, circle.keys.contentKey));
}

describe('reports', () => {
  it('only the facilitators and the reporter can open a report; other members cannot, even with every key they hold', async () => {
    const circle = await makeCircle(4, { secondFacilitator: true });
    const [founder, cofacilitator, reporter, other] = circle.people;
    if (!founder || !cofacilitator || !reporter || !other) throw new Error('pool');
    const membership = await circle.membership();
    const signingKey = (keyId: string): string | undefined => membership.members.get(keyId)?.signingKey;
    const target = { author: other.publicIdentity.keyId, entryId: newEntryId() };
    const note = await sealNote(
      { kind: 'report', target, targetKind: 'post', reason: 'medical-advice', note: 'They told someone to stop their medication.' },
      [founder.publicIdentity, cofacilitator.publicIdentity, reporter.publicIdentity],
      reporter,
      { circleId: circle.circleId, id: newEntryId(), now: T0 },
    );
    for (const reader of [founder, cofacilitator, reporter]) {
      const opened = await openNote(note, reader, signingKey, circle.circleId);
      expect(opened.ok && opened.body).toMatchObject({ kind: 'report', reason: 'medical-advice', target });
    }
    expect(await openNote(note, other, signingKey, circle.circleId)).toEqual({ ok: false, reason: 'not-for-me' });
    // Pretending to be a recipient does not help: the wrapped key needs that recipient's private key.
    for (const slot of note.keys) {
      const posing = { ...note, keys: note.keys.map((key) => (key === slot ? { ...key, recipient: other.publicIdentity.keyId } : key)) };
      const result = await openNote(posing, other, signingKey, circle.circleId);
      expect(result.ok).toBe(false);
    }
    // Nothing readable sits in the doc form: neither the note nor the reason.
    const plain = JSON.stringify(note);
    expect(plain).not.toContain('medication');
    expect(plain).not.toContain('medical-advice');
    expect(plain).not.toContain(target.entryId);
  });

  it('refuses altered, re-signed-by-someone-else and wrong-circle notes', async () => {
    const circle = await makeCircle(3);
    const [founder, reporter, other] = circle.people;
    if (!founder || !reporter || !other) throw new Error('pool');
    const membership = await circle.membership();
    const signingKey = (keyId: string): string | undefined => membership.members.get(keyId)?.signingKey;
    const body = { kind: 'report' as const, target: { author: other.publicIdentity.keyId, entryId: newEntryId() }, targetKind: 'reply' as const, reason: 'spam' as const };
    const note = await sealNote(body, [founder.publicIdentity], reporter, { circleId: circle.circleId, id: newEntryId(), now: T0 });
    expect((await openNote({ ...note, ct: note.ct.slice(0, -2) + (note.ct.endsWith('AA') ? 'BB' : 'AA') }, founder, signingKey, circle.circleId)).ok).toBe(false);
    expect(await openNote({ ...note, sender: other.publicIdentity.keyId }, founder, signingKey, circle.circleId)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(await openNote(note, founder, () => undefined, circle.circleId)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(await openNote(note, founder, signingKey, newEntryId())).toEqual({ ok: false, reason: 'wrong-circle' });
    expect(await openNote({ ...note, keys: [] }, founder, signingKey, circle.circleId)).toEqual({ ok: false, reason: 'malformed' });
    expect(SealedNoteSchema.safeParse({ ...note, extra: 1 }).success).toBe(false);
  });

  it('any change to a sealed note, or any junk in its slot, is refused without throwing', async () => {
    const circle = await makeCircle(2);
    const [founder, reporter] = circle.people;
    if (!founder || !reporter) throw new Error('pool');
    const membership = await circle.membership();
    const signingKey = (keyId: string): string | undefined => membership.members.get(keyId)?.signingKey;
    const note = await sealNote({ kind: 'report', target: { author: founder.publicIdentity.keyId, entryId: newEntryId() }, targetKind: 'post', reason: 'other' }, [founder.publicIdentity], reporter, { circleId: circle.circleId, id: newEntryId(), now: T0 });
    const fields = Object.keys(note) as (keyof typeof note)[];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 })), async (field, value) => {
        fc.pre(JSON.stringify(note[field]) !== JSON.stringify(value));
        const result = await openNote({ ...note, [field]: value }, founder, signingKey, circle.circleId);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 60 },
    );
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (junk) => {
        expect((await openNote(junk, founder, signingKey, circle.circleId)).ok).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  it('an outcome reaches the reporter, who can read the decision', async () => {
    const circle = await makeCircle(2);
    const [founder, reporter] = circle.people;
    if (!founder || !reporter) throw new Error('pool');
    const membership = await circle.membership();
    const id = newEntryId();
    const outcome = await sealNote({ kind: 'report-outcome', report: { reporter: reporter.publicIdentity.keyId, id }, decision: 'hidden' }, [reporter.publicIdentity, founder.publicIdentity], founder, { circleId: circle.circleId, id, now: T0 });
    const opened = await openNote(outcome, reporter, (keyId) => membership.members.get(keyId)?.signingKey, circle.circleId);
    expect(opened.ok && opened.body).toEqual({ kind: 'report-outcome', report: { reporter: reporter.publicIdentity.keyId, id }, decision: 'hidden' });
  });
});

describe('hiding a post for everyone', () => {
  it('a facilitator’s hide removes a post and its replies for every member; the author is told', async () => {
    const circle = await makeCircle(3);
    const [founder, alice, bob] = authors(circle);
    if (!founder || !alice || !bob) throw new Error('pool');
    const post = await alice.seal(postBody('hard words'));
    const reply = await bob.seal({ kind: 'reply', parent: refOf(post), text: 'unkind reply' }, undefined, T0 + 5);
    const kept = await bob.seal(postBody('kept'));
    const hides = [
      await founder.seal({ kind: 'tombstone', target: refOf(post) }, await hideEntryId(refOf(post)), T0 + 10),
      await founder.seal({ kind: 'tombstone', target: refOf(reply) }, await hideEntryId(refOf(reply)), T0 + 11),
    ];
    const doc = await docWith(circle, [post, reply, kept, ...hides]);
    for (const me of [alice.keyId, bob.keyId, founder.keyId]) {
      const view = viewOf(circle, doc, me);
      await view.whenIdle();
      expect(view.posts().map((p) => p.fields.note)).toEqual(['kept']);
      view.destroy();
    }
    const alices = viewOf(circle, doc, alice.keyId);
    await alices.whenIdle();
    expect(alices.hiddenFromMe()).toEqual([{ ref: refOf(post), kind: 'post', hiddenAt: T0 + 10 }]);
    const bobs = viewOf(circle, doc, bob.keyId);
    await bobs.whenIdle();
    expect(bobs.hiddenFromMe()).toEqual([{ ref: refOf(reply), kind: 'reply', hiddenAt: T0 + 11 }]);
  });

  it('ignores hides forged by a member, and hides by a facilitator of an earlier epoch who was since removed', async () => {
    const circle = await makeCircle(4, { secondFacilitator: true });
    const [founder, formerFacilitator, alice, bob] = authors(circle);
    if (!founder || !formerFacilitator || !alice || !bob) throw new Error('pool');
    const post = await alice.seal(postBody('still here'));
    const forged = await bob.seal({ kind: 'tombstone', target: refOf(post) }, await hideEntryId(refOf(post)));
    const doc = await docWith(circle, [post, forged]);
    const view = viewOf(circle, doc, alice.keyId);
    await view.whenIdle();
    expect(view.posts().map((p) => p.fields.note)).toEqual(['still here']);

    // Epoch 0: the co-facilitator hides it (valid then). Then a new epoch starts without them.
    const formerHide = await formerFacilitator.seal({ kind: 'tombstone', target: refOf(post) }, await hideEntryId(refOf(post)));
    const doc2 = await docWith(circle, [post, formerHide]);
    const before = viewOf(circle, doc2, alice.keyId);
    await before.whenIdle();
    expect(before.posts()).toEqual([]);
    await circle.append(circle.founder, { kind: 'new-epoch', epoch: 1 });
    await circle.append(circle.founder, { kind: 'remove-member', keyId: formerFacilitator.keyId, epoch: 1 });
    const doc3 = await docWith(circle, [post, formerHide]);
    const after = viewOf(circle, doc3, alice.keyId);
    await after.whenIdle();
    expect(after.posts().map((p) => p.fields.note)).toEqual(['still here']);
    expect(after.hiddenFromMe()).toEqual([]);
  });
});

describe('charter versions', () => {
  it('a new charter from a facilitator replaces the old one; a member’s edit does not count', async () => {
    const circle = await makeCircle(2);
    const [founder, alice] = authors(circle);
    if (!founder || !alice) throw new Error('pool');
    const slot = await circleInfoEntryId(circle.circleId);
    const doc = await docWith(circle, [await founder.seal({ kind: 'circle-info', name: 'Evenings', charter: 'Be kind.' }, slot, T0)]);
    const view = viewOf(circle, doc, alice.keyId);
    await view.whenIdle();
    expect(view.circleInfo()?.charter).toBe('Be kind.');
    writeEnvelope(doc, await founder.seal({ kind: 'circle-info', name: 'Evenings', charter: 'Be kind.\nNo advice about medication.' }, slot, T0 + 1));
    await view.whenIdle();
    expect(view.circleInfo()?.charter).toBe('Be kind.\nNo advice about medication.');
  });
});

const prefs = (change: Partial<ContentWarningPreferences>): ContentWarningPreferences => ({ ...DEFAULT_CONTENT_WARNING_PREFERENCES, ...change });

describe('a reader’s content-warning preferences', () => {
  it('blur every topic by default, take the strictest topic, count custom topics as other, and never hide my own post from me', () => {
    expect(Object.values(DEFAULT_CONTENT_WARNING_PREFERENCES).every((choice) => choice === 'blur')).toBe(true);
    expect(DEFAULT_SETTINGS.contentWarnings).toEqual(DEFAULT_CONTENT_WARNING_PREFERENCES);
    expect(treatmentOf(undefined, prefs({ 'self-harm': 'hide' }))).toBe('show');
    expect(treatmentOf({ topics: ['grief'] }, prefs({ grief: 'show' }))).toBe('show');
    expect(treatmentOf({ topics: ['grief', 'self-harm'] }, prefs({ grief: 'show', 'self-harm': 'hide' }))).toBe('hide');
    expect(treatmentOf({ topics: [], custom: ['moving house'] }, prefs({ other: 'hide' }))).toBe('hide');
    expect(treatmentOf({ topics: [] }, prefs({ other: 'show' }))).toBe('show');
    expect(treatmentOf({ topics: ['self-harm'] }, prefs({ 'self-harm': 'hide' }), true)).toBe('blur');
    expect(warningWords({ topics: ['self-harm', 'substance-use'], custom: ['moving'], text: 'a rough night' })).toBe('self-harm, substance use, moving — a rough night');
  });

  it('reads stored preferences leniently, keeping each valid topic', () => {
    expect(parseContentWarningPreferences({ 'self-harm': 'hide', grief: 'loud', unknown: 'show' })).toEqual(prefs({ 'self-harm': 'hide' }));
    expect(parseContentWarningPreferences(null)).toEqual(DEFAULT_CONTENT_WARNING_PREFERENCES);
    const settings = parseSettings({ ...DEFAULT_SETTINGS, theme: 'neon', contentWarnings: { suicide: 'hide', grief: 7 } });
    expect(settings.theme).toBe('system');
    expect(settings.contentWarnings).toEqual(prefs({ suicide: 'hide' }));
    expect(parseSettings({ ...DEFAULT_SETTINGS, contentWarnings: prefs({ hospital: 'show' }) }).contentWarnings.hospital).toBe('show');
  });
});

describe('the reader view', () => {
  it('mutes take a member’s posts and replies away for this reader only, and hidden topics are counted', async () => {
    const circle = await makeCircle(3);
    const [founder, alice, bob] = authors(circle);
    if (!founder || !alice || !bob) throw new Error('pool');
    const alicePost = await alice.seal(postBody('from alice'), undefined, T0);
    const bobPost = await bob.seal(postBody('from bob'), undefined, T0 + 1);
    const aliceReply = await alice.seal({ kind: 'reply', parent: refOf(bobPost), text: 'alice replies' }, undefined, T0 + 2);
    const warned = await bob.seal({ kind: 'post', fields: { note: 'warned' }, contentWarning: { topics: ['self-harm'] }, sharedAt: T0 }, undefined, T0 + 3);
    const blurred = await founder.seal({ kind: 'post', fields: { note: 'blurred' }, contentWarning: { topics: ['grief'] }, sharedAt: T0 }, undefined, T0 + 4);
    const doc = await docWith(circle, [alicePost, bobPost, aliceReply, warned, blurred]);
    const view = viewOf(circle, doc, bob.keyId);
    await view.whenIdle();
    const preferences = prefs({ 'self-harm': 'hide' });

    const muting = readerView(view.posts(), { me: founder.keyId, muted: new Set([alice.keyId]), preferences });
    expect(muting.posts.map(({ post }) => post.fields.note)).toEqual(['blurred', 'from bob']);
    expect(muting.posts.find(({ post }) => post.fields.note === 'from bob')?.post.replies).toEqual([]);
    expect(muting.mutedCount).toBe(2);
    expect(muting.hiddenCount).toBe(1);
    expect(muting.hiddenTopics).toEqual(['self-harm']);
    // Founder's own post is blurred for the founder, never hidden; grief is blurred by default.
    expect(muting.posts.find(({ post }) => post.fields.note === 'blurred')?.treatment).toBe('blur');

    const notMuting = readerView(view.posts(), { me: founder.keyId, muted: new Set(), preferences: DEFAULT_CONTENT_WARNING_PREFERENCES });
    expect(notMuting.posts.map(({ post }) => post.fields.note)).toEqual(['blurred', 'warned', 'from bob', 'from alice']);
    expect(notMuting.posts.find(({ post }) => post.fields.note === 'from bob')?.post.replies.map((r) => r.text)).toEqual(['alice replies']);
    expect(notMuting.hiddenCount).toBe(0);
    // The author of a warned post still sees it (blurred) even when they hide its topic.
    expect(readerView(view.posts(), { me: bob.keyId, muted: new Set([bob.keyId]), preferences }).posts.map(({ post }) => post.fields.note)).toContain('warned');
  });
});
