// The step before a shared post is taken back: a calm question with the honest part said plainly.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import './share.css';

/** Taking back is a signed tombstone: honest devices hide the post, but nobody can unsee a copy. */
export const TAKE_BACK_NOTE = 'Members who already received it keep their copy; Hearth asks their devices to hide it.';

export function TakeBackConfirm({ from, busy, onConfirm, onCancel }: { from: string; busy: boolean; onConfirm: () => void; onCancel: () => void }): ReactNode {
  const id = useId();
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);
  return (
    <div className="take-back" role="group" aria-labelledby={`${id}-question`} aria-describedby={`${id}-note`}>
      <p>
        <strong id={`${id}-question`}>Take this back from {from}?</strong> <span id={`${id}-note`}>{TAKE_BACK_NOTE}</span>
      </p>
      <div className="take-back__actions">
        <button ref={keep} type="button" className="button button--small" onClick={onCancel}>
          Keep it shared
        </button>
        <button type="button" className="button button--small button--danger" disabled={busy} onClick={onConfirm}>
          {busy ? 'Taking it back…' : 'Take it back'}
        </button>
      </div>
    </div>
  );
}
