// Circle notification decisions on top of real circle sessions (in-memory links, real crypto and views):
// a member's post and a reply to my post are announced; my own posts and a new member's first sync are not.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { circleActivity, type CircleWatch } from '@shared/wellbeing/circleNotices';
import type { CircleSession } from '../../../renderer/src/circles/engine/circleSession';
import { deleteTestDatabases, foundTestCircle, joinMember, makeDevice, MemoryNetwork, waitUntil } from '../../support/circlesEngine';

afterEach(deleteTestDatabases);

/** Watches one session the way the app's hook watches a circle snapshot. */
function watcher(session: CircleSession) {
  let watch: CircleWatch | undefined;
  const me = session.members().find((member) => member.isMe)?.keyId ?? null;
  return {
    /** `posts` stands in for what a snapshot showed at that moment (default: the session's posts now). */
    look(posts = session.posts()): 'post' | 'reply' | null {
      const result = circleActivity(watch, posts, me, Date.now(), { joinedAt: session.record().joinedAt });
      watch = result.watch;
      return result.kind;
    },
  };
}

async function settle(session: CircleSession, check: () => boolean, what: string): Promise<void> {
  await waitUntil(what, async () => {
    await session.whenIdle();
    return check();
  });
}

describe('circle notifications over real sessions', () => {
  it('announces a member’s post and a reply to my post, never my own, and not a newcomer’s first sync', async () => {
    const network = new MemoryNetwork();
    const setup = await foundTestCircle(network);
    const sam = setup.session;
    const alex = await joinMember(setup, await makeDevice(network, 'alex'), 'Alex');
    await settle(sam, () => sam.members().length === 2, 'Sam sees Alex');

    const samWatch = watcher(sam);
    expect(samWatch.look()).toBeNull();

    const alexPost = await alex.share({ journalEntryId: 'alex-entry', fields: { mood: 3 } });
    if (!alexPost.ok) throw new Error(alexPost.message);
    await settle(sam, () => sam.posts().length === 1, 'Sam receives Alex’s post');
    expect(samWatch.look()).toBe('post');
    expect(samWatch.look()).toBeNull();

    const samPost = await sam.share({ journalEntryId: 'sam-entry', fields: { mood: 4 } });
    if (!samPost.ok) throw new Error(samPost.message);
    await settle(sam, () => sam.posts().length === 2, 'Sam sees his own post');
    expect(samWatch.look()).toBeNull();

    const reply = await alex.reply(samPost.value, 'Thinking of you.');
    if (!reply.ok) throw new Error(reply.message);
    await settle(sam, () => sam.posts().some((post) => post.replies.length === 1), 'Sam receives the reply');
    expect(samWatch.look()).toBe('reply');

    // Bo joins a circle that already has posts: the history arriving at the first sync is not news.
    const bo = await joinMember(setup, await makeDevice(network, 'bo'), 'Bo');
    const boWatch = watcher(bo);
    // The app may first see the circle before its history has synced and verified.
    expect(boWatch.look([])).toBeNull();
    await settle(bo, () => bo.posts().length === 2, 'Bo receives the history');
    expect(boWatch.look()).toBeNull();
    // What Alex writes after Bo joined is.
    const later = await alex.share({ journalEntryId: 'alex-later', fields: { mood: 2 } });
    if (!later.ok) throw new Error(later.message);
    await settle(bo, () => bo.posts().length === 3, 'Bo receives Alex’s new post');
    expect(boWatch.look()).toBe('post');

    await Promise.all([alex.close(), bo.close()]);
    await setup.desk.close();
    await sam.close();
  });
});
