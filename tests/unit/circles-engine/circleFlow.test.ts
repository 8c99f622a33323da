// End to end through the engine with in-memory links: found, invite, join, share, reply, react, retract,
// offline queueing, journal ids kept off the doc, and a restart.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CircleRecords } from '../../../renderer/src/circles/engine/circleRecords';
import { pickSharedFields } from '../../../renderer/src/circles/engine/sharedFields';
import type { CheckIn } from '../../../shared/journal/checkIn';
import { deleteTestDatabases, foundTestCircle, joinMember, makeDevice, MemoryNetwork, openSession, testDatabase, waitUntil } from '../../support/circlesEngine';

afterEach(deleteTestDatabases);

const JOURNAL_ID = 'journal-entry-7f3c2a9e-0b1d-4c55-9a1e-3f2b8c7d6e5f';

const checkIn: CheckIn = {
  id: JOURNAL_ID,
  at: Date.UTC(2025, 5, 3, 20),
  zone: 'Europe/Berlin',
  day: '2025-06-03',
  mood: 2,
  energy: 2,
  emotions: ['anxious', 'tired'],
  activities: ['work'],
  sleepHours: 5,
  medication: 'yes',
  note: 'A hard day at work, but I called my sister.',
  createdAt: Date.UTC(2025, 5, 3, 20),
  updatedAt: Date.UTC(2025, 5, 3, 20),
};

