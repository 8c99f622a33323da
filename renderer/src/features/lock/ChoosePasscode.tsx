// Choosing a passcode (at set-up, after a recovery-key unlock, and in Settings): the passcode twice, a
// strength meter that advises, and a plain refusal of trivially weak ones. Loaded lazily: the strength
// dictionaries are large and the lock screen itself never needs them.
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { passcodeProblem, passcodeStrength } from '@shared/vault/passcode';

export interface ChoosePasscodeProps {
  /** The button's words, e.g. "Lock my journal". */
  readonly submitLabel: string;
  readonly busy: boolean;
  readonly onChoose: (passcode: string) => void;
  /** Shown beside the buttons, e.g. "Cancel" in Settings. */
  readonly secondary?: ReactNode;
}

export default function ChoosePasscode({ submitLabel, busy, onChoose, secondary }: ChoosePasscodeProps): ReactNode {
  const id = useId();
  const [passcode, setPasscode] = useState('');
  const [again, setAgain] = useState('');
  const [shown, setShown] = useState(false);
  const [problem, setProblem] = useState<{ field: 'passcode' | 'again'; text: string } | null>(null);
  const strength = passcode === '' ? null : passcodeStrength(passcode);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (busy) return;
    const weak = passcodeProblem(passcode);
    if (weak !== null) {
      setProblem({ field: 'passcode', text: weak });
      document.getElementById(`${id}-passcode`)?.focus();
      return;
    }
    if (again !== passcode) {
      setProblem({ field: 'again', text: again === '' ? 'Type the passcode a second time, so a typo can’t lock you out.' : 'The two don’t match yet. Type the passcode again in the second field.' });
      document.getElementById(`${id}-again`)?.focus();
      return;
    }
    setProblem(null);
    onChoose(passcode);
  };

  return (
    <form className="choose-passcode" onSubmit={submit} noValidate>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-passcode`}>
          Passcode
        </label>
        <input
          id={`${id}-passcode`}
          className="input choose-passcode__input"
          type={shown ? 'text' : 'password'}
          autoComplete="new-password"
          spellCheck={false}
          value={passcode}
          aria-invalid={problem?.field === 'passcode'}
          aria-describedby={`${id}-meter ${id}-passcode-hint${problem?.field === 'passcode' ? ` ${id}-problem` : ''}`}
          onChange={(event) => {
            setPasscode(event.target.value);
            if (problem?.field === 'passcode') setProblem(null);
          }}
        />
        <p id={`${id}-passcode-hint`} className="field__hint">
          At least 8 characters. A few unrelated words together are strong and easy to remember.
        </p>
      </div>
      <StrengthMeter id={`${id}-meter`} strength={strength} />

      <div className="field">
        <label className="field__label" htmlFor={`${id}-again`}>
          Passcode again
        </label>
        <input
          id={`${id}-again`}
          className="input choose-passcode__input"
          type={shown ? 'text' : 'password'}
          autoComplete="new-password"
          spellCheck={false}
          value={again}
          aria-invalid={problem?.field === 'again'}
          aria-describedby={problem?.field === 'again' ? `${id}-problem` : undefined}
          onChange={(event) => {
            setAgain(event.target.value);
            if (problem?.field === 'again') setProblem(null);
          }}
        />
      </div>
      <label className="choose-passcode__show">
        <input type="checkbox" checked={shown} onChange={(event) => setShown(event.target.checked)} /> Show what I type
      </label>

      <p id={`${id}-problem`} className={problem ? 'notice notice--error choose-passcode__problem' : 'visually-hidden'} role="alert">
        {problem?.text}
      </p>
      <div className="choose-passcode__actions">
        <button type="submit" className="button button--primary" aria-disabled={busy}>
          {busy ? 'Working…' : submitLabel}
        </button>
        {secondary}
      </div>
    </form>
  );
}

function StrengthMeter({ id, strength }: { id: string; strength: ReturnType<typeof passcodeStrength> | null }): ReactNode {
  const score = strength?.score ?? -1;
  const advice = strength === null ? null : (strength.warning ?? strength.suggestions[0] ?? null);
  return (
    <div className="strength" data-score={score}>
      <div className="strength__bars" aria-hidden="true">
        {[0, 1, 2, 3].map((bar) => (
          <span key={bar} className={bar < score ? 'strength__bar strength__bar--on' : 'strength__bar'} />
        ))}
      </div>
      <p id={id} className="strength__label" aria-live="polite">
        {strength === null ? 'Strength shows here as you type.' : `Strength: ${strength.label}.`}
        {advice !== null && strength !== null && strength.score < 4 ? <span className="strength__advice"> {advice}</span> : null}
      </p>
    </div>
  );
}
