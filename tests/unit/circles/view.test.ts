// The verified view: shows only what verifies, ignores raw Yjs deletes and overwrites, and converges across peers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { envelopeKey, envelopesOf, membershipOf, writeEnvelope, writeLogEntry } from '@shared/circles/circleDoc';
import { hideEntryId, reactionEntryId, circleInfoEntryId, type Envelope } from '@shared/circles/envelope';
import { createVerifiedView, type VerifiedView } from '@shared/circles/view';
import { Author, docWith, identityPool, makeCircle, postBody, refOf, T0, type TestCircle } from '../../support/circles';

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

const notes = (view: VerifiedView): string[] => view.posts().map((post) => post.fields.note ?? '');

describe('verified view', () => {
  it('shows posts newest first with one level of replies and reaction counts', async () => {
    const circle = await makeCircle(3);
    const [founder, alice, bob] = authors(circle);
    if (!founder || !alice || !bob) throw new Error('pool');
    const older = await alice.seal(postBody('older'), undefined, T0);
    const newer = await bob.seal(postBody('newer'), undefined, T0 + 1000);
    const reply = await bob.seal({ kind: 'reply', parent: refOf(older), text: 'hugs' }, undefined, T0 + 2000);
    const nested = await alice.seal({ kind: 'reply', parent: refOf(reply), text: 'too deep' }, undefined, T0 + 3000);
    const reactions = [
      await bob.seal({ kind: 'reaction', target: refOf(older), reaction: 'me-too' }, await reactionEntryId(refOf(older))),
      await founder.seal({ kind: 'reaction', target: refOf(older), reaction: 'me-too' }, await reactionEntryId(refOf(older))),
      await alice.seal({ kind: 'reaction', target: refOf(reply), reaction: 'thank-you' }, await reactionEntryId(refOf(reply))),
    ];
    const doc = await docWith(circle, [older, newer, reply, nested, ...reactions]);
    const view = viewOf(circle, doc, bob.keyId);
    await view.whenIdle();
    expect(notes(view)).toEqual(['newer', 'older']);
    const post = view.posts()[1];
    expect(post?.author.pseudonym).toBe('Person 1');
    expect(post?.reactions).toEqual({ 'sending-support': 0, 'me-too': 2, 'thank-you': 0, hope: 0 });
    expect(post?.myReaction).toBe('me-too');
    expect(post?.replies.map((r) => r.text)).toEqual(['hugs']);
    expect(post?.replies[0]?.reactions['thank-you']).toBe(1);
    view.destroy();
  });

  it('updates on re-share and re-react, removes on retraction and on a facilitator’s hide', async () => {
    const circle = await makeCircle(3);
    const [founder, alice, bob] = authors(circle);
    if (!founder || !alice || !bob) throw new Error('pool');
    const doc = await docWith(circle, []);
    const view = viewOf(circle, doc);
    let notified = 0;
    view.subscribe(() => notified++);
    const first = await alice.seal(postBody('first draft'));
    writeEnvelope(doc, first);
    writeEnvelope(doc, await alice.seal(postBody('edited'), first.entryId));
    const bobs = await bob.seal(postBody('bob'));
    writeEnvelope(doc, bobs);
    const target = refOf(bobs);
    writeEnvelope(doc, await alice.seal({ kind: 'reaction', target, reaction: 'hope' }, await reactionEntryId(target)));
    writeEnvelope(doc, await alice.seal({ kind: 'reaction', target, reaction: 'thank-you' }, await reactionEntryId(target)));
    await view.whenIdle();
    expect(notes(view).sort()).toEqual(['bob', 'edited']);
    expect(view.posts().find((p) => p.fields.note === 'bob')?.reactions).toMatchObject({ hope: 0, 'thank-you': 1 });
    expect(notified).toBeGreaterThan(0);

    const retraction = await alice.seal({ kind: 'tombstone', target: refOf(first) }, first.entryId);
    writeEnvelope(doc, retraction);
    writeEnvelope(doc, await founder.seal({ kind: 'tombstone', target }, await hideEntryId(target)));
    await view.whenIdle();
    expect(view.posts()).toEqual([]);
    // The retraction replaced the post in its slot, so the doc no longer carries the post's ciphertext.
    const slot = envelopesOf(doc).get(envelopeKey(first));
    expect(slot).toEqual(retraction);
    expect(view.authorState(alice.keyId)?.seq).toBe(retraction.seq);
  });

  it('shows the facilitator’s circle name and charter from the encrypted info envelope', async () => {
    const circle = await makeCircle(2);
    const [founder, alice] = authors(circle);
    if (!founder || !alice) throw new Error('pool');
    const info = await founder.seal({ kind: 'circle-info', name: 'Tuesday evenings', charter: 'Listen first.' }, await circleInfoEntryId(circle.circleId));
    const fake = await alice.seal({ kind: 'circle-info', name: 'Hijacked', charter: '' }, await circleInfoEntryId(circle.circleId));
    const view = viewOf(circle, await docWith(circle, [info, fake]));
    await view.whenIdle();
    expect(view.circleInfo()).toEqual({ name: 'Tuesday evenings', charter: 'Listen first.' });
  });

  it('ignores raw Yjs deletes and overwrites of a verified envelope, and flags forgeries', async () => {
    const circle = await makeCircle(3);
    const [, alice, bob] = authors(circle);
    if (!alice || !bob) throw new Error('pool');
    const post = await alice.seal(postBody('still here'));
    const honest = await docWith(circle, [post]);
    const attackerDoc = new Y.Doc();
    Y.applyUpdate(attackerDoc, Y.encodeStateAsUpdate(honest));
    const view = viewOf(circle, honest);
    await view.whenIdle();
    expect(notes(view)).toEqual(['still here']);

    // The attacker (a key holder, here Bob) deletes Alice's slot, then overwrites it with junk, a forgery and his own post.
    const key = envelopeKey(post);
    const map = envelopesOf(attackerDoc);
    const sync = () => Y.applyUpdate(honest, Y.encodeStateAsUpdate(attackerDoc, Y.encodeStateVector(honest)));
    map.delete(key);
    sync();
    await view.whenIdle();
    expect(notes(view)).toEqual(['still here']);
    const forged: Envelope = { ...post, seq: post.seq + 5 };
    for (const value of ['junk', { ...post, ct: post.ct.replace(/^./, post.ct.startsWith('A') ? 'B' : 'A') }, forged, await bob.seal(postBody('bob in alice slot'), post.entryId)]) {
      map.set(key, value);
      sync();
      await view.whenIdle();
      expect(notes(view)).toEqual(['still here']);
    }
    // Removing every membership entry from the doc changes nothing either.
    for (const k of [...membershipOf(attackerDoc).keys()]) membershipOf(attackerDoc).delete(k);
    sync();
    await view.whenIdle();
    expect(view.membership()?.activeMembers()).toHaveLength(3);
    expect(notes(view)).toEqual(['still here']);
    const kinds = view.suspicious().map((s) => s.kind);
    expect(kinds).toEqual(expect.arrayContaining(['malformed', 'forged', 'misplaced']));
  });

  it('hides posts from outsiders and, once removed, a member’s posts in that epoch', async () => {
    const circle = await makeCircle(3);
    const [, alice, bob] = authors(circle);
    const outsiderIdentity = (await identityPool())[7];
    if (!alice || !bob || !outsiderIdentity) throw new Error('pool');
    const outsider = new Author(outsiderIdentity, circle.circleId, circle.keys.contentKey);
    const doc = await docWith(circle, [await alice.seal(postBody('alice')), await bob.seal(postBody('bob')), await outsider.seal(postBody('outsider'))]);
    const view = viewOf(circle, doc);
    await view.whenIdle();
    expect(notes(view).sort()).toEqual(['alice', 'bob']);
    const removal = await circle.append(circle.founder, { kind: 'remove-member', keyId: bob.keyId, epoch: 0 });
    await writeLogEntry(doc, removal);
    await view.whenIdle();
    expect(notes(view)).toEqual(['alice']);
  });

  it('waits for the membership log when envelopes arrive first', async () => {
    const circle = await makeCircle(2);
    const [, alice] = authors(circle);
    if (!alice) throw new Error('pool');
    const doc = new Y.Doc();
    writeEnvelope(doc, await alice.seal(postBody('early')));
    const view = viewOf(circle, doc);
    await view.whenIdle();
    expect(view.posts()).toEqual([]);
    expect(view.membershipProblem()).toMatch(/not arrived yet/);
    for (const entry of circle.log) await writeLogEntry(doc, entry);
    await view.whenIdle();
    expect(notes(view)).toEqual(['early']);
  });

  it('flags equivocation: one author, one sequence number, two different envelopes', async () => {
    const circle = await makeCircle(2);
    const [, alice] = authors(circle);
    if (!alice) throw new Error('pool');
    const twin = new Author(alice.identity, circle.circleId, circle.keys.contentKey);
    const view = viewOf(circle, await docWith(circle, [await alice.seal(postBody('one')), await twin.seal(postBody('other'))]));
    await view.whenIdle();
    expect(view.suspicious().some((s) => s.kind === 'equivocation' && s.claimedAuthor === alice.keyId)).toBe(true);
  });
});

