// Circle notifications: which live activity deserves one calm desktop notification, and when one is raised.
// A notification never carries content or a circle's name (it may show on a locked screen); it only says
// that something is new. Pure: the caller supplies the clock, the zone and what the window is doing.
import { isOnBreak } from './circleBreak';
import { isQuietAt } from './quietHours';
import type { WellbeingSettings } from './settings';

/** At most one notification per circle in this time; later activity folds into the one already shown. */
export const COALESCE_MS = 5 * 60_000;
/**
 * Only entries claimed to be written this recently count as live. Older ones are backlog: a circle's
 * history arriving at its first sync, or what was written while this device was away.
 */
export const FRESH_MS = 10 * 60_000;

interface Entry {
  readonly ref: { readonly author: string; readonly entryId: string };
  readonly claimedAt: number;
}

/** The parts of a verified post (shared/circles/view ViewPost) this logic reads. */
export interface NoticePost extends Entry {
  readonly replies: readonly Entry[];
}

export type ActivityKind = 'post' | 'reply';

export interface CircleActivity {
  /** Every entry seen so far, to compare the next snapshot with. */
  readonly seen: ReadonlySet<string>;
  /** What is new and live since the last look ('reply' = someone replied to my post), or null. */
  readonly kind: ActivityKind | null;
}

const entryKey = (entry: Entry): string => `${entry.ref.author}/${entry.ref.entryId}`;

/**
 * Compares a circle's posts with those seen before. The first look (`seen` undefined) only records what
 * is there: nothing already on the device or in the first sync is ever announced. My own entries, and
 * entries older than FRESH_MS at `now`, are never announced.
 */
export function circleActivity(seen: ReadonlySet<string> | undefined, posts: readonly NoticePost[], me: string | null, now: number): CircleActivity {
  const next = new Set<string>();
  let kind: ActivityKind | null = null;
  const isNew = (entry: Entry): boolean => seen !== undefined && !seen.has(entryKey(entry)) && entry.ref.author !== me && entry.claimedAt >= now - FRESH_MS;
  for (const post of posts) {
    next.add(entryKey(post));
    if (isNew(post) && kind === null) kind = 'post';
    for (const reply of post.replies) {
      next.add(entryKey(reply));
      if (me !== null && post.ref.author === me && isNew(reply)) kind = 'reply';
    }
  }
  return { seen: next, kind };
}

export interface NoticeMoment {
  readonly now: number;
  readonly zone: string;
  /** Whether Hearth's window is visible and focused: then the person sees the circle and needs no notification. */
  readonly windowActive: boolean;
  /** When the last notification for this circle was raised, if ever. */
  readonly lastShownAt: number | undefined;
}

export type NoticeDecision = 'show' | 'off' | 'on-break' | 'quiet-hours' | 'window-active' | 'coalesced';

/** Whether to raise a notification for new activity in a circle now, or why not. */
export function decideNotice(settings: WellbeingSettings, moment: NoticeMoment): NoticeDecision {
  if (!settings.circleNotifications) return 'off';
  if (isOnBreak(settings.circleBreak, moment.now)) return 'on-break';
  if (isQuietAt(moment.now, moment.zone, settings.quietHours)) return 'quiet-hours';
  if (moment.windowActive) return 'window-active';
  if (moment.lastShownAt !== undefined && moment.now - moment.lastShownAt < COALESCE_MS) return 'coalesced';
  return 'show';
}

export const NOTICE_TEXT: Record<ActivityKind, { readonly title: string; readonly body: string }> = {
  post: { title: 'New post in a circle', body: 'Open Hearth when you are ready to read it.' },
  reply: { title: 'Someone replied to you', body: 'Open Hearth when you are ready to read it.' },
};
