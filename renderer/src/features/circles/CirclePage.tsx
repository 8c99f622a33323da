// A circle's page (#/circles?circle=<id>): its name, charter and honest sync status; the charter gate before
// taking part; posts (newest first) with replies and reactions; members with fingerprints; and, for
// facilitators, the panel for invites, join requests and removing members.
import { useEffect, useState, type ReactNode } from 'react';
import { ArrowLeft, MessagesSquare } from 'lucide-react';
import { readerView } from '@shared/circles/readerView';
import { useSettings } from '../../app/settings';
import { CareNote, HiddenByFacilitatorNote, HiddenLine, ReportsWaiting } from '../moderation/CirclePageParts';
import { CharterChanges } from '../moderation/CharterChanges';
import { CharterEditor } from '../moderation/CharterEditor';
import { MyReports } from '../moderation/MyReports';
import { ReportsQueue } from '../moderation/ReportsQueue';
import { useToasts } from '../../app/toasts';
import { EmptyState } from '../../ui/EmptyState';
import type { CircleSession } from '../../circles/engine/circleSession';
import type { CircleSnapshot } from './circlesService';
import { useCircles } from './CirclesProvider';
import { FacilitatorPanel } from './FacilitatorPanel';
import { MemberList } from './MemberList';
import { circleName, statusPhrases } from './model';
import { PostCard } from './PostCard';
import { useNow } from './useNow';

export function CirclePage({ circleId }: { circleId: string }): ReactNode {
  const { service, snapshot } = useCircles();
  const [session, setSession] = useState<CircleSession | null>(null);
  const now = useNow();
  const { settings } = useSettings();
  const circle = snapshot.circles.find((candidate) => candidate.circleId === circleId);

  useEffect(() => {
    if (!service || snapshot.phase !== 'ready') return;
    let current = true;
    void service.session(circleId).then((opened) => {
      if (current && opened.ok) setSession(opened.value);
    });
    return () => {
      current = false;
    };
  }, [service, snapshot.phase, circleId]);

  const back = (
    <a className="circle-page__back" href="#/circles">
      <ArrowLeft aria-hidden="true" /> All circles
    </a>
  );

  if (!circle) {
    const loading = snapshot.phase === 'starting' || (snapshot.phase === 'ready' && snapshot.circles.length === 0 && service === null);
    return (
      <section className="view circles" aria-labelledby="circle-title">
        {back}
        <h1 id="circle-title" tabIndex={-1}>
          {loading ? 'Opening the circle…' : 'This circle isn’t on this device'}
        </h1>
        {snapshot.phase === 'unavailable' && <p className="notice notice--error">{snapshot.message}</p>}
      </section>
    );
  }

  const open = circle.open;
  // What this reader sees: muted members gone, warned posts shown, blurred or left out as they chose.
  const reader = open ? readerView(open.posts, { me: session?.me ?? '', muted: open.moderation.muted, preferences: settings.contentWarnings }) : null;
  const facilitating = circle.desk !== null && session !== null;
  return (
    <section className="view view--wide circles circle-page" aria-labelledby="circle-title">
      {back}
      <header className="view__header circle-page__header">
        <div>
          <h1 id="circle-title" tabIndex={-1}>
            {circleName(circle)}
          </h1>
          <p className="view__subtitle">
            {circle.record.removed ? 'You were a member' : circle.record.role === 'facilitator' ? 'You facilitate this circle' : 'You are a member'} as “{circle.record.pseudonym}”
          </p>
        </div>
        {facilitating && open && <ReportsWaiting count={open.moderation.queue.length} />}
      </header>
      {open?.removed && <RemovedNote />}
      {open && !open.removed && (
        <p className="circle-page__status" role="status">
          <span className={`status-dot${open.status.peers > 0 ? ' status-dot--online' : ''}`} aria-hidden="true" />
          {statusPhrases(open.status, now).join(' · ')}
        </p>
      )}
      {circle.openProblem && (
        <p className="notice notice--error" role="alert">
          {circle.openProblem}
        </p>
      )}
      {open?.problem && <p className="notice">{open.problem}</p>}

      <div className="circle-page__layout">
        <div className="circle-page__main">
          {open && !open.removed && <CharterSection circle={circle} session={session} />}
          {open && session && <HiddenByFacilitatorNote hidden={open.moderation.hiddenFromMe} />}
          {open && session && !open.removed && !open.needsCharterAcceptance && open.moderation.careNoteDue && <CareNote session={session} />}
          <section className="circle-posts" aria-labelledby="posts-title">
            <h2 id="posts-title">Shared in this circle</h2>
            {reader && reader.hiddenCount > 0 && <HiddenLine count={reader.hiddenCount} topics={reader.hiddenTopics} />}
            {!open || !reader ? (
              <p className="muted" aria-busy="true">
                Opening…
              </p>
            ) : reader.posts.length === 0 ? (
              <div className="card">
                <EmptyState icon={<MessagesSquare aria-hidden="true" />} title={open.removed ? 'Nothing to show' : open.posts.length === 0 ? 'Nothing shared yet' : 'Nothing to show with your settings'}>
                  <p>{open.removed ? 'Nothing from this circle is left to show on this device.' : open.posts.length === 0 ? 'When someone shares a check-in, it appears here.' : 'Posts may be hidden by your content settings or because you muted someone.'}</p>
                </EmptyState>
              </div>
            ) : (
              <div className="circle-posts__list">
                {reader.posts.map(({ post, treatment }) => (
                  <PostCard key={`${post.ref.author}/${post.ref.entryId}`} post={post} treatment={treatment} actions={{ session, canTakePart: !open.needsCharterAcceptance && !open.removed, removed: open.removed !== null, now }} />
                ))}
              </div>
            )}
          </section>
        </div>
        <aside className="circle-page__side">
          {/* Waiting reports come first; an empty queue sits quietly below the members. */}
          {open && facilitating && session && open.moderation.queue.length > 0 && <ReportsQueue circleId={circle.circleId} session={session} queue={open.moderation.queue} posts={open.posts} now={now} />}
          {open && <MemberList circle={circle} members={open.members} online={open.online} muted={open.moderation.muted} session={session} facilitator={circle.record.role === 'facilitator'} />}
          {open && facilitating && session && open.moderation.queue.length === 0 && <ReportsQueue circleId={circle.circleId} session={session} queue={open.moderation.queue} posts={open.posts} now={now} />}
          {open && <MyReports reports={open.moderation.myReports} now={now} />}
          {circle.desk && session && <FacilitatorPanel circle={circle} />}
        </aside>
      </div>
    </section>
  );
}

