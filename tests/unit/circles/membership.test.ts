// The membership log: only facilitators change it, forged or junk entries are ignored, epochs and removals hold.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMemberAction, signLogEntry, verifyMembershipLog } from '@shared/circles/membership';
import { identityPool, makeCircle, T0 } from '../../support/circles';

async function verify(circleId: string, founder: string, entries: readonly unknown[]) {
  const result = await verifyMembershipLog(entries, { circleId, founder });
  if (!result.ok) throw new Error(result.message);
  return result;
}

describe('membership log', () => {
  it('lists the founder as facilitator and added members with pseudonyms and roles', async () => {
    const circle = await makeCircle(4, { secondFacilitator: true });
    const membership = await circle.membership();
    const [f, a, b, c] = circle.people;
    if (!f || !a || !b || !c) throw new Error('pool');
    expect(membership.currentEpoch).toBe(0);
    expect(membership.memberAt(f.publicIdentity.keyId, 0)?.role).toBe('facilitator');
    expect(membership.memberAt(a.publicIdentity.keyId, 0)?.role).toBe('facilitator');
    expect(membership.memberAt(b.publicIdentity.keyId, 0)?.role).toBe('member');
    expect(membership.members.get(c.publicIdentity.keyId)?.pseudonym).toBe('Person 3');
    expect(membership.activeMembers()).toHaveLength(4);
  });

  it('ignores entries signed by members, forged signatures, junk, and entries of another circle', async () => {
    const circle = await makeCircle(3);
    const pool = await identityPool();
    const [f, , member] = circle.people;
    const stranger = pool[6];
    if (!f || !member || !stranger) throw new Error('pool');
    const head = (await circle.membership()).head;
    const byMember = await signLogEntry(member, circle.circleId, head, addMemberAction(stranger.publicIdentity, 'Sneaky', 'facilitator', 0), T0);
    const genuine = await signLogEntry(f, circle.circleId, head, addMemberAction(stranger.publicIdentity, 'Welcome', 'member', 0), T0);
    const forged = { ...genuine, action: addMemberAction(stranger.publicIdentity, 'Welcome', 'facilitator', 0) };
    const otherCircle = { ...genuine, circleId: 'AAAAAAAAAAAAAAAAAAAAAA' };
    const result = await verify(circle.circleId, f.publicIdentity.keyId, [...circle.log, byMember, forged, otherCircle, 'junk', { v: 1 }]);
    expect(result.membership.memberAt(stranger.publicIdentity.keyId, 0)).toBeUndefined();
    expect(result.accepted).toHaveLength(circle.log.length);
    expect(result.ignored).toBe(5);
  });

  it('reaches the same answer from the entries in any order, with duplicates', async () => {
    const circle = await makeCircle(4);
    const [f, a] = circle.people;
    if (!f || !a) throw new Error('pool');
    await circle.append(f, { kind: 'new-epoch', epoch: 1 });
    await circle.append(f, { kind: 'remove-member', keyId: a.publicIdentity.keyId, epoch: 1 });
    const expected = (await circle.membership()).head;
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray([...circle.log, ...circle.log], { minLength: circle.log.length * 2 }), async (entries) => {
        const result = await verify(circle.circleId, f.publicIdentity.keyId, entries);
        expect(result.membership.head).toEqual(expected);
      }),
      { numRuns: 10 },
    );
  });

  it('keeps a removed member in earlier epochs only, and refuses removing the last facilitator', async () => {
    const circle = await makeCircle(3);
    const [f, a] = circle.people;
    if (!f || !a) throw new Error('pool');
    await circle.append(f, { kind: 'new-epoch', epoch: 1 });
    await circle.append(f, { kind: 'remove-member', keyId: a.publicIdentity.keyId, epoch: 1 });
    const selfRemoval = await signLogEntry(f, circle.circleId, (await circle.membership()).head, { kind: 'remove-member', keyId: f.publicIdentity.keyId, epoch: 1 }, T0);
    const membership = (await verify(circle.circleId, f.publicIdentity.keyId, [...circle.log, selfRemoval])).membership;
    expect(membership.currentEpoch).toBe(1);
    expect(membership.memberAt(a.publicIdentity.keyId, 0)?.role).toBe('member');
    expect(membership.memberAt(a.publicIdentity.keyId, 1)).toBeUndefined();
    expect(membership.memberAt(f.publicIdentity.keyId, 1)?.role).toBe('facilitator');
    expect(membership.memberAt(f.publicIdentity.keyId, 2)).toBeUndefined();
  });

  it('refuses skipped epochs, additions to past epochs and duplicate pseudonyms', async () => {
    const circle = await makeCircle(2);
    const pool = await identityPool();
    const [f] = circle.people;
    const newcomer = pool[5];
    if (!f || !newcomer) throw new Error('pool');
    const head = (await circle.membership()).head;
    const bad = [
      await signLogEntry(f, circle.circleId, head, { kind: 'new-epoch', epoch: 2 }, T0),
      await signLogEntry(f, circle.circleId, head, addMemberAction(newcomer.publicIdentity, 'person 1', 'member', 0), T0),
    ];
    const result = await verify(circle.circleId, f.publicIdentity.keyId, [...circle.log, ...bad]);
    expect(result.membership.head).toEqual(head);
    expect(result.membership.memberAt(newcomer.publicIdentity.keyId, 0)).toBeUndefined();
  });

  it('needs the anchor’s genesis: another founder’s log is not this circle', async () => {
    const circle = await makeCircle(2);
    const [, member] = circle.people;
    if (!member) throw new Error('pool');
    const result = await verifyMembershipLog(circle.log, { circleId: circle.circleId, founder: member.publicIdentity.keyId });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/has not arrived yet, or did not come from its facilitator/);
  });

  it('lets a second facilitator add and remove, and picks one branch when two facilitators write at once', async () => {
    const circle = await makeCircle(3, { secondFacilitator: true });
    const pool = await identityPool();
    const [f, second] = circle.people;
    const x = pool[5];
    const y = pool[6];
    if (!f || !second || !x || !y) throw new Error('pool');
    const head = (await circle.membership()).head;
    const fromFounder = await signLogEntry(f, circle.circleId, head, addMemberAction(x.publicIdentity, 'X', 'member', 0), T0);
    const fromSecond = await signLogEntry(second, circle.circleId, head, addMemberAction(y.publicIdentity, 'Y', 'member', 0), T0);
    const a = await verify(circle.circleId, f.publicIdentity.keyId, [...circle.log, fromFounder, fromSecond]);
    const b = await verify(circle.circleId, f.publicIdentity.keyId, [fromSecond, ...circle.log.slice().reverse(), fromFounder]);
    expect(a.membership.head).toEqual(b.membership.head);
    const added = [x, y].filter((p) => a.membership.memberAt(p.publicIdentity.keyId, 0));
    expect(added).toHaveLength(1);
  });
});
