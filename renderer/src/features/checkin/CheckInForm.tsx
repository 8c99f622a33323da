// The check-in form: mood first, then whatever else the person wants to note. Keyboard-first: 1–5 pick
// a mood, Tab moves through the sections, Ctrl/Cmd+Enter saves.
import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { EMOTION_GROUPS } from '@shared/journal/emotions';
import { ENERGY_LEVELS, ENERGY_WORDS, MOODS, type EnergyLevel, type MoodLevel } from '@shared/journal/mood';
import { MEDICATION_ANSWERS, type MedicationAnswer } from '@shared/journal/checkIn';
import { MarkdownNote } from '../../ui/MarkdownNote';
import { CrisisOffer } from '../safety/CrisisOffer';
import { addLabel, hasLabel, toggleLabel, type FormState } from './draft';

export interface CheckInFormProps {
  readonly form: FormState;
  readonly onChange: (form: FormState) => void;
  readonly activities: readonly string[];
  readonly customEmotions: readonly string[];
  readonly error: { field: string; message: string } | null;
  readonly onAddActivity: (label: string) => void;
  readonly onAddEmotion: (label: string) => void;
  readonly onSubmit: () => void;
}

const MEDICATION_LABELS: Record<MedicationAnswer, string> = { yes: 'Taken', no: 'Not taken', skip: 'Skip' };

function isTextTarget(target: EventTarget): boolean {
  return target instanceof HTMLElement && (target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && !['radio', 'checkbox', 'button'].includes(target.type)));
}

