// Hostile writers in the membership map: floods of unsigned, forged or rule-breaking entries, chained onto
// the real log or dangling, in a facilitator's name. Each entry is judged on its own, so the facilitators'
// membership always comes through and later real entries are still followed.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { membershipOf, writeEnvelope, writeLogEntry } from '@shared/circles/circleDoc';
import { addMemberAction, signLogEntry, verifyMembershipLog, type LogEntry } from '@shared/circles/membership';
import { MAX_PENDING_LOG_ENTRIES_PER_SIGNER } from '@shared/circles/view';
import { Author, identityPool, makeCircle, postBody, T0, type TestCircle } from '../../support/circles';
import { crashed, hostileViewOf, shownNotes } from '../../support/hostile';

const FLOOD = 12_000;

/** `count` unsigned entries in the founder's name; `prev` says where each claims to chain on. */
async function flood(circle: TestCircle, count: number, prev: (i: number) => string): Promise<Record<string, unknown>[]> {
  const head = (await circle.membership()).head;
  const victim = (await identityPool())[7];
  if (!victim) throw new Error('pool');
  return Array.from({ length: count }, (_, i) => ({
    v: 1,
    circleId: circle.circleId,
    seq: head.seq + 1,
    prev: prev(i),
    signer: circle.founder.publicIdentity.keyId,
    claimedAt: T0,
    action: addMemberAction(victim.publicIdentity, `Flood ${String(i)}`, 'facilitator', 0),
    sig: 'A'.repeat(86),
  }));
}

function writeFlood(doc: Y.Doc, entries: readonly Record<string, unknown>[]): void {
  const map = membershipOf(doc);
  doc.transact(() => entries.forEach((entry, i) => map.set(`flood-${String(i)}`, entry)));
}

async function circleWithPost() {
  const circle = await makeCircle(3);
  const alice = circle.people[1];
  if (!alice) throw new Error('pool');
  const post = await new Author(alice, circle.circleId, circle.keys.contentKey).seal(postBody('alice'));
  return { circle, post };
}

const fakeHash = (i: number): string => `${String(i).padStart(10, '0')}${'Q'.repeat(33)}`;

describe('hostile membership floods', () => {
  it(`${String(FLOOD)} unsigned entries chained onto the head in the founder's name: a newcomer still gets the facilitators' membership`, async () => {
    const { circle, post } = await circleWithPost();
    const head = (await circle.membership()).head;
    const doc = new Y.Doc();
    writeFlood(doc, await flood(circle, FLOOD, () => head.hash));
    for (const entry of circle.log) await writeLogEntry(doc, entry);
    writeEnvelope(doc, post);
    const view = hostileViewOf(circle, doc);
    await view.whenIdle();
    expect(view.membership()?.head).toEqual(head);
    expect(view.membershipProblem()).toBeNull();
    expect(shownNotes(view)).toEqual(['alice']);
    expect(crashed(view)).toBe(false);
  }, 60_000);

  it(`${String(FLOOD)} dangling entries (unknown prev) in the founder's name: membership holds and a later real entry is followed`, async () => {
    const { circle, post } = await circleWithPost();
    const doc = new Y.Doc();
    for (const entry of circle.log) await writeLogEntry(doc, entry);
    writeEnvelope(doc, post);
    const view = hostileViewOf(circle, doc);
    await view.whenIdle();
    writeFlood(doc, await flood(circle, FLOOD, fakeHash));
    await view.whenIdle();
    const newcomer = (await identityPool())[6];
    if (!newcomer) throw new Error('pool');
    const real = await circle.append(circle.founder, addMemberAction(newcomer.publicIdentity, 'Newcomer', 'member', 0));
    await writeLogEntry(doc, real);
    await view.whenIdle();
    expect(view.membership()?.members.get(newcomer.publicIdentity.keyId)?.pseudonym).toBe('Newcomer');
    expect(view.membership()?.head).toEqual((await circle.membership()).head);
    // And a newcomer's view, built over the flooded doc from scratch, agrees.
    const fresh = hostileViewOf(circle, doc);
    await fresh.whenIdle();
    expect(fresh.membership()?.head).toEqual(view.membership()?.head);
  }, 60_000);

  it('an existing view keeps following real entries written after a flood chained onto its head', async () => {
    const { circle, post } = await circleWithPost();
    const doc = new Y.Doc();
    for (const entry of circle.log) await writeLogEntry(doc, entry);
    writeEnvelope(doc, post);
    const view = hostileViewOf(circle, doc);
    await view.whenIdle();
    const head = (await circle.membership()).head;
    writeFlood(doc, await flood(circle, 3_000, () => head.hash));
    await view.whenIdle();
    expect(view.membership()?.head).toEqual(head);
    const pool = await identityPool();
    for (const [index, person] of [pool[6], pool[7]].entries()) {
      if (!person) throw new Error('pool');
      await writeLogEntry(doc, await circle.append(circle.founder, addMemberAction(person.publicIdentity, `Later ${String(index)}`, 'member', 0)));
      await view.whenIdle();
    }
    expect(view.membership()?.head).toEqual((await circle.membership()).head);
    expect(view.membership()?.activeMembers()).toHaveLength(5);
  }, 60_000);

  it(`validly signed entries from a plain member (600 add-members on the head) are each refused; the log is unchanged`, async () => {
    const { circle, post } = await circleWithPost();
    const [, alice] = circle.people;
    const stranger = (await identityPool())[6];
    if (!alice || !stranger) throw new Error('pool');
    const head = (await circle.membership()).head;
    const entries: LogEntry[] = [];
    for (let i = 0; i < 600; i += 1) entries.push(await signLogEntry(alice, circle.circleId, head, addMemberAction(stranger.publicIdentity, `Mine ${String(i)}`, 'facilitator', 0), T0 + i));
    const doc = new Y.Doc();
    for (const entry of [...entries, ...circle.log]) await writeLogEntry(doc, entry);
    writeEnvelope(doc, post);
    const view = hostileViewOf(circle, doc);
    await view.whenIdle();
    expect(view.membership()?.head).toEqual(head);
    expect(view.membership()?.members.has(stranger.publicIdentity.keyId)).toBe(false);
    // verifyMembershipLog on its own (no cap by count any more) agrees.
    const direct = await verifyMembershipLog([...circle.log, ...entries], { circleId: circle.circleId, founder: circle.founder.publicIdentity.keyId });
    expect(direct.ok && direct.membership.head).toEqual(head);
    expect(direct.ok && direct.ignored).toBe(600);
  }, 60_000);

  it(`more than ${String(MAX_PENDING_LOG_ENTRIES_PER_SIGNER)} dangling entries per claimed signer are not all looked at, and the real log still wins`, async () => {
    const { circle } = await circleWithPost();
    const entries = await flood(circle, MAX_PENDING_LOG_ENTRIES_PER_SIGNER * 3, fakeHash);
    const direct = await verifyMembershipLog([...entries, ...circle.log], { circleId: circle.circleId, founder: circle.founder.publicIdentity.keyId });
    expect(direct.ok && direct.membership.head).toEqual((await circle.membership()).head);
    const doc = new Y.Doc();
    writeFlood(doc, entries);
    for (const entry of circle.log) await writeLogEntry(doc, entry);
    const view = hostileViewOf(circle, doc);
    await view.whenIdle();
    expect(view.membership()?.head).toEqual((await circle.membership()).head);
  }, 60_000);
});
