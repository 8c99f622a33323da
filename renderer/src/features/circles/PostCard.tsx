// One shared check-in in a circle: who shared it and when, exactly the fields they chose, a content warning
// that keeps the post covered until opened on purpose, one level of replies, and supportive reactions.
import { useId, useRef, useState, type ReactNode } from 'react';
import { reactionEntryId } from '@shared/circles/envelope';
import { REACTIONS, type EntryRef, type Reaction } from '@shared/circles/body';
import type { ReactionCounts, ViewPost, ViewReply } from '@shared/circles/view';
import { useToasts } from '../../app/toasts';
import type { CircleSession } from '../../circles/engine/circleSession';
import { TAKE_BACK_NOTE, TakeBackConfirm } from '../share/TakeBack';
import { avatarColour, REACTION_LABELS, timeAgo } from './model';
import { PostContent } from './PostContent';
import { TOPIC_LABELS, warningTopics, warningWords, type WarningChoice } from '@shared/circles/readerPreferences';
import { excerptOf } from '../moderation/content';
import { ReportDialog, type ReportTarget } from '../moderation/ReportDialog';
import { TopicChoice } from '../moderation/TopicChoice';
import { CrisisOffer } from '../safety';

export interface PostActions {
  readonly session: CircleSession | null;
  /** False until this person has accepted the charter: reading is fine, taking part waits. */
  readonly canTakePart: boolean;
  /** True once this device was removed from the circle: reading what it has, nothing more. */
  readonly removed?: boolean;
  readonly now: number;
}

/** The little report button under a post or reply, and its dialog. */
function ReportButton({ session, target }: { session: CircleSession | null; target: ReportTarget }): ReactNode {
  const [open, setOpen] = useState(false);
  if (!session || target.ref.author === session.me) return null;
  return (
    <>
      <button type="button" className="link-button" onClick={() => setOpen(true)}>
        Report{target.kind === 'reply' ? ' reply' : ''}
      </button>
      {open && <ReportDialog session={session} target={target} onClose={() => setOpen(false)} />}
    </>
  );
}

export function Avatar({ keyId, pseudonym }: { keyId: string; pseudonym: string }): ReactNode {
  return (
    <span className="avatar" aria-hidden="true" style={{ background: avatarColour(keyId) }}>
      {(pseudonym.trim()[0] ?? '?').toLocaleUpperCase()}
    </span>
  );
}

function When({ at, now }: { at: number; now: number }): ReactNode {
  return (
    <time className="post__time muted" dateTime={new Date(at).toISOString()} title={new Date(at).toLocaleString()}>
      {timeAgo(at, now)}
    </time>
  );
}

export function PostCard({ post, actions, treatment = 'blur' }: { post: ViewPost; actions: PostActions; treatment?: Exclude<WarningChoice, 'hide'> }): ReactNode {
  const { notify } = useToasts();
  const [revealed, setRevealed] = useState(false);
  const [changingTopics, setChangingTopics] = useState(false);
  const showButton = useRef<HTMLButtonElement>(null);
  const coverButton = useRef<HTMLButtonElement>(null);
  const [takingBack, setTakingBack] = useState(false);
  const [retracting, setRetracting] = useState(false);
  const takeBackButton = useRef<HTMLButtonElement>(null);
  const covered = post.contentWarning !== undefined && treatment === 'blur' && !revealed;
  const topics = post.contentWarning ? warningTopics(post.contentWarning) : [];
  const isMe = actions.session?.me === post.author.keyId;
  const takeBack = async (): Promise<void> => {
    const session = actions.session;
    if (!session || retracting) return;
    setRetracting(true);
    const outcome = await session.retract(post.ref);
    setRetracting(false);
    if (!outcome.ok) {
      notify({ message: outcome.message, tone: 'error' });
      return;
    }
    // Tell the truth about copies already delivered; the post itself disappears from this view.
    notify({ message: `Taken back. ${TAKE_BACK_NOTE}` });
  };
  return (
    <article className="card post" aria-label={`Shared by ${post.author.pseudonym}`}>
      <header className="post__header">
        <Avatar keyId={post.author.keyId} pseudonym={post.author.pseudonym} />
        <span className="post__author">
          {post.author.pseudonym}
          {isMe && <span className="muted"> (you)</span>}
        </span>
        <When at={post.sharedAt} now={actions.now} />
        {isMe && (
          <button ref={takeBackButton} type="button" className="button button--quiet button--small" aria-expanded={takingBack} onClick={() => setTakingBack((open) => !open)}>
            Take it back
          </button>
        )}
      </header>
      {takingBack && (
        <TakeBackConfirm
          from="this circle"
          busy={retracting}
          onCancel={() => {
            setTakingBack(false);
            takeBackButton.current?.focus();
          }}
          onConfirm={() => void takeBack()}
        />
      )}
      {covered && post.contentWarning ? (
        <div className="post__covered">
          <div className="post__blur" aria-hidden="true" />
          {/* Opens only on a deliberate click (or Enter/Space on the focused button), never on hover or focus. */}
          <button
            ref={showButton}
            type="button"
            className="button"
            onClick={() => {
              setRevealed(true);
              requestAnimationFrame(() => coverButton.current?.focus());
            }}
          >
            Show post (content warning: {warningWords(post.contentWarning)})
          </button>
        </div>
      ) : (
        <div className="post__body">
          <PostContent fields={post.fields} contentWarning={post.contentWarning} />
          <Reactions target={post.ref} counts={post.reactions} mine={post.myReaction} actions={actions} />
          {post.replies.length > 0 && (
            <ul className="post__replies" role="list" aria-label="Replies">
              {post.replies.map((reply) => (
                <ReplyItem key={reply.ref.entryId} reply={reply} actions={actions} />
              ))}
            </ul>
          )}
          <ReplyBox parent={post.ref} actions={actions} />
        </div>
      )}
      <div className="post__tools">
        {post.contentWarning && treatment === 'blur' && revealed && (
          <button
            ref={coverButton}
            type="button"
            className="link-button"
            onClick={() => {
              setRevealed(false);
              requestAnimationFrame(() => showButton.current?.focus());
            }}
          >
            Cover post again
          </button>
        )}
        {topics.length > 0 && (
          <button type="button" className="link-button" aria-expanded={changingTopics} onClick={() => setChangingTopics((open) => !open)}>
            Change how I see {topics.map((topic) => TOPIC_LABELS[topic]).join(' and ')} posts
          </button>
        )}
        <ReportButton session={actions.session} target={{ ref: post.ref, kind: 'post', authorName: post.author.pseudonym, excerpt: post.contentWarning ? `A post with a content warning (${warningWords(post.contentWarning)}). It is not shown here.` : excerptOf({ kind: 'post', post }) }} />
      </div>
      {changingTopics && (
        <div className="topic-change" role="group" aria-label="How I see posts like this">
          {topics.map((topic) => (
            <div key={topic} className="topic-change__row">
              <span>Posts about {TOPIC_LABELS[topic]}</span>
              <TopicChoice topic={topic} label={`Posts about ${TOPIC_LABELS[topic]}`} />
            </div>
          ))}
          <p className="muted">
            Only you see this choice. <a href="#/settings">All content settings</a>
          </p>
        </div>
      )}
    </article>
  );
}

