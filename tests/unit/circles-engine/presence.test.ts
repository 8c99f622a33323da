// Presence through the engine with in-memory links: members see each other online (never themselves), go
// offline when they leave or their claim expires, and claims from outsiders, removed members or junk never count.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deriveEpochKeys } from '../../../shared/circles/circleKeys';
import { createDeviceIdentity } from '../../../shared/circles/identity';
import { parsePresenceClaim, presenceContext, signPresenceClaim, type PresenceTiming } from '../../../shared/circles/presence';
import { epochSecretsOf } from '../../../renderer/src/circles/engine/circleRecords';
import type { CircleSession } from '../../../renderer/src/circles/engine/circleSession';
import type { RoomSpec } from '../../../renderer/src/circles/engine/link';
import { deleteTestDatabases, foundTestCircle, joinMember, makeDevice, MemoryNetwork, openSession, RELAY, waitUntil } from '../../support/circlesEngine';

afterEach(deleteTestDatabases);

const onlineKeys = (session: CircleSession): string[] => [...session.online()].sort();

/** The circle's current room, as anyone holding its epoch secret can work it out. */
async function roomOf(session: CircleSession): Promise<RoomSpec> {
  const record = session.record();
  const secret = epochSecretsOf(record).get(record.epoch);
  if (!secret) throw new Error('no epoch secret');
  const keys = await deriveEpochKeys(secret, record.circleId, record.epoch);
  return { roomName: keys.roomName, password: keys.webrtcPassword, signalingUrls: RELAY, iceServers: [] };
}

