// Hostile peers at the Yjs layer (the raw updates anyone with the room secret can send), at the frame layer
// below it, and in awareness. Whatever arrives, no throw escapes the view, it shows exactly what honest
// envelopes say, and what it holds stays bounded by count. These apply updates straight to the doc, past
// the staging and per-peer limits every real connection goes through (hostile-staging, hostile-peers), so
// the view is shown to hold on its own too.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { toBase64Url } from '@shared/circles/bytes';
import { envelopeKey, envelopesOf, membershipOf, writeEnvelope, writeLogEntry } from '@shared/circles/circleDoc';
import { newEntryId, type Envelope } from '@shared/circles/envelope';
import { signLogEntry, addMemberAction } from '@shared/circles/membership';
import { presenceContext, PresenceVerifier, signPresenceClaim, MAX_PRESENCE_STATES } from '@shared/circles/presence';
import { MAX_SUSPICIONS, MAX_WAITING, type VerifiedView } from '@shared/circles/view';
import { encodeFrames, FRAME_HEADER_BYTES, FRAME_VERSION, MAX_FRAME_BYTES } from '../../../renderer/src/circles/transport/framing';
import { DEFAULT_REASSEMBLY_LIMITS, Reassembler } from '../../../renderer/src/circles/transport/reassembly';
import { Author, identityPool, makeCircle, postBody, T0, type TestCircle } from '../../support/circles';
import { applyQuietly, crashed, flagsFor, hostileViewOf, rawSeal, shownNotes } from '../../support/hostile';

interface Live {
  readonly circle: TestCircle;
  readonly honest: readonly Envelope[];
  /** The victim's live doc and view, synced with the honest state. */
  readonly doc: Y.Doc;
  readonly view: VerifiedView;
  /** What a hostile peer with the room secret would send next: it forges a post, deletes one and overwrites another. */
  readonly attack: Uint8Array;
}

async function live(): Promise<Live> {
  const circle = await makeCircle(3);
  const [, alice, bob] = circle.people.map((person) => new Author(person, circle.circleId, circle.keys.contentKey));
  if (!alice || !bob) throw new Error('pool');
  const honest = [await alice.seal(postBody('alice')), await bob.seal(postBody('bob'))];
  const source = new Y.Doc();
  for (const entry of circle.log) await writeLogEntry(source, entry);
  for (const envelope of honest) writeEnvelope(source, envelope);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
  const view = hostileViewOf(circle, doc);
  await view.whenIdle();
  const attacker = new Y.Doc();
  Y.applyUpdate(attacker, Y.encodeStateAsUpdate(source));
  const before = Y.encodeStateVector(attacker);
  const [first, second] = honest;
  if (!first || !second) throw new Error('honest');
  const mallory = circle.people[2];
  if (!mallory) throw new Error('pool');
  envelopesOf(attacker).set(`${first.author}/${newEntryId()}`, { ...first, sig: `${first.sig.slice(0, 80)}AAAAAA` });
  envelopesOf(attacker).delete(envelopeKey(first));
  envelopesOf(attacker).set(envelopeKey(second), { ...second, ct: `${second.ct.slice(0, -4)}AAAA` });
  attacker.getMap('unknown-top-level').set('x', 1);
  return { circle, honest, doc, view, attack: Y.encodeStateAsUpdate(attacker, before) };
}

const HONEST = ['alice', 'bob'];

function mutate(bytes: Uint8Array, flips: readonly { at: number; bit: number }[]): Uint8Array {
  const copy = bytes.slice();
  for (const { at, bit } of flips) copy[at % copy.length] = (copy[at % copy.length] ?? 0) ^ (1 << bit);
  return copy;
}