/** Told once the circle moved on without this device: calm, plain, and nothing to do. */
function RemovedNote(): ReactNode {
  return (
    <section className="card removed-note" aria-labelledby="removed-note-title">
      <h2 id="removed-note-title">You are no longer part of this circle</h2>
      <p>A facilitator removed you from this circle, so it has moved on to new keys without this device. What you already received stays here for you to read. Nothing new will arrive, and you can’t post or reply here any more.</p>
      <p className="muted">Your journal is unaffected. If this is unexpected or hard to take in, it may help to talk it over with someone you trust.</p>
    </section>
  );
}

function CharterSection({ circle, session }: { circle: CircleSnapshot; session: CircleSession | null }): ReactNode {
  const { notify } = useToasts();
  const [accepting, setAccepting] = useState(false);
  const [editing, setEditing] = useState(false);
  const open = circle.open;
  if (!open) return null;
  if (open.charter === null) {
    return <p className="notice">This circle’s charter hasn’t arrived on this device yet. It will once another member is online.</p>;
  }
  const charter = open.charter;
  if (open.needsCharterAcceptance) {
    const changed = open.moderation.charterChanged;
    const before = open.moderation.previousCharter;
    return (
      <section className="card charter-gate" aria-labelledby="charter-gate-title">
        <h2 id="charter-gate-title">{changed ? 'The charter has changed' : 'Accept the charter to take part'}</h2>
        <p className="muted">
          {changed
            ? 'A facilitator updated this circle’s guidelines. You can keep reading. Before you post, reply or react again, please read what changed and accept the new version.'
            : 'You can read what’s shared here now. Before you reply, react or share, please read the circle’s charter.'}
        </p>
        {changed && before !== null && <CharterChanges before={before} after={charter} />}
        {changed ? (
          <details>
            <summary>The whole charter</summary>
            <pre className="charter__text">{charter}</pre>
          </details>
        ) : (
          <pre className="charter__text">{charter}</pre>
        )}
        <p className="muted">Peer support is not a substitute for professional care. If you are in crisis, Hearth’s Support page (F1) lists crisis lines you can call now.</p>
        <button
          type="button"
          className="button button--primary"
          disabled={accepting || !session}
          onClick={() => {
            if (!session) return;
            setAccepting(true);
            void session.acceptCharter().then((outcome) => {
              setAccepting(false);
              if (!outcome.ok) notify({ message: outcome.message, tone: 'error' });
            });
          }}
        >
          {changed ? 'I accept the new charter' : 'I accept the charter'}
        </button>
      </section>
    );
  }
  return (
    <>
      <details className="card charter">
        <summary>Charter</summary>
        <pre className="charter__text">{charter}</pre>
        {circle.desk && session && (
          <button type="button" className="button button--small charter__edit" onClick={() => setEditing(true)}>
            Edit name and charter
          </button>
        )}
      </details>
      {editing && session && <CharterEditor session={session} name={open.name ?? ''} charter={charter} onClose={() => setEditing(false)} />}
    </>
  );
}
