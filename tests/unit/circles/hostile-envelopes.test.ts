// Hostile peers at the envelope and membership-log layers: forged, misdirected, replayed, rolled-back and
// equivocating envelopes, bodies a modified client could sign, and log entries nobody was allowed to write.
// Each case checks that nothing escapes as a throw, the view equals what the honest envelopes say, and the
// peer is flagged where the view has a flag for it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { canonicalJson, fromBase64Url, toBase64Url } from '@shared/circles/bytes';
import { deriveEpochKeys, newEpochSecret } from '@shared/circles/circleKeys';
import { envelopeKey, envelopesOf, writeEnvelope, writeLogEntry } from '@shared/circles/circleDoc';
import { circleInfoEntryId, envelopeHash, hideEntryId, newEntryId, reactionEntryId, type Envelope } from '@shared/circles/envelope';
import { addMemberAction, signLogEntry, verifyMembershipLog, type LogEntry } from '@shared/circles/membership';
import { openNote, sealNote } from '@shared/circles/report';
import { Author, docWith, identityPool, makeCircle, postBody, refOf, T0, type TestCircle } from '../../support/circles';
import { crashed, flagsFor, hostileViewOf, rawSeal, shownNotes } from '../../support/hostile';

function authors(circle: TestCircle): Author[] {
  return circle.people.map((person) => new Author(person, circle.circleId, circle.keys.contentKey));
}

async function settled(circle: TestCircle, envelopes: readonly Envelope[]) {
  const doc = await docWith(circle, envelopes);
  const view = hostileViewOf(circle, doc);
  await view.whenIdle();
  return { doc, view };
}

/** A member's modified client: any JSON (or not) as the body, signed with their real key. */
async function signedJunk(circle: TestCircle, index: number, plaintext: string, extra: { entryId?: string; seq?: number } = {}): Promise<Envelope> {
  const identity = circle.people[index];
  if (!identity) throw new Error('pool');
  return rawSeal(plaintext, { circleId: circle.circleId, contentKey: circle.keys.contentKey, identity, ...extra });
}

/** Flips one base64url character of a field, keeping it well-formed. */
function flipChar(value: string, at: number): string {
  const i = at % value.length;
  return value.slice(0, i) + (value[i] === 'A' ? 'B' : 'A') + value.slice(i + 1);
}