function ReplyItem({ reply, actions }: { reply: ViewReply; actions: PostActions }): ReactNode {
  return (
    <li className="reply">
      <Avatar keyId={reply.author.keyId} pseudonym={reply.author.pseudonym} />
      <div className="reply__content">
        <p className="reply__header">
          <span className="post__author">{reply.author.pseudonym}</span> <When at={reply.claimedAt} now={actions.now} />
        </p>
        <p className="reply__text">{reply.text}</p>
        <Reactions target={reply.ref} counts={reply.reactions} mine={reply.myReaction} actions={actions} small />
        <ReportButton session={actions.session} target={{ ref: reply.ref, kind: 'reply', authorName: reply.author.pseudonym, excerpt: reply.text }} />
      </div>
    </li>
  );
}

function Reactions({ target, counts, mine, actions, small }: { target: EntryRef; counts: ReactionCounts; mine: Reaction | undefined; actions: PostActions; small?: boolean }): ReactNode {
  const { notify } = useToasts();
  const [busy, setBusy] = useState(false);
  const toggle = async (reaction: Reaction): Promise<void> => {
    const session = actions.session;
    if (!session || busy) return;
    setBusy(true);
    const outcome = mine === reaction ? await session.retract({ author: session.me, entryId: await reactionEntryId(target) }) : await session.react(target, reaction);
    setBusy(false);
    if (!outcome.ok) notify({ message: outcome.message, tone: 'error' });
  };
  return (
    <div className={`reactions${small ? ' reactions--small' : ''}`} role="group" aria-label="Reactions">
      {REACTIONS.map((reaction) => (
        <button
          key={reaction}
          type="button"
          className="reaction"
          aria-pressed={mine === reaction}
          disabled={!actions.canTakePart || busy}
          onClick={() => void toggle(reaction)}
        >
          <span>{REACTION_LABELS[reaction]}</span>
          {counts[reaction] > 0 && <span className="reaction__count">{counts[reaction]}</span>}
        </button>
      ))}
    </div>
  );
}

function ReplyBox({ parent, actions }: { parent: EntryRef; actions: PostActions }): ReactNode {
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  if (actions.removed === true) return null;
  if (!actions.canTakePart) return <p className="muted reply-box__paused">Replies are paused until you accept the circle’s charter above.</p>;
  const send = async (): Promise<void> => {
    const session = actions.session;
    if (!session || sending) return;
    if (text.trim() === '') {
      setError('Write a reply first.');
      return;
    }
    setSending(true);
    const outcome = await session.reply(parent, text.trim());
    setSending(false);
    if (!outcome.ok) setError(outcome.message);
    else setText('');
  };
  return (
    <>
      <form
        className="reply-box"
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        <label className="visually-hidden" htmlFor={`${id}-reply`}>
          Reply
        </label>
        <textarea
          id={`${id}-reply`}
          className="textarea reply-box__input"
          rows={1}
          placeholder="Write a kind reply…"
          value={text}
          maxLength={4_000}
          onChange={(event) => {
            setText(event.target.value);
            setError(null);
          }}
        />
        <button type="submit" className="button button--small" disabled={sending}>
          Reply
        </button>
        {error && (
          <p className="field-error reply-box__error" role="alert">
            {error}
          </p>
        )}
      </form>
      {/* The same gentle, on-device offer as under a journal note; it never stops the reply. */}
      <CrisisOffer text={text} />
    </>
  );
}
