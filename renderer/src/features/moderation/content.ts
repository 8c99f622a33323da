// Finding a reported post or reply in the verified view (facilitators see it whatever their own filters say).
import type { EntryRef } from '@shared/circles/body';
import type { ViewPost, ViewReply } from '@shared/circles/view';

export type FoundEntry = { readonly kind: 'post'; readonly post: ViewPost } | { readonly kind: 'reply'; readonly reply: ViewReply; readonly post: ViewPost };

export function findEntry(posts: readonly ViewPost[], ref: EntryRef): FoundEntry | null {
  for (const post of posts) {
    if (post.ref.author === ref.author && post.ref.entryId === ref.entryId) return { kind: 'post', post };
    const reply = post.replies.find((candidate) => candidate.ref.author === ref.author && candidate.ref.entryId === ref.entryId);
    if (reply) return { kind: 'reply', reply, post };
  }
  return null;
}

/** A short plain excerpt of what was shared, for quoting in a report. */
export function excerptOf(entry: FoundEntry, max = 280): string {
  const text = entry.kind === 'reply' ? entry.reply.text : (entry.post.fields.note ?? [...(entry.post.fields.emotions ?? []), ...(entry.post.fields.activities ?? [])].join(', '));
  const clean = text.trim();
  if (clean === '') return 'A check-in with no note.';
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