describe('hostile envelopes', () => {
  it('rawSeal agrees with sealEnvelope: an honest body sealed raw opens (so the junk cases below test the body, not the format)', async () => {
    const circle = await makeCircle(2);
    const honest = await signedJunk(circle, 1, canonicalJson({ kind: 'post', fields: { note: 'raw but honest' }, sharedAt: T0 }));
    const { view } = await settled(circle, [honest]);
    expect(shownNotes(view)).toEqual(['raw but honest']);
    expect(view.suspicious()).toEqual([]);
  });

  it('a forged signature (any one character of sig changed) is refused and flagged as forged', async () => {
    const circle = await makeCircle(2);
    const [, alice] = authors(circle);
    if (!alice) throw new Error('pool');
    const real = await alice.seal(postBody('real'));
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 85 }), async (at) => {
        const forged = { ...real, entryId: newEntryId(), sig: flipChar(real.sig, at) };
        const { view } = await settled(circle, [real, forged]);
        expect(shownNotes(view)).toEqual(['real']);
        expect(flagsFor(view, alice.keyId)).toContain('forged');
        expect(crashed(view)).toBe(false);
        view.destroy();
      }),
      { seed: 4001, numRuns: 8 },
    );
  });

  it('a header naming another author (signed with the forger’s own key) is refused and flagged as forged', async () => {
    const circle = await makeCircle(3);
    const [, alice, mallory] = circle.people;
    if (!alice || !mallory) throw new Error('pool');
    const forged = await rawSeal(canonicalJson({ kind: 'post', fields: { note: 'I am alice' }, sharedAt: T0 }), {
      circleId: circle.circleId,
      contentKey: circle.keys.contentKey,
      identity: mallory,
      author: alice.publicIdentity.keyId,
    });
    const { view } = await settled(circle, [forged]);
    expect(shownNotes(view)).toEqual([]);
    expect(flagsFor(view, alice.publicIdentity.keyId)).toEqual(['forged']);
  });

  it('a validly signed envelope for another circle is refused and flagged as wrong-circle', async () => {
    const circle = await makeCircle(2);
    const other = await makeCircle(2);
    const [, alice] = authors(other);
    if (!alice) throw new Error('pool');
    const elsewhere = await alice.seal(postBody('meant for another circle'));
    const { view } = await settled(circle, [elsewhere]);
    expect(shownNotes(view)).toEqual([]);
    expect(flagsFor(view)).toEqual(['wrong-circle']);
  });

  it('a member’s envelope encrypted under a key that is not the epoch’s is refused and flagged as cannot-decrypt', async () => {
    const circle = await makeCircle(2);
    const wrongKeys = await deriveEpochKeys(newEpochSecret(), circle.circleId, 0);
    const alice = circle.people[1];
    if (!alice) throw new Error('pool');
    const sealed = await new Author(alice, circle.circleId, wrongKeys.contentKey).seal(postBody('wrong key'));
    const { view } = await settled(circle, [sealed]);
    expect(shownNotes(view)).toEqual([]);
    expect(flagsFor(view, alice.publicIdentity.keyId)).toEqual(['cannot-decrypt']);
  });

  it('an envelope from someone who was never a member (with the room key) is never shown', async () => {
    const circle = await makeCircle(2);
    const outsider = (await identityPool())[6];
    if (!outsider) throw new Error('pool');
    const sealed = await new Author(outsider, circle.circleId, circle.keys.contentKey).seal(postBody('outsider'));
    const [, alice] = authors(circle);
    if (!alice) throw new Error('pool');
    const honest = await alice.seal(postBody('honest'));
    const { view } = await settled(circle, [sealed, honest]);
    expect(shownNotes(view)).toEqual(['honest']);
    expect(crashed(view)).toBe(false);
  });

  it('a removed member’s posts of the removal epoch and after are not shown, even ones written after removal', async () => {
    const circle = await makeCircle(3);
    const [, alice, bob] = authors(circle);
    if (!alice || !bob) throw new Error('pool');
    const before = await alice.seal(postBody('alice before'));
    await circle.append(circle.founder, { kind: 'new-epoch', epoch: 1 });
    await circle.append(circle.founder, { kind: 'remove-member', keyId: bob.keyId, epoch: 1 });
    const epoch1 = await deriveEpochKeys(newEpochSecret(), circle.circleId, 1);
    const bobEarlier = await bob.seal(postBody('bob in epoch 0'));
    // Bob's device continues its own sequence into epoch 1 (a second seq 1 would be equivocation).
    const bobAfter = await rawSeal(canonicalJson({ kind: 'post', fields: { note: 'bob after removal' }, sharedAt: T0 }), {
      circleId: circle.circleId,
      epoch: 1,
      contentKey: epoch1.contentKey,
      identity: bob.identity,
      seq: 2,
      prev: await envelopeHash(bobEarlier),
    });
    const doc = await docWith(circle, [before, bobAfter, bobEarlier]);
    const view = hostileViewOf(circle, doc, [[1, epoch1.contentKey]]);
    await view.whenIdle();
    // Epoch 0 words stay (he was a member then); epoch 1 words never count.
    expect(shownNotes(view)).toEqual(['alice before', 'bob in epoch 0']);
  });

  it('an old envelope replayed with its epoch relabelled to a newer epoch is flagged as forged', async () => {
    const circle = await makeCircle(2);
    await circle.append(circle.founder, { kind: 'new-epoch', epoch: 1 });
    const epoch1 = await deriveEpochKeys(newEpochSecret(), circle.circleId, 1);
    const [, alice] = authors(circle);
    if (!alice) throw new Error('pool');
    const old = await alice.seal(postBody('old'));
    const relabelled = { ...old, epoch: 1, entryId: newEntryId() };
    const doc = await docWith(circle, [old, relabelled]);
    const view = hostileViewOf(circle, doc, [[1, epoch1.contentKey]]);
    await view.whenIdle();
    expect(shownNotes(view)).toEqual(['old']);
    expect(flagsFor(view, alice.keyId)).toContain('forged');
  });

  it('a rolled-back (older) version of an edited post written over the new one changes nothing', async () => {
    const circle = await makeCircle(2);
    const [, alice] = authors(circle);
    if (!alice) throw new Error('pool');
    const first = await alice.seal(postBody('first'));
    const edited = await alice.seal(postBody('edited'), first.entryId);
    const { doc, view } = await settled(circle, [edited]);
    writeEnvelope(doc, first);
    await view.whenIdle();
    expect(shownNotes(view)).toEqual(['edited']);
    // A newcomer who only ever sees both also picks the higher seq.
    const { view: late } = await settled(circle, [first, edited]);
    expect(shownNotes(late)).toEqual(['edited']);
  });

  it('equivocation (one author, one seq, two contents) is flagged, every conflicting envelope hidden, and any delivery order gives the same view', async () => {
    const circle = await makeCircle(3);
    const [, alice, bob] = circle.people;
    if (!alice || !bob) throw new Error('pool');
    const slot = newEntryId();
    const seal = (note: string, identity = alice, seq = 1, entryId = slot) =>
      rawSeal(canonicalJson({ kind: 'post', fields: { note }, sharedAt: T0 }), { circleId: circle.circleId, contentKey: circle.keys.contentKey, identity, seq, entryId });
    const one = await seal('version one');
    const two = await seal('version two');
    const elsewhere = await seal('same seq, other slot', alice, 1, newEntryId());
    const honest = await seal('bob', bob);
    const forged = { ...honest, entryId: newEntryId(), sig: flipChar(honest.sig, 3) };
    const all = [one, two, elsewhere, honest, forged];
    // `one` and `two` share a slot, so a peer holds both only if it verified one before the other replaced
    // it: every peer here sees each envelope (the view settles after each write), in its own order.
    const deliver = async (order: readonly Envelope[]) => {
      const doc = await docWith(circle, []);
      const view = hostileViewOf(circle, doc);
      for (const envelope of order) {
        writeEnvelope(doc, envelope);
        await view.whenIdle();
      }
      return view;
    };
    const reference = await deliver(all);
    expect(flagsFor(reference, alice.publicIdentity.keyId)).toContain('equivocation');
    const expected = JSON.stringify(reference.posts());
    // Every envelope alice signed for seq 1 is hidden (three of them, in two slots); bob's post stays.
    expect(shownNotes(reference)).toEqual(['bob']);
    expect([...reference.equivocators()]).toEqual([alice.publicIdentity.keyId]);
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }), async (order) => {
        const view = await deliver(order);
        expect(JSON.stringify(view.posts())).toBe(expected);
        expect(flagsFor(view, alice.publicIdentity.keyId)).toContain('equivocation');
        view.destroy();
      }),
      { seed: 4002, numRuns: 15 },
    );
  });

  it('an oversized note (signed by a member) is refused as bad-body', async () => {
    const circle = await makeCircle(2);
    const huge = await signedJunk(circle, 1, canonicalJson({ kind: 'post', fields: { note: 'x'.repeat(60_000) }, sharedAt: T0 }));
    const { view } = await settled(circle, [huge]);
    expect(shownNotes(view)).toEqual([]);
    expect(flagsFor(view)).toEqual(['bad-body']);
  });

  it('a ciphertext over the size cap is refused as too-large before any crypto', async () => {
    const circle = await makeCircle(2);
    const [, alice] = authors(circle);
    if (!alice) throw new Error('pool');
    const real = await alice.seal(postBody('real'));
    const doc = await docWith(circle, [real]);
    envelopesOf(doc).set(`${alice.keyId}/${newEntryId()}`, { ...real, ct: 'A'.repeat(2_000_000) });
    const view = hostileViewOf(circle, doc);
    await view.whenIdle();
    expect(shownNotes(view)).toEqual(['real']);
    expect(flagsFor(view)).toEqual(['too-large']);
  });

  it('bidi and control characters in a note, a charter name and a pseudonym are stripped', async () => {
    const circle = await makeCircle(2);
    const evil = '\u202Eevil\u0007\u2066';
    const post = await signedJunk(circle, 1, canonicalJson({ kind: 'post', fields: { note: `hi${evil}`, emotions: [`calm${evil}`] }, sharedAt: T0 }));
    const info = await signedJunk(circle, 0, canonicalJson({ kind: 'circle-info', name: `Circle${evil}`, charter: `Be kind${evil}` }), { entryId: await circleInfoEntryId(circle.circleId) });
    const mallory = (await identityPool())[5];
    if (!mallory) throw new Error('pool');
    await circle.append(circle.founder, addMemberAction(mallory.publicIdentity, `Mal\u202Elory\u0000`, 'member', 0));
    const { view } = await settled(circle, [post, info]);
    const shown = view.posts()[0];
    expect(shown?.fields.note).toBe('hievil');
    expect(shown?.fields.emotions).toEqual(['calmevil']);
    expect(view.circleInfo()).toEqual({ name: 'Circleevil', charter: 'Be kindevil' });
    expect(view.membership()?.members.get(mallory.publicIdentity.keyId)?.pseudonym).toBe('Mallory');
  });

  it('an unknown body kind is refused as bad-body', async () => {
    const circle = await makeCircle(2);
    const odd = await signedJunk(circle, 1, canonicalJson({ kind: 'poll', question: 'who is worst?' }));
    const { view } = await settled(circle, [odd]);
    expect(shownNotes(view)).toEqual([]);
    expect(flagsFor(view)).toEqual(['bad-body']);
  });

  it('bodies that are not JSON objects (numbers, strings, arrays, null, invalid JSON, invalid UTF-8) are refused as bad-body', async () => {
    const circle = await makeCircle(2);
    const alice = circle.people[1];
    if (!alice) throw new Error('pool');
    const junk = await Promise.all(
      ['42', '"post"', '[{"kind":"post"}]', 'null', 'true', '{"kind":"post"', '', new Uint8Array([0xff, 0xfe, 0x80])].map((plaintext) =>
        rawSeal(plaintext, { circleId: circle.circleId, contentKey: circle.keys.contentKey, identity: alice }),
      ),
    );
    const { view } = await settled(circle, junk);
    expect(shownNotes(view)).toEqual([]);
    expect(flagsFor(view)).toEqual(Array.from({ length: junk.length }, () => 'bad-body'));
    expect(crashed(view)).toBe(false);
  });

  it('prototype-pollution keys (__proto__, constructor, prototype) in a body are refused and pollute nothing', async () => {
    const circle = await makeCircle(2);
    const bodies = [
      '{"kind":"post","fields":{"note":"x"},"sharedAt":0,"__proto__":{"polluted":true}}',
      '{"kind":"post","fields":{"note":"x","__proto__":{"polluted":true}},"sharedAt":0}',
      '{"kind":"post","fields":{"note":"x","constructor":{"prototype":{"polluted":true}}},"sharedAt":0}',
      '{"kind":"reaction","target":{"author":"AAAAAAAAAAAAAAAAAAAAAA","entryId":"AAAAAAAAAAAAAAAAAAAAAA","__proto__":{"x":1}},"reaction":"hope"}',
      '{"__proto__":{"kind":"post"},"fields":{},"sharedAt":0}',
    ];
    const junk = await Promise.all(bodies.map((body) => signedJunk(circle, 1, body)));
    const { view } = await settled(circle, junk);
    expect(shownNotes(view)).toEqual([]);
    expect(flagsFor(view).every((kind) => kind === 'bad-body' || kind === 'not-allowed')).toBe(true);
    expect(flagsFor(view)).toHaveLength(bodies.length);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('a reaction outside the fixed set is refused as bad-body and counts nowhere', async () => {
    const circle = await makeCircle(3);
    const [, alice] = authors(circle);
    if (!alice) throw new Error('pool');
    const post = await alice.seal(postBody('post'));
    const target = refOf(post);
    const bad = await signedJunk(circle, 2, canonicalJson({ kind: 'reaction', target, reaction: 'you-are-wrong' }), { entryId: await reactionEntryId(target) });
    const { view } = await settled(circle, [post, bad]);
    expect(view.posts()[0]?.reactions).toEqual({ 'sending-support': 0, 'me-too': 0, 'thank-you': 0, hope: 0 });
    expect(flagsFor(view)).toEqual(['bad-body']);
  });

  it('reactions in made-up slots (to pile up counts) are refused as not-allowed; one member counts once', async () => {
    const circle = await makeCircle(3);
    const [, alice, bob] = authors(circle);
    if (!alice || !bob) throw new Error('pool');
    const post = await alice.seal(postBody('post'));
    const target = refOf(post);
    const proper = await bob.seal({ kind: 'reaction', target, reaction: 'hope' }, await reactionEntryId(target));
    const piled = await Promise.all(Array.from({ length: 5 }, () => bob.seal({ kind: 'reaction', target, reaction: 'hope' })));
    const { view } = await settled(circle, [post, proper, ...piled]);
    expect(view.posts()[0]?.reactions.hope).toBe(1);
    expect(flagsFor(view, bob.keyId)).toEqual(piled.map(() => 'not-allowed'));
  });

  it('a tombstone for someone else’s post from a plain member (in any slot) hides nothing', async () => {
    const circle = await makeCircle(3);
    const [, alice, bob] = authors(circle);
    if (!alice || !bob) throw new Error('pool');
    const post = await alice.seal(postBody('alice'));
    const target = refOf(post);
    const inHideSlot = await bob.seal({ kind: 'tombstone', target }, await hideEntryId(target));
    const inOwnSlot = await bob.seal({ kind: 'tombstone', target });
    const { view } = await settled(circle, [post, inHideSlot, inOwnSlot]);
    expect(shownNotes(view)).toEqual(['alice']);
    expect(flagsFor(view, bob.keyId)).toEqual(['not-allowed']);
  });

  it('a hide written into the post’s own slot by another member (a raw overwrite) is misplaced and changes nothing', async () => {
    const circle = await makeCircle(3);
    const [, alice, bob] = authors(circle);
    if (!alice || !bob) throw new Error('pool');
    const post = await alice.seal(postBody('alice'));
    const hide = await bob.seal({ kind: 'tombstone', target: refOf(post) }, await hideEntryId(refOf(post)));
    const { doc, view } = await settled(circle, [post]);
    envelopesOf(doc).set(envelopeKey(post), { ...hide });
    await view.whenIdle();
    expect(shownNotes(view)).toEqual(['alice']);
    expect(flagsFor(view, bob.keyId)).toEqual(['misplaced']);
  });

  it('circle info forged by a plain member does not replace the facilitator’s', async () => {
    const circle = await makeCircle(2);
    const [founder, alice] = authors(circle);
    if (!founder || !alice) throw new Error('pool');
    const slot = await circleInfoEntryId(circle.circleId);
    const real = await founder.seal({ kind: 'circle-info', name: 'Quiet Evenings', charter: 'Be gentle.' }, slot, T0);
    const forged = await alice.seal({ kind: 'circle-info', name: 'Alice rules', charter: 'Obey.' }, slot, T0 + 10_000);
    const { view } = await settled(circle, [real, forged]);
    expect(view.circleInfo()).toEqual({ name: 'Quiet Evenings', charter: 'Be gentle.' });
  });

  it('circle info in a slot other than the derived one (even from a facilitator) is refused as not-allowed', async () => {
    const circle = await makeCircle(2);
    const [founder] = authors(circle);
    if (!founder) throw new Error('pool');
    const real = await founder.seal({ kind: 'circle-info', name: 'Real', charter: '' }, await circleInfoEntryId(circle.circleId), T0);
    const stray = await founder.seal({ kind: 'circle-info', name: 'Stray', charter: '' }, newEntryId(), T0 + 1);
    const { view } = await settled(circle, [real, stray]);
    expect(view.circleInfo()?.name).toBe('Real');
    expect(flagsFor(view, founder.keyId)).toEqual(['not-allowed']);
  });

  it('a valid envelope copied under another key in the map is flagged as misplaced and not shown twice', async () => {
    const circle = await makeCircle(2);
    const [, alice] = authors(circle);
    if (!alice) throw new Error('pool');
    const post = await alice.seal(postBody('once'));
    const doc = await docWith(circle, [post]);
    envelopesOf(doc).set(`${alice.keyId}/${newEntryId()}`, { ...post });
    const view = hostileViewOf(circle, doc);
    await view.whenIdle();
    expect(shownNotes(view)).toEqual(['once']);
    expect(flagsFor(view, alice.keyId)).toEqual(['misplaced']);
  });

  it('fuzz: any one changed header field or ciphertext character of a valid envelope is refused without throwing', async () => {
    const circle = await makeCircle(2);
    const [, alice] = authors(circle);
    if (!alice) throw new Error('pool');
    const real = await alice.seal(postBody('real'));
    const fields = ['iv', 'ct', 'prev', 'claimedAt', 'seq'] as const;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), fc.nat({ max: 200 }), async (field, at) => {
        const mutated: Record<string, unknown> = { ...real };
        if (field === 'claimedAt' || field === 'seq') mutated[field] = real[field] + 1 + at;
        else mutated[field] = flipChar(field === 'prev' ? toBase64Url(new Uint8Array(32)) : real[field], at);
        const doc = await docWith(circle, []);
        envelopesOf(doc).set(envelopeKey(real), mutated);
        const view = hostileViewOf(circle, doc);
        await view.whenIdle();
        expect(shownNotes(view)).toEqual([]);
        expect(flagsFor(view).length).toBe(1);
        expect(crashed(view)).toBe(false);
        view.destroy();
      }),
      { seed: 4003, numRuns: 20 },
    );
  });
});