describe('hostile Y updates', () => {
  it('the unmodified attack update (forged copy, raw delete, tampered overwrite, unknown type) changes nothing the view shows', async () => {
    const { doc, view, attack, honest } = await live();
    expect(applyQuietly(doc, attack).threw).toBe(false);
    await view.whenIdle();
    expect(shownNotes(view)).toEqual(HONEST);
    // The raw delete really happened in the doc; the view keeps what it verified.
    expect(envelopesOf(doc).has(envelopeKey(honest[0] ?? { author: '', entryId: '' }))).toBe(false);
    // The forged copy sits under a key that is not its own (misplaced); the tampered overwrite fails its signature.
    expect(flagsFor(view).sort()).toEqual(['forged', 'misplaced']);
  });

  it('every truncation of the attack update, applied one after another to one live doc, never changes what the view shows', async () => {
    const { doc, view, attack } = await live();
    let threw = 0;
    for (let cut = 0; cut < attack.length; cut += 1) if (applyQuietly(doc, attack.subarray(0, cut)).threw) threw += 1;
    await view.whenIdle();
    expect(threw).toBeGreaterThan(0);
    expect(shownNotes(view)).toEqual(HONEST);
    expect(crashed(view)).toBe(false);
  });

  it('bit-flipped attack updates (fuzzed) never make the view show anything else or stop', async () => {
    const { doc, view, attack } = await live();
    fc.assert(
      fc.property(fc.array(fc.record({ at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }), { minLength: 1, maxLength: 4 }), (flips) => {
        applyQuietly(doc, mutate(attack, flips));
      }),
      { seed: 4101, numRuns: 300 },
    );
    await view.whenIdle();
    expect(shownNotes(view)).toEqual(HONEST);
    expect(crashed(view)).toBe(false);
  });

  it('bit-flipped copies of the honest state, fed to a newcomer, never show a post that is not an honest one', async () => {
    const { circle, honest } = await live();
    const source = new Y.Doc();
    for (const entry of circle.log) await writeLogEntry(source, entry);
    for (const envelope of honest) writeEnvelope(source, envelope);
    const state = Y.encodeStateAsUpdate(source);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }), { minLength: 1, maxLength: 3 }), async (flips) => {
        const doc = new Y.Doc();
        applyQuietly(doc, mutate(state, flips));
        const view = hostileViewOf(circle, doc);
        await view.whenIdle();
        for (const note of shownNotes(view)) expect(HONEST).toContain(note);
        expect(crashed(view)).toBe(false);
        view.destroy();
      }),
      { seed: 4102, numRuns: 40 },
    );
  });

  it('random bytes as updates never throw out of the view or change what it shows', async () => {
    const { doc, view } = await live();
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 512 }), (bytes) => {
        applyQuietly(doc, bytes);
      }),
      { seed: 4103, numRuns: 120 },
    );
    await view.whenIdle();
    expect(shownNotes(view)).toEqual(HONEST);
    expect(crashed(view)).toBe(false);
  });

  it('an empty update (zero bytes, or an empty doc’s state) leaves the doc and the view as they were', async () => {
    const { doc, view } = await live();
    const before = Y.encodeStateAsUpdate(doc);
    applyQuietly(doc, new Uint8Array(0));
    expect(applyQuietly(doc, Y.encodeStateAsUpdate(new Y.Doc())).threw).toBe(false);
    await view.whenIdle();
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    expect(shownNotes(view)).toEqual(HONEST);
  });

  it('updates adding unknown top-level types (map, array, text, xml) are ignored by the view', async () => {
    const { doc, view } = await live();
    const attacker = new Y.Doc();
    Y.applyUpdate(attacker, Y.encodeStateAsUpdate(doc));
    attacker.getMap('evil').set('k', 'v'.repeat(10_000));
    attacker.getArray('list').push([1, 2, 3]);
    attacker.getText('text').insert(0, 'hello');
    attacker.getXmlFragment('xml').insert(0, [new Y.XmlText('x')]);
    expect(applyQuietly(doc, Y.encodeStateAsUpdate(attacker, Y.encodeStateVector(doc))).threw).toBe(false);
    await view.whenIdle();
    expect(shownNotes(view)).toEqual(HONEST);
    expect(view.suspicious()).toEqual([]);
  });

  it('non-envelope values in the envelope map (numbers, booleans, null, arrays, nested maps, text, bytes, a 1 MiB string) are flagged malformed', async () => {
    const { doc, view, honest } = await live();
    const author = honest[0]?.author ?? '';
    const junk: unknown[] = [42, true, null, [1, 2], new Y.Map(), new Y.Text('hi'), new Uint8Array([1, 2, 3]), 'x'.repeat(1024 * 1024), { ...honest[0], extra: 'field' }, {}];
    const attacker = new Y.Doc();
    Y.applyUpdate(attacker, Y.encodeStateAsUpdate(doc));
    junk.forEach((value, index) => envelopesOf(attacker).set(`${author}/junk${String(index)}`, value));
    applyQuietly(doc, Y.encodeStateAsUpdate(attacker, Y.encodeStateVector(doc)));
    await view.whenIdle();
    expect(shownNotes(view)).toEqual(HONEST);
    expect(flagsFor(view)).toEqual(junk.map(() => 'malformed'));
  });

  it('raw deletes of every post by someone with the room secret leave the verified view as it was', async () => {
    const { doc, view, honest } = await live();
    for (const envelope of honest) envelopesOf(doc).delete(envelopeKey(envelope));
    envelopesOf(doc).clear();
    await view.whenIdle();
    expect(envelopesOf(doc).size).toBe(0);
    expect(shownNotes(view)).toEqual(HONEST);
  });

  it('overwriting others’ entries with different bytes (another valid envelope of theirs, a tampered copy) changes nothing and is flagged', async () => {
    const { doc, view, honest, circle } = await live();
    const [first, second] = honest;
    if (!first || !second) throw new Error('honest');
    // A validly signed envelope of bob's, moved into alice's slot; and a copy of bob's post with a changed note-length ct.
    envelopesOf(doc).set(envelopeKey(first), { ...second });
    // The founder (a real member, with the room key) signs in bob's name.
    const mallory = circle.people[0];
    if (!mallory) throw new Error('pool');
    const mallorys = await rawSeal('{"kind":"post","fields":{"note":"bob, rewritten"},"sharedAt":0}', {
      circleId: circle.circleId,
      contentKey: circle.keys.contentKey,
      identity: mallory,
      author: second.author,
      entryId: second.entryId,
      seq: second.seq + 1,
    });
    envelopesOf(doc).set(envelopeKey(second), mallorys);
    await view.whenIdle();
    expect(shownNotes(view)).toEqual(HONEST);
    expect(flagsFor(view).sort()).toEqual(['forged', 'misplaced']);
  });

  it('a flood of 5,000 tiny junk updates keeps the flag list capped and the view unchanged', async () => {
    const { doc, view, honest } = await live();
    const sender = new Y.Doc();
    Y.applyUpdate(sender, Y.encodeStateAsUpdate(doc));
    sender.on('update', (update: Uint8Array) => applyQuietly(doc, update));
    for (let i = 0; i < 5_000; i += 1) envelopesOf(sender).set(`${honest[0]?.author ?? ''}/flood${String(i)}`, i);
    await view.whenIdle();
    expect(shownNotes(view)).toEqual(HONEST);
    expect(view.suspicious()).toHaveLength(MAX_SUSPICIONS);
  });

  it(`a flood of well-formed envelopes from a key id the log does not know keeps at most ${String(MAX_WAITING)} waiting`, async () => {
    const { doc, view, circle } = await live();
    const stranger = toBase64Url(new Uint8Array(16).fill(7));
    const template = { v: 1, circleId: circle.circleId, epoch: 0, author: stranger, seq: 1, prev: '', claimedAt: T0, iv: 'AAAAAAAAAAAAAAAA', ct: 'A'.repeat(22), sig: 'A'.repeat(86) };
    const sender = new Y.Doc();
    sender.on('update', (update: Uint8Array) => applyQuietly(doc, update));
    const total = MAX_WAITING + 500;
    for (let start = 0; start < total; start += 1_000) {
      sender.transact(() => {
        for (let i = start; i < Math.min(total, start + 1_000); i += 1) {
          const entryId = toBase64Url(new Uint8Array([i & 0xff, (i >> 8) & 0xff, (i >> 16) & 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]));
          envelopesOf(sender).set(`${stranger}/${entryId}`, { ...template, entryId });
        }
      });
    }
    await view.whenIdle();
    expect(envelopesOf(doc).size).toBeGreaterThan(MAX_WAITING);
    expect(view.waitingCount()).toBe(MAX_WAITING);
    expect(shownNotes(view)).toEqual(HONEST);
  }, 60_000);

  it('junk, unsigned and forged entries in the membership map leave membership as the facilitators wrote it', async () => {
    const { doc, view, circle } = await live();
    const head = view.membership()?.head;
    const outsider = (await identityPool())[6];
    if (!head || !outsider) throw new Error('setup');
    const self = await signLogEntry(outsider, circle.circleId, head, addMemberAction(outsider.publicIdentity, 'Me', 'facilitator', 0), T0);
    membershipOf(doc).set('junk-1', 42);
    membershipOf(doc).set('junk-2', { v: 1 });
    membershipOf(doc).set('self-approval', self);
    membershipOf(doc).set('unsigned', { ...self, sig: 'A'.repeat(86) });
    for (const key of [...membershipOf(doc).keys()].slice(0, 2)) membershipOf(doc).delete(key);
    await view.whenIdle();
    expect(view.membership()?.head).toEqual(head);
    expect(view.membership()?.members.has(outsider.publicIdentity.keyId)).toBe(false);
    expect(shownNotes(view)).toEqual(HONEST);
  });
});

