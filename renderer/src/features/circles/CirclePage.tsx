// A circle's page (#/circles?circle=<id>): its name, charter and honest sync status; the charter gate before
// taking part; posts (newest first) with replies and reactions; members with fingerprints; and, for
// facilitators, the panel for invites, join requests and removing members.
import { useEffect, useState, type ReactNode } from 'react';
import { ArrowLeft, MessagesSquare } from 'lucide-react';
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
  return (
    <section className="view view--wide circles circle-page" aria-labelledby="circle-title">
      {back}
      <header className="view__header circle-page__header">
        <div>
          <h1 id="circle-title" tabIndex={-1}>
            {circleName(circle)}
          </h1>
          <p className="view__subtitle">
            {circle.record.role === 'facilitator' ? 'You facilitate this circle' : 'You are a member'} as “{circle.record.pseudonym}”
          </p>
        </div>
      </header>
      {open && (
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
          {open && <CharterSection circle={circle} session={session} />}
          <section className="circle-posts" aria-labelledby="posts-title">
            <h2 id="posts-title">Shared in this circle</h2>
            {!open ? (
              <p className="muted" aria-busy="true">
                Opening…
              </p>
            ) : open.posts.length === 0 ? (
              <div className="card">
                <EmptyState icon={<MessagesSquare aria-hidden="true" />} title="Nothing shared yet">
                  <p>When someone shares a check-in, it appears here.</p>
                </EmptyState>
              </div>
            ) : (
              <div className="circle-posts__list">
                {open.posts.map((post) => (
                  <PostCard key={`${post.ref.author}/${post.ref.entryId}`} post={post} actions={{ session, canTakePart: !open.needsCharterAcceptance, now }} />
                ))}
              </div>
            )}
          </section>
        </div>
        <aside className="circle-page__side">
          {open && <MemberList circle={circle} members={open.members} online={open.online} />}
          {circle.desk && session && <FacilitatorPanel circle={circle} />}
        </aside>
      </div>
    </section>
  );
}

function CharterSection({ circle, session }: { circle: CircleSnapshot; session: CircleSession | null }): ReactNode {
  const { notify } = useToasts();
  const [accepting, setAccepting] = useState(false);
  const open = circle.open;
  if (!open) return null;
  if (open.charter === null) {
    return <p className="notice">This circle’s charter hasn’t arrived on this device yet. It will once another member is online.</p>;
  }
  if (open.needsCharterAcceptance) {
    return (
      <section className="card charter-gate" aria-labelledby="charter-gate-title">
        <h2 id="charter-gate-title">Accept the charter to take part</h2>
        <p className="muted">You can read what’s shared here now. Before you reply, react or share, please read the circle’s charter.</p>
        <pre className="charter__text">{open.charter}</pre>
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
          I accept the charter
        </button>
      </section>
    );
  }
  return (
    <details className="card charter">
      <summary>Charter</summary>
      <pre className="charter__text">{open.charter}</pre>
    </details>
  );
}