describe('hostile reports', () => {
  it('a report not addressed to me cannot be opened (not-for-me), and a recipient list edited to add me fails its signature', async () => {
    const circle = await makeCircle(4, { secondFacilitator: true });
    const [founder, , reporter, bystander] = circle.people;
    if (!founder || !reporter || !bystander) throw new Error('pool');
    const membership = await circle.membership();
    const signingKey = (keyId: string): string | undefined => membership.members.get(keyId)?.signingKey;
    const target = { author: founder.publicIdentity.keyId, entryId: newEntryId() };
    const note = await sealNote({ kind: 'report', target, targetKind: 'post', reason: 'unkind', note: 'private words' }, [founder.publicIdentity, reporter.publicIdentity], reporter, {
      circleId: circle.circleId,
      id: newEntryId(),
      now: T0,
    });
    expect(await openNote(note, bystander, signingKey, circle.circleId)).toEqual({ ok: false, reason: 'not-for-me' });
    const first = note.keys[0];
    if (!first) throw new Error('keys');
    const edited = { ...note, keys: [...note.keys, { recipient: bystander.publicIdentity.keyId, wrapped: first.wrapped }] };
    expect(await openNote(edited, bystander, signingKey, circle.circleId)).toEqual({ ok: false, reason: 'bad-signature' });
    // Another circle's id (the last character of a 16-byte id is one of A, Q, g, w: pick one that differs).
    expect(await openNote(note, founder, signingKey, `${circle.circleId.slice(0, -1)}${circle.circleId.endsWith('A') ? 'Q' : 'A'}`)).toMatchObject({ ok: false });
    expect(await openNote({ ...note, sender: bystander.publicIdentity.keyId }, founder, signingKey, circle.circleId)).toEqual({ ok: false, reason: 'bad-signature' });
  });
});

