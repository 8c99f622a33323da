// Rekeying: a new epoch whose secret only the members who go on can open; forged, misplaced and replayed
// rekeys change nothing; two facilitators rekeying at once converge on one epoch.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveEpochKeys, newEpochSecret } from '@shared/circles/circleKeys';
import { writeEnvelope, writeLogEntry } from '@shared/circles/circleDoc';
import { openLockbox, sealLockbox } from '@shared/circles/lockbox';
import { logEntryHash, signLogEntry, verifyMembershipLog, type LogEntry, type MembershipActionInput } from '@shared/circles/membership';
import { epochFate, logUpTo, openEpochSecret, rekeyAction, REKEY_TIMING, rotationDue } from '@shared/circles/rekey';
import { createVerifiedView } from '@shared/circles/view';
import { Author, docWith, identityPool, makeCircle, postBody, T0 } from '../../support/circles';

async function verify(circleId: string, founder: string, entries: readonly unknown[]) {
  const result = await verifyMembershipLog(entries, { circleId, founder });
  if (!result.ok) throw new Error(result.message);
  return result;
}

/** F (founder), A and B; F rekeys without B. */
async function removalSetup() {
  const circle = await makeCircle(3);
  const [f, a, b] = circle.people;
  if (!f || !a || !b) throw new Error('pool');
  const secret = newEpochSecret();
  const action = await rekeyAction(f, await circle.membership(), [a.publicIdentity.keyId], secret);
  const entry = await circle.append(f, action);
  return { circle, f, a, b, secret, entry };
}

