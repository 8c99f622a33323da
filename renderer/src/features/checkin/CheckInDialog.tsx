// The check-in dialog: a native modal <dialog> (focus trapped, Esc to close) around the form, with a
// gentle "discard your changes?" step instead of losing what someone wrote.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { X } from 'lucide-react';
import type { CheckIn } from '@shared/journal/checkIn';
import { useServices } from '../../app/services';
import { useSettings } from '../../app/settings';
import { useToasts } from '../../app/toasts';
import { CheckInForm } from './CheckInForm';
import { emptyForm, formFromCheckIn, isDirty, toDraft, type FormState } from './draft';
import { addLabel } from './draft';
import { publishOpenDraft, type KeptDraft } from './keptDraft';

export interface CheckInDialogProps {
  /** The check-in being edited, or null for a new one. */
  readonly editing: CheckIn | null;
  readonly onClose: () => void;
  /** Unsaved work kept when Hearth locked, given back after unlocking. */
  readonly restored?: KeptDraft | undefined;
}

export function CheckInDialog({ editing, onClose, restored }: CheckInDialogProps): ReactNode {
  const { journal } = useServices();
  const { settings, update } = useSettings();
  const { notify } = useToasts();
  const dialog = useRef<HTMLDialogElement>(null);
  const [initial] = useState<FormState>(() => restored?.initial ?? (editing ? formFromCheckIn(editing) : emptyForm()));
  const [form, setForm] = useState<FormState>(restored?.form ?? initial);
  const [error, setError] = useState<{ field: string; message: string } | null>(null);
  const [confirmingDiscard, setConfirmingDiscard] = useState(false);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    element.showModal();
    const firstMood = element.querySelector<HTMLInputElement>('input[type="radio"]:checked') ?? element.querySelector<HTMLInputElement>('input[type="radio"]');
    firstMood?.focus();
  }, []);

  // If Hearth locks while this is open, the lock reads what isn't saved yet and keeps it, sealed.
  const latest = useRef({ form, initial, editing });
  useEffect(() => {
    latest.current = { form, initial, editing };
  });
  useEffect(() => {
    publishOpenDraft(() => {
      const now = latest.current;
      return isDirty(now.form, now.initial) ? { editing: now.editing, initial: now.initial, form: now.form } : null;
    });
    return () => publishOpenDraft(null);
  }, []);

  const requestClose = (): void => {
    if (isDirty(form, initial)) setConfirmingDiscard(true);
    else onClose();
  };

  const save = async (): Promise<void> => {
    if (saving) return;
    const result = toDraft(form);
    if (!result.ok) {
      setError({ field: result.field, message: result.message });
      dialog.current?.querySelector<HTMLElement>(result.field === 'mood' ? 'input[type="radio"]' : '[aria-invalid="true"]')?.focus();
      return;
    }
    setSaving(true);
    try {
      if (editing) await journal.update(editing.id, result.draft);
      else await journal.create(result.draft);
      notify({ message: editing ? 'Check-in updated.' : 'Check-in saved. Thank you for checking in.' });
      onClose();
    } catch (problem) {
      setSaving(false);
      setError({ field: 'save', message: problem instanceof Error ? problem.message : 'Saving did not work. Your words are still here; try again.' });
    }
  };

  const title = editing ? 'Edit check-in' : 'New check-in';

  return (
    <dialog
      ref={dialog}
      className="dialog checkin-dialog"
      aria-labelledby="checkin-dialog-title"
      onCancel={(event) => {
        event.preventDefault();
        requestClose();
      }}
    >
      <div className="dialog__header">
        <h2 id="checkin-dialog-title">{title}</h2>
        <button type="button" className="button button--quiet button--icon" aria-label="Close" onClick={requestClose}>
          <X aria-hidden="true" />
        </button>
      </div>
      <div className="dialog__body">
        <CheckInForm
          form={form}
          onChange={(next) => {
            setForm(next);
            if (error && error.field !== 'save') setError(null);
          }}
          activities={settings.activities}
          customEmotions={settings.customEmotions}
          error={error}
          onAddActivity={(label) => void update((current) => ({ activities: addLabel(current.activities, label) }))}
          onAddEmotion={(label) => void update((current) => ({ customEmotions: addLabel(current.customEmotions, label) }))}
          onSubmit={() => void save()}
        />
      </div>
      <div className="dialog__footer">
        {confirmingDiscard ? (
          <div className="discard" role="alertdialog" aria-label="Discard changes?">
            <span>Discard what you wrote?</span>
            <button type="button" className="button" ref={(element) => element?.focus()} onClick={() => setConfirmingDiscard(false)}>
              Keep editing
            </button>
            <button type="button" className="button button--danger" onClick={onClose}>
              Discard
            </button>
          </div>
        ) : (
          <>
            {error?.field === 'save' && (
              <p className="field-error footer-error" role="alert">
                {error.message}
              </p>
            )}
            <span className="footer-hint muted">
              <kbd className="kbd">Ctrl</kbd> + <kbd className="kbd">Enter</kbd> to save
            </span>
            <button type="button" className="button" onClick={requestClose}>
              Cancel
            </button>
            <button type="button" className="button button--primary" disabled={saving} onClick={() => void save()}>
              {editing ? 'Save changes' : 'Save check-in'}
            </button>
          </>
        )}
      </div>
    </dialog>
  );
}
