// Invite outcomes as the joiner sees them: expired, used up, revoked, declined, and waiting for an offline
// facilitator across a restart until they come online.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CircleRecords } from '../../../renderer/src/circles/engine/circleRecords';
import type { Joiner } from '../../../renderer/src/circles/engine/joiner';
import { deleteTestDatabases, foundTestCircle, joinerFor, joinMember, makeDevice, MemoryNetwork, waitUntil, type TestCircleSetup } from '../../support/circlesEngine';

afterEach(deleteTestDatabases);

async function settled(joiner: Joiner): Promise<{ state: string; message: string }> {
  await waitUntil('the join settles', () => joiner.joins().some((join) => join.state === 'joined' || join.state === 'refused'));
  const [join] = joiner.joins();
  if (!join) throw new Error('no join');
  return { state: join.state, message: join.message };
}

async function closeAll(setup: TestCircleSetup, ...joiners: Joiner[]): Promise<void> {
  for (const joiner of joiners) await joiner.close();
  await setup.desk.close();
  await setup.session.close();
}

describe('invite outcomes', () => {
  it('an expired invite is refused with the expiry message', async () => {
    const network = new MemoryNetwork();
    let clock = Date.UTC(2025, 5, 1);
    const setup = await foundTestCircle(network, { now: () => clock });
    const invite = await setup.desk.createInvite({ lifetimeMs: 60_000 });
    if (!invite.ok) throw new Error(invite.message);
    clock += 61_000;
    expect(setup.desk.listInvites()[0]?.status).toBe('expired');
    const joiner = joinerFor(await makeDevice(network, 'late'));
    await joiner.join(invite.value.code, 'Late');
    expect(await settled(joiner)).toEqual({ state: 'refused', message: 'This invite has expired — ask the facilitator for a new one.' });
    expect(setup.desk.requests()).toEqual([]);
    await closeAll(setup, joiner);
  });

  it('a used-up invite is refused; the first person is in, the second is told', async () => {
    const network = new MemoryNetwork();
    const setup = await foundTestCircle(network);
    const invite = await setup.desk.createInvite({ uses: 1 });
    if (!invite.ok) throw new Error(invite.message);
    const first = joinerFor(await makeDevice(network, 'first'));
    await first.join(invite.value.link, 'First');
    await waitUntil('request', () => setup.desk.requests().length === 1);
    const [request] = setup.desk.requests();
    expect((await setup.desk.approve(request?.requestId ?? '')).ok).toBe(true);
    expect((await settled(first)).state).toBe('joined');

    const second = joinerFor(await makeDevice(network, 'second'));
    await second.join(invite.value.code.toLowerCase(), 'Second');
    expect(await settled(second)).toEqual({ state: 'refused', message: 'This invite has already been used — ask the facilitator for a new one.' });
    await closeAll(setup, first, second);
  });

  it('a revoked invite is refused, also for someone already waiting on it', async () => {
    const network = new MemoryNetwork();
    const setup = await foundTestCircle(network);
    const invite = await setup.desk.createInvite({ uses: 5 });
    if (!invite.ok) throw new Error(invite.message);
    const waiting = joinerFor(await makeDevice(network, 'waiting'));
    await waiting.join(invite.value.code, 'Waiting');
    await waitUntil('request', () => setup.desk.requests().length === 1);
    expect((await setup.desk.revokeInvite(invite.value.inviteId)).ok).toBe(true);
    const revokedMessage = 'The facilitator withdrew this invite — ask them for a new one if you still want to join.';
    expect(await settled(waiting)).toEqual({ state: 'refused', message: revokedMessage });

    const later = joinerFor(await makeDevice(network, 'later'));
    await later.join(invite.value.code, 'Later');
    expect(await settled(later)).toEqual({ state: 'refused', message: revokedMessage });
    expect(setup.desk.listInvites()[0]?.status).toBe('revoked');
    await closeAll(setup, waiting, later);
  });

  it('a declined request is refused with a signed refusal and nothing is stored as joined', async () => {
    const network = new MemoryNetwork();
    const setup = await foundTestCircle(network);
    const invite = await setup.desk.createInvite();
    if (!invite.ok) throw new Error(invite.message);
    const device = await makeDevice(network, 'declined');
    const joiner = joinerFor(device);
    await joiner.join(invite.value.code, 'Stranger');
    await waitUntil('request', () => setup.desk.requests().length === 1);
    const [request] = setup.desk.requests();
    expect(request?.fingerprint).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect((await setup.desk.decline(request?.requestId ?? '')).ok).toBe(true);
    expect((await settled(joiner)).state).toBe('refused');
    expect(joiner.joins()[0]?.message).toContain('didn’t accept');
    expect((await new CircleRecords(device.db).list()).circles).toEqual([]);
    expect(setup.desk.listInvites()[0]).toMatchObject({ status: 'pending', uses: 0 });
    await closeAll(setup, joiner);
  });

  it('waits for an offline facilitator across a restart, then joins when they come online', async () => {
    const network = new MemoryNetwork();
    const setup = await foundTestCircle(network);
    const invite = await setup.desk.createInvite();
    if (!invite.ok) throw new Error(invite.message);
    network.setOnline('facilitator', false);

    const device = await makeDevice(network, 'patient');
    const joiner = joinerFor(device, { waitingAfterMs: 30 });
    await joiner.join(invite.value.code, 'Patient');
    await waitUntil('waiting', () => joiner.joins()[0]?.state === 'waiting-for-facilitator');
    expect(joiner.joins()[0]?.message).toContain('Waiting for a facilitator to come online');
    await joiner.close();

    const restarted = joinerFor(device, { waitingAfterMs: 30 });
    await restarted.resume();
    expect(restarted.joins()[0]?.state).toBe('waiting-for-facilitator');
    network.setOnline('facilitator', true);
    await waitUntil('request', () => setup.desk.requests().length === 1);
    expect(restarted.joins()[0]?.state).toBe('asking');
    const [request] = setup.desk.requests();
    expect((await setup.desk.approve(request?.requestId ?? '')).ok).toBe(true);
    expect((await settled(restarted)).state).toBe('joined');
    const records = await new CircleRecords(device.db).list();
    expect(records.circles.map((record) => [record.circleId, record.role, record.pseudonym])).toEqual([[setup.circleId, 'member', 'Patient']]);
    await closeAll(setup, restarted);
  });

  it('rejects a pseudonym already used in the circle, leaving the request to decline', async () => {
    const network = new MemoryNetwork();
    const setup = await foundTestCircle(network);
    const alex = await joinMember(setup, await makeDevice(network, 'alex'), 'Alex');
    const invite = await setup.desk.createInvite();
    if (!invite.ok) throw new Error(invite.message);
    const joiner = joinerFor(await makeDevice(network, 'other-alex'));
    await joiner.join(invite.value.code, 'alex');
    await waitUntil('request', () => setup.desk.requests().length === 1);
    const approved = await setup.desk.approve(setup.desk.requests()[0]?.requestId ?? '');
    expect(approved).toEqual({ ok: false, message: expect.stringContaining('already goes by') as string });
    expect(setup.desk.requests()).toHaveLength(1);
    await alex.close();
    await closeAll(setup, joiner);
  });
});
