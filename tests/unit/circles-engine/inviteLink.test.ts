// What the invite link adds to a join: its relays take the joiner to the facilitator whatever their own relay
// setting says, and with the facilitator's key id in it, answers from anyone else holding the code are ignored.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CircleRecords } from '../../../renderer/src/circles/engine/circleRecords';
import type { Joiner } from '../../../renderer/src/circles/engine/joiner';
import { newEpochSecret } from '../../../shared/circles/circleKeys';
import { readJoinRequests, writeResponse } from '../../../shared/circles/handshake';
import { deriveHandshakeRoom, parseInvite } from '../../../shared/circles/invite';
import { sealLockbox } from '../../../shared/circles/lockbox';
import { addMemberAction, foundCircle, logEntryHash, signLogEntry } from '../../../shared/circles/membership';
import { T0 } from '../../support/circles';
import { deleteTestDatabases, foundTestCircle, joinerFor, makeDevice, MemoryNetwork, RELAY, waitUntil, type TestCircleSetup, type TestDevice } from '../../support/circlesEngine';

afterEach(deleteTestDatabases);

/** A relay setting that reaches nobody in these tests (the in-memory network links only shared relays). */
const ELSEWHERE = ['ws://192.168.1.20:4444'];

async function closeAll(setup: TestCircleSetup, ...joiners: Joiner[]): Promise<void> {
  for (const joiner of joiners) await joiner.close();
  await setup.desk.close();
  await setup.session.close();
}

/** Someone else who holds the code: in the handshake room with their own keys, answering in the facilitator's place. */
async function impostor(network: MemoryNetwork, code: string): Promise<{ device: TestDevice; doc: Y.Doc; room: Awaited<ReturnType<typeof deriveHandshakeRoom>>; destroy: () => void }> {
  const parsed = parseInvite(code);
  if (!parsed.ok) throw new Error(parsed.message);
  const device = await makeDevice(network, 'impostor');
  const room = await deriveHandshakeRoom(parsed.secret);
  const doc = new Y.Doc();
  const link = device.connect(doc, { roomName: room.roomName, password: room.password, signalingUrls: RELAY, iceServers: [] });
  return { device, doc, room, destroy: () => link.destroy() };
}