/** Stays true for `forMs`, checked every 50 ms; throws at the first moment it is not. */
async function holds(what: string, check: () => boolean, forMs: number): Promise<void> {
  const until = Date.now() + forMs;
  while (Date.now() < until) {
    if (!check()) throw new Error(`stopped holding: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('presence in a circle', () => {
  it('two members see each other online, never themselves; the status counts them and subscribers hear of it', async () => {
    const network = new MemoryNetwork();
    const setup = await foundTestCircle(network);
    const alex = await makeDevice(network, 'alex');
    let heard = 0;
    setup.session.subscribe(() => {
      if (setup.session.online().size > 0) heard += 1;
    });
    const alexSession = await joinMember(setup, alex, 'Alex');
    const [facilitatorKey, alexKey] = [setup.facilitator.identity.publicIdentity.keyId, alex.identity.publicIdentity.keyId];

    await waitUntil('the facilitator sees Alex online', () => setup.session.online().has(alexKey));
    await waitUntil('Alex sees the facilitator online', () => alexSession.online().has(facilitatorKey));
    expect(onlineKeys(setup.session)).toEqual([alexKey]);
    expect(onlineKeys(alexSession)).toEqual([facilitatorKey]);
    expect(setup.session.status()).toMatchObject({ peers: 1, membersOnline: 1 });
    expect(heard).toBeGreaterThan(0);

    await alexSession.close();
    await setup.desk.close();
    await setup.session.close();
  });

  it('a member is offline once they leave or their device goes offline, and online again when back', async () => {
    const network = new MemoryNetwork();
    const setup = await foundTestCircle(network);
    const alex = await makeDevice(network, 'alex');
    let alexSession = await joinMember(setup, alex, 'Alex');
    const alexKey = alex.identity.publicIdentity.keyId;
    await waitUntil('Alex online', () => setup.session.online().has(alexKey));

    await alexSession.close();
    await waitUntil('Alex offline after leaving', () => setup.session.online().size === 0);
    expect(setup.session.status().membersOnline).toBe(0);

    alexSession = await openSession(alex, setup.circleId);
    await waitUntil('Alex online again', () => setup.session.online().has(alexKey));
    network.setOnline('alex', false);
    await waitUntil('Alex offline with the device', () => setup.session.online().size === 0);
    // Alex's own device, cut off, no longer claims anyone is online either.
    expect(alexSession.online().size).toBe(0);
    network.setOnline('alex', true);
    await waitUntil('Alex online once reconnected', () => setup.session.online().has(alexKey) && alexSession.online().size === 1);

    await alexSession.close();
    await setup.desk.close();
    await setup.session.close();
  });

  it('a claim that is not re-signed expires with no event from the room; re-signing keeps a member online', async () => {
    const network = new MemoryNetwork();
    const short: PresenceTiming = { resignEveryMs: 150, maxAgeMs: 1_500, maxAheadMs: 1_500 };
    const setup = await foundTestCircle(network, { presenceTiming: short });
    const alex = await makeDevice(network, 'alex');
    const alexKey = alex.identity.publicIdentity.keyId;
    // Alex signs once and then, as a suspended laptop would, not again for a long time.
    let alexSession = await joinMember(setup, alex, 'Alex', { presenceTiming: { resignEveryMs: 600_000, maxAgeMs: 1_500, maxAheadMs: 1_500 } });
    await waitUntil('Alex online', () => setup.session.online().has(alexKey));
    expect(setup.session.status().peers).toBe(1);
    await waitUntil('Alex’s claim expires', () => !setup.session.online().has(alexKey), 5_000);
    // Still connected: only the claim ran out.
    expect(setup.session.status().peers).toBe(1);

    await alexSession.close();
    alexSession = await openSession(alex, setup.circleId, { presenceTiming: short });
    await waitUntil('Alex online again', () => setup.session.online().has(alexKey));
    await holds('Alex stays online while re-signing', () => setup.session.online().has(alexKey), 3_000);

    await alexSession.close();
    await setup.desk.close();
    await setup.session.close();
  });

  it('ignores claims from someone outside the circle, junk, and a removed member, who stops announcing', async () => {
    const network = new MemoryNetwork();
    const setup = await foundTestCircle(network);
    const room = await roomOf(setup.session);
    const context = await presenceContext(setup.circleId, 0);

    // Someone with the room's secret but not in the membership log, speaking through the room directly.
    const outsider = await createDeviceIdentity();
    const mallory = network.join('mallory', new Y.Doc(), room);
    mallory.setPresence(await signPresenceClaim(outsider, context, Date.now()));
    const junk = network.join('junk', new Y.Doc(), room);
    junk.setRawPresence({ keyId: outsider.publicIdentity.keyId, pseudonym: 'Mallory', mood: 1, note: 'hello' });

    const alex = await makeDevice(network, 'alex');
    const alexSession = await joinMember(setup, alex, 'Alex');
    const alexKey = alex.identity.publicIdentity.keyId;
    // Alex's claim is judged together with the outsider's and the junk, which are in the room already.
    await waitUntil('Alex online', () => setup.session.online().has(alexKey));
    expect(onlineKeys(setup.session)).toEqual([alexKey]);
    expect(setup.session.status().peers).toBe(3);

    // What Alex's device puts in the room is exactly a claim: no pseudonym, no mood, no circle id.
    const alexState = [...mallory.presence().values()].find((state) => parsePresenceClaim(state)?.keyId === alexKey);
    expect(alexState).toBeDefined();
    expect(Object.keys(alexState ?? {}).sort()).toEqual(['context', 'issuedAt', 'keyId', 'sig']);
    expect(JSON.stringify(alexState)).not.toContain(setup.circleId);

    const removed = await setup.desk.removeMember(alexKey);
    if (!removed.ok) throw new Error(removed.message);
    await waitUntil('Alex no longer counts once removed', () => !setup.session.online().has(alexKey));
    await waitUntil('Alex’s device takes its claim back', () => ![...mallory.presence().values()].some((state) => parsePresenceClaim(state)?.keyId === alexKey));
    expect(setup.session.online().size).toBe(0);

    mallory.destroy();
    junk.destroy();
    await alexSession.close();
    await setup.desk.close();
    await setup.session.close();
  });
});