describe('convergence', () => {
  type Op = { kind: 'post' | 'reply' | 'react' | 'retract' | 'hide' | 'reshare'; actor: number; pick: number };
  const opArb = (peers: number) =>
    fc.record({
      kind: fc.constantFrom<Op['kind']>('post', 'post', 'reply', 'react', 'retract', 'hide', 'reshare'),
      actor: fc.integer({ min: 0, max: peers - 1 }),
      pick: fc.nat(),
    });

  it('3–6 peers writing concurrently end with identical views under any delivery order with duplicates', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 3, max: 6 }).chain((peers) => fc.tuple(fc.constant(peers), fc.array(opArb(peers), { minLength: 4, maxLength: 14 }), fc.infiniteStream(fc.nat()))),
        async ([peers, ops, randomness]) => {
          const circle = await makeCircle(peers);
          const writers = authors(circle);
          const docs = writers.map(() => new Y.Doc());
          const updates: Uint8Array[] = [];
          for (const doc of docs) doc.on('update', (update: Uint8Array) => updates.push(update));
          // Only the founder's doc starts with the membership log; the others learn it through delivery.
          for (const entry of circle.log) if (docs[0]) await writeLogEntry(docs[0], entry);
          const written: Envelope[] = [];
          let clock = T0;
          for (const op of ops) {
            const writer = writers[op.actor];
            const doc = docs[op.actor];
            if (!writer || !doc) continue;
            clock += 1000;
            const posts = written.filter((e) => e.seq > 0);
            const target = posts.length > 0 ? posts[op.pick % posts.length] : undefined;
            let envelope: Envelope | undefined;
            if (op.kind === 'post' || !target) envelope = await writer.seal(postBody(`post ${String(clock)}`), undefined, clock);
            else if (op.kind === 'reply') envelope = await writer.seal({ kind: 'reply', parent: refOf(target), text: `reply ${String(clock)}` }, undefined, clock);
            else if (op.kind === 'react') envelope = await writer.seal({ kind: 'reaction', target: refOf(target), reaction: 'hope' }, await reactionEntryId(refOf(target)), clock);
            else if (op.kind === 'hide' && op.actor === 0) envelope = await writer.seal({ kind: 'tombstone', target: refOf(target) }, await hideEntryId(refOf(target)), clock);
            else {
              const own = written.filter((e) => e.author === writer.keyId);
              const mine = own[op.pick % Math.max(own.length, 1)];
              if (!mine) continue;
              envelope =
                op.kind === 'reshare'
                  ? await writer.seal(postBody(`reshared ${String(clock)}`), mine.entryId, clock)
                  : await writer.seal({ kind: 'tombstone', target: refOf(mine) }, mine.entryId, clock);
            }
            written.push(envelope);
            writeEnvelope(doc, envelope);
          }
          const views = docs.map((doc) => viewOf(circle, doc));
          // Each doc receives every update (including its own) in a random order, some twice.
          const iterator: Iterator<number> = randomness[Symbol.iterator]();
          const next = (): number => {
            const step = iterator.next();
            return step.done ? 0 : step.value;
          };
          for (const doc of docs) {
            const delivery = [...updates, ...updates.filter(() => next() % 3 === 0)];
            for (let i = delivery.length - 1; i > 0; i--) {
              const j = next() % (i + 1);
              [delivery[i], delivery[j]] = [delivery[j] ?? new Uint8Array(), delivery[i] ?? new Uint8Array()];
            }
            for (const update of delivery) Y.applyUpdate(doc, update);
          }
          await Promise.all(views.map((view) => view.whenIdle()));
          const first = JSON.stringify(views[0]?.posts());
          for (const view of views) expect(JSON.stringify(view.posts())).toBe(first);
          expect(views[0]?.suspicious()).toEqual([]);
          for (const view of views) expect(view.membership()?.activeMembers()).toHaveLength(peers);
          // Every surviving post has its newest version: no view shows a superseded draft.
          for (const post of views[0]?.posts() ?? []) expect(post.fields.note).toMatch(/^(post|reshared) /);
          for (const view of views) view.destroy();
        },
      ),
      { numRuns: 12 },
    );
  });

  it('never puts a private journal entry id into the encoded doc state', async () => {
    const circle = await makeCircle(3);
    const [, alice] = authors(circle);
    if (!alice) throw new Error('pool');
    await fc.assert(
      fc.asyncProperty(fc.uuid(), fc.lorem({ maxCount: 5 }), async (journalId, note) => {
        const doc = await docWith(circle, []);
        // The sharing flow knows the journal id; what it writes is a fresh post id and an encrypted body.
        const shared = await alice.seal({ kind: 'post', fields: { mood: 4, note }, sharedAt: T0 });
        writeEnvelope(doc, shared);
        const state = new TextDecoder('latin1').decode(Y.encodeStateAsUpdate(doc));
        expect(shared.entryId).not.toBe(journalId);
        expect(state).not.toContain(journalId);
        expect(state).not.toContain(journalId.replace(/-/g, ''));
        if (note.length > 8) expect(state).not.toContain(note);
      }),
      { numRuns: 30 },
    );
  });
});
