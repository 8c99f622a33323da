// Hostile updates staged before they reach the live doc (renderer/src/circles/transport/updateStager.ts):
// truncated, mutated and random updates never half-change the live doc; junk values, raw deletes and
// list-like top-level types never enter it at all, so they are neither stored nor synced on.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { envelopeKey, envelopesOf, lockboxesOf, membershipOf, writeEnvelope, writeLockbox, writeLogEntry, writeNote } from '@shared/circles/circleDoc';
import { newEntryId, type Envelope } from '@shared/circles/envelope';
import { newEpochSecret } from '@shared/circles/circleKeys';
import { sealLockbox } from '@shared/circles/lockbox';
import { addMemberAction, logEntryHash, signLogEntry } from '@shared/circles/membership';
import { REPORT_REASONS, sealNote } from '@shared/circles/report';
import { createUpdateStager, type UpdateStager } from '../../../renderer/src/circles/transport/updateStager';
import { Author, identityPool, makeCircle, postBody, T0, type TestCircle } from '../../support/circles';
import { applyQuietly, hostileViewOf, shownNotes } from '../../support/hostile';

interface Staged {
  readonly circle: TestCircle;
  readonly alice: Author;
  readonly live: Y.Doc;
  readonly stager: UpdateStager;
  /** The update a peer holding the live doc's state sends after making `write`'s changes. */
  changesOf(write: (doc: Y.Doc) => void): Uint8Array;
  /** Stages an update and, if it passes, merges it into the live doc (as y-webrtc then does). */
  receive(update: Uint8Array): { ok: boolean; problem?: string; liveThrew: boolean };
}

async function staged(): Promise<Staged> {
  const circle = await makeCircle(3);
  const [, aliceId, bobId] = circle.people;
  if (!aliceId || !bobId) throw new Error('pool');
  const alice = new Author(aliceId, circle.circleId, circle.keys.contentKey);
  const bob = new Author(bobId, circle.circleId, circle.keys.contentKey);
  const live = new Y.Doc();
  for (const entry of circle.log) await writeLogEntry(live, entry);
  writeEnvelope(live, await alice.seal(postBody('alice')));
  writeEnvelope(live, await bob.seal(postBody('bob')));
  const stager = createUpdateStager(live);
  return {
    circle,
    alice,
    live,
    stager,
    changesOf(write) {
      // A fresh copy of the live doc each time, so no update builds on an earlier refused one.
      const attacker = new Y.Doc();
      Y.applyUpdate(attacker, Y.encodeStateAsUpdate(live));
      const before = Y.encodeStateVector(attacker);
      write(attacker);
      return Y.encodeStateAsUpdate(attacker, before);
    },
    receive(update) {
      const result = stager.stage(update);
      if (!result.ok) return { ok: false, problem: result.problem, liveThrew: false };
      return { ok: true, liveThrew: applyQuietly(live, update, 'peer').threw };
    },
  };
}

/** The live doc's content as plain JSON and its state vector (which items it holds), to compare before and after. */
const contentOf = (doc: Y.Doc): string => JSON.stringify([doc.toJSON(), [...Y.encodeStateVector(doc)], doc.store.pendingStructs !== null]);

function mutate(bytes: Uint8Array, flips: readonly { at: number; bit: number }[]): Uint8Array {
  const copy = bytes.slice();
  for (const { at, bit } of flips) copy[at % copy.length] = (copy[at % copy.length] ?? 0) ^ (1 << bit);
  return copy;
}

