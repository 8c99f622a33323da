// For facilitators: change the circle's name and charter. Members are asked to read and accept the new wording
// before they take part again.
import { useId, useState, type ReactNode } from 'react';
import { BODY_LIMITS } from '@shared/circles/body';
import { useToasts } from '../../app/toasts';
import type { CircleSession } from '../../circles/engine/circleSession';
import { CircleDialog } from '../circles/CircleDialog';
import './moderation.css';

export function CharterEditor({ session, name, charter, onClose }: { session: CircleSession; name: string; charter: string; onClose: () => void }): ReactNode {
  const id = useId();
  const { notify } = useToasts();
  const [draftName, setDraftName] = useState(name);
  const [draft, setDraft] = useState(charter);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async (): Promise<void> => {
    if (saving) return;
    if (draftName.trim() === '') {
      setError('Give the circle a name.');
      return;
    }
    if (draft.trim() === '') {
      setError('Write a few guidelines, so members know what the circle is for.');
      return;
    }
    if (draftName.trim() === name && draft === charter) {
      onClose();
      return;
    }
    setSaving(true);
    const outcome = await session.updateCircleInfo(draftName.trim(), draft);
    setSaving(false);
    if (!outcome.ok) {
      setError(outcome.message);
      return;
    }
    notify({ message: draft === charter ? 'Circle renamed.' : 'Charter updated. Members will be asked to read and accept it before they post again.' });
    onClose();
  };

  return (
    <CircleDialog
      title="Edit the circle’s charter"
      titleId={`${id}-title`}
      onClose={onClose}
      footer={
        <>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button button--primary" disabled={saving} onClick={() => void save()}>
            {saving ? 'Saving…' : 'Save changes'}
          </button>
        </>
      }
    >
      <form
        className="circle-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <div className="field">
          <label className="field__label" htmlFor={`${id}-name`}>
            Circle name
          </label>
          <input id={`${id}-name`} className="input" value={draftName} maxLength={BODY_LIMITS.nameLength} autoComplete="off" onChange={(event) => { setDraftName(event.target.value); setError(null); }} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-charter`}>
            Charter
          </label>
          <p className="field__hint" id={`${id}-hint`}>
            When you change the charter, every member sees what changed and accepts it before they post or reply again.
          </p>
          <textarea
            id={`${id}-charter`}
            className="textarea circle-form__charter"
            rows={12}
            value={draft}
            maxLength={BODY_LIMITS.charterLength}
            aria-describedby={`${id}-hint`}
            onChange={(event) => { setDraft(event.target.value); setError(null); }}
          />
        </div>
        <button type="submit" hidden />
      </form>
    </CircleDialog>
  );
}
