// Removal by rekeying and key rotation with several in-memory devices: the ones who go on move to a new room
// and keep talking; the removed one hears nothing new and what it writes is ignored; a member who was away
// catches up through the old room; two facilitators rotating at once end up in one room.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { envelopesOf } from '../../../shared/circles/circleDoc';
import { addMemberAction } from '../../../shared/circles/membership';
import type { CircleSession } from '../../../renderer/src/circles/engine/circleSession';
import { CircleDocStore } from '../../../renderer/src/db/circleDocStore';
import { deleteTestDatabases, foundTestCircle, joinMember, makeDevice, MemoryNetwork, openSession, waitUntil, type TestCircleSetup, type TestDevice } from '../../support/circlesEngine';

afterEach(deleteTestDatabases);

const DAY = 24 * 60 * 60 * 1000;

/** A device whose room names are recorded, to show where it went (and where it never went). */
async function recordedDevice(network: MemoryNetwork, name: string): Promise<{ device: TestDevice; rooms: string[] }> {
  const device = await makeDevice(network, name);
  const rooms: string[] = [];
  const connect = network.connectFor(name);
  return {
    device: {
      ...device,
      connect: (doc, room) => {
        rooms.push(room.roomName);
        return connect(doc, room);
      },
    },
    rooms,
  };
}

async function notes(session: CircleSession): Promise<string[]> {
  await session.whenIdle();
  return session
    .posts()
    .map((post) => post.fields.note ?? '')
    .sort();
}

/** Every envelope epoch in a device's stored copy of the circle. */
async function storedEpochs(device: TestDevice, circleId: string): Promise<number[]> {
  const doc = new Y.Doc();
  await new CircleDocStore(device.db).load(circleId, doc);
  const epochs = [...envelopesOf(doc).values()].map((value) => (value as { epoch: number }).epoch);
  doc.destroy();
  return [...new Set(epochs)].sort();
}

async function closeAll(setup: TestCircleSetup, sessions: readonly CircleSession[]): Promise<void> {
  for (const session of sessions) await session.close();
  await setup.desk.close();
  await setup.session.close();
}

