// Envelopes: every body kind round-trips; forged, mis-keyed, tampered, foreign or oversized ones never open.
import { describe, expect, it } from 'vitest';
import type { BodyInput } from '@shared/circles/body';
import { deriveEpochKeys, newEpochSecret } from '@shared/circles/circleKeys';
import { ENVELOPE_LIMITS, hideEntryId, newEntryId, openEnvelope, reactionEntryId, circleInfoEntryId, type Envelope, type OpenFailure } from '@shared/circles/envelope';
import { Author, identityPool, makeCircle, postBody, refOf, T0, type TestCircle } from '../../support/circles';

async function setup(): Promise<{ circle: TestCircle; founder: Author; alice: Author; bob: Author; outsider: Author }> {
  const circle = await makeCircle(3);
  const [f, a, b] = circle.people;
  const o = (await identityPool())[7];
  if (!f || !a || !b || !o) throw new Error('pool');
  const key = circle.keys.contentKey;
  return { circle, founder: new Author(f, circle.circleId, key), alice: new Author(a, circle.circleId, key), bob: new Author(b, circle.circleId, key), outsider: new Author(o, circle.circleId, key) };
}

async function expectRefused(circle: TestCircle, raw: unknown, reason: OpenFailure): Promise<void> {
  const result = await openEnvelope(raw, circle.openContext(await circle.membership()));
  expect(result.ok ? 'opened' : result.reason).toBe(reason);
}

const flip = (text: string, at = 5): string => text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);

describe('envelopes', () => {
  it('round-trip every body kind, with the cleaned body', async () => {
    const { circle, founder, alice, bob } = await setup();
    const post = await alice.seal({
      kind: 'post',
      fields: { day: '2025-06-01', mood: 2, energy: 4, emotions: ['tired\u202e', ' hopeful '], activities: ['walk'], sleepHours: 6.5, note: 'A hard day,\nbut I went out.' },
      contentWarning: { topics: ['grief'], custom: ['hospital visit'], text: 'mentions a funeral' },
      sharedAt: T0,
    });
    const target = refOf(post);
    const bodies: [Author, BodyInput, string?][] = [
      [bob, { kind: 'reply', parent: target, text: 'Thinking of you.' }],
      [bob, { kind: 'reaction', target, reaction: 'sending-support' }, await reactionEntryId(target)],
      [alice, { kind: 'tombstone', target }, target.entryId],
      [founder, { kind: 'tombstone', target }, await hideEntryId(target)],
      [founder, { kind: 'circle-info', name: 'Tuesday circle', charter: 'Be kind.' }, await circleInfoEntryId(circle.circleId)],
    ];
    const ctx = circle.openContext(await circle.membership());
    const opened = await openEnvelope(JSON.parse(JSON.stringify(post)), ctx);
    expect(opened.ok).toBe(true);
    if (opened.ok && opened.body.kind === 'post') {
      expect(opened.body.fields.emotions).toEqual(['tired', 'hopeful']);
      expect(opened.body.fields.note).toBe('A hard day,\nbut I went out.');
      expect(opened.body.contentWarning?.topics).toEqual(['grief']);
      expect(opened.envelope).toEqual(post);
    }
    for (const [author, body, entryId] of bodies) {
      const envelope = await author.seal(body, entryId);
      const result = await openEnvelope(envelope, ctx);
      expect(result.ok ? result.body.kind : result.reason).toBe(body.kind);
    }
  });

  it('continue a per-author sequence chained by hash', async () => {
    const { alice } = await setup();
    const first = await alice.seal(postBody('one'));
    const second = await alice.seal(postBody('two'));
    expect(first.seq).toBe(1);
    expect(first.prev).toBe('');
    expect(second.seq).toBe(2);
    expect(second.prev).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuse forged signatures, another circle’s or epoch’s key, and tampering with any field', async () => {
    const { circle, alice, bob } = await setup();
    const post = await alice.seal(postBody('mine'));
    await expectRefused(circle, { ...post, sig: flip(post.sig) }, 'bad-signature');
    await expectRefused(circle, { ...post, ct: flip(post.ct) }, 'bad-signature');
    await expectRefused(circle, { ...post, iv: flip(post.iv) }, 'bad-signature');
    for (const field of ['claimedAt', 'seq'] as const) await expectRefused(circle, { ...post, [field]: post[field] + 1 }, 'bad-signature');
    await expectRefused(circle, { ...post, entryId: newEntryId() }, 'bad-signature');
    await expectRefused(circle, { ...post, author: bob.keyId }, 'bad-signature');
    await expectRefused(circle, { ...post, circleId: newEntryId() }, 'wrong-circle');
    await expectRefused(circle, { ...post, epoch: 1 }, 'unknown-epoch');

    // A member signs honestly but encrypts under another circle's key: it verifies yet never decrypts.
    const otherKeys = await deriveEpochKeys(newEpochSecret(), circle.circleId, 0);
    const miskeyed = await new Author(alice.identity, circle.circleId, otherKeys.contentKey).seal(postBody('wrong key'));
    await expectRefused(circle, miskeyed, 'cannot-decrypt');
    // An epoch the log has not started has no members, even with a key for it on offer.
    const epochOneKeys = await deriveEpochKeys(circle.secret, circle.circleId, 1);
    const epochOne = await new Author(alice.identity, circle.circleId, epochOneKeys.contentKey, 1).seal(postBody('epoch one'));
    const result = await openEnvelope({ ...epochOne }, circle.openContext(await circle.membership(), new Map([[1, circle.keys.contentKey]])));
    expect(result.ok ? 'opened' : result.reason).toBe('not-a-member');
  });

  it('refuse outsiders, malformed and oversized values before any crypto', async () => {
    const { circle, alice, outsider } = await setup();
    await expectRefused(circle, await outsider.seal(postBody('let me in')), 'not-a-member');
    const post = await alice.seal(postBody('fine'));
    await expectRefused(circle, { ...post, ct: 'A'.repeat(ENVELOPE_LIMITS.ciphertextChars + 1) }, 'too-large');
    for (const bad of [null, 'text', [], { ...post, extra: 1 }, { ...post, v: 2 }, { ...post, seq: 0 }, { ...post, seq: 1.5 }, { ...post, author: 'x' }, { ...post, ct: 'no spaces allowed here!' }]) {
      await expectRefused(circle, bad, 'malformed');
    }
  });

  it('refuse bodies that break the rules: others’ tombstones from members, stray reaction ids, circle info from members', async () => {
    const { circle, alice, bob } = await setup();
    const post = await alice.seal(postBody('mine'));
    const target = refOf(post);
    await expectRefused(circle, await bob.seal({ kind: 'tombstone', target }, await hideEntryId(target)), 'not-allowed');
    await expectRefused(circle, await bob.seal({ kind: 'reaction', target, reaction: 'hope' }), 'not-allowed');
    await expectRefused(circle, await bob.seal({ kind: 'circle-info', name: 'Mine now', charter: '' }, await circleInfoEntryId(circle.circleId)), 'not-allowed');
  });

  it('refuse a signed body that does not parse', async () => {
    const { circle, alice } = await setup();
    await expect(alice.seal({ kind: 'reply', parent: { author: alice.keyId, entryId: newEntryId() }, text: '' })).rejects.toThrow();
    const envelope: Envelope = await alice.seal(postBody('ok'));
    expect(envelope.ct.length).toBeGreaterThan(22);
    await expectRefused(circle, { ...envelope, prev: 'x' }, 'malformed');
  });
});