describe('invite links', () => {
  it('name the circle’s relays and the facilitator’s key, and parse back to the same code', async () => {
    const network = new MemoryNetwork();
    const setup = await foundTestCircle(network);
    const invite = await setup.desk.createInvite();
    if (!invite.ok) throw new Error(invite.message);
    const keyId = setup.facilitator.identity.publicIdentity.keyId;
    expect(invite.value.link).toBe(`hearth://join#${invite.value.code.replaceAll('-', '')}&relay=${encodeURIComponent(RELAY[0] ?? '')}&by=${keyId}`);
    expect(invite.value.relays).toEqual(RELAY);
    expect(parseInvite(invite.value.link)).toMatchObject({ ok: true, code: invite.value.code, relays: RELAY, facilitator: keyId });
    await closeAll(setup);
  });

  it('take a joiner whose own relay setting differs to the facilitator; the code alone cannot', async () => {
    const network = new MemoryNetwork();
    const setup = await foundTestCircle(network);
    const invite = await setup.desk.createInvite({ uses: 2 });
    if (!invite.ok) throw new Error(invite.message);

    const byCode = joinerFor(await makeDevice(network, 'by-code'), { signalingUrls: ELSEWHERE, waitingAfterMs: 30 });
    await byCode.join(invite.value.code, 'Code');
    await waitUntil('the code-only join waits', () => byCode.joins()[0]?.state === 'waiting-for-facilitator');
    expect(setup.desk.requests()).toEqual([]);

    const device = await makeDevice(network, 'by-link');
    const byLink = joinerFor(device, { signalingUrls: ELSEWHERE, waitingAfterMs: 30 });
    await byLink.join(invite.value.link, 'Link');
    await waitUntil('the request reaches the facilitator', () => setup.desk.requests().length === 1);
    const stored = (await new CircleRecords(device.db).list()).joins[0];
    // Kept with the join, so a restart asks in the same place.
    expect(stored).toMatchObject({ relays: RELAY, facilitator: setup.facilitator.identity.publicIdentity.keyId });
    expect((await setup.desk.approve(setup.desk.requests()[0]?.requestId ?? '')).ok).toBe(true);
    await waitUntil('joined', () => byLink.joins()[0]?.state === 'joined');
    const record = await new CircleRecords(device.db).get(setup.circleId);
    // The circle then meets on its own relays, from the approval.
    expect(record?.ok && record.record.signalingUrls).toEqual(RELAY);
    await closeAll(setup, byCode, byLink);
  });

  it('make a refusal or a look-alike approval from another code holder count for nothing; the facilitator’s answer still lands', async () => {
    const network = new MemoryNetwork();
    const setup = await foundTestCircle(network);
    const invite = await setup.desk.createInvite();
    if (!invite.ok) throw new Error(invite.message);
    const spoofer = await impostor(network, invite.value.code);
    const device = await makeDevice(network, 'joiner');
    const joiner = joinerFor(device);
    await joiner.join(invite.value.link, 'Robin');
    await waitUntil('the impostor sees the request', async () => (await readJoinRequests(spoofer.doc, spoofer.room)).length === 1);
    const [request] = await readJoinRequests(spoofer.doc, spoofer.room);
    if (!request) throw new Error('no request');

    await writeResponse(spoofer.doc, spoofer.room, spoofer.device.identity, request, { kind: 'refused', reason: 'revoked' }, T0);
    // A whole fake circle in which the impostor is founder and has "added" the joiner.
    const { circleId, genesis } = await foundCircle(spoofer.device.identity, 'Sam', T0);
    const added = await signLogEntry(spoofer.device.identity, circleId, { seq: 0, hash: await logEntryHash(genesis) }, addMemberAction(request.identity, 'Robin', 'member', 0), T0 + 1);
    const lockbox = await sealLockbox(newEpochSecret(), request.identity, spoofer.device.identity, { circleId, epoch: 0 });
    await writeResponse(
      spoofer.doc,
      spoofer.room,
      spoofer.device.identity,
      request,
      { kind: 'approved', circleId, founder: spoofer.device.identity.publicIdentity, epoch: 0, lockbox, log: [genesis, added], envelopes: [], signalingUrls: RELAY, iceServers: [] },
      T0 + 1,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    await joiner.whenIdle();
    expect(joiner.joins()[0]?.state).toBe('asking');
    expect((await new CircleRecords(device.db).list()).circles).toEqual([]);

    expect((await setup.desk.approve(setup.desk.requests()[0]?.requestId ?? '')).ok).toBe(true);
    await waitUntil('joined', () => joiner.joins()[0]?.state === 'joined');
    expect(joiner.joins()[0]?.circleId).toBe(setup.circleId);
    spoofer.destroy();
    await closeAll(setup, joiner);
  });

  it('ask again when an impostor overwrote the facilitator’s answer while the joiner was away', async () => {
    const network = new MemoryNetwork();
    const setup = await foundTestCircle(network);
    const invite = await setup.desk.createInvite();
    if (!invite.ok) throw new Error(invite.message);
    const spoofer = await impostor(network, invite.value.code);
    const device = await makeDevice(network, 'joiner');
    const joiner = joinerFor(device);
    await joiner.join(invite.value.link, 'Robin');
    await waitUntil('the request reaches the facilitator', () => setup.desk.requests().length === 1);
    const [request] = await readJoinRequests(spoofer.doc, spoofer.room);
    if (!request) throw new Error('no request');

    network.setOnline('joiner', false);
    expect((await setup.desk.approve(setup.desk.requests()[0]?.requestId ?? '')).ok).toBe(true);
    // After the approval reached the impostor, their refusal replaces it in the slot.
    await writeResponse(spoofer.doc, spoofer.room, spoofer.device.identity, request, { kind: 'refused', reason: 'declined' }, T0);
    network.setOnline('joiner', true);

    await waitUntil('joined after asking again', () => joiner.joins()[0]?.state === 'joined');
    expect(joiner.joins()[0]?.circleId).toBe(setup.circleId);
    expect(setup.desk.listInvites()[0]).toMatchObject({ uses: 1 });
    spoofer.destroy();
    await closeAll(setup, joiner);
  });
});
