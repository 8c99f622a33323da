// Create a circle: its name, its charter (prefilled with a gentle default) and my pseudonym in it.
import { useId, useState, type ReactNode } from 'react';
import { useToasts } from '../../app/toasts';
import { useCircles } from './CirclesProvider';
import { CircleDialog } from './CircleDialog';
import { DEFAULT_CHARTER } from './model';

type Field = 'name' | 'charter' | 'pseudonym' | 'form';

export function CreateCircleDialog({ onClose }: { onClose: () => void }): ReactNode {
  const { service } = useCircles();
  const { notify } = useToasts();
  const id = useId();
  const [name, setName] = useState('');
  const [charter, setCharter] = useState(DEFAULT_CHARTER);
  const [pseudonym, setPseudonym] = useState('');
  const [error, setError] = useState<{ field: Field; message: string } | null>(null);
  const [saving, setSaving] = useState(false);

  const create = async (): Promise<void> => {
    if (saving || !service) return;
    const problem: { field: Field; message: string } | null =
      name.trim() === ''
        ? { field: 'name', message: 'Give the circle a name.' }
        : charter.trim() === ''
          ? { field: 'charter', message: 'Write a few guidelines, so members know what the circle is for.' }
          : pseudonym.trim() === ''
            ? { field: 'pseudonym', message: 'Choose the name you’ll use in this circle.' }
            : null;
    if (problem) {
      setError(problem);
      document.getElementById(`${id}-${problem.field}`)?.focus();
      return;
    }
    setSaving(true);
    const created = await service.createCircle({ name: name.trim(), charter, pseudonym: pseudonym.trim() });
    setSaving(false);
    if (!created.ok) {
      setError({ field: 'form', message: created.message });
      return;
    }
    notify({ message: 'Circle created. Invite people from its page.' });
    onClose();
  };

  const fieldError = (field: Field): ReactNode =>
    error?.field === field && (
      <p id={`${id}-${field}-error`} className="field-error" role="alert">
        {error.message}
      </p>
    );
  const invalid = (field: Field) => (error?.field === field ? { 'aria-invalid': true, 'aria-describedby': `${id}-${field}-error` } : {});

  return (
    <CircleDialog
      title="Create a circle"
      titleId={`${id}-title`}
      onClose={onClose}
      footer={
        <>
          {fieldError('form')}
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button button--primary" disabled={saving} onClick={() => void create()}>
            {saving ? 'Creating…' : 'Create circle'}
          </button>
        </>
      }
    >
      <form
        className="circle-form"
        onSubmit={(event) => {
          event.preventDefault();
          void create();
        }}
      >
        <div className="field">
          <label className="field__label" htmlFor={`${id}-name`}>
            Circle name
          </label>
          <input id={`${id}-name`} className="input" value={name} maxLength={80} autoComplete="off" onChange={(event) => { setName(event.target.value); setError(null); }} {...invalid('name')} />
          {fieldError('name')}
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-charter`}>
            Charter
          </label>
          <p className="field__hint" id={`${id}-charter-hint`}>
            The circle’s guidelines. Everyone reads and accepts them before they first take part.
          </p>
          <textarea
            id={`${id}-charter`}
            className="textarea circle-form__charter"
            value={charter}
            rows={10}
            maxLength={10_000}
            aria-describedby={`${id}-charter-hint`}
            onChange={(event) => { setCharter(event.target.value); setError(null); }}
            {...invalid('charter')}
          />
          {fieldError('charter')}
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-pseudonym`}>
            Your name in this circle
          </label>
          <p className="field__hint">Members see this name, not your real one unless you choose it.</p>
          <input id={`${id}-pseudonym`} className="input" value={pseudonym} maxLength={40} autoComplete="off" onChange={(event) => { setPseudonym(event.target.value); setError(null); }} {...invalid('pseudonym')} />
          {fieldError('pseudonym')}
        </div>
        <button type="submit" hidden />
      </form>
    </CircleDialog>
  );
}
