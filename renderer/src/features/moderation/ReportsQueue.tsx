// For facilitators: reports waiting for a decision, each with the reported words, the reason and who sent it.
// Hide it for everyone, decide no action is needed, or remove the member; the reporter is told which.
import { useState, type ReactNode } from 'react';
import type { ViewPost } from '@shared/circles/view';
import type { ReportDecision } from '@shared/circles/report';
import { warningWords } from '@shared/circles/readerPreferences';
import { useToasts } from '../../app/toasts';
import type { CircleSession } from '../../circles/engine/circleSession';
import type { CircleReport } from '../../circles/engine/reports';
import { useCircles } from '../circles/CirclesProvider';
import { timeAgo } from '../circles/model';
import { PostContent } from '../circles/PostContent';
import { findEntry } from './content';
import { REPORT_REASON_LABELS } from './model';
import './moderation.css';

export function ReportsQueue({ circleId, session, queue, posts, now }: { circleId: string; session: CircleSession; queue: readonly CircleReport[]; posts: readonly ViewPost[]; now: number }): ReactNode {
  return (
    <section className="card reports-queue" id="reports" aria-labelledby="reports-title" tabIndex={-1}>
      <h2 id="reports-title">
        Reports
        {queue.length > 0 && (
          <span className="count-badge" aria-label={`${String(queue.length)} waiting`}>
            {queue.length}
          </span>
        )}
      </h2>
      {queue.length === 0 ? (
        <p className="muted">No reports are waiting. When a member reports a post or reply, it appears here for you and the other facilitators only.</p>
      ) : (
        <ul className="report-list" role="list">
          {queue.map((report) => (
            <ReportItem key={report.key} circleId={circleId} session={session} report={report} posts={posts} now={now} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ReportItem({ circleId, session, report, posts, now }: { circleId: string; session: CircleSession; report: CircleReport; posts: readonly ViewPost[]; now: number }): ReactNode {
  const { service } = useCircles();
  const { notify } = useToasts();
  const [busy, setBusy] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  // Warned posts stay covered here too, until the facilitator chooses to read them.
  const [revealed, setRevealed] = useState(false);
  const entry = findEntry(posts, report.target);
  const author = entry ? (entry.kind === 'post' ? entry.post.author : entry.reply.author) : null;
  const what = report.targetKind === 'post' ? 'post' : 'reply';

  const decide = async (decision: ReportDecision): Promise<void> => {
    if (busy) return;
    setBusy(true);
    if (decision === 'hidden' && entry) {
      const hidden = await session.retract(report.target);
      if (!hidden.ok) {
        setBusy(false);
        notify({ message: hidden.message, tone: 'error' });
        return;
      }
    }
    if (decision === 'member-removed') {
      const removed = await service?.desk(circleId)?.removeMember(report.target.author);
      if (!removed || !removed.ok) {
        setBusy(false);
        notify({ message: removed?.message ?? 'Removing members is not available right now. Try again after restarting Hearth.', tone: 'error' });
        return;
      }
    }
    const decided = await session.decideReport(report.key, decision);
    setBusy(false);
    if (!decided.ok) notify({ message: decided.message, tone: 'error' });
    else notify({ message: decision === 'hidden' ? `Hidden for everyone. ${report.reporter.pseudonym} is told it was reviewed.` : `Done. ${report.reporter.pseudonym} is told it was reviewed.` });
  };

  return (
    <li className="report-item" aria-label={`Report about a ${what}${author ? ` by ${author.pseudonym}` : ''}`}>
      <p className="report-item__reason">{REPORT_REASON_LABELS[report.reason]}</p>
      <p className="report-item__meta muted">
        Reported by {report.reporter.pseudonym || 'a member'} · {timeAgo(report.reportedAt, now)}
        {author ? ` · ${what} by ${author.pseudonym}` : ''}
      </p>
      {report.note && <p className="report-item__note">“{report.note}”</p>}
      {entry === null ? (
        <p className="muted">This {what} is no longer in the circle (it was taken back or hidden).</p>
      ) : entry.kind === 'post' && entry.post.contentWarning && !revealed ? (
        <div className="report-item__covered">
          <p className="muted">Content warning: {warningWords(entry.post.contentWarning)}</p>
          <button type="button" className="button button--small" onClick={() => setRevealed(true)}>
            Show the reported post
          </button>
        </div>
      ) : (
        <div className="report-form__quote">{entry.kind === 'post' ? <PostContent fields={entry.post.fields} contentWarning={entry.post.contentWarning} /> : entry.reply.text}</div>
      )}
      {confirmRemove && author ? (
        <div role="alertdialog" aria-label={`Remove ${author.pseudonym}?`} className="remove-confirm">
          <p>They keep what they already received. They will not see anything new: the circle moves to new keys that only the rest of you get. Their posts since the circle last changed keys stop being shown.</p>
          <div className="report-item__actions">
            <button type="button" className="button button--small" onClick={() => setConfirmRemove(false)}>
              Keep {author.pseudonym}
            </button>
            <button type="button" className="button button--small button--danger" disabled={busy} onClick={() => void decide('member-removed')}>
              Remove {author.pseudonym}
            </button>
          </div>
        </div>
      ) : (
        <div className="report-item__actions">
          {entry && (
            <button type="button" className="button button--small button--primary" disabled={busy} onClick={() => void decide('hidden')}>
              Hide for everyone
            </button>
          )}
          <button type="button" className="button button--small" disabled={busy} onClick={() => void decide('no-action')}>
            No action needed
          </button>
          {author && author.keyId !== session.me && (
            <button type="button" className="button button--small button--quiet" disabled={busy} onClick={() => setConfirmRemove(true)}>
              Remove {author.pseudonym}…
            </button>
          )}
        </div>
      )}
    </li>
  );
}
