// Report a post or reply to the circle's facilitators: a reason from a fixed set and an optional note.
import { useId, useState, type ReactNode } from 'react';
import { REPORT_LIMITS, REPORT_REASONS, type ReportReason } from '@shared/circles/report';
import type { EntryRef } from '@shared/circles/body';
import { useToasts } from '../../app/toasts';
import type { CircleSession } from '../../circles/engine/circleSession';
import { CircleDialog } from '../circles/CircleDialog';
import { REPORT_REASON_LABELS } from './model';
import './moderation.css';

export interface ReportTarget {
  readonly ref: EntryRef;
  readonly kind: 'post' | 'reply';
  readonly authorName: string;
  readonly excerpt: string;
}

export function ReportDialog({ session, target, onClose }: { session: CircleSession; target: ReportTarget; onClose: () => void }): ReactNode {
  const id = useId();
  const { notify } = useToasts();
  const [reason, setReason] = useState<ReportReason | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const what = target.kind === 'post' ? 'post' : 'reply';

  const send = async (): Promise<void> => {
    if (sending) return;
    if (reason === null) {
      setError('Choose what best describes the problem.');
      document.getElementById(`${id}-reason-${REPORT_REASONS[0]}`)?.focus();
      return;
    }
    setSending(true);
    const outcome = await session.report(target.ref, target.kind, reason, note);
    setSending(false);
    if (!outcome.ok) {
      setError(outcome.message);
      return;
    }
    notify({ message: 'Report sent to the facilitators. You can see what happens under “Your reports”.' });
    onClose();
  };

  return (
    <CircleDialog
      title={`Report this ${what}`}
      titleId={`${id}-title`}
      onClose={onClose}
      footer={
        <>
          {error && (
            <p className="field-error" role="alert" id={`${id}-error`}>
              {error}
            </p>
          )}
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button button--primary" disabled={sending} onClick={() => void send()}>
            {sending ? 'Sending…' : 'Send report'}
          </button>
        </>
      }
    >
      <form
        className="report-form"
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        <p className="muted">
          Only this circle’s facilitators can read your report, and they will see it came from you. {target.authorName} is not told. Thank you for helping keep this
          circle safe.
        </p>
        <blockquote className="report-form__quote" aria-label={`The ${what} by ${target.authorName}`}>
          {target.excerpt}
        </blockquote>
        <fieldset aria-describedby={error ? `${id}-error` : undefined}>
          <legend>What is the problem?</legend>
          {REPORT_REASONS.map((candidate) => (
            <label key={candidate} className="report-form__reason">
              <input
                id={`${id}-reason-${candidate}`}
                type="radio"
                name={`${id}-reason`}
                value={candidate}
                checked={reason === candidate}
                onChange={() => {
                  setReason(candidate);
                  setError(null);
                }}
              />
              {REPORT_REASON_LABELS[candidate]}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-note`}>
            Anything the facilitators should know (optional)
          </label>
          <textarea id={`${id}-note`} className="textarea" rows={3} value={note} maxLength={REPORT_LIMITS.noteLength} onChange={(event) => setNote(event.target.value)} />
        </div>
        <button type="submit" hidden />
      </form>
    </CircleDialog>
  );
}
