// Equivocation across peers: an author sends one version of an envelope to some peers and a different one (same
// sequence number) to others. Both versions share one Y.Map slot, so a peer may only ever receive one; the
// honest views that saw both publish the proof (the evidence map), and then every member, whatever reached
// them first, hides both versions and marks the author. Also: chain forks, forged and misplaced evidence,
// evidence that proves nothing, replays, and an honest author who is never marked.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { canonicalJson } from '@shared/circles/bytes';
import { envelopeKey, evidenceKey, evidenceOf, writeEnvelope, writeEvidence } from '@shared/circles/circleDoc';
import { envelopeHash, newEntryId, type Envelope } from '@shared/circles/envelope';
import type { VerifiedView } from '@shared/circles/view';
import { Author, docWith, makeCircle, postBody, T0, type TestCircle } from '../../support/circles';
import { crashed, flagsFor, hostileViewOf, rawSeal, shownNotes } from '../../support/hostile';

interface Peer {
  readonly doc: Y.Doc;
  readonly view: VerifiedView;
}

/** A peer's view settles, then (as the circle session does) it publishes any proof it found. */
async function settle(peer: Peer): Promise<void> {
  await peer.view.whenIdle();
  writeEvidence(peer.doc, peer.view.evidence());
  await peer.view.whenIdle();
}

async function syncPair(a: Peer, b: Peer): Promise<void> {
  Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)));
  await settle(b);
  Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc)));
  await settle(a);
}

async function peerOf(circle: TestCircle): Promise<Peer> {
  const doc = await docWith(circle, []);
  const view = hostileViewOf(circle, doc);
  await view.whenIdle();
  return { doc, view };
}

const post = (note: string): string => canonicalJson({ kind: 'post', fields: { note }, sharedAt: T0 });

/** Alice's honest first post, then two different versions of her second envelope (same slot, same seq). */
async function equivocation(circle: TestCircle) {
  const [, alice, bob] = circle.people;
  if (!alice || !bob) throw new Error('pool');
  const seal = (note: string, o: { seq?: number; prev?: string; entryId?: string; identity?: typeof alice } = {}) =>
    rawSeal(post(note), { circleId: circle.circleId, contentKey: circle.keys.contentKey, identity: o.identity ?? alice, ...o });
  const first = await seal('alice, first');
  const slot = newEntryId();
  const prev = await envelopeHash(first);
  const one = await seal('version for some', { seq: 2, prev, entryId: slot });
  const two = await seal('version for others', { seq: 2, prev, entryId: slot });
  const honest = await seal('bob', { identity: bob });
  return { alice: alice.publicIdentity.keyId, bob: bob.publicIdentity.keyId, first, one, two, honest, seal };
}