describe('circles engine, two devices', () => {
  it('joins through the handshake; both see each other with roles and fingerprints', async () => {
    const network = new MemoryNetwork();
    const setup = await foundTestCircle(network);
    const alex = await makeDevice(network, 'alex');
    const alexSession = await joinMember(setup, alex, 'Alex');

    await waitUntil('facilitator sees Alex', () => setup.session.members().some((member) => member.pseudonym === 'Alex'));
    expect(alexSession.members().map((member) => [member.pseudonym, member.role, member.isMe])).toEqual([
      ['Sam', 'facilitator', false],
      ['Alex', 'member', true],
    ]);
    const alexFromFacilitator = setup.session.members().find((member) => member.pseudonym === 'Alex');
    expect(alexFromFacilitator?.keyId).toBe(alex.identity.publicIdentity.keyId);
    expect(alexSession.members().find((member) => member.isMe)?.fingerprint).toBe(alexFromFacilitator?.fingerprint);
    expect(alexSession.circleInfo()?.name).toBe('Tuesday evening circle');
    expect(setup.desk.listInvites()[0]?.status).toBe('used-up');

    await alexSession.close();
    await setup.desk.close();
    await setup.session.close();
  });

  it('a share with a content warning shows exactly the chosen fields; reply, reaction and retract round-trip', async () => {
    const network = new MemoryNetwork();
    const setup = await foundTestCircle(network);
    const alex = await makeDevice(network, 'alex');
    const alexSession = await joinMember(setup, alex, 'Alex');

    const fields = pickSharedFields(checkIn, ['mood', 'emotions', 'note']);
    const shared = await alexSession.share({ journalEntryId: JOURNAL_ID, fields, contentWarning: { topics: ['medication'], text: 'mentions pills' } });
    if (!shared.ok) throw new Error(shared.message);
    await waitUntil('the facilitator sees the post', async () => {
      await setup.session.whenIdle();
      return setup.session.posts().length === 1;
    });
    const post = setup.session.posts()[0];
    expect(post?.fields).toEqual({ mood: 2, emotions: ['anxious', 'tired'], note: 'A hard day at work, but I called my sister.' });
    expect(post?.contentWarning).toEqual({ topics: ['medication'], text: 'mentions pills' });
    expect(post?.author.pseudonym).toBe('Alex');
    expect(alexSession.sharedPostFor(JOURNAL_ID)).toEqual(shared.value);
    expect(await new CircleRecords(alex.db).sharedTo(JOURNAL_ID)).toEqual([{ circleId: setup.circleId, entryId: shared.value.entryId, sharedAt: expect.any(Number) as number }]);

    // Re-sharing the edited entry updates the same post.
    const again = await alexSession.share({ journalEntryId: JOURNAL_ID, fields: { ...fields, note: 'Edited: I called my sister.' } });
    expect(again.ok && again.value.entryId).toBe(shared.value.entryId);

    const reply = await setup.session.reply(shared.value, 'Glad you called her.');
    const reaction = await setup.session.react(shared.value, 'sending-support');
    if (!reply.ok || !reaction.ok) throw new Error('reply or reaction failed');
    await waitUntil('Alex sees the reply and reaction', async () => {
      await alexSession.whenIdle();
      const seen = alexSession.posts()[0];
      return seen?.replies.length === 1 && seen.reactions['sending-support'] === 1 && seen.fields.note === 'Edited: I called my sister.';
    });
    expect(alexSession.posts()[0]?.replies[0]?.text).toBe('Glad you called her.');
    expect(alexSession.posts()[0]?.replies[0]?.author.pseudonym).toBe('Sam');
    expect(alexSession.posts()[0]?.contentWarning).toBeUndefined();

    const retracted = await alexSession.retract(shared.value);
    expect(retracted.ok).toBe(true);
    expect(alexSession.sharedPostFor(JOURNAL_ID)).toBeNull();
    await waitUntil('the post is gone for the facilitator', async () => {
      await setup.session.whenIdle();
      return setup.session.posts().length === 0;
    });

    // The private journal id never entered either device's circle doc.
    for (const session of [alexSession, setup.session]) {
      const bytes = Y.encodeStateAsUpdate(docOf(session));
      expect(Buffer.from(bytes).includes(Buffer.from(JOURNAL_ID))).toBe(false);
      expect(Buffer.from(bytes).includes(Buffer.from('7f3c2a9e'))).toBe(false);
    }

    await alexSession.close();
    await setup.desk.close();
    await setup.session.close();
  });

  it('refuses to post before the charter is accepted', async () => {
    const network = new MemoryNetwork();
    const setup = await foundTestCircle(network);
    const alex = await makeDevice(network, 'alex');
    const alexSession = await joinMember(setup, alex, 'Alex');
    await alexSession.updateRecord((record) => ({ ...record, charterAccepted: null }));
    expect(alexSession.needsCharterAcceptance()).toBe(true);
    const refused = await alexSession.share({ fields: { mood: 3 } });
    expect(refused).toEqual({ ok: false, message: 'Please read and accept this circle’s guidelines before your first post.' });
    await alexSession.close();
    await setup.desk.close();
    await setup.session.close();
  });

  it('queues posts written offline and delivers them when a peer is reachable; the count survives a restart', async () => {
    const network = new MemoryNetwork();
    const setup = await foundTestCircle(network);
    const alex = await makeDevice(network, 'alex');
    let alexSession = await joinMember(setup, alex, 'Alex');
    expect(alexSession.status().peers).toBe(1);

    network.setOnline('alex', false);
    expect(alexSession.status().peers).toBe(0);
    const first = await alexSession.share({ fields: { mood: 4, note: 'written on the train' } });
    const second = await alexSession.share({ fields: { mood: 3 } });
    expect(first.ok && second.ok).toBe(true);
    expect(alexSession.status().undelivered).toBe(2);
    expect(setup.session.posts()).toHaveLength(0);

    // Restart while offline: the posts and the undelivered count are still there.
    await alexSession.close();
    alexSession = await openSession(alex, setup.circleId);
    expect(alexSession.status().undelivered).toBe(2);
    expect(alexSession.posts()).toHaveLength(2);

    network.setOnline('alex', true);
    expect(alexSession.status()).toMatchObject({ peers: 1, undelivered: 0 });
    expect(alexSession.status().lastSyncedAt).not.toBeNull();
    await waitUntil('the facilitator receives both', async () => {
      await setup.session.whenIdle();
      return setup.session.posts().length === 2;
    });
    expect((await new CircleRecords(alex.db).get(setup.circleId))).toMatchObject({ ok: true, record: { undelivered: [] } });

    await alexSession.close();
    await setup.desk.close();
    await setup.session.close();
  });

  it('a circle record and its doc reload after a restart (a new database object on the same name)', async () => {
    const network = new MemoryNetwork();
    const setup = await foundTestCircle(network);
    const posted = await setup.session.share({ fields: { mood: 5, note: 'welcome, everyone' } });
    if (!posted.ok) throw new Error(posted.message);
    await setup.desk.close();
    await setup.session.close();
    setup.facilitator.db.close();

    const db = testDatabase(setup.facilitator.db.name);
    const device = await makeDevice(new MemoryNetwork(), 'facilitator', db);
    expect(device.identity.publicIdentity.keyId).toBe(setup.facilitator.identity.publicIdentity.keyId);
    const listed = await new CircleRecords(db).list();
    expect(listed.circles.map((record) => record.circleId)).toEqual([setup.circleId]);
    const reopened = await openSession(device, setup.circleId);
    expect(reopened.circleInfo()).toEqual({ name: 'Tuesday evening circle', charter: 'Be kind. What is shared here stays here.' });
    expect(reopened.posts().map((post) => post.fields.note)).toEqual(['welcome, everyone']);
    expect(reopened.members().map((member) => member.pseudonym)).toEqual(['Sam']);
    // It continues its own sequence after the restart.
    const next = await reopened.share({ fields: { mood: 4 } });
    expect(next.ok).toBe(true);
    expect(reopened.posts()).toHaveLength(2);
    await reopened.close();
  });

  it('a removed member’s later posts are not shown, and they are told they can no longer post', async () => {
    const network = new MemoryNetwork();
    const setup = await foundTestCircle(network);
    const alex = await makeDevice(network, 'alex');
    const alexSession = await joinMember(setup, alex, 'Alex');
    const before = await alexSession.share({ fields: { mood: 3, note: 'before' } });
    expect(before.ok).toBe(true);
    expect((await setup.desk.removeMember(alex.identity.publicIdentity.keyId)).ok).toBe(true);
    await waitUntil('Alex sees the removal', async () => {
      await alexSession.whenIdle();
      return !alexSession.members().some((member) => member.isMe);
    });
    expect(await alexSession.share({ fields: { mood: 3, note: 'after' } })).toEqual({ ok: false, message: 'You are no longer part of this circle, so you can’t post in it. What you already received stays on this device.' });
    expect(alexSession.removed()?.epoch).toBe(1);
    await setup.session.whenIdle();
    expect(setup.session.members().map((member) => member.pseudonym)).toEqual(['Sam']);
    await alexSession.close();
    await setup.desk.close();
    await setup.session.close();
  });

  it('a damaged circle record is reported, not fatal', async () => {
    const db = testDatabase();
    await db.circles.put({ id: 'AAAAAAAAAAAAAAAAAAAAAA', value: { kind: 'circle', v: 1, circleId: 42 } });
    const listed = await new CircleRecords(db).list();
    expect(listed.circles).toEqual([]);
    expect(listed.damaged).toEqual([{ id: 'AAAAAAAAAAAAAAAAAAAAAA', message: expect.stringContaining('could not be read') as string }]);
  });
});

/** The session's doc, reached the way a peer would see it: everything it would send. */
function docOf(session: { handoverPack(): unknown }): Y.Doc {
  const internal: unknown = Reflect.get(session, 'doc');
  if (!(internal instanceof Y.Doc)) throw new Error('no doc');
  return internal;
}