describe('hostile updates, staged before the live doc', () => {
  it('every truncation of an update is refused or applies whole: the live doc is never half-changed (unstaged, some do half-apply)', async () => {
    const s = await staged();
    // A new post, a raw delete of one post and a tampered overwrite of another: the update has a delete set.
    const [first, second] = [...envelopesOf(s.live).entries()];
    if (!first || !second) throw new Error('setup');
    const post = await s.alice.seal(postBody('new post'));
    const update = s.changesOf((doc) => {
      writeEnvelope(doc, post);
      envelopesOf(doc).delete(first[0]);
      envelopesOf(doc).set(second[0], { ...(second[1] as Envelope), ct: `${(second[1] as Envelope).ct.slice(0, -4)}AAAA` });
    });
    // Unstaged, Yjs integrates part of some truncations and then throws: the weakness being fixed.
    let halfApplied = 0;
    for (let cut = 1; cut < update.length; cut += 1) {
      const raw = new Y.Doc();
      Y.applyUpdate(raw, Y.encodeStateAsUpdate(s.live));
      const before = contentOf(raw);
      if (applyQuietly(raw, update.subarray(0, cut)).threw && contentOf(raw) !== before) halfApplied += 1;
    }
    expect(halfApplied).toBeGreaterThan(0);
    // Staged, each truncation either is refused (and the live doc is exactly as before) or applies without a throw.
    for (let cut = 1; cut < update.length; cut += 1) {
      const before = contentOf(s.live);
      const result = s.receive(update.subarray(0, cut));
      expect(result.liveThrew).toBe(false);
      if (!result.ok) expect(contentOf(s.live)).toBe(before);
    }
    // The whole update holds a raw delete, so it is refused too; the post alone goes through.
    expect(s.receive(update).problem).toBe('deleted');
    expect(s.receive(s.changesOf((doc) => writeEnvelope(doc, post)))).toEqual({ ok: true, liveThrew: false });
    expect(envelopesOf(s.live).get(envelopeKey(post))).toEqual(post);
  });

  it('bit-flipped updates (fuzzed) are refused or apply whole, and the view still shows only honest posts', async () => {
    const s = await staged();
    const post = await s.alice.seal(postBody('fuzz target'));
    const update = s.changesOf((doc) => writeEnvelope(doc, post));
    const view = hostileViewOf(s.circle, s.live);
    fc.assert(
      fc.property(fc.array(fc.record({ at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }), { minLength: 1, maxLength: 4 }), (flips) => {
        const before = contentOf(s.live);
        const result = s.receive(mutate(update, flips));
        expect(result.liveThrew).toBe(false);
        if (!result.ok) expect(contentOf(s.live)).toBe(before);
      }),
      { seed: 4201, numRuns: 300 },
    );
    await view.whenIdle();
    for (const note of shownNotes(view)) expect(['alice', 'bob', 'fuzz target']).toContain(note);
    view.destroy();
  });

  it('random bytes as updates never reach the live doc', async () => {
    const s = await staged();
    const before = contentOf(s.live);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 512 }), (bytes) => {
        expect(s.receive(bytes).liveThrew).toBe(false);
      }),
      { seed: 4202, numRuns: 200 },
    );
    expect(contentOf(s.live)).toBe(before);
  });

  it('junk values in the envelope map (numbers, booleans, null, arrays, nested types, bytes, a 1 MiB string, an extra field, {}) are refused and never stored', async () => {
    const s = await staged();
    const post = await s.alice.seal(postBody('template'));
    const junk: unknown[] = [42, true, null, [1, 2], new Y.Map(), new Y.Text('hi'), new Uint8Array([1, 2, 3]), 'x'.repeat(1024 * 1024), { ...post, extra: 'field' }, {}];
    const problems = junk.map((value, index) => s.receive(s.changesOf((doc) => envelopesOf(doc).set(`${post.author}/junk${String(index)}`, value))).problem);
    expect(problems).toEqual(['not-a-record', 'not-a-record', 'not-a-record', 'not-a-record', 'not-a-record', 'not-a-record', 'not-a-record', 'not-a-record', 'not-an-envelope', 'not-an-envelope']);
    expect(envelopesOf(s.live).size).toBe(2);
  });

  it('a 1 MiB record in the membership map, or in a map the app does not know, is refused as too large; memory stays bounded', async () => {
    const s = await staged();
    const size = Y.encodeStateAsUpdate(s.live).byteLength;
    for (let round = 0; round < 20; round += 1) {
      expect(s.receive(s.changesOf((doc) => membershipOf(doc).set(`big${String(round)}`, { v: 1, pad: 'x'.repeat(1024 * 1024) }))).problem).toBe('too-large');
      expect(s.receive(s.changesOf((doc) => doc.getMap('future').set(`big${String(round)}`, { v: 1, pad: 'x'.repeat(1024 * 1024) }))).problem).toBe('too-large');
    }
    expect(Y.encodeStateAsUpdate(s.live).byteLength).toBe(size);
  });

  it('a raw delete of another member’s post (or of every post) is refused, so newcomers still receive it', async () => {
    const s = await staged();
    const [first] = [...envelopesOf(s.live).keys()];
    if (first === undefined) throw new Error('setup');
    expect(s.receive(s.changesOf((doc) => envelopesOf(doc).delete(first))).problem).toBe('deleted');
    expect(s.receive(s.changesOf((doc) => envelopesOf(doc).clear())).problem).toBe('deleted');
    const newcomer = new Y.Doc();
    Y.applyUpdate(newcomer, Y.encodeStateAsUpdate(s.live));
    const view = hostileViewOf(s.circle, newcomer);
    await view.whenIdle();
    expect(shownNotes(view)).toEqual(['alice', 'bob']);
  });

  it('unknown top-level arrays, text and XML are refused; an unknown map of bounded records (a later version) is kept', async () => {
    const s = await staged();
    expect(s.receive(s.changesOf((doc) => doc.getArray('list').push([1, 2, 3]))).problem).toBe('list-content');
    expect(s.receive(s.changesOf((doc) => doc.getText('text').insert(0, 'hello'))).problem).toBe('list-content');
    expect(s.receive(s.changesOf((doc) => doc.getXmlFragment('xml').insert(0, [new Y.XmlText('x')]))).problem).toBe('list-content');
    expect(s.receive(s.changesOf((doc) => doc.getMap('nested').set('inner', new Y.Map([['a', 1]])))).problem).toBe('not-a-record');
    expect(s.receive(s.changesOf((doc) => doc.getMap('later-version').set('k', { v: 2, note: 'from a newer client' }))).ok).toBe(true);
    expect(s.live.getMap('later-version').get('k')).toEqual({ v: 2, note: 'from a newer client' });
  });

  it('everything an honest member writes passes: posts, edits in the same slot, log entries, lockboxes, reports, a later envelope version', async () => {
    const s = await staged();
    const first = await s.alice.seal(postBody('first'));
    const edited = await s.alice.seal(postBody('edited'), first.entryId);
    const pool = await identityPool();
    const [founder, aliceId] = s.circle.people;
    const newcomer = pool[6];
    if (!founder || !aliceId || !newcomer) throw new Error('pool');
    const entry = await signLogEntry(founder, s.circle.circleId, (await s.circle.membership()).head, addMemberAction(newcomer.publicIdentity, 'New', 'member', 0), T0);
    const lockbox = await sealLockbox(newEpochSecret(), newcomer.publicIdentity, founder, { circleId: s.circle.circleId, epoch: 0 });
    const report = { kind: 'report', target: { author: first.author, entryId: first.entryId }, targetKind: 'post', reason: REPORT_REASONS[0], note: 'please look' } as const;
    const note = await sealNote(report, [founder.publicIdentity, aliceId.publicIdentity], aliceId, { circleId: s.circle.circleId, id: newEntryId(), now: T0 });
    const later = { ...first, v: 2, entryId: newEntryId(), extra: 'a field a later version adds' };
    const entryKey = await logEntryHash(entry);
    const writes: ((doc: Y.Doc) => void)[] = [
      (doc) => writeEnvelope(doc, first),
      (doc) => writeEnvelope(doc, edited),
      (doc) => membershipOf(doc).set(entryKey, entry),
      (doc) => writeLockbox(doc, lockbox),
      (doc) => writeNote(doc, note),
      (doc) => envelopesOf(doc).set(`${first.author}/${later.entryId}`, later),
    ];
    for (const write of writes) expect(s.receive(s.changesOf(write))).toEqual({ ok: true, liveThrew: false });
    expect(envelopesOf(s.live).get(envelopeKey(first))).toEqual(edited);
    expect(lockboxesOf(s.live).size).toBe(1);
  });

  it('a peer’s full state (sync step 2) with junk anywhere in it is refused whole; without it, it applies', async () => {
    const s = await staged();
    const newcomer = new Y.Doc();
    const stager = createUpdateStager(newcomer);
    const dirty = new Y.Doc();
    Y.applyUpdate(dirty, Y.encodeStateAsUpdate(s.live));
    envelopesOf(dirty).set('x/junk', 'x'.repeat(200_000));
    expect(stager.stage(Y.encodeStateAsUpdate(dirty))).toEqual({ ok: false, problem: 'not-a-record' });
    expect(stager.stage(Y.encodeStateAsUpdate(s.live))).toEqual({ ok: true });
    stager.destroy();
  });
});
