// Moderation through the engine with in-memory links: a charter change asks members to accept again; a report
// reaches the facilitator and not other members; a hide reaches everyone and the author is told; mutes stay local.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { reportsOf } from '../../../shared/circles/circleDoc';
import { openNote } from '../../../shared/circles/report';
import { CircleRecords } from '../../../renderer/src/circles/engine/circleRecords';
import { deleteTestDatabases, foundTestCircle, joinMember, makeDevice, MemoryNetwork, waitUntil } from '../../support/circlesEngine';
import type { CircleSession } from '../../../renderer/src/circles/engine/circleSession';

afterEach(deleteTestDatabases);

async function settled(...sessions: CircleSession[]): Promise<void> {
  for (const session of sessions) await session.whenIdle();
}

describe('circle moderation, three devices', () => {
  it('a changed charter must be accepted again before posting; the member sees what it said before', async () => {
    const network = new MemoryNetwork();
    const setup = await foundTestCircle(network);
    const alex = await joinMember(setup, await makeDevice(network, 'alex'), 'Alex');
    expect(alex.needsCharterAcceptance()).toBe(false);

    const changed = await setup.session.updateCircleInfo('Tuesday evening circle', 'Be kind. What is shared here stays here.\nNo advice about medication.');
    expect(changed.ok).toBe(true);
    expect(setup.session.needsCharterAcceptance()).toBe(false);
    await waitUntil('Alex is asked to accept the new charter', async () => {
      await alex.whenIdle();
      return alex.needsCharterAcceptance();
    });
    expect(alex.charterChanged()).toBe(true);
    expect(alex.previousCharter()).toBe('Be kind. What is shared here stays here.');
    const refused = await alex.share({ fields: { mood: 3 } });
    expect(refused.ok).toBe(false);
    expect(await alex.reply({ author: setup.session.me, entryId: 'AAAAAAAAAAAAAAAAAAAAAA' }, 'hello')).toMatchObject({ ok: false });
    expect((await alex.acceptCharter()).ok).toBe(true);
    expect(alex.charterChanged()).toBe(false);
    expect((await alex.share({ fields: { mood: 3 } })).ok).toBe(true);

    // A member cannot change it.
    expect(await alex.updateCircleInfo('Mine now', 'Anything goes.')).toMatchObject({ ok: false });
    await alex.close();
    await setup.desk.close();
    await setup.session.close();
  });

  it('a report reaches the facilitator only; the hide reaches everyone; the reporter and author are told; mutes stay local', async () => {
    const network = new MemoryNetwork();
    const setup = await foundTestCircle(network);
    const alexDevice = await makeDevice(network, 'alex');
    const alex = await joinMember(setup, alexDevice, 'Alex');
    const blair = await joinMember(setup, await makeDevice(network, 'blair'), 'Blair');

    const shared = await alex.share({ fields: { note: 'Stop taking your pills, it worked for me.' }, contentWarning: { topics: ['medication'] } });
    if (!shared.ok) throw new Error(shared.message);
    await waitUntil('Blair sees the post', async () => {
      await blair.whenIdle();
      return blair.posts().length === 1;
    });
    expect(await blair.report(shared.value, 'post', 'medical-advice', 'This could hurt someone.')).toEqual({ ok: true, value: undefined });
    expect(blair.reports().mine.map((report) => [report.reason, report.decision])).toEqual([['medical-advice', null]]);

    await waitUntil('the report reaches the facilitator', async () => {
      await setup.session.whenIdle();
      return setup.session.reports().queue.length === 1;
    });
    const [queued] = setup.session.reports().queue;
    expect(queued).toMatchObject({ reason: 'medical-advice', note: 'This could hurt someone.', target: shared.value, targetKind: 'post', reporter: { pseudonym: 'Blair' } });
    // Alex holds the same doc (the sealed report synced to every member) but can read none of it.
    await waitUntil('the sealed report reaches Alex’s copy of the doc', () => reportsOf(docOf(alex)).size === 1);
    await settled(alex);
    expect(alex.reports().all).toEqual([]);
    const membership = alex.membership();
    for (const raw of reportsOf(docOf(alex)).values()) {
      expect(await openNote(raw, alexDevice.identity, (keyId) => membership?.members.get(keyId)?.signingKey, setup.circleId)).toEqual({ ok: false, reason: 'not-for-me' });
    }

    if (!queued) throw new Error('no report');
    expect((await setup.session.retract(queued.target)).ok).toBe(true);
    expect((await setup.session.decideReport(queued.key, 'hidden')).ok).toBe(true);
    expect(setup.session.reports().queue).toEqual([]);
    await waitUntil('everyone loses the post; Alex is told; Blair hears the outcome', async () => {
      await settled(alex, blair);
      return alex.posts().length === 0 && blair.posts().length === 0 && alex.hiddenFromMe().length === 1 && blair.reports().mine[0]?.decision === 'hidden';
    });
    expect(alex.hiddenFromMe()[0]?.ref).toEqual(shared.value);
    expect(alex.reports().all).toEqual([]);

    // Blair mutes Alex: on Blair's device only.
    expect((await blair.setMuted(alex.me, true)).ok).toBe(true);
    expect([...blair.muted()]).toEqual([alex.me]);
    expect((await blair.setMuted(blair.me, true)).ok).toBe(false);
    expect([...alex.muted()]).toEqual([]);
    expect([...setup.session.muted()]).toEqual([]);
    const found = await new CircleRecords(alexDevice.db).get(setup.circleId);
    expect(found?.ok && found.record.muted).toBeFalsy();
    expect((await blair.setMuted(alex.me, false)).ok).toBe(true);
    expect([...blair.muted()]).toEqual([]);

    // Nobody can report their own post; a non-facilitator cannot decide.
    expect((await alex.report(shared.value, 'post', 'spam', '')).ok).toBe(false);
    expect((await blair.decideReport(queued.key, 'no-action')).ok).toBe(false);

    for (const session of [alex, blair]) await session.close();
    await setup.desk.close();
    await setup.session.close();
  });
});

function docOf(session: CircleSession): Y.Doc {
  const internal: unknown = Reflect.get(session, 'doc');
  if (!(internal instanceof Y.Doc)) throw new Error('no doc');
  return internal;
}