export function CheckInForm({ form, onChange, activities, customEmotions, error, onAddActivity, onAddEmotion, onSubmit }: CheckInFormProps): ReactNode {
  const id = useId();
  const moodRefs = useRef<(HTMLInputElement | null)[]>([]);
  const [noteTab, setNoteTab] = useState<'write' | 'preview'>('write');
  const [newEmotion, setNewEmotion] = useState('');
  const [newActivity, setNewActivity] = useState('');
  const set = (patch: Partial<FormState>): void => onChange({ ...form, ...patch });

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>): void => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onSubmit();
      return;
    }
    if (!event.ctrlKey && !event.metaKey && !event.altKey && /^[1-5]$/.test(event.key) && !isTextTarget(event.target)) {
      event.preventDefault();
      const level = Number(event.key) as MoodLevel;
      set({ mood: level });
      moodRefs.current[level - 1]?.focus();
    }
  };

  const allActivities = [...activities, ...form.activities.filter((activity) => !hasLabel(activities, activity))];
  const curated = EMOTION_GROUPS.flatMap((group) => group.words);
  const extraEmotions = [...customEmotions, ...form.emotions].filter((word, index, list) => !hasLabel(curated, word) && list.findIndex((other) => other.toLocaleLowerCase() === word.toLocaleLowerCase()) === index);

  const addEmotion = (): void => {
    const next = addLabel(form.emotions, newEmotion);
    if (next.length !== form.emotions.length) {
      set({ emotions: next });
      onAddEmotion(next[next.length - 1] ?? newEmotion);
    }
    setNewEmotion('');
  };
  const addActivity = (): void => {
    const next = addLabel(form.activities, newActivity);
    if (next.length !== form.activities.length) {
      set({ activities: next });
      onAddActivity(next[next.length - 1] ?? newActivity);
    }
    setNewActivity('');
  };

  return (
    // The form handles its own shortcuts (1–5, Ctrl+Enter) for every control inside it.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <form
      className="checkin-form"
      aria-describedby={`${id}-keys`}
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <p id={`${id}-keys`} className="visually-hidden">
        Press 1 to 5 to choose a mood. Press Control Enter to save.
      </p>

      <fieldset className="checkin-section" aria-describedby={error?.field === 'mood' ? `${id}-mood-error` : undefined} aria-invalid={error?.field === 'mood' || undefined}>
        <legend className="checkin-section__title">How are you feeling?</legend>
        <div className="mood-picker">
          {MOODS.map((mood, index) => (
            <label key={mood.level} className="mood-option" style={{ ['--mood-color' as string]: `var(${mood.colorVar})` }}>
              <input
                ref={(element) => {
                  moodRefs.current[index] = element;
                }}
                type="radio"
                name={`${id}-mood`}
                value={mood.level}
                checked={form.mood === mood.level}
                onChange={() => set({ mood: mood.level })}
                aria-describedby={`${id}-mood-${String(mood.level)}`}
              />
              <span className="mood-option__face" aria-hidden="true">
                <span className="mood-option__dot" />
                <span className="mood-option__key">{mood.level}</span>
              </span>
              <span className="mood-option__word">{mood.word}</span>
              <span id={`${id}-mood-${String(mood.level)}`} hidden>
                {mood.description}
              </span>
            </label>
          ))}
        </div>
        {error?.field === 'mood' && (
          <p id={`${id}-mood-error`} className="field-error" role="alert">
            {error.message}
          </p>
        )}
      </fieldset>

      <fieldset className="checkin-section">
        <legend className="checkin-section__title">
          Energy <span className="optional">optional</span>
        </legend>
        <div className="segmented" role="radiogroup" aria-label="Energy">
          <label className="segmented__option">
            <input type="radio" name={`${id}-energy`} checked={form.energy === null} onChange={() => set({ energy: null })} />
            <span>Not noted</span>
          </label>
          {ENERGY_LEVELS.map((level: EnergyLevel) => (
            <label key={level} className="segmented__option">
              <input type="radio" name={`${id}-energy`} checked={form.energy === level} onChange={() => set({ energy: level })} />
              <span>{ENERGY_WORDS[level]}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className="checkin-section">
        <legend className="checkin-section__title">
          Emotions <span className="optional">{form.emotions.length > 0 ? `${String(form.emotions.length)} chosen` : 'optional'}</span>
        </legend>
        <div className="emotion-groups">
          {EMOTION_GROUPS.map((group) => (
            <div key={group.name} className="emotion-group" role="group" aria-label={group.name}>
              <span className="emotion-group__name" aria-hidden="true">
                {group.name}
              </span>
              <ChipToggles labels={group.words} chosen={form.emotions} onChange={(emotions) => set({ emotions })} />
            </div>
          ))}
          {extraEmotions.length > 0 && (
            <div className="emotion-group" role="group" aria-label="Your words">
              <span className="emotion-group__name" aria-hidden="true">
                Yours
              </span>
              <ChipToggles labels={extraEmotions} chosen={form.emotions} onChange={(emotions) => set({ emotions })} />
            </div>
          )}
        </div>
        <AddLabel id={`${id}-new-emotion`} label="Add your own word" value={newEmotion} onChange={setNewEmotion} onAdd={addEmotion} />
      </fieldset>

      <fieldset className="checkin-section">
        <legend className="checkin-section__title">
          Activities <span className="optional">optional</span>
        </legend>
        <ChipToggles labels={allActivities} chosen={form.activities} onChange={(activities) => set({ activities })} />
        <AddLabel id={`${id}-new-activity`} label="Add an activity" value={newActivity} onChange={setNewActivity} onAdd={addActivity} />
      </fieldset>

      <div className="checkin-row">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-sleep`}>
            Sleep last night <span className="optional">hours, optional</span>
          </label>
          <input
            id={`${id}-sleep`}
            className="input input--narrow"
            inputMode="decimal"
            placeholder="e.g. 7.5"
            value={form.sleep}
            aria-invalid={error?.field === 'sleep' || undefined}
            aria-describedby={error?.field === 'sleep' ? `${id}-sleep-error` : undefined}
            onChange={(event) => set({ sleep: event.target.value })}
          />
          {error?.field === 'sleep' && (
            <p id={`${id}-sleep-error`} className="field-error" role="alert">
              {error.message}
            </p>
          )}
        </div>

        <fieldset className="field medication">
          <legend className="field__label">
            Medication <span className="optional">optional</span>
          </legend>
          <div className="segmented">
            <label className="segmented__option">
              <input type="radio" name={`${id}-medication`} checked={form.medication === null} onChange={() => set({ medication: null })} />
              <span>Not noted</span>
            </label>
            {MEDICATION_ANSWERS.map((answer) => (
              <label key={answer} className="segmented__option">
                <input type="radio" name={`${id}-medication`} checked={form.medication === answer} onChange={() => set({ medication: answer })} />
                <span>{MEDICATION_LABELS[answer]}</span>
              </label>
            ))}
          </div>
        </fieldset>
      </div>

      <div className="checkin-section">
        <div className="note-header">
          <label className="checkin-section__title" htmlFor={`${id}-note`}>
            Note <span className="optional">optional · Markdown</span>
          </label>
          <div className="note-tabs" role="tablist" aria-label="Note view">
            <button type="button" role="tab" aria-selected={noteTab === 'write'} className="note-tab" onClick={() => setNoteTab('write')}>
              Write
            </button>
            <button type="button" role="tab" aria-selected={noteTab === 'preview'} className="note-tab" onClick={() => setNoteTab('preview')}>
              Preview
            </button>
          </div>
        </div>
        {noteTab === 'write' ? (
          <textarea
            id={`${id}-note`}
            className="textarea"
            value={form.note}
            placeholder="Anything you want to remember about today…"
            onChange={(event) => set({ note: event.target.value })}
          />
        ) : (
          <div className="note-preview" role="tabpanel" aria-label="Note preview">
            {form.note.trim() ? <MarkdownNote text={form.note} /> : <p className="muted">Nothing written yet.</p>}
          </div>
        )}
        <CrisisOffer text={form.note} />
      </div>

      <div className="field checkin-when">
        <label className="field__label" htmlFor={`${id}-when`}>
          When
        </label>
        <input
          id={`${id}-when`}
          type="datetime-local"
          className="input input--narrow"
          value={form.when}
          aria-invalid={error?.field === 'when' || undefined}
          onChange={(event) => set({ when: event.target.value })}
        />
        {error?.field === 'when' && (
          <p className="field-error" role="alert">
            {error.message}
          </p>
        )}
      </div>
    </form>
  );
}

/** A row of toggle chips (checkboxes) for choosing any number of labels. */
function ChipToggles({ labels, chosen, onChange }: { labels: readonly string[]; chosen: readonly string[]; onChange: (chosen: string[]) => void }): ReactNode {
  return (
    <ul className="chip-list" role="list">
      {labels.map((label) => (
        <li key={label}>
          <label className="chip-toggle">
            <input type="checkbox" checked={hasLabel(chosen, label)} onChange={() => onChange(toggleLabel(chosen, label))} />
            <span>{label}</span>
          </label>
        </li>
      ))}
    </ul>
  );
}

function AddLabel({ id, label, value, onChange, onAdd }: { id: string; label: string; value: string; onChange: (value: string) => void; onAdd: () => void }): ReactNode {
  return (
    <div className="add-label">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input
        id={id}
        className="input input--small"
        placeholder={`${label}…`}
        value={value}
        maxLength={40}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
            event.preventDefault();
            onAdd();
          }
        }}
      />
      <button type="button" className="button button--small" onClick={onAdd} disabled={!value.trim()}>
        Add
      </button>
    </div>
  );
}