describe('hostile membership log', () => {
  const anchor = (circle: TestCircle) => ({ circleId: circle.circleId, founder: circle.founder.publicIdentity.keyId });
  const memberIds = async (circle: TestCircle, entries: readonly unknown[]): Promise<string[]> => {
    const result = await verifyMembershipLog(entries, anchor(circle));
    if (!result.ok) throw new Error(result.message);
    return [...result.membership.members.keys()].sort();
  };

  it('an add-member entry signed by a plain member is ignored', async () => {
    const circle = await makeCircle(2);
    const [, alice] = circle.people;
    const outsider = (await identityPool())[6];
    if (!alice || !outsider) throw new Error('pool');
    const honest = await memberIds(circle, circle.log);
    const sneaky = await signLogEntry(alice, circle.circleId, (await circle.membership()).head, addMemberAction(outsider.publicIdentity, 'Friend', 'facilitator', 0), T0);
    expect(await memberIds(circle, [...circle.log, sneaky])).toEqual(honest);
  });

  it('a self-approval by someone outside the circle is ignored', async () => {
    const circle = await makeCircle(2);
    const outsider = (await identityPool())[6];
    if (!outsider) throw new Error('pool');
    const honest = await memberIds(circle, circle.log);
    const self = await signLogEntry(outsider, circle.circleId, (await circle.membership()).head, addMemberAction(outsider.publicIdentity, 'Me', 'facilitator', 0), T0);
    expect(await memberIds(circle, [self, ...circle.log])).toEqual(honest);
  });

  it('an approval signed by a facilitator after their removal is ignored', async () => {
    const circle = await makeCircle(3, { secondFacilitator: true });
    const [, cofacilitator] = circle.people;
    const outsider = (await identityPool())[6];
    if (!cofacilitator || !outsider) throw new Error('pool');
    await circle.append(circle.founder, { kind: 'new-epoch', epoch: 1 });
    await circle.append(circle.founder, { kind: 'remove-member', keyId: cofacilitator.publicIdentity.keyId, epoch: 1 });
    const honest = await verifyMembershipLog(circle.log, anchor(circle));
    if (!honest.ok) throw new Error(honest.message);
    const late = await signLogEntry(cofacilitator, circle.circleId, honest.membership.head, addMemberAction(outsider.publicIdentity, 'Late', 'member', 1), T0 + 99);
    const result = await verifyMembershipLog([...circle.log, late], anchor(circle));
    expect(result.ok && result.membership.members.has(outsider.publicIdentity.keyId)).toBe(false);
    expect(result.ok && result.membership.head.hash).toBe(honest.membership.head.hash);
  });

  it('log entries with forged signatures or another circle’s id are ignored', async () => {
    const circle = await makeCircle(3);
    const outsider = (await identityPool())[6];
    if (!outsider) throw new Error('pool');
    const honest = await memberIds(circle, circle.log);
    const real = await signLogEntry(circle.founder, circle.circleId, (await circle.membership()).head, addMemberAction(outsider.publicIdentity, 'X', 'member', 0), T0);
    const sig = fromBase64Url(real.sig);
    if (!sig) throw new Error('sig');
    sig[0] = (sig[0] ?? 0) ^ 1;
    const forged: LogEntry = { ...real, sig: toBase64Url(sig) };
    const otherCircle: LogEntry = { ...real, circleId: newEntryId() };
    expect(await memberIds(circle, [...circle.log, forged, otherCircle, 42, null, 'junk', { ...real, extra: 1 }])).toEqual(honest);
  });

  it('a forked log (two facilitators write on the same head) resolves the same way in every order', async () => {
    const circle = await makeCircle(3, { secondFacilitator: true });
    const [founder, cofacilitator] = circle.people;
    const pool = await identityPool();
    const [x, y] = [pool[6], pool[7]];
    if (!founder || !cofacilitator || !x || !y) throw new Error('pool');
    const head = (await circle.membership()).head;
    const left = await signLogEntry(founder, circle.circleId, head, addMemberAction(x.publicIdentity, 'Left', 'member', 0), T0 + 50);
    const right = await signLogEntry(cofacilitator, circle.circleId, head, addMemberAction(y.publicIdentity, 'Right', 'member', 0), T0 + 50);
    const all: unknown[] = [...circle.log, left, right];
    const reference = await verifyMembershipLog(all, anchor(circle));
    if (!reference.ok) throw new Error(reference.message);
    // Exactly one branch wins.
    expect([x, y].filter((p) => reference.membership.members.has(p.publicIdentity.keyId))).toHaveLength(1);
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }), async (order) => {
        const result = await verifyMembershipLog(order, anchor(circle));
        expect(result.ok && result.membership.head.hash).toBe(reference.membership.head.hash);
      }),
      { seed: 4004, numRuns: 20 },
    );
    // And a view over a doc holding both branches agrees.
    const doc = new Y.Doc();
    for (const entry of [...circle.log, right, left]) await writeLogEntry(doc, entry);
    const view = hostileViewOf(circle, doc);
    await view.whenIdle();
    expect(view.membership()?.head.hash).toBe(reference.membership.head.hash);
  });
});
