// The circles engine end to end: facilitator and two members as three Chromium launches over real WebRTC through
// our relay (invites, approval, charter, sharing, replies, reactions, offline catch-up, refused invites), while
// the relay's every frame is captured and shown to hold no entry text, circle name, circle id, pseudonym or code.
// Presence rides along: members see each other online, and a member who leaves is seen to go.
import { Buffer } from 'node:buffer';
import { expect, test, type Page } from '@playwright/test';
import type { InviteView } from '../../../renderer/src/circles/engine/facilitator';
import type { JoinView } from '../../../renderer/src/circles/engine/joiner';
import { CONTENT_WARNING_TOPICS, type ContentWarning, type EntryRef } from '../../../shared/circles/body';
import { fromBase64Url } from '../../../shared/circles/bytes';
import { deriveEpochKeys } from '../../../shared/circles/circleKeys';
import { deriveHandshakeRoom, INVITE_STATUS_MESSAGES, parseInvite } from '../../../shared/circles/invite';
import { presenceContext } from '../../../shared/circles/presence';
import type { ViewPost } from '../../../shared/circles/view';
import type { CheckIn } from '../../../shared/journal/checkIn';
import { launchDevices, openPage, testEnvironment, type Device } from './devices';
import { engine, valueOf } from './engineRemote';
import { base64UrlSecret, scanFrames, textSecret, type Secret } from './relayCapture';
import { startRelay } from './relay';

/** B's own relay setting: nothing listens there, so B reaches the facilitator only through the invite link's relay. */
const UNREACHABLE_RELAY = 'ws://127.0.0.1:9';

/** Long enough for a few watchdog retries (3–6 s each) on a loaded machine; every wait is bounded by it. */
const NETWORK_TIMEOUT_MS = 30_000;

const CIRCLE_NAME = 'Tuesday evening circle';
const CHARTER =
  'We listen more than we advise. What is shared in the circle stays in the circle. ' +
  'Be gentle with yourself and with each other; nobody here is a replacement for professional care.';
const PSEUDONYMS = { facilitator: 'Facilitator Rowan', a: 'Member Willow', b: 'Member Juniper', newcomer: 'Newcomer Ash' } as const;
const CANARY = 'The lighthouse keeper counts forty-one gulls before breakfast.';
const SECOND_CANARY = 'Marmalade clouds drift over the quiet railway bridge at noon.';
const REPLY_TEXT = 'Thank you for trusting us with this; the gulls made me smile.';
/** In A's check-in but never chosen for sharing: it must reach neither the members nor the relay. */
const UNSHARED_ACTIVITY = 'pottery with my sister';
const CONTENT_WARNING = { topics: [CONTENT_WARNING_TOPICS[6], CONTENT_WARNING_TOPICS[0]] } satisfies ContentWarning;

const CHECK_IN = {
  id: 'journal-entry-0001',
  at: Date.UTC(2025, 2, 4, 19, 30),
  zone: 'Europe/Lisbon',
  day: '2025-03-04',
  mood: 2,
  energy: 2,
  emotions: ['anxious', 'hopeful'],
  activities: [UNSHARED_ACTIVITY],
  sleepHours: 6.5,
  medication: 'skip',
  note: `Rough day at work. ${CANARY}`,
  createdAt: Date.UTC(2025, 2, 4, 19, 31),
  updatedAt: Date.UTC(2025, 2, 4, 19, 31),
} satisfies CheckIn;

function record(name: string, figures: object): void {
  process.stdout.write(`[circles engine] ${name} ${JSON.stringify(figures)}\n`);
  test.info().annotations.push({ type: name, description: JSON.stringify(figures) });
}

function postOf(posts: readonly ViewPost[], ref: EntryRef): ViewPost | undefined {
  return posts.find((post) => post.ref.author === ref.author && post.ref.entryId === ref.entryId);
}