describe('hostile equivocation across peers', () => {
  it('each peer receives only one version: after syncing, every peer and a newcomer hide both and mark the author alike', async () => {
    const circle = await makeCircle(3);
    const e = await equivocation(circle);
    const [p1, p2, p3] = [await peerOf(circle), await peerOf(circle), await peerOf(circle)];
    for (const peer of [p1, p2, p3]) {
      writeEnvelope(peer.doc, e.first);
      writeEnvelope(peer.doc, e.honest);
    }
    writeEnvelope(p1.doc, e.one);
    writeEnvelope(p2.doc, e.two);
    for (const peer of [p1, p2, p3]) await settle(peer);
    // p1 and p2 never meet directly at first: p3 carries each version to the other. Which version wins the
    // slot depends on Yjs client ids, so two rounds of everyone meeting everyone let the proof reach all.
    await syncPair(p1, p3);
    await syncPair(p2, p3);
    for (let round = 0; round < 2; round += 1) for (const [a, b] of [[p1, p3], [p2, p3], [p1, p2]] as const) await syncPair(a, b);
    const newcomer = { doc: new Y.Doc(), view: undefined as unknown as VerifiedView };
    Y.applyUpdate(newcomer.doc, Y.encodeStateAsUpdate(p3.doc));
    const late = hostileViewOf(circle, newcomer.doc);
    await late.whenIdle();
    for (const view of [p1.view, p2.view, p3.view, late]) {
      expect(shownNotes(view)).toEqual(['alice, first', 'bob']);
      expect([...view.equivocators()]).toEqual([e.alice]);
      expect(crashed(view)).toBe(false);
    }
    // The slot itself holds only one version: the proof is what let the others agree.
    expect(evidenceOf(newcomer.doc).size).toBe(2);
  });

  it('random delivery orders and sync schedules among three peers all converge to the same view (property)', async () => {
    const circle = await makeCircle(3);
    const e = await equivocation(circle);
    type Step = { kind: 'write'; peer: number; envelope: Envelope } | { kind: 'sync'; a: number; b: number };
    const steps: Step[] = [
      { kind: 'write', peer: 0, envelope: e.first },
      { kind: 'write', peer: 0, envelope: e.one },
      { kind: 'write', peer: 1, envelope: e.two },
      { kind: 'write', peer: 2, envelope: e.honest },
      { kind: 'sync', a: 0, b: 1 },
      { kind: 'sync', a: 1, b: 2 },
      { kind: 'sync', a: 0, b: 2 },
    ];
    let reference: string | null = null;
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(steps, { minLength: steps.length, maxLength: steps.length }), async (order) => {
        const peers = [await peerOf(circle), await peerOf(circle), await peerOf(circle)];
        const at = (index: number): Peer => {
          const peer = peers[index];
          if (!peer) throw new Error('peer');
          return peer;
        };
        for (const step of order) {
          if (step.kind === 'write') {
            writeEnvelope(at(step.peer).doc, step.envelope);
            await settle(at(step.peer));
          } else await syncPair(at(step.a), at(step.b));
        }
        // Then everyone meets everyone (twice, so proof found in the first round reaches all).
        for (let round = 0; round < 2; round += 1) for (const [a, b] of [[0, 1], [1, 2], [0, 2]] as const) await syncPair(at(a), at(b));
        const seen = peers.map((peer) => JSON.stringify([shownNotes(peer.view), [...peer.view.equivocators()]]));
        reference ??= seen[0] ?? null;
        for (const one of seen) expect(one).toBe(reference);
        for (const peer of peers) peer.view.destroy();
      }),
      { seed: 4301, numRuns: 12 },
    );
    expect(reference).toBe(JSON.stringify([['alice, first', 'bob'], [e.alice]]));
  }, 60_000);

  it('a chain fork (an envelope whose prev is not the author’s envelope before it) is equivocation, shown alike with the proof', async () => {
    const circle = await makeCircle(3);
    const e = await equivocation(circle);
    // Alice signs a third envelope chaining onto a second one nobody here has seen.
    const third = await e.seal('alice, third', { seq: 3, prev: 'Q'.repeat(43) });
    const { view, doc } = await (async () => {
      const d = await docWith(circle, [e.first, e.one, third, e.honest]);
      const v = hostileViewOf(circle, d);
      await v.whenIdle();
      return { view: v, doc: d };
    })();
    expect([...view.equivocators()]).toEqual([e.alice]);
    expect(shownNotes(view)).toEqual(['alice, first', 'alice, third', 'bob']);
    expect(flagsFor(view, e.alice)).toContain('equivocation');
    // A peer that holds only `one` (not third) agrees once the proof is published.
    writeEvidence(doc, view.evidence());
    const other = await docWith(circle, [e.first, e.one, e.honest]);
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(other)));
    const otherView = hostileViewOf(circle, other);
    await otherView.whenIdle();
    expect(shownNotes(otherView)).toEqual(shownNotes(view));
    expect([...otherView.equivocators()]).toEqual([e.alice]);
  });

  it('evidence that proves nothing (an old version of an honest edit put in the evidence map) changes nothing and marks no one', async () => {
    const circle = await makeCircle(3);
    const [, aliceId] = circle.people;
    if (!aliceId) throw new Error('pool');
    const alice = new Author(aliceId, circle.circleId, circle.keys.contentKey);
    const original = await alice.seal(postBody('private first draft'));
    const edited = await alice.seal(postBody('what she chose to keep'), original.entryId);
    const doc = await docWith(circle, [edited]);
    const hash = await envelopeHash(original);
    evidenceOf(doc).set(evidenceKey(original, hash), { ...original });
    const view = hostileViewOf(circle, doc);
    await view.whenIdle();
    expect(shownNotes(view)).toEqual(['what she chose to keep']);
    expect(view.equivocators().size).toBe(0);
  });

  it('forged evidence (a tampered copy claiming an honest member signed a second version) is refused and marks no one', async () => {
    const circle = await makeCircle(3);
    const e = await equivocation(circle);
    const doc = await docWith(circle, [e.first, e.honest]);
    const forged = { ...e.first, ct: `${e.first.ct.slice(0, -4)}AAAA` };
    evidenceOf(doc).set(evidenceKey(forged, await envelopeHash(forged)), forged);
    const view = hostileViewOf(circle, doc);
    await view.whenIdle();
    expect(shownNotes(view)).toEqual(['alice, first', 'bob']);
    expect(view.equivocators().size).toBe(0);
    expect(flagsFor(view, e.alice)).toEqual(['forged']);
  });

  it('evidence under a key that does not match it (author/seq/hash) is flagged as misplaced and ignored', async () => {
    const circle = await makeCircle(3);
    const e = await equivocation(circle);
    const doc = await docWith(circle, [e.first, e.one, e.honest]);
    evidenceOf(doc).set(`${e.bob}/2/${'A'.repeat(43)}`, { ...e.two });
    const view = hostileViewOf(circle, doc);
    await view.whenIdle();
    expect(view.equivocators().size).toBe(0);
    expect(shownNotes(view)).toEqual(['alice, first', 'bob', 'version for some']);
    expect(flagsFor(view, e.alice)).toEqual(['misplaced']);
  });

  it('a replayed identical envelope is not equivocation, and a replayed older version of a slot is ignored', async () => {
    const circle = await makeCircle(2);
    const [, aliceId] = circle.people;
    if (!aliceId) throw new Error('pool');
    const alice = new Author(aliceId, circle.circleId, circle.keys.contentKey);
    const original = await alice.seal(postBody('v1'));
    const edited = await alice.seal(postBody('v2'), original.entryId);
    const { doc, view } = await (async () => {
      const d = await docWith(circle, [original]);
      const v = hostileViewOf(circle, d);
      await v.whenIdle();
      return { doc: d, view: v };
    })();
    writeEnvelope(doc, edited);
    await view.whenIdle();
    for (const replay of [original, edited, original]) {
      writeEnvelope(doc, replay);
      await view.whenIdle();
    }
    expect(shownNotes(view)).toEqual(['v2']);
    expect(view.equivocators().size).toBe(0);
    expect(view.suspicious()).toEqual([]);
  });

  it('an honest author posting, editing, reacting and retracting (rising seq, intact chain) is never marked', async () => {
    const circle = await makeCircle(3);
    const [, aliceId, bobId] = circle.people;
    if (!aliceId || !bobId) throw new Error('pool');
    const alice = new Author(aliceId, circle.circleId, circle.keys.contentKey);
    const bob = new Author(bobId, circle.circleId, circle.keys.contentKey);
    const doc = await docWith(circle, []);
    const view = hostileViewOf(circle, doc);
    const a1 = await alice.seal(postBody('a1'));
    const b1 = await bob.seal(postBody('b1'));
    for (const envelope of [a1, b1, await alice.seal(postBody('a1, edited'), a1.entryId), await bob.seal({ kind: 'reply', parent: { author: a1.author, entryId: a1.entryId }, text: 'hugs' }), await alice.seal({ kind: 'tombstone', target: { author: a1.author, entryId: a1.entryId } }, a1.entryId)]) {
      writeEnvelope(doc, envelope);
      await view.whenIdle();
    }
    expect(view.equivocators().size).toBe(0);
    expect(view.evidence()).toEqual([]);
    expect(shownNotes(view)).toEqual(['b1']);
    expect(envelopeKey(a1)).toContain(a1.author);
  });
});