describe('hostile frames (below Yjs)', () => {
  /** Frames of a message of `bytes` length, built lazily from one reused payload so the test holds ~64 KiB. */
  function* framesOf(messageId: number, bytes: number): Generator<Uint8Array> {
    const payload = MAX_FRAME_BYTES - FRAME_HEADER_BYTES;
    const count = Math.ceil(bytes / payload);
    const frame = new Uint8Array(MAX_FRAME_BYTES);
    const view = new DataView(frame.buffer);
    for (let index = 0; index < count; index += 1) {
      view.setUint8(0, FRAME_VERSION);
      view.setUint32(1, messageId);
      view.setUint16(5, index);
      view.setUint16(7, count);
      yield frame.slice();
    }
  }

  it('a 64 MiB update is refused by the reassembly cap after 16 MiB, before anything decodes it', () => {
    const reassembler = new Reassembler();
    const cap = DEFAULT_REASSEMBLY_LIMITS.maxMessageBytes;
    let accepted = 0;
    let rejectedAt = -1;
    for (const frame of framesOf(1, 64 * 1024 * 1024)) {
      const result = reassembler.accept(frame, 0);
      expect(result.kind).not.toBe('message');
      if (result.kind === 'rejected') {
        rejectedAt = accepted;
        break;
      }
      accepted += 1;
    }
    expect(rejectedAt).toBe(Math.floor(cap / (MAX_FRAME_BYTES - FRAME_HEADER_BYTES)));
    expect(reassembler.pendingMessages).toBe(0);
  });

  it('interleaved starts of many huge updates keep at most the allowed partial messages', () => {
    const reassembler = new Reassembler();
    const streams = Array.from({ length: 50 }, (_, id) => framesOf(id, 64 * 1024 * 1024));
    for (let round = 0; round < 4; round += 1) {
      for (const stream of streams) {
        const next = stream.next();
        if (!next.done) expect(reassembler.accept(next.value, 0).kind).not.toBe('message');
        expect(reassembler.pendingMessages).toBeLessThanOrEqual(DEFAULT_REASSEMBLY_LIMITS.maxPartialMessages);
      }
    }
  });

  it('fuzzed frames (random bytes and mutated real frames) are refused or held, never thrown', () => {
    const real = encodeFrames(9, new Uint8Array(5000).fill(1), 1000);
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.tuple(fc.constantFrom(...real), fc.nat(), fc.nat(255)).map(([frame, at, value]) => {
        const copy = frame.slice();
        copy[at % copy.length] = value;
        return copy;
      })), (frame) => {
        const reassembler = new Reassembler();
        expect(() => reassembler.accept(frame, 0)).not.toThrow();
        expect(reassembler.pendingMessages).toBeLessThanOrEqual(DEFAULT_REASSEMBLY_LIMITS.maxPartialMessages);
      }),
      { seed: 4104, numRuns: 300 },
    );
  });
});

