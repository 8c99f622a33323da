// Circle notifications: only live entries from others count, replies to me win, and one notification per
// circle per few minutes, never during quiet hours, a break, or while the window is in front of the person.
import { describe, expect, it } from 'vitest';
import { circleActivity, CLOCK_SKEW_MS, COALESCE_MS, decideNotice, FRESH_MS, NOTICE_TEXT, type NoticePost } from '@shared/wellbeing/circleNotices';
import { DEFAULT_WELLBEING, type WellbeingSettings } from '@shared/wellbeing/settings';

const ME = 'me-key';
const now = Date.parse('2025-06-10T10:00:00Z'); // 12:00 in Berlin
const entry = (author: string, entryId: string, claimedAt = now) => ({ ref: { author, entryId }, claimedAt });
const post = (author: string, entryId: string, replies: ReturnType<typeof entry>[] = [], claimedAt = now): NoticePost => ({ ...entry(author, entryId, claimedAt), replies });

describe('circleActivity', () => {
  const start = now - 60 * 60_000;
  const watching = (posts: NoticePost[], since = start) => circleActivity(undefined, posts, ME, since).watch;

  it('announces nothing on the first look, however fresh the posts are', () => {
    const first = circleActivity(undefined, [post('ana', 'p1'), post(ME, 'p2', [entry('ana', 'r1')])], ME, now);
    expect(first.kind).toBeNull();
    expect([...first.watch.seen].sort()).toEqual(['ana/p1', 'ana/r1', 'me-key/p2']);
    expect(first.watch.liveFrom).toBe(now - CLOCK_SKEW_MS);
  });

  it('announces a new post by someone else, and not my own', () => {
    const watch = watching([post('ana', 'p1')]);
    expect(circleActivity(watch, [post('ana', 'p1'), post('bo', 'p2')], ME, now).kind).toBe('post');
    expect(circleActivity(watch, [post('ana', 'p1'), post(ME, 'p3')], ME, now).kind).toBeNull();
  });

  it('announces nothing while it does not know which member is me', () => {
    expect(circleActivity(watching([]), [post('bo', 'p2')], null, now).kind).toBeNull();
  });

  it('announces a reply to my post as a reply, but not replies to other people’s posts', () => {
    const watch = watching([post(ME, 'mine'), post('ana', 'theirs')]);
    expect(circleActivity(watch, [post(ME, 'mine', [entry('bo', 'r1')]), post('ana', 'theirs')], ME, now).kind).toBe('reply');
    expect(circleActivity(watch, [post(ME, 'mine'), post('ana', 'theirs', [entry('bo', 'r2')])], ME, now).kind).toBeNull();
    expect(circleActivity(watch, [post(ME, 'mine', [entry(ME, 'r3')]), post('ana', 'theirs')], ME, now).kind).toBeNull();
  });

  it('prefers "someone replied to you" when a post and a reply arrive together', () => {
    const watch = watching([post(ME, 'mine')]);
    expect(circleActivity(watch, [post('ana', 'new'), post(ME, 'mine', [entry('bo', 'r1')])], ME, now).kind).toBe('reply');
  });

  it('treats entries written long before they arrive as backlog', () => {
    const watch = watching([]);
    expect(circleActivity(watch, [post('ana', 'old', [], now - FRESH_MS - 1)], ME, now).kind).toBeNull();
    expect(circleActivity(watch, [post('ana', 'recent', [], now - FRESH_MS + 1_000)], ME, now).kind).toBe('post');
  });

  it('treats entries written before watching began as backlog (what the device stored, a first sync)', () => {
    // Watching began a moment ago; posts verified only now from storage or a first sync are older than that.
    const watch = watching([], now - 30_000);
    // (liveFrom is 30 s ago less the clock skew allowance.)
    expect(circleActivity(watch, [post('ana', 'stored', [], now - 30_000 - CLOCK_SKEW_MS - 1)], ME, now).kind).toBeNull();
    expect(circleActivity(watch, [post('ana', 'live', [], now - 30_000 - CLOCK_SKEW_MS + 1)], ME, now).kind).toBe('post');
  });

  it('never announces what was written before I joined, even moments before', () => {
    const joinedAt = now - 5_000;
    const { watch } = circleActivity(undefined, [], ME, joinedAt, { joinedAt });
    expect(circleActivity(watch, [post('ana', 'history', [], joinedAt - 1)], ME, now).kind).toBeNull();
    expect(circleActivity(watch, [post('ana', 'after', [], joinedAt)], ME, now).kind).toBe('post');
  });

  it('announces an entry once only', () => {
    const second = circleActivity(watching([]), [post('ana', 'p1')], ME, now);
    expect(second.kind).toBe('post');
    expect(circleActivity(second.watch, [post('ana', 'p1')], ME, now + 1_000).kind).toBeNull();
  });
});

describe('decideNotice', () => {
  const on: WellbeingSettings = { ...DEFAULT_WELLBEING, circleNotifications: true };
  const away = { now, zone: 'Europe/Berlin', windowActive: false, lastShownAt: undefined };

  it('shows when turned on and the person is away from the window', () => {
    expect(decideNotice(on, away)).toBe('show');
  });

  it('stays silent when off, on a break, in quiet hours or while the window is in front', () => {
    expect(decideNotice(DEFAULT_WELLBEING, away)).toBe('off');
    expect(decideNotice({ ...on, circleBreak: { since: now - 1, until: null } }, away)).toBe('on-break');
    expect(decideNotice({ ...on, circleBreak: { since: now - 10, until: now - 1 } }, away)).toBe('show');
    expect(decideNotice({ ...on, quietHours: { enabled: true, start: '11:00', end: '13:00' } }, away)).toBe('quiet-hours');
    expect(decideNotice(on, { ...away, windowActive: true })).toBe('window-active');
  });

  it('raises at most one per circle every few minutes', () => {
    expect(decideNotice(on, { ...away, lastShownAt: now - COALESCE_MS + 1 })).toBe('coalesced');
    expect(decideNotice(on, { ...away, lastShownAt: now - COALESCE_MS })).toBe('show');
  });

  it('says nothing about the content or the circle', () => {
    expect(NOTICE_TEXT.post.title).toBe('New post in a circle');
    expect(NOTICE_TEXT.reply.title).toBe('Someone replied to you');
  });
});
