// Small form controls used across Settings: a labelled row, a choice group, a switch and a time field.
import { useId, useState, type ReactNode } from 'react';

/**
 * Shows a choice the moment it is made, while the save and the live settings query catch up (a
 * controlled checkbox or radio would otherwise snap back for a moment). Falls back to the saved
 * value once it changes, or when the save fails.
 */
export function usePendingValue<T>(saved: T): [T, (value: T, saving: Promise<boolean>) => void] {
  const [pending, setPending] = useState<{ readonly value: T; readonly base: T } | null>(null);
  if (pending && !Object.is(saved, pending.base)) setPending(null);
  const choose = (value: T, saving: Promise<boolean>): void => {
    setPending({ value, base: saved });
    void saving.then((ok) => {
      if (!ok) setPending(null);
    });
  };
  return [pending && Object.is(saved, pending.base) ? pending.value : saved, choose];
}

export function SettingsRow({
  label,
  labelId,
  htmlFor,
  hint,
  hintId,
  inline = false,
  children,
}: {
  label: string;
  labelId?: string;
  htmlFor?: string;
  hint?: ReactNode;
  /** Give the hint an id so the control can point at it with aria-describedby. */
  hintId?: string;
  /** Keep a small control (a switch, a time) beside its label even on narrow windows. */
  inline?: boolean;
  children: ReactNode;
}): ReactNode {
  return (
    <div className={inline ? 'settings-row settings-row--inline' : 'settings-row'}>
      <div className="settings-row__text">
        {htmlFor ? (
          <label className="field__label" htmlFor={htmlFor} id={labelId}>
            {label}
          </label>
        ) : (
          <span className="field__label" id={labelId}>
            {label}
          </span>
        )}
        {hint && (
          <p className="field__hint" id={hintId}>
            {hint}
          </p>
        )}
      </div>
      <div className="settings-row__control">{children}</div>
    </div>
  );
}

export interface Choice<T extends string> {
  readonly value: T;
  readonly label: string;
  readonly icon?: ReactNode;
}

/** A row of radio buttons (arrow keys move between them), named by `label`. */
export function ChoiceGroup<T extends string>({
  label,
  hint,
  value,
  choices,
  onChange,
}: {
  label: string;
  hint?: string;
  value: T;
  choices: readonly Choice<T>[];
  onChange: (value: T) => Promise<boolean>;
}): ReactNode {
  const id = useId();
  const [shown, choose] = usePendingValue(value);
  return (
    <SettingsRow label={label} labelId={`${id}-label`} hint={hint} hintId={`${id}-hint`}>
      <div role="radiogroup" aria-labelledby={`${id}-label`} aria-describedby={hint ? `${id}-hint` : undefined} className="choice-group">
        {choices.map((choice) => (
          <label key={choice.value} className="choice-group__option">
            <input type="radio" name={id} value={choice.value} checked={shown === choice.value} onChange={() => choose(choice.value, onChange(choice.value))} />
            <span>
              {choice.icon}
              {choice.label}
            </span>
          </label>
        ))}
      </div>
    </SettingsRow>
  );
}

/** An on/off switch: a checkbox with the switch role, so it reads "switch, on/off" and works with Space. */
export function Switch({ id, checked, onChange, describedBy }: { id: string; checked: boolean; onChange: (checked: boolean) => Promise<boolean>; describedBy?: string }): ReactNode {
  const [shown, choose] = usePendingValue(checked);
  return (
    <span className="switch">
      <input
        id={id}
        type="checkbox"
        role="switch"
        checked={shown}
        aria-describedby={describedBy}
        onChange={(event) => {
          const next = event.target.checked;
          choose(next, onChange(next));
        }}
      />
      <span className="switch__track" aria-hidden="true">
        <span className="switch__thumb" />
      </span>
    </span>
  );
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * A time-of-day input that keeps what is being typed locally and saves only complete times, so a
 * half-cleared field isn't snapped back while the person is still typing.
 */
export function TimeField({ id, value, onCommit, describedBy }: { id: string; value: string; onCommit: (time: string) => void; describedBy?: string }): ReactNode {
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    // The saved time changed (here or in another window): show it.
    setSeen(value);
    setText(value);
  }
  return (
    <input
      id={id}
      type="time"
      className="input settings-time"
      value={text}
      aria-describedby={describedBy}
      onChange={(event) => {
        const next = event.target.value;
        setText(next);
        if (TIME.test(next) && next !== value) onCommit(next);
      }}
      onBlur={() => {
        if (!TIME.test(text)) setText(value);
      }}
    />
  );
}
