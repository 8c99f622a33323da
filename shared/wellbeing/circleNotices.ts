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

/** What was seen of a circle: the earliest claimed time that counts as live, and every entry seen so far. */
export interface CircleWatch {
  readonly liveFrom: number;
  readonly seen: ReadonlySet<string>;
}

/**
 * How far a live entry's claimed time may lag behind the moment watching began (other devices' clocks
 * differ a little); anything claimed earlier was written before this run and is backlog.
 */
export const CLOCK_SKEW_MS = 60_000;

const entryKey = (entry: Entry): string => `${entry.ref.author}/${entry.ref.entryId}`;

export interface FirstLook {
  /** When this device joined the circle: nothing claimed earlier is ever live (a new member's first sync). */
  readonly joinedAt: number;
}

/**
 * Compares a circle's posts with the last look. The first look (`watch` undefined) only records what is
 * there. After that, an entry is announced only when it is new, not mine, and live: claimed within
 * FRESH_MS of now, not before watching began (less CLOCK_SKEW_MS) and not before I joined. So what this
 * device stored earlier, and a circle's history arriving at its first sync, are never announced. Returns
 * the next watch and what to announce ('reply' = someone replied to my post, which wins over a post), or null.
 */
export function circleActivity(
  watch: CircleWatch | undefined,
  posts: readonly NoticePost[],
  me: string | null,
  now: number,
  first: FirstLook = { joinedAt: 0 },
): { readonly watch: CircleWatch; readonly kind: ActivityKind | null } {
  const seen = new Set<string>();
  let kind: ActivityKind | null = null;
  const liveAfter = watch === undefined ? Infinity : Math.max(now - FRESH_MS, watch.liveFrom);
  const isNew = (entry: Entry): boolean => watch !== undefined && !watch.seen.has(entryKey(entry)) && me !== null && entry.ref.author !== me && entry.claimedAt >= liveAfter;
  for (const post of posts) {
    seen.add(entryKey(post));
    if (isNew(post) && kind === null) kind = 'post';
    for (const reply of post.replies) {
      seen.add(entryKey(reply));
      if (post.ref.author === me && isNew(reply)) kind = 'reply';
    }
  }
  const liveFrom = watch?.liveFrom ?? Math.max(now - CLOCK_SKEW_MS, first.joinedAt);
  return { watch: { liveFrom, seen }, kind };
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