describe('removal by rekeying', () => {
  it('F removes B: F and A keep talking in a new room; B is told, reaches nothing new and cannot post', async () => {
    const network = new MemoryNetwork();
    const setup = await foundTestCircle(network);
    const ash = await makeDevice(network, 'ash');
    const birch = await recordedDevice(network, 'birch');
    const ashSession = await joinMember(setup, ash, 'Ash');
    const birchSession = await joinMember(setup, birch.device, 'Birch');
    for (const session of [setup.session, ashSession, birchSession]) expect(session.problem()).toBeNull();
    expect((await birchSession.share({ fields: { mood: 3, note: 'Birch, before' } })).ok).toBe(true);
    expect((await ashSession.share({ fields: { mood: 4, note: 'Ash, before' } })).ok).toBe(true);
    await waitUntil('F has both posts', async () => (await notes(setup.session)).length === 2);

    expect((await setup.desk.removeMember(birch.device.identity.publicIdentity.keyId)).ok).toBe(true);
    expect(setup.session.record().epoch).toBe(1);
    expect(setup.session.problem()).toBeNull();
    await waitUntil('Ash moves to the new epoch', async () => {
      await ashSession.whenIdle();
      return ashSession.record().epoch === 1;
    });
    await waitUntil('Birch is told', async () => {
      await birchSession.whenIdle();
      return birchSession.removed() !== null;
    });
    expect(setup.session.moving()?.members.map((member) => member.pseudonym)).toEqual(['Ash']);

    const post = await setup.session.share({ fields: { mood: 3, note: 'Sam, after' } });
    if (!post.ok) throw new Error(post.message);
    await waitUntil('Ash sees the post', async () => (await notes(ashSession)).includes('Sam, after'));
    const reply = await ashSession.reply(post.value, 'Ash replies in the new room');
    expect(reply.ok).toBe(true);
    await waitUntil('Sam sees the reply', async () => {
      await setup.session.whenIdle();
      return setup.session.posts().some((item) => item.replies.some((r) => r.text === 'Ash replies in the new room'));
    });
    await waitUntil('Sam sees Ash arrive', () => setup.session.moving()?.members.every((member) => member.arrived) === true);
    // Birch's earlier post is hidden with the removal (the rule of the log, not of anyone's clock).
    expect(await notes(setup.session)).toEqual(['Ash, before', 'Sam, after']);

    expect(await birchSession.share({ fields: { mood: 2, note: 'Birch, after' } })).toEqual({
      ok: false,
      message: 'You are no longer part of this circle, so you can’t post in it. What you already received stays on this device.',
    });
    expect(birchSession.status().peers).toBe(0);
    const birchNotes = await notes(birchSession);
    expect(birchNotes).not.toContain('Sam, after');
    expect(await storedEpochs(birch.device, setup.circleId)).toEqual([0]);
    const newRooms = [...network.roomsSeen].filter((room) => !birch.rooms.includes(room));
    expect(newRooms.length).toBeGreaterThan(0);
    // The new room name is derived from the new secret: nothing about it is in the circle id.
    for (const room of newRooms) expect(room).not.toContain(setup.circleId);
    await closeAll(setup, [ashSession, birchSession]);
  });

  it('a member away during the removal catches up through the old room, even after the facilitator restarts; the removed member’s later writes are ignored', async () => {
    const network = new MemoryNetwork();
    const setup = await foundTestCircle(network);
    const ash = await makeDevice(network, 'ash');
    const birch = await makeDevice(network, 'birch');
    let ashSession = await joinMember(setup, ash, 'Ash');
    const birchSession = await joinMember(setup, birch, 'Birch');
    await ashSession.close();
    network.setOnline('ash', false);
    network.setOnline('birch', false);

    expect((await setup.desk.removeMember(birch.identity.publicIdentity.keyId)).ok).toBe(true);
    // Birch has not heard and, still holding the old key, writes in the old epoch; Ash writes while away too.
    expect((await birchSession.share({ fields: { mood: 1, note: 'Birch, written after the removal' } })).ok).toBe(true);
    ashSession = await openSession(ash, setup.circleId);
    expect((await ashSession.share({ fields: { mood: 4, note: 'Ash, written while away' } })).ok).toBe(true);

    // The facilitator's device restarts: the old room opens again from the record.
    await setup.desk.close();
    await setup.session.close();
    const sam = await openSession(setup.facilitator, setup.circleId);
    expect(sam.record().oldRooms?.map((room) => room.epoch)).toEqual([0]);

    network.setOnline('birch', true);
    network.setOnline('ash', true);
    await waitUntil('Ash catches up', async () => {
      await ashSession.whenIdle();
      return ashSession.record().epoch === 1;
    });
    await waitUntil('Birch learns of it', async () => {
      await birchSession.whenIdle();
      return birchSession.removed() !== null;
    });
    await waitUntil('Sam gets Ash’s post from while away', async () => (await notes(sam)).includes('Ash, written while away'));
    const later = await ashSession.share({ fields: { mood: 4, note: 'Ash, in the new epoch' } });
    expect(later.ok).toBe(true);
    await waitUntil('Sam sees Ash in the new epoch', async () => (await notes(sam)).includes('Ash, in the new epoch'));
    // Ash's doc met Birch's in the old room and carried Birch's post along; no honest view shows it.
    await sam.whenIdle();
    const samDoc = new Y.Doc();
    await new CircleDocStore(setup.facilitator.db).load(setup.circleId, samDoc);
    const birchKey = birch.identity.publicIdentity.keyId;
    expect([...envelopesOf(samDoc).keys()].some((key) => key.startsWith(`${birchKey}/`))).toBe(true);
    samDoc.destroy();
    expect(await notes(sam)).toEqual(['Ash, in the new epoch', 'Ash, written while away']);
    expect(await notes(ashSession)).toEqual(['Ash, in the new epoch', 'Ash, written while away']);
    await sam.close();
    await ashSession.close();
    await birchSession.close();
  });

  it('someone invited after a removal joins the new epoch and talks with the others', async () => {
    const network = new MemoryNetwork();
    const setup = await foundTestCircle(network);
    const ash = await makeDevice(network, 'ash');
    const birch = await makeDevice(network, 'birch');
    const cedar = await makeDevice(network, 'cedar');
    const ashSession = await joinMember(setup, ash, 'Ash');
    const birchSession = await joinMember(setup, birch, 'Birch');
    expect((await ashSession.share({ fields: { mood: 3, note: 'Ash, before' } })).ok).toBe(true);
    expect((await setup.desk.removeMember(birch.identity.publicIdentity.keyId)).ok).toBe(true);
    const cedarSession = await joinMember(setup, cedar, 'Cedar');
    expect(cedarSession.record().epoch).toBe(1);
    expect(cedarSession.problem()).toBeNull();
    expect((await cedarSession.share({ fields: { mood: 4, note: 'Cedar, new here' } })).ok).toBe(true);
    await waitUntil('Ash reads Cedar', async () => (await notes(ashSession)).includes('Cedar, new here'));
    // Cedar holds only the new epoch's key: what was said before they came stays closed to them.
    expect(await notes(cedarSession)).toEqual(['Cedar, new here']);
    expect(birchSession.removed()).not.toBeNull();
    await closeAll(setup, [ashSession, birchSession, cedarSession]);
  });

  it('an old room is left after its time: a member away longer hears nothing new', async () => {
    const network = new MemoryNetwork();
    const timing = { rotateEveryMs: 30 * DAY, oldRoomOpenMs: 300, checkEveryMs: 50 };
    const setup = await foundTestCircle(network, { rekeyTiming: timing });
    const ash = await makeDevice(network, 'ash');
    const birch = await makeDevice(network, 'birch');
    const ashSession = await joinMember(setup, ash, 'Ash');
    const birchSession = await joinMember(setup, birch, 'Birch');
    network.setOnline('ash', false);
    expect((await setup.desk.removeMember(birch.identity.publicIdentity.keyId)).ok).toBe(true);
    await waitUntil('the old room is left', () => (setup.session.record().oldRooms ?? []).length === 0, 3_000);
    expect(setup.session.moving()).toBeNull();
    network.setOnline('ash', true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await ashSession.whenIdle();
    expect(ashSession.record().epoch).toBe(0);
    await closeAll(setup, [ashSession, birchSession]);
  });
});

describe('key rotation', () => {
  it('about monthly, the facilitator’s device starts a new epoch with everyone; members follow; history stays readable', async () => {
    const network = new MemoryNetwork();
    let clock = Date.now();
    const timing = { rotateEveryMs: 30 * DAY, oldRoomOpenMs: 14 * DAY, checkEveryMs: 40 };
    const setup = await foundTestCircle(network, { now: () => clock, rekeyTiming: timing });
    const ash = await makeDevice(network, 'ash');
    const ashSession = await joinMember(setup, ash, 'Ash', { now: () => clock });
    expect((await ashSession.share({ fields: { mood: 3, note: 'in the first month' } })).ok).toBe(true);
    await waitUntil('Sam has it', async () => (await notes(setup.session)).length === 1);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(setup.session.record().epoch).toBe(0);

    clock += 31 * DAY;
    await waitUntil('Sam rotates', () => setup.session.record().epoch === 1, 3_000);
    await waitUntil('Ash follows', async () => {
      await ashSession.whenIdle();
      return ashSession.record().epoch === 1;
    });
    expect(ashSession.members().map((member) => member.pseudonym)).toEqual(['Sam', 'Ash']);
    expect((await ashSession.share({ fields: { mood: 4, note: 'in the second month' } })).ok).toBe(true);
    await waitUntil('Sam reads both months', async () => (await notes(setup.session)).length === 2);
    // Not again until another month has passed.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(setup.session.record().epoch).toBe(1);
    await closeAll(setup, [ashSession]);
  });

  it('two facilitators rekeying at the same time end up in one epoch with one secret, in one room', async () => {
    const network = new MemoryNetwork();
    const setup = await foundTestCircle(network);
    const gale = await makeDevice(network, 'gale');
    const ash = await makeDevice(network, 'ash');
    const galeSession = await joinMember(setup, gale, 'Gale');
    const ashSession = await joinMember(setup, ash, 'Ash');
    const promoted = await setup.session.appendLog(addMemberAction(gale.identity.publicIdentity, 'Gale', 'facilitator', 0));
    expect(promoted.ok).toBe(true);
    await waitUntil('Gale is a facilitator', async () => {
      await galeSession.whenIdle();
      return galeSession.members().find((member) => member.isMe)?.role === 'facilitator';
    });
    for (const name of ['facilitator', 'gale', 'ash']) network.setOnline(name, false);
    const everyone = [setup.facilitator, gale, ash].map((device) => device.identity.publicIdentity.keyId);
    expect((await setup.session.rekey(everyone)).ok).toBe(true);
    expect((await galeSession.rekey(everyone)).ok).toBe(true);
    expect((await setup.session.share({ fields: { mood: 3, note: 'Sam' } })).ok).toBe(true);
    for (const name of ['facilitator', 'gale', 'ash']) network.setOnline(name, true);

    const secretOf = (session: CircleSession): string | undefined => session.record().epochSecrets['1'];
    await waitUntil(
      'all three hold the same secret for epoch 1',
      async () => {
        for (const session of [setup.session, galeSession, ashSession]) await session.whenIdle();
        const secrets = new Set([secretOf(setup.session), secretOf(galeSession), secretOf(ashSession)]);
        return secrets.size === 1 && !secrets.has(undefined);
      },
      5_000,
    );
    const reply = await galeSession.share({ fields: { mood: 4, note: 'Gale, after both rekeys' } });
    expect(reply.ok).toBe(true);
    await waitUntil('Ash and Sam read Gale', async () => (await notes(ashSession)).includes('Gale, after both rekeys') && (await notes(setup.session)).includes('Gale, after both rekeys'));
    await closeAll(setup, [galeSession, ashSession]);
  });
});
