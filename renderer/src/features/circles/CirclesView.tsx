// Circles (#/circles): what a circle is, my circles with an honest sync status, joins in progress, and the
// way in (create or join). With ?circle=<id> it shows that circle's page.
import { useState, type ReactNode } from 'react';
import { KeyRound, Plus, Users } from 'lucide-react';
import { replaceParams, useRoute } from '../../app/router';
import { EmptyState } from '../../ui/EmptyState';
import { plural } from '../../ui/format';
import type { JoinView } from '../../circles/engine/joiner';
import { CirclePage } from './CirclePage';
import { useCircles } from './CirclesProvider';
import type { CircleSnapshot } from './circlesService';
import { CreateCircleDialog } from './CreateCircleDialog';
import { JoinDialog } from './JoinDialog';
import { Fingerprint } from './MemberList';
import { circleName, JOIN_STATE_LABELS, statusPhrases } from './model';
import { useNow } from './useNow';
import './circles.css';

export default function CirclesView(): ReactNode {
  const { params } = useRoute();
  const circleId = params.get('circle');
  const joinLink = params.get('join') ?? undefined;
  return circleId ? <CirclePage key={circleId} circleId={circleId} /> : <CircleList key={joinLink} joinLink={joinLink} />;
}

/** `joinLink` (#/circles?join=<link>): an invite link opened from outside the app, shown in the Join dialog. */
function CircleList({ joinLink }: { joinLink?: string | undefined }): ReactNode {
  const { snapshot } = useCircles();
  const [dialog, setDialog] = useState<'create' | 'join' | null>(joinLink === undefined ? null : 'join');
  const now = useNow();
  const ready = snapshot.phase === 'ready';
  const closeDialog = (): void => {
    setDialog(null);
    if (joinLink !== undefined) replaceParams({});
  };

  return (
    <section className="view circles" aria-labelledby="circles-title">
      <header className="view__header">
        <div>
          <h1 id="circles-title" tabIndex={-1}>
            Circles
          </h1>
          <p className="view__subtitle">Small, trusted groups for peer support.</p>
        </div>
        <div className="circles__actions">
          <button type="button" className="button" disabled={!ready} onClick={() => setDialog('join')}>
            <KeyRound aria-hidden="true" /> Join with an invite code
          </button>
          <button type="button" className="button button--primary" disabled={!ready} onClick={() => setDialog('create')}>
            <Plus aria-hidden="true" /> Create a circle
          </button>
        </div>
      </header>

      <div className="card circles-intro">
        <p>
          A circle is a small group of people you trust, such as a peer-support group. When you choose to, you can share a check-in with
          your circle, and read, reply to and support what others share. Circles sync directly between members’ devices; no server keeps
          anyone’s words.
        </p>
        <p className="muted">Peer support is not a substitute for professional care.</p>
      </div>

      {snapshot.phase === 'unavailable' && (
        <div className="notice notice--error" role="alert">
          <p>{snapshot.message}</p>
        </div>
      )}
      {snapshot.damaged.map((damaged) => (
        <div key={damaged.id} className="notice notice--error" role="alert">
          <p>{damaged.message}</p>
        </div>
      ))}

      {snapshot.joins.length > 0 && (
        <section className="circles-section" aria-labelledby="joins-title">
          <h2 id="joins-title">Joining</h2>
          <ul className="circles-list" role="list">
            {snapshot.joins.map((join) => (
              <JoinItem key={join.joinId} join={join} />
            ))}
          </ul>
        </section>
      )}

      <section className="circles-section" aria-labelledby="my-circles-title">
        <h2 id="my-circles-title">Your circles</h2>
        {snapshot.phase === 'starting' ? (
          <p className="muted" aria-busy="true">
            Opening your circles…
          </p>
        ) : snapshot.circles.length === 0 ? (
          <div className="card">
            <EmptyState icon={<Users aria-hidden="true" />} title="You’re not in a circle yet">
              <p>Create one for a group you facilitate, or join with an invite code someone gave you.</p>
            </EmptyState>
          </div>
        ) : (
          <ul className="circles-list" role="list">
            {snapshot.circles.map((circle) => (
              <CircleItem key={circle.circleId} circle={circle} now={now} />
            ))}
          </ul>
        )}
      </section>

      {dialog === 'create' && <CreateCircleDialog onClose={closeDialog} />}
      {dialog === 'join' && ready && <JoinDialog onClose={closeDialog} fromLink={joinLink} />}
    </section>
  );
}

function CircleItem({ circle, now }: { circle: CircleSnapshot; now: number }): ReactNode {
  const removed = circle.record.removed !== undefined;
  const role = removed ? 'No longer a member' : circle.record.role === 'facilitator' ? 'Facilitator' : 'Member';
  return (
    <li className="card circle-item">
      <a className="circle-item__link" href={`#/circles?circle=${encodeURIComponent(circle.circleId)}`}>
        <span className="circle-item__name">{circleName(circle)}</span>
      </a>
      <p className="circle-item__meta">
        <span>{role}</span>
        <span aria-hidden="true"> · </span>
        <span>
          {removed ? 'you were' : 'you are'} “{circle.record.pseudonym}”
        </span>
        {circle.open && (
          <>
            <span aria-hidden="true"> · </span>
            <span>{plural(circle.open.members.length, 'member')}</span>
          </>
        )}
      </p>
      {removed ? (
        <p className="circle-item__status muted">What you received stays readable here. Nothing new arrives.</p>
      ) : circle.open ? (
        <p className="circle-item__status muted">{statusPhrases(circle.open.status, now).join(' · ')}</p>
      ) : (
        circle.openProblem && <p className="circle-item__status field-error">{circle.openProblem}</p>
      )}
    </li>
  );
}

function JoinItem({ join }: { join: JoinView }): ReactNode {
  const { service, snapshot } = useCircles();
  const open = join.state === 'asking' || join.state === 'waiting-for-facilitator';
  return (
    <li className={`card join-item join-item--${join.state}`}>
      <div className="join-item__text">
        <p>
          <strong>{JOIN_STATE_LABELS[join.state]}</strong>
          <span className="muted"> · as “{join.pseudonym}”</span>
        </p>
        <p className="join-item__message" role={join.state === 'refused' ? 'alert' : undefined}>
          {join.message}
        </p>
        {open && snapshot.fingerprint && (
          <p className="muted">
            The facilitator may ask for your fingerprint: <Fingerprint value={snapshot.fingerprint} />
          </p>
        )}
      </div>
      <div className="join-item__actions">
        {join.state === 'joined' && join.circleId && (
          <a className="button button--small button--primary" href={`#/circles?circle=${encodeURIComponent(join.circleId)}`}>
            Open circle
          </a>
        )}
        <button type="button" className="button button--small button--quiet" onClick={() => void service?.dismissJoin(join.joinId)}>
          {open ? 'Stop asking' : 'Dismiss'}
        </button>
      </div>
    </li>
  );
}