describe('hostile awareness', () => {
  async function room() {
    const circle = await makeCircle(3);
    const context = await presenceContext(circle.circleId, 0);
    const membership = await circle.membership();
    const me = circle.people[0]?.publicIdentity.keyId ?? '';
    const scope = { context, epoch: 0, roster: membership, now: T0, me };
    const victim = new Awareness(new Y.Doc());
    victim.setLocalState(null);
    /** A peer's awareness state arriving over the wire, as y-protocols applies it. */
    const receive = (state: unknown, clientId?: number): void => {
      const peerDoc = new Y.Doc();
      if (clientId !== undefined) peerDoc.clientID = clientId;
      const peer = new Awareness(peerDoc);
      peer.setLocalState(state as Record<string, unknown> | null);
      applyAwarenessUpdate(victim, encodeAwarenessUpdate(peer, [peer.clientID]), 'peer');
      peer.destroy();
    };
    const online = async () => new PresenceVerifier().evaluate(victim.getStates(), scope);
    return { circle, context, scope, victim, receive, online };
  }

  it('malformed awareness states (any JSON value, fuzzed) never count as online and never throw', async () => {
    const { receive, online } = await room();
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.integer({ min: 1, max: 2 ** 30 }), (value, clientId) => {
        receive(typeof value === 'object' && value !== null && !Array.isArray(value) ? value : { value }, clientId);
      }),
      { seed: 4105, numRuns: 100 },
    );
    const result = await online();
    expect(result.online.size).toBe(0);
    // The states really arrived (so the check is not vacuous) and each was refused.
    expect(result.rejected.length).toBeGreaterThan(50);
    expect(result.rejected.every((r) => r.reason === 'malformed')).toBe(true);
  });

  it('a valid claim padded with free text (pseudonym, mood, note) is refused as malformed', async () => {
    const { circle, context, receive, online } = await room();
    const alice = circle.people[1];
    if (!alice) throw new Error('pool');
    const claim = await signPresenceClaim(alice, context, T0);
    receive({ ...claim, pseudonym: 'Alice', mood: 1, note: 'feeling low' });
    const result = await online();
    expect(result.online.size).toBe(0);
    expect(result.rejected.map((r) => r.reason)).toEqual(['malformed']);
  });

  it('huge strings and wrong types in the four claim fields are refused as malformed', async () => {
    const { circle, context, receive, online } = await room();
    const alice = circle.people[1];
    if (!alice) throw new Error('pool');
    const claim = await signPresenceClaim(alice, context, T0);
    receive({ ...claim, sig: 'A'.repeat(1_000_000) }, 11);
    receive({ ...claim, issuedAt: String(claim.issuedAt) }, 12);
    receive({ ...claim, keyId: [claim.keyId] }, 13);
    receive({ ...claim, context: { nested: claim.context } }, 14);
    const result = await online();
    expect(result.online.size).toBe(0);
    expect(result.rejected.map((r) => r.reason)).toEqual(['malformed', 'malformed', 'malformed', 'malformed']);
  });

  it('claims signed by a non-member, or by a member under another member’s key id, never count', async () => {
    const { circle, context, receive, online } = await room();
    const [, alice, bob] = circle.people;
    const outsider = (await identityPool())[7];
    if (!alice || !bob || !outsider) throw new Error('pool');
    receive(await signPresenceClaim(outsider, context, T0), 21);
    const bobs = await signPresenceClaim(bob, context, T0);
    receive({ ...bobs, keyId: alice.publicIdentity.keyId }, 22);
    receive(await signPresenceClaim(bob, context, T0), 23);
    const result = await online();
    expect([...result.online]).toEqual([bob.publicIdentity.keyId]);
    expect(result.rejected.map((r) => r.reason).sort()).toEqual(['bad-signature', 'not-a-member']);
  });

  it('a replayed claim older than two minutes, or one from another circle, does not count', async () => {
    const { circle, context, receive, online } = await room();
    const alice = circle.people[1];
    if (!alice) throw new Error('pool');
    receive(await signPresenceClaim(alice, context, T0 - 10 * 60_000), 31);
    receive(await signPresenceClaim(alice, await presenceContext(circle.circleId, 1), T0), 32);
    const result = await online();
    expect(result.online.size).toBe(0);
    expect(result.rejected.map((r) => r.reason).sort()).toEqual(['stale', 'wrong-circle']);
  });

  it(`a flood of client ids is cut off at ${String(MAX_PRESENCE_STATES)} states looked at`, async () => {
    const { scope } = await room();
    const states = new Map<number, unknown>(Array.from({ length: 5_000 }, (_, i) => [i + 1, { keyId: 'x', n: i }] as const));
    const result = await new PresenceVerifier().evaluate(states, scope);
    expect(result.rejected).toHaveLength(MAX_PRESENCE_STATES);
    expect(result.skipped).toBe(5_000 - MAX_PRESENCE_STATES);
    expect(result.online.size).toBe(0);
  });
});
