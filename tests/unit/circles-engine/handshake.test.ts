// The handshake protocol: requests and answers only open with the invite's key, answers only for their
// recipient, and a joiner never counts as joined on an approval whose membership log does not show them.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CircleRecords } from '../../../renderer/src/circles/engine/circleRecords';
import { toBase64Url } from '../../../shared/circles/bytes';
import { newEpochSecret } from '../../../shared/circles/circleKeys';
import { newRequestId, readJoinRequests, readResponse, requestsOf, writeJoinRequest, writeResponse } from '../../../shared/circles/handshake';
import { createInvite, deriveHandshakeRoom } from '../../../shared/circles/invite';
import { sealLockbox } from '../../../shared/circles/lockbox';
import { addMemberAction, foundCircle, logEntryHash, signLogEntry } from '../../../shared/circles/membership';
import { identityPool, T0 } from '../../support/circles';
import { deleteTestDatabases, joinerFor, makeDevice, MemoryNetwork, RELAY, waitUntil } from '../../support/circlesEngine';

afterEach(deleteTestDatabases);

describe('handshake protocol', () => {
  it('a request opens only with its invite’s key and only in its own slot', async () => {
    const [joiner] = await identityPool();
    if (!joiner) throw new Error('pool');
    const room = await deriveHandshakeRoom(createInvite().secret);
    const otherRoom = await deriveHandshakeRoom(createInvite().secret);
    const doc = new Y.Doc();
    const requestId = newRequestId();
    await writeJoinRequest(doc, room, joiner, '  Robin\u202e ', requestId, T0);
    expect(await readJoinRequests(doc, room)).toEqual([{ requestId, pseudonym: 'Robin', identity: joiner.publicIdentity, requestedAt: T0 }]);
    expect(await readJoinRequests(doc, otherRoom)).toEqual([]);
    // Moved to another slot, the ciphertext no longer opens (the slot is bound in as associated data).
    requestsOf(doc).set(newRequestId(), requestsOf(doc).get(requestId));
    requestsOf(doc).set('junk', { v: 1, iv: 'x', ct: 'y' });
    expect(await readJoinRequests(doc, room)).toHaveLength(1);
  });

  it('an answer is read only by its recipient and only if its signature holds', async () => {
    const [facilitator, joiner, someoneElse] = await identityPool();
    if (!facilitator || !joiner || !someoneElse) throw new Error('pool');
    const room = await deriveHandshakeRoom(createInvite().secret);
    const doc = new Y.Doc();
    const requestId = newRequestId();
    await writeResponse(doc, room, facilitator, { requestId, identity: joiner.publicIdentity }, { kind: 'refused', reason: 'expired' }, T0);
    expect(await readResponse(doc, room, joiner.publicIdentity, requestId)).toMatchObject({ signer: facilitator.publicIdentity, outcome: { kind: 'refused', reason: 'expired' } });
    expect(await readResponse(doc, room, someoneElse.publicIdentity, requestId)).toBeNull();
    expect(await readResponse(doc, await deriveHandshakeRoom(createInvite().secret), joiner.publicIdentity, requestId)).toBeNull();
  });

  it('nothing half-joined: an approval whose log lacks the joiner is ignored; a complete one joins', async () => {
    const network = new MemoryNetwork();
    const [facilitator] = await identityPool();
    if (!facilitator) throw new Error('pool');
    const invite = createInvite();
    const room = await deriveHandshakeRoom(invite.secret);
    const device = await makeDevice(network, 'joiner');
    const joiner = joinerFor(device);
    await joiner.join(invite.code, 'Robin');

    const doc = new Y.Doc();
    const link = network.connectFor('facilitator')(doc, { roomName: room.roomName, password: room.password, signalingUrls: RELAY, iceServers: [] });
    await waitUntil('the request arrives', async () => (await readJoinRequests(doc, room)).length === 1);
    const [request] = await readJoinRequests(doc, room);
    if (!request) throw new Error('no request');

    const { circleId, genesis } = await foundCircle(facilitator, 'Sam', T0);
    const secret = newEpochSecret();
    const lockbox = await sealLockbox(secret, request.identity, facilitator, { circleId, epoch: 0 });
    const approval = { kind: 'approved' as const, circleId, founder: facilitator.publicIdentity, epoch: 0, lockbox, envelopes: [], signalingUrls: RELAY, iceServers: [] };
    await writeResponse(doc, room, facilitator, request, { ...approval, log: [genesis] }, T0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await joiner.whenIdle();
    expect(joiner.joins()[0]?.state).toBe('asking');
    expect((await new CircleRecords(device.db).list()).circles).toEqual([]);

    const added = await signLogEntry(facilitator, circleId, { seq: 0, hash: await logEntryHash(genesis) }, addMemberAction(request.identity, 'Robin', 'member', 0), T0 + 1);
    await writeResponse(doc, room, facilitator, request, { ...approval, log: [genesis, added] }, T0 + 1);
    await waitUntil('joined', () => joiner.joins()[0]?.state === 'joined');
    const found = await new CircleRecords(device.db).get(circleId);
    expect(found).toMatchObject({ ok: true, record: { role: 'member', pseudonym: 'Robin', epoch: 0, charterAccepted: null } });
    // The stored secret is the one from the lockbox.
    expect(found?.ok && found.record.epochSecrets['0']).toBe(toBase64Url(secret));
    link.destroy();
    await joiner.close();
  });
});
