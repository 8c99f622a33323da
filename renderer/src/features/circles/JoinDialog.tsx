// Join with an invite code: paste the code or link, choose a pseudonym, then follow the request as it goes
// (asking → waiting for a facilitator → joined, or refused with the reason, word for word).
import { useId, useState, type ReactNode } from 'react';
import { CircleCheck, CircleX, Hourglass, LoaderCircle } from 'lucide-react';
import { useCircles } from './CirclesProvider';
import { CircleDialog } from './CircleDialog';
import { JOIN_STATE_LABELS } from './model';
import { Fingerprint } from './MemberList';

/** `fromLink` is an invite link opened from outside the app: filled in, but nothing is sent until the person asks. */
export function JoinDialog({ onClose, fromLink }: { onClose: () => void; fromLink?: string | undefined }): ReactNode {
  const { service, snapshot } = useCircles();
  const id = useId();
  const [code, setCode] = useState(fromLink ?? '');
  const [pseudonym, setPseudonym] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [joinId, setJoinId] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const join = joinId === null ? undefined : snapshot.joins.find((candidate) => candidate.joinId === joinId);

  const ask = async (): Promise<void> => {
    if (sending || !service) return;
    setSending(true);
    const started = await service.join(code, pseudonym.trim());
    setSending(false);
    if (!started.ok) {
      setError(started.message);
      return;
    }
    setError(null);
    setJoinId(started.value.joinId);
  };

  if (joinId !== null) {
    const state = join?.state ?? 'asking';
    const icon =
      state === 'joined' ? <CircleCheck aria-hidden="true" /> : state === 'refused' ? <CircleX aria-hidden="true" /> : state === 'asking' ? <LoaderCircle aria-hidden="true" className="spin" /> : <Hourglass aria-hidden="true" />;
    return (
      <CircleDialog
        title="Join a circle"
        titleId={`${id}-title`}
        onClose={onClose}
        footer={
          state === 'joined' && join?.circleId ? (
            <a className="button button--primary" href={`#/circles?circle=${encodeURIComponent(join.circleId)}`} onClick={onClose}>
              Open the circle
            </a>
          ) : (
            <button type="button" className="button" onClick={onClose}>
              {state === 'refused' ? 'Close' : 'Close — Hearth keeps asking'}
            </button>
          )
        }
      >
        <ol className="join-steps" aria-label="Progress">
          {(['asking', 'waiting-for-facilitator', 'joined'] as const).map((step) => (
            <li key={step} className={`join-steps__step${step === state ? ' join-steps__step--current' : ''}`} aria-current={step === state ? 'step' : undefined}>
              {JOIN_STATE_LABELS[step]}
            </li>
          ))}
        </ol>
        <div className={`join-state join-state--${state}`} role="status">
          {icon}
          <div>
            <p>
              <strong>{JOIN_STATE_LABELS[state]}</strong>
            </p>
            <p>{join?.message ?? 'Asking the facilitator to let you in…'}</p>
          </div>
        </div>
        {state !== 'joined' && state !== 'refused' && (
          <p className="muted join-state__note">You can close this window. The request is kept, and Hearth asks again whenever it runs, until the facilitator answers.</p>
        )}
      </CircleDialog>
    );
  }

  return (
    <CircleDialog
      title="Join a circle"
      titleId={`${id}-title`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button button--primary" disabled={sending} onClick={() => void ask()}>
            Ask to join
          </button>
        </>
      }
    >
      <form
        className="circle-form"
        onSubmit={(event) => {
          event.preventDefault();
          void ask();
        }}
      >
        {fromLink !== undefined && (
          <p className="notice">You opened an invite link, so its code is filled in below. Join only if it came from someone you trust.</p>
        )}
        <p className="muted">An invite code lets you ask to join. The facilitator still approves you, and checks your fingerprint if they want to be sure it’s you.</p>
        <p className="muted">Peer support is not a substitute for professional care. If you are in crisis, Hearth’s Support page (F1) lists crisis lines.</p>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-code`}>
            Invite code or link
          </label>
          <input
            id={`${id}-code`}
            className="input mono"
            value={code}
            autoComplete="off"
            spellCheck={false}
            placeholder="XXXX-XXXX-…"
            onChange={(event) => {
              setCode(event.target.value);
              setError(null);
            }}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-pseudonym`}>
            Your name in this circle
          </label>
          <p className="field__hint">Members see this name. It doesn’t have to be your real one.</p>
          <input
            id={`${id}-pseudonym`}
            className="input"
            value={pseudonym}
            maxLength={40}
            autoComplete="off"
            onChange={(event) => {
              setPseudonym(event.target.value);
              setError(null);
            }}
          />
        </div>
        {snapshot.fingerprint && (
          <p className="muted">
            Your fingerprint: <Fingerprint value={snapshot.fingerprint} />
          </p>
        )}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" hidden />
      </form>
    </CircleDialog>
  );
}