/** Polls `page` until `post` is shown there, then returns it as shown. */
async function seenPost(page: Page, circleId: string, ref: EntryRef, until: (post: ViewPost) => boolean = () => true): Promise<ViewPost> {
  let shown: ViewPost | undefined;
  await expect
    .poll(
      async () => {
        shown = postOf(await engine(page, 'posts', circleId), ref);
        return shown !== undefined && until(shown);
      },
      { timeout: NETWORK_TIMEOUT_MS, message: `post ${ref.entryId} never showed as expected` },
    )
    .toBe(true);
  if (shown === undefined) throw new Error('unreachable: the poll passed without a post');
  return shown;
}

/** Starts a join with `code`; the joiner is asking (or waiting for a facilitator) at first. */
async function startJoin(page: Page, code: string, pseudonym: string): Promise<JoinView> {
  const started = valueOf(`join as ${pseudonym}`, await engine(page, 'join', code, pseudonym));
  expect(['asking', 'waiting-for-facilitator']).toContain(started.state);
  return started;
}

/** Polls the joiner's view of a join until it is no longer asking or waiting. */
async function settledJoin(page: Page, started: JoinView): Promise<JoinView> {
  let settled: JoinView | undefined;
  await expect
    .poll(
      async () => {
        settled = (await engine(page, 'joins')).find((join) => join.joinId === started.joinId);
        return settled?.state;
      },
      { timeout: NETWORK_TIMEOUT_MS, message: `the join of ${started.pseudonym} never settled` },
    )
    .toMatch(/^(joined|refused)$/);
  if (settled === undefined) throw new Error('unreachable: the poll passed without a join');
  return settled;
}

/** Joins with `code` (a code or link): the facilitator sees the request (pseudonym and the joiner's own fingerprint) and approves it. */
async function joinApproved(facilitator: Page, joiner: Page, code: string, pseudonym: string, fingerprint: string): Promise<string> {
  const started = await startJoin(joiner, code, pseudonym);
  await expect
    .poll(async () => (await engine(facilitator, 'requests')).filter((request) => request.pseudonym === pseudonym).map((request) => request.fingerprint), {
      timeout: NETWORK_TIMEOUT_MS,
      message: `the facilitator never saw ${pseudonym}'s request`,
    })
    .toEqual([fingerprint]);
  const request = (await engine(facilitator, 'requests')).find((each) => each.pseudonym === pseudonym);
  if (request === undefined) throw new Error('unreachable: the request vanished');
  valueOf(`approve ${pseudonym}`, await engine(facilitator, 'approve', request.requestId));
  const view = await settledJoin(joiner, started);
  expect(view).toMatchObject({ state: 'joined', pseudonym });
  if (view.circleId === undefined) throw new Error(`${pseudonym} joined without a circle id`);
  return view.circleId;
}

function deviceAt(devices: readonly Device[], index: number): Device {
  const found = devices[index];
  if (found === undefined) throw new Error(`no device ${String(index)}`);
  return found;
}

test('the frame scan finds a secret in raw text, JSON escapes, base64 and hex', () => {
  const circleId = 'AAECAwQFBgcICQoLDA0ODw';
  const secrets = [textSecret('canary', CANARY), textSecret('charter', 'Be “gentle”\nhere'), textSecret('code', 'ABCD-EFGH', { anyCase: true }), base64UrlSecret('circle id', circleId)];
  const frames = [
    JSON.stringify({ type: 'publish', topic: 'room-a', data: { note: CANARY } }),
    JSON.stringify({ type: 'publish', topic: 'room-a', data: 'Be “gentle”\nhere' }),
    JSON.stringify({ type: 'publish', topic: 'room-b', data: Buffer.from(`{"note":"${CANARY}"}`).toString('base64') }),
    JSON.stringify({ type: 'subscribe', topics: ['room-c'], id: Buffer.from(circleId, 'base64url').toString('hex') }),
    JSON.stringify({ type: 'publish', topic: 'room-b', data: Buffer.concat([Buffer.from([1, 2]), Buffer.from(circleId, 'base64url')]).toString('base64') }),
    'abcd-efgh is not json',
    JSON.stringify({ type: 'publish', topic: 'room-a', data: 'nothing to see' }),
  ];
  const report = scanFrames(frames, secrets);
  expect(report.leaks.map(({ label, frame }) => `${String(frame)}: ${label}`)).toEqual(
    expect.arrayContaining(['0: canary', '1: charter', '2: canary', '3: circle id (base64url, base64 or hex)', '4: circle id (base64url, base64 or hex)', '5: code']),
  );
  expect(report.leaks.filter((leak) => leak.frame === 6)).toEqual([]);
  expect(report.notJson).toBe(1);
  expect([...(report.topics.get('room-a') ?? [])]).toEqual(['publish']);
  expect([...(report.topics.get('room-c') ?? [])]).toEqual(['subscribe']);
});

