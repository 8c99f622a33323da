// Small pieces of the circle page for reader safety: the quiet count of hidden posts, the note to an author whose
// post a facilitator hid, the one-time note about professional care, and the facilitator's "reports waiting".
import { useState, type ReactNode } from 'react';
import { TOPIC_LABELS, type PreferenceTopic } from '@shared/circles/readerPreferences';
import type { HiddenByFacilitator } from '@shared/circles/view';
import type { CircleSession } from '../../circles/engine/circleSession';
import { plural } from '../../ui/format';
import { hiddenCountWords } from './model';
import { TopicChoice } from './TopicChoice';
import './moderation.css';

export function HiddenLine({ count, topics }: { count: number; topics: readonly PreferenceTopic[] }): ReactNode {
  return (
    <details className="hidden-line">
      <summary>{hiddenCountWords(count)}</summary>
      <div className="topic-change" role="group" aria-label="Change how I see hidden posts">
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
    </details>
  );
}

export function HiddenByFacilitatorNote({ hidden }: { hidden: readonly HiddenByFacilitator[] }): ReactNode {
  if (hidden.length === 0) return null;
  const posts = hidden.filter((item) => item.kind === 'post').length;
  const replies = hidden.length - posts;
  const what = [posts > 0 ? (posts === 1 ? 'your post' : plural(posts, 'of your posts', 'of your posts')) : null, replies > 0 ? (replies === 1 ? 'your reply' : plural(replies, 'of your replies', 'of your replies')) : null]
    .filter((part) => part !== null)
    .join(' and ');
  return (
    <p className="notice" role="status">
      A facilitator hid {what} for everyone in this circle, usually because it went against the charter. If you’re unsure why, you could ask them kindly.
    </p>
  );
}

export function CareNote({ session }: { session: CircleSession }): ReactNode {
  const [busy, setBusy] = useState(false);
  return (
    <div className="notice care-note" role="note">
      <p>
        Before you share: peer support is not a substitute for professional care. If you are in crisis, Hearth’s Support page (F1) lists crisis lines you can
        call now.
      </p>
      <button
        type="button"
        className="button button--small"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void session.readCareNote().finally(() => setBusy(false));
        }}
      >
        I understand
      </button>
    </div>
  );
}

export function ReportsWaiting({ count }: { count: number }): ReactNode {
  if (count === 0) return null;
  return (
    <button type="button" className="button button--small" onClick={() => document.getElementById('reports')?.focus()}>
      Reports
      <span className="count-badge" aria-label={`${String(count)} waiting`}>
        {count}
      </span>
    </button>
  );
}