describe('rekey', () => {
  it('starts the next epoch with the named members; the one left out is removed from the current epoch on', async () => {
    const { circle, f, a, b } = await removalSetup();
    const membership = await circle.membership();
    expect(membership.currentEpoch).toBe(1);
    expect(membership.memberAt(f.publicIdentity.keyId, 1)?.role).toBe('facilitator');
    expect(membership.memberAt(a.publicIdentity.keyId, 1)?.role).toBe('member');
    expect(membership.memberAt(b.publicIdentity.keyId, 1)).toBeUndefined();
    // As for remove-member: their posts of the epoch they were removed in stop counting (no clock decides).
    expect(membership.memberAt(b.publicIdentity.keyId, 0)).toBeUndefined();
    expect(membership.epochStarts.get(1)?.removed).toEqual([b.publicIdentity.keyId]);
    expect(epochFate(membership, a.publicIdentity.keyId, 0)).toEqual({ kind: 'move', epochs: [1] });
    expect(epochFate(membership, b.publicIdentity.keyId, 0)).toEqual({ kind: 'removed', epoch: 1 });
    expect(epochFate(membership, f.publicIdentity.keyId, 1)).toEqual({ kind: 'current' });
  });

  it('hands the new secret to each member who goes on, and to no one else', async () => {
    const { circle, f, a, b, secret } = await removalSetup();
    const membership = await circle.membership();
    for (const person of [f, a]) {
      const opened = await openEpochSecret(membership, 1, person);
      expect(opened.ok && Buffer.from(opened.secret).equals(Buffer.from(secret))).toBe(true);
    }
    expect(await openEpochSecret(membership, 1, b)).toEqual({ ok: false, reason: 'not-for-me' });
    // B trying A's box as if it were theirs: it names A, and relabelled to B it does not decrypt.
    const boxForA = membership.epochStarts.get(1)?.lockboxes.find((box) => box.recipient === a.publicIdentity.keyId);
    const ctx = { circleId: circle.circleId, epoch: 1 };
    expect((await openLockbox(boxForA, b, f.publicIdentity, ctx)).ok).toBe(false);
    expect((await openLockbox({ ...boxForA, recipient: b.publicIdentity.keyId }, b, f.publicIdentity, ctx)).ok).toBe(false);
  });

  it('a lockbox opens only for its member (any pair from the pool)', async () => {
    const pool = await identityPool();
    const circle = await makeCircle(2);
    const [sender] = circle.people;
    if (!sender) throw new Error('pool');
    const ctx = { circleId: circle.circleId, epoch: 1 };
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: pool.length - 1 }), fc.integer({ min: 0, max: pool.length - 1 }), async (to, by) => {
        const recipient = pool[to];
        const opener = pool[by];
        if (!recipient || !opener) throw new Error('pool');
        const secret = newEpochSecret();
        const box = await sealLockbox(secret, recipient.publicIdentity, sender, ctx);
        const opened = await openLockbox(box, opener, sender.publicIdentity, ctx);
        expect(opened.ok).toBe(to === by);
      }),
      { numRuns: 12, seed: 4 },
    );
  });

  it('ignores rekeys that are forged, signed by a plain member, by the removed member, misplaced or malformed', async () => {
    const circle = await makeCircle(4);
    const pool = await identityPool();
    const [f, a, b, c] = circle.people;
    const stranger = pool[6];
    if (!f || !a || !b || !c || !stranger) throw new Error('pool');
    const before = await circle.membership();
    const head = before.head;
    const keep = [a.publicIdentity.keyId, c.publicIdentity.keyId];
    const good = await rekeyAction(f, before, keep, newEpochSecret());
    if (good.kind !== 'rekey') throw new Error('rekey');
    const sign = (signer: typeof f, action: MembershipActionInput) => signLogEntry(signer, circle.circleId, head, action, T0);
    const genuine = await sign(f, good);
    const bad: LogEntry[] = [
      // Changed after signing: the members list without C.
      { ...genuine, action: { ...good, members: good.members.filter((keyId) => keyId !== c.publicIdentity.keyId) } },
      // A plain member (B) rekeying everyone but F out.
      await sign(b, await rekeyAction(b, before, [a.publicIdentity.keyId], newEpochSecret())),
      // Skipped epoch, a stranger named, the signer left out, a lockbox missing, a lockbox for another epoch.
      await sign(f, { ...good, epoch: 2 }),
      await sign(f, { ...good, members: [...good.members, stranger.publicIdentity.keyId] }),
      await sign(f, { ...good, members: good.members.filter((keyId) => keyId !== f.publicIdentity.keyId), lockboxes: good.lockboxes.filter((box) => box.recipient !== f.publicIdentity.keyId) }),
      await sign(f, { ...good, lockboxes: good.lockboxes.slice(1) }),
      await sign(f, { ...good, lockboxes: good.lockboxes.map((box) => ({ ...box, epoch: 5 })) }),
      // Two lockboxes for one member and none for another.
      await sign(f, { ...good, lockboxes: [good.lockboxes[0], good.lockboxes[0], good.lockboxes[2]].flatMap((box) => (box ? [box] : [])) }),
    ];
    const result = await verify(circle.circleId, f.publicIdentity.keyId, [...circle.log, ...bad]);
    expect(result.membership.head).toEqual(head);
    expect(result.membership.currentEpoch).toBe(0);
    expect(result.ignored).toBe(bad.length);

    // After the genuine rekey, B (removed) signs a rekey of their own on top: not a member, ignored.
    circle.log.push(genuine);
    const after = await circle.membership();
    const byRemoved = await signLogEntry(b, circle.circleId, after.head, { ...good, epoch: 2, members: [b.publicIdentity.keyId], lockboxes: [] }, T0).catch(() => null);
    expect(byRemoved).toBeNull(); // the schema refuses a rekey without lockboxes before signing
    const removedTry = await signLogEntry(b, circle.circleId, after.head, await rekeyAction(f, after, [a.publicIdentity.keyId], newEpochSecret()), T0);
    const final = await verify(circle.circleId, f.publicIdentity.keyId, [...circle.log, removedTry]);
    expect(final.membership.currentEpoch).toBe(1);
    expect(final.membership.head.hash).toBe(await logEntryHash(genuine));
  });

  it('a replayed rekey changes nothing: duplicates collapse, and moved onto another head its signature fails', async () => {
    const { circle, f, a, entry } = await removalSetup();
    const head = (await circle.membership()).head;
    const moved = { ...entry, seq: head.seq + 1, prev: head.hash };
    const result = await verify(circle.circleId, f.publicIdentity.keyId, [...circle.log, entry, entry, moved]);
    expect(result.membership.currentEpoch).toBe(1);
    expect(result.membership.head).toEqual(head);
    expect(result.membership.memberAt(a.publicIdentity.keyId, 1)?.role).toBe('member');
  });

  it('two facilitators rekeying at once: every order of the entries reaches the same epoch and secret', async () => {
    const circle = await makeCircle(4, { secondFacilitator: true });
    const [f, g, a, b] = circle.people;
    if (!f || !g || !a || !b) throw new Error('pool');
    const before = await circle.membership();
    const everyone = [g, a, b].map((person) => person.publicIdentity.keyId);
    const fromF = await signLogEntry(f, circle.circleId, before.head, await rekeyAction(f, before, everyone, newEpochSecret()), T0);
    const fromG = await signLogEntry(g, circle.circleId, before.head, await rekeyAction(g, before, [f.publicIdentity.keyId, a.publicIdentity.keyId], newEpochSecret()), T0);
    const winner = (await logEntryHash(fromF)) < (await logEntryHash(fromG)) ? fromF : fromG;
    const winnerHash = await logEntryHash(winner);
    const secrets = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray([...circle.log, fromF, fromG, fromG], { minLength: circle.log.length + 3 }), async (entries) => {
        const { membership } = await verify(circle.circleId, f.publicIdentity.keyId, entries);
        expect(membership.head.hash).toBe(winnerHash);
        expect(membership.currentEpoch).toBe(1);
        const opened = await openEpochSecret(membership, 1, a);
        if (opened.ok) secrets.add(Buffer.from(opened.secret).toString('hex'));
      }),
      { numRuns: 8, seed: 11 },
    );
    expect(secrets.size).toBe(1);
  });

  it('the view: A and F go on in the new epoch; B’s posts of the old epoch, before or after, are not shown', async () => {
    const { circle, f, a, b, secret } = await removalSetup();
    const newKeys = await deriveEpochKeys(secret, circle.circleId, 1);
    const oldA = new Author(a, circle.circleId, circle.keys.contentKey, 0);
    const oldB = new Author(b, circle.circleId, circle.keys.contentKey, 0);
    const newF = new Author(f, circle.circleId, newKeys.contentKey, 1);
    // B still holds the old key and writes in the old epoch after the rekey; B labels one for the new epoch.
    const bLabelledNew = new Author(b, circle.circleId, circle.keys.contentKey, 1);
    const envelopes = [
      await oldA.seal(postBody('from A before the change')),
      await oldB.seal(postBody('from B before')),
      await newF.seal(postBody('from F after the change')),
      await oldB.seal(postBody('from B after, in the old epoch'), undefined, T0 + 10_000_000),
      await bLabelledNew.seal(postBody('from B, claiming the new epoch')),
    ];
    const doc = await docWith(circle, envelopes);
    const view = createVerifiedView(doc, { circleId: circle.circleId, founder: f.publicIdentity.keyId, epochKeys: new Map([[0, circle.keys.contentKey], [1, newKeys.contentKey]]) });
    await view.whenIdle();
    expect(view.posts().map((post) => post.fields.note).sort()).toEqual(['from A before the change', 'from F after the change']);
    view.destroy();
  });

  it('paces rotation by the current epoch’s start, and hands an old room the log only up to its end', async () => {
    const { circle, entry } = await removalSetup();
    const membership = await circle.membership();
    const started = membership.epochStarts.get(1)?.claimedAt ?? 0;
    expect(rotationDue(membership, started + REKEY_TIMING.rotateEveryMs - 1)).toBe(false);
    expect(rotationDue(membership, started + REKEY_TIMING.rotateEveryMs)).toBe(true);
    const [f] = circle.people;
    if (!f) throw new Error('pool');
    const later = await circle.append(f, { kind: 'new-epoch', epoch: 2 });
    const handed = logUpTo([...circle.log, 'junk', { v: 1 }], entry.seq);
    expect(handed).toHaveLength(circle.log.length - 1);
    expect(handed).not.toContainEqual(later);
    const doc = await docWith({ ...circle, log: handed }, []);
    writeEnvelope(doc, (await new Author(f, circle.circleId, circle.keys.contentKey).seal(postBody('x'))));
    await writeLogEntry(doc, entry);
    const view = createVerifiedView(doc, { circleId: circle.circleId, founder: f.publicIdentity.keyId });
    await view.whenIdle();
    expect(view.membership()?.currentEpoch).toBe(1);
    view.destroy();
  });
});