test('a circle between three devices over WebRTC; the relay sees no entry text, circle name, circle id, pseudonym or code', async () => {
  test.setTimeout(150_000);
  const { origin } = testEnvironment();
  const frames: string[] = [];
  const relay = await startRelay({ onFrame: (frame) => frames.push(frame) });
  const devices = await launchDevices(origin, 3, 'engine.html');
  const [fDevice, aDevice, bDevice] = [deviceAt(devices, 0), deviceAt(devices, 1), deviceAt(devices, 2)];
  const [f, a, b] = [fDevice.page, aDevice.page, bDevice.page];
  const timings: Record<string, number> = {};
  const timed = async <T>(name: string, body: () => Promise<T>): Promise<T> => {
    const startedAt = Date.now();
    const result = await test.step(name, body);
    timings[name] = Date.now() - startedAt;
    return result;
  };
  const invites: InviteView[] = [];
  let newcomer: Page | undefined;
  try {
    const [fKeys, aKeys, bKeys] = await Promise.all(
      [f, a, b].map(async (page, index) => valueOf('start', await engine(page, 'start', { databaseName: `hearth-e2e-${String(index)}`, signalingUrl: page === b ? UNREACHABLE_RELAY : relay.url }))),
    );
    if (fKeys === undefined || aKeys === undefined || bKeys === undefined) throw new Error('unreachable: three devices started');

    const circleId = await timed('facilitator creates the circle and two invites', async () => {
      const id = valueOf('create circle', await engine(f, 'createCircle', { name: CIRCLE_NAME, charter: CHARTER, pseudonym: PSEUDONYMS.facilitator }));
      valueOf('open circle', await engine(f, 'openCircle', id));
      await engine(f, 'openDesk', id);
      for (let index = 0; index < 2; index += 1) invites.push(valueOf('create invite', await engine(f, 'createInvite', {})));
      for (const invite of invites) {
        expect(invite.status).toBe('pending');
        expect(invite.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){6}$/);
        expect(invite.link).toBe(`hearth://join#${invite.code.replaceAll('-', '')}&relay=${encodeURIComponent(relay.url)}&by=${fKeys.keyId}`);
      }
      expect(await engine(f, 'circleInfo', id)).toEqual({ name: CIRCLE_NAME, charter: CHARTER });
      return id;
    });
    const [invite1, invite2] = [invites[0], invites[1]];
    if (invite1 === undefined || invite2 === undefined) throw new Error('unreachable: two invites');

    await timed('A joins with invite 1, is approved and sees the facilitator', async () => {
      expect(await joinApproved(f, a, invite1.code, PSEUDONYMS.a, aKeys.fingerprint)).toBe(circleId);
      valueOf('A opens the circle', await engine(a, 'openCircle', circleId));
      await expect
        .poll(async () => (await engine(a, 'members', circleId)).map(({ pseudonym, role, fingerprint, isMe }) => ({ pseudonym, role, fingerprint, isMe })), { timeout: NETWORK_TIMEOUT_MS })
        .toEqual(
          expect.arrayContaining([
            { pseudonym: PSEUDONYMS.facilitator, role: 'facilitator', fingerprint: fKeys.fingerprint, isMe: false },
            { pseudonym: PSEUDONYMS.a, role: 'member', fingerprint: aKeys.fingerprint, isMe: true },
          ]),
        );
      expect(await engine(a, 'circleInfo', circleId)).toEqual({ name: CIRCLE_NAME, charter: CHARTER });
      // Presence, from signed claims over the room's awareness: each sees the other online, never itself.
      await expect.poll(async () => engine(f, 'online', circleId), { timeout: NETWORK_TIMEOUT_MS, message: 'the facilitator never saw A online' }).toEqual([aKeys.keyId]);
      await expect.poll(async () => engine(a, 'online', circleId), { timeout: NETWORK_TIMEOUT_MS, message: 'A never saw the facilitator online' }).toEqual([fKeys.keyId]);
      expect((await engine(f, 'status', circleId)).membersOnline).toBe(1);
    });

    await timed('B, whose own relay setting reaches nothing, joins with invite 2’s hearth://join link (it names the circle’s relay) and is approved', async () => {
      expect(await joinApproved(f, b, invite2.link, PSEUDONYMS.b, bKeys.fingerprint)).toBe(circleId);
      valueOf('B opens the circle', await engine(b, 'openCircle', circleId));
      await expect
        .poll(async () => (await engine(b, 'members', circleId)).map((member) => member.pseudonym).sort(), { timeout: NETWORK_TIMEOUT_MS })
        .toEqual([PSEUDONYMS.facilitator, PSEUDONYMS.a, PSEUDONYMS.b].sort());
      await expect.poll(async () => engine(f, 'online', circleId), { timeout: NETWORK_TIMEOUT_MS, message: 'the facilitator never saw A and B online' }).toEqual([aKeys.keyId, bKeys.keyId].sort());
      expect((await engine(f, 'invites')).filter((invite) => invite.status === 'used-up').map((invite) => invite.inviteId).sort()).toEqual(
        [invite1.inviteId, invite2.inviteId].sort(),
      );
    });

    const preview = await engine(a, 'pickSharedFields', CHECK_IN, ['mood', 'emotions', 'note']);
    const firstPost = await timed('A accepts the charter and shares an entry with a content warning', async () => {
      expect(await engine(a, 'needsCharterAcceptance', circleId)).toBe(true);
      const early = await engine(a, 'share', circleId, { fields: preview });
      expect(early).toEqual({ ok: false, message: 'Please read and accept this circle’s guidelines before your first post.' });
      valueOf('A accepts the charter', await engine(a, 'acceptCharter', circleId));
      expect(await engine(a, 'needsCharterAcceptance', circleId)).toBe(false);
      // The preview is exactly what leaves: the chosen fields, nothing of the activities, sleep or medication.
      expect(preview).toEqual({ mood: 2, emotions: ['anxious', 'hopeful'], note: CHECK_IN.note });
      return valueOf('A shares', await engine(a, 'share', circleId, { fields: preview, contentWarning: CONTENT_WARNING }));
    });

    await timed('B and the facilitator see the post with exactly the shared fields', async () => {
      for (const page of [b, f]) {
        const shown = await seenPost(page, circleId, firstPost);
        expect(shown.fields).toStrictEqual(preview);
        expect(shown.contentWarning).toStrictEqual(CONTENT_WARNING);
        expect(shown.author).toEqual({ keyId: aKeys.keyId, pseudonym: PSEUDONYMS.a, role: 'member' });
        expect(JSON.stringify(shown)).not.toContain(UNSHARED_ACTIVITY);
      }
    });

    await timed('B replies and reacts; A sees both', async () => {
      valueOf('B accepts the charter', await engine(b, 'acceptCharter', circleId));
      const reply = valueOf('B replies', await engine(b, 'reply', circleId, firstPost, REPLY_TEXT));
      valueOf('B reacts', await engine(b, 'react', circleId, firstPost, 'sending-support'));
      const shown = await seenPost(a, circleId, firstPost, (post) => post.replies.length === 1 && post.reactions['sending-support'] === 1);
      expect(shown.replies.map(({ ref, author, text }) => ({ ref, author: author.pseudonym, text }))).toEqual([{ ref: reply, author: PSEUDONYMS.b, text: REPLY_TEXT }]);
      expect(shown.reactions).toEqual({ 'sending-support': 1, 'me-too': 0, 'thank-you': 0, hope: 0 });
      await seenPost(f, circleId, firstPost, (post) => post.replies.length === 1 && post.reactions['sending-support'] === 1);
    });

    const secondPost = await timed('B goes offline, A posts again, B comes back and catches up', async () => {
      await engine(b, 'closeCircle', circleId);
      // Leaving takes B's claim back at once (y-webrtc sends it before closing), long before it would expire.
      await expect.poll(async () => engine(f, 'online', circleId), { timeout: 10_000, message: 'the facilitator still saw B online after B left' }).toEqual([aKeys.keyId]);
      const posted = valueOf('A posts again', await engine(a, 'share', circleId, { fields: { mood: 3, note: SECOND_CANARY } }));
      // The post is out (the facilitator has it) while B is offline.
      await seenPost(f, circleId, posted);
      valueOf('B reopens the circle', await engine(b, 'openCircle', circleId));
      // Straight from this device's disk: the first post, its reply and reaction, before any peer is back.
      const fromDisk = postOf(await engine(b, 'posts', circleId), firstPost);
      expect(fromDisk?.fields).toStrictEqual(preview);
      expect(fromDisk?.replies.map((each) => each.text)).toEqual([REPLY_TEXT]);
      const caughtUp = await seenPost(b, circleId, posted);
      expect(caughtUp.fields).toStrictEqual({ mood: 3, note: SECOND_CANARY });
      await expect.poll(async () => (await engine(a, 'status', circleId)).undelivered, { timeout: NETWORK_TIMEOUT_MS }).toBe(0);
      return posted;
    });
    expect((await engine(b, 'posts', circleId)).map((post) => post.ref.entryId)).toEqual([secondPost.entryId, firstPost.entryId]);

    await timed('an expired invite and a used invite are refused with the right messages', async () => {
      const expiring = valueOf('create a short-lived invite', await engine(f, 'createInvite', { lifetimeMs: 1_000 }));
      invites.push(expiring);
      newcomer = await openPage(bDevice.browser, origin, 'engine.html');
      valueOf('newcomer starts', await engine(newcomer, 'start', { databaseName: 'hearth-e2e-newcomer', signalingUrl: relay.url }));
      await expect.poll(async () => (await engine(f, 'invites')).find((invite) => invite.inviteId === expiring.inviteId)?.status, { timeout: 5_000 }).toBe('expired');

      const expired = await settledJoin(newcomer, await startJoin(newcomer, expiring.code, PSEUDONYMS.newcomer));
      expect(expired).toMatchObject({ state: 'refused', reason: 'expired', message: INVITE_STATUS_MESSAGES.expired });
      expect(INVITE_STATUS_MESSAGES.expired).toBe('This invite has expired — ask the facilitator for a new one.');

      const used = await settledJoin(newcomer, await startJoin(newcomer, invite1.code, PSEUDONYMS.newcomer));
      expect(used).toMatchObject({ state: 'refused', reason: 'used-up', message: INVITE_STATUS_MESSAGES['used-up'] });
      // Stale invites are answered by the desk itself: nothing waits for the facilitator, nobody was let in.
      expect(await engine(f, 'requests')).toEqual([]);
      expect((await engine(f, 'members', circleId)).map((member) => member.pseudonym)).not.toContain(PSEUDONYMS.newcomer);
    });

    const secrets = await engine(f, 'secrets', circleId);
    for (const page of [newcomer, a, b, f]) if (page !== undefined) await engine(page, 'shutdown');

    await timed('the relay saw none of it', async () => {
      const epochSecret = fromBase64Url(secrets.epochSecret);
      if (epochSecret === null) throw new Error('the epoch secret is not base64url');
      const circleRoom = await deriveEpochKeys(epochSecret, circleId, secrets.epoch);
      const handshakeRooms = await Promise.all(
        invites.map(async (invite) => {
          const parsed = parseInvite(invite.code);
          if (!parsed.ok) throw new Error(parsed.message);
          return { invite, room: await deriveHandshakeRoom(parsed.secret) };
        }),
      );
      const secretsToFind: Secret[] = [
        textSecret('entry text (canary)', CANARY),
        textSecret('second entry text (canary)', SECOND_CANARY),
        textSecret('the whole note', CHECK_IN.note),
        textSecret('reply text', REPLY_TEXT),
        textSecret('an activity never shared', UNSHARED_ACTIVITY),
        textSecret('circle name', CIRCLE_NAME, { anyCase: true }),
        textSecret('charter', CHARTER),
        textSecret('charter (first sentence)', CHARTER.slice(0, CHARTER.indexOf('.') + 1)),
        base64UrlSecret('circle id', circleId),
        base64UrlSecret('epoch secret', secrets.epochSecret),
        base64UrlSecret('circle webrtc password', circleRoom.webrtcPassword),
        // Presence travels between peers only; the relay never carries a claim.
        base64UrlSecret('presence context', await presenceContext(circleId, secrets.epoch)),
        ...Object.values(PSEUDONYMS).map((pseudonym) => textSecret(`pseudonym ${pseudonym}`, pseudonym, { anyCase: true })),
        ...[fKeys, aKeys, bKeys].flatMap((keys, index) => [base64UrlSecret(`device ${String(index)} key id`, keys.keyId), textSecret(`device ${String(index)} fingerprint`, keys.fingerprint)]),
        ...handshakeRooms.flatMap(({ invite, room }, index) => [
          textSecret(`invite ${String(index + 1)} code`, invite.code, { anyCase: true }),
          textSecret(`invite ${String(index + 1)} code without groups`, invite.code.replaceAll('-', ''), { anyCase: true }),
          textSecret(`invite ${String(index + 1)} link`, invite.link, { anyCase: true }),
          base64UrlSecret(`invite ${String(index + 1)} handshake password`, room.password),
        ]),
      ];
      const report = scanFrames(frames, secretsToFind);
      // Every frame the relay received reached the capture, and none was refused: nothing slipped by unscanned.
      const { framesReceived, framesIgnored, framesRateLimited, deliveriesDropped, closedForFlooding, publishesRelayed } = relay.stats();
      expect({ framesReceived, framesIgnored, framesRateLimited, deliveriesDropped, closedForFlooding }).toEqual({
        framesReceived: frames.length,
        framesIgnored: 0,
        framesRateLimited: 0,
        deliveriesDropped: 0,
        closedForFlooding: 0,
      });
      record('relayCapture', {
        publishesRelayed,
        framesChecked: report.frames,
        characters: report.characters,
        base64StringsDecoded: report.decodedStrings,
        notJson: report.notJson,
        topics: report.topics.size,
        secretsSearched: secretsToFind.length,
        leaks: report.leaks.length,
      });
      // The capture saw this run's traffic: the circle's room and every invite's handshake room, subscribed and published to.
      for (const room of [circleRoom.roomName, ...handshakeRooms.map(({ room: handshake }) => handshake.roomName)]) {
        expect([...(report.topics.get(room) ?? [])].sort(), `the relay never saw room ${room}`).toEqual(expect.arrayContaining(['publish', 'subscribe']));
      }
      expect(report.frames).toBeGreaterThan(30);
      expect(report.decodedStrings).toBeGreaterThan(0);
      expect(report.leaks).toEqual([]);
    });
    record('stepsMs', timings);
  } finally {
    await Promise.all(devices.map((device) => device.close()));
    await relay.close();
  }
});
