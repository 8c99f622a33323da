// What one reader sees of the verified view: members they muted are gone (posts and replies), and each post
// with a content warning is shown, blurred or left out as their preferences say. Pure and local: nothing is sent.
import { PREFERENCE_TOPICS, treatmentOf, warningTopics, type ContentWarningPreferences, type PreferenceTopic, type WarningChoice } from './readerPreferences';
import type { ViewPost } from './view';

export interface ReaderPost {
  readonly post: ViewPost;
  /** 'show' or 'blur'; hidden posts are not in the list. */
  readonly treatment: Exclude<WarningChoice, 'hide'>;
}

export interface ReaderView {
  readonly posts: readonly ReaderPost[];
  /** Posts left out by the reader's content-warning preferences (not counting muted members' posts). */
  readonly hiddenCount: number;
  /** The topics that caused those posts to be left out, in topic order. */
  readonly hiddenTopics: readonly PreferenceTopic[];
  /** Posts and replies left out because their author is muted. */
  readonly mutedCount: number;
}

export interface ReaderContext {
  readonly me: string;
  readonly muted: ReadonlySet<string>;
  readonly preferences: ContentWarningPreferences;
}

export function readerView(posts: readonly ViewPost[], ctx: ReaderContext): ReaderView {
  const shown: ReaderPost[] = [];
  const hiddenTopics = new Set<PreferenceTopic>();
  let hiddenCount = 0;
  let mutedCount = 0;
  for (const post of posts) {
    if (ctx.muted.has(post.author.keyId) && post.author.keyId !== ctx.me) {
      mutedCount += 1;
      continue;
    }
    const treatment = treatmentOf(post.contentWarning, ctx.preferences, post.author.keyId === ctx.me);
    if (treatment === 'hide') {
      hiddenCount += 1;
      if (post.contentWarning) for (const topic of warningTopics(post.contentWarning)) if (ctx.preferences[topic] === 'hide') hiddenTopics.add(topic);
      continue;
    }
    const replies = post.replies.filter((reply) => !ctx.muted.has(reply.author.keyId) || reply.author.keyId === ctx.me);
    mutedCount += post.replies.length - replies.length;
    shown.push({ post: replies.length === post.replies.length ? post : { ...post, replies }, treatment });
  }
  return { posts: shown, hiddenCount, hiddenTopics: PREFERENCE_TOPICS.filter((topic) => hiddenTopics.has(topic)), mutedCount };
}
