// The person's own word lists: activities (rename, remove, add) and custom emotion words (remove, add).
// Past check-ins keep the words they were saved with; these lists only shape what a new check-in offers.
import { useId, useState, type ReactNode } from 'react';
import { Plus, X } from 'lucide-react';
import { CURATED_EMOTIONS } from '@shared/journal/emotions';
import { useSettings } from '../../app/settings';
import { useToasts } from '../../app/toasts';
import { addToList, removeFromList, renameInList } from './model';
import { useSaveSettings } from './saveSettings';

type ListKey = 'activities' | 'customEmotions';

/** Removes a word from a list and offers to put it back where it was. */
function useRemoveWithUndo(key: ListKey, noun: string): (label: string) => void {
  const save = useSaveSettings();
  const toasts = useToasts();
  return (label: string) => {
    let position = -1;
    const removing = save((current) => {
      position = current[key].indexOf(label);
      return { [key]: removeFromList(current[key], label) };
    });
    void removing.then((removed) => {
      if (!removed) return;
      toasts.notify({
        message: `Removed “${label}” from your ${noun}.`,
        action: {
          label: 'Undo',
          run: () =>
            void save((current) => {
              if (current[key].some((item) => item.toLocaleLowerCase() === label.toLocaleLowerCase())) return {};
              const list = [...current[key]];
              list.splice(position < 0 ? list.length : Math.min(position, list.length), 0, label);
              return { [key]: list };
            }),
        },
      });
    });
  };
}

export function ActivitiesSection(): ReactNode {
  const { settings } = useSettings();
  const save = useSaveSettings();
  const remove = useRemoveWithUndo('activities', 'activities');
  const [message, setMessage] = useState('');
  const messageId = useId();

  const rename = (old: string, raw: string): boolean => {
    const result = renameInList(settings.activities, settings.activities.indexOf(old), raw, 'activity');
    if (!result.ok) {
      setMessage(result.message);
      return false;
    }
    setMessage('');
    if (result.list.some((item, i) => item !== settings.activities[i])) {
      void save((current) => {
        const latest = renameInList(current.activities, current.activities.indexOf(old), raw, 'activity');
        return latest.ok ? { activities: latest.list } : {};
      });
    }
    return true;
  };

  return (
    <section className="card settings-section" aria-labelledby="activities-title">
      <h2 id="activities-title">Activities</h2>
      <p className="settings-section__intro muted">
        The activities you can pick when you check in. Renaming or removing one here only changes this list: past check-ins keep the activities they were saved with.
      </p>
      {settings.activities.length === 0 ? (
        <p className="muted">No activities yet. Add the things that shape your days.</p>
      ) : (
        <ul className="label-list" role="list" aria-label="Your activities">
          {settings.activities.map((activity, index) => (
            <ActivityRow key={index} activity={activity} onRename={rename} onRemove={remove} describedBy={messageId} />
          ))}
        </ul>
      )}
      <AddWord
        label="Add activity"
        noun="activity"
        placeholder="A new activity, e.g. gardening"
        messageId={messageId}
        onAdd={(raw) => {
          const result = addToList(settings.activities, raw, { noun: 'activity' });
          if (!result.ok) return result.message;
          void save((current) => {
            const latest = addToList(current.activities, raw, { noun: 'activity' });
            return latest.ok ? { activities: latest.list } : {};
          });
          return null;
        }}
        message={message}
        onMessage={setMessage}
      />
    </section>
  );
}

function ActivityRow({ activity, onRename, onRemove, describedBy }: { activity: string; onRename: (old: string, raw: string) => boolean; onRemove: (label: string) => void; describedBy: string }): ReactNode {
  const [text, setText] = useState(activity);
  const [seen, setSeen] = useState(activity);
  if (activity !== seen) {
    setSeen(activity);
    setText(activity);
  }
  const commit = (): void => {
    if (text === activity) return;
    if (!onRename(activity, text)) setText(activity);
  };
  return (
    <li className="label-list__row">
      <input
        className="input label-list__input"
        value={text}
        maxLength={40}
        aria-label={`Activity name: ${activity}`}
        aria-describedby={describedBy}
        onChange={(event) => setText(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            commit();
          } else if (event.key === 'Escape' && text !== activity) {
            event.preventDefault();
            setText(activity);
          }
        }}
      />
      <button type="button" className="button button--quiet button--icon label-list__remove" aria-label={`Remove ${activity}`} title="Remove" onClick={() => onRemove(activity)}>
        <X aria-hidden="true" />
      </button>
    </li>
  );
}

export function EmotionWordsSection(): ReactNode {
  const { settings } = useSettings();
  const save = useSaveSettings();
  const remove = useRemoveWithUndo('customEmotions', 'emotion words');
  const [message, setMessage] = useState('');
  const messageId = useId();
  const options = { noun: 'emotion word', builtIn: CURATED_EMOTIONS };

  return (
    <section className="card settings-section" aria-labelledby="emotions-title">
      <h2 id="emotions-title">Your emotion words</h2>
      <p className="settings-section__intro muted">Words of your own, offered beside Hearth's list when you check in. Removing one here doesn't change past check-ins.</p>
      {settings.customEmotions.length === 0 ? (
        <p className="settings-empty muted">None yet. You can also add a word while checking in.</p>
      ) : (
        <ul className="chip-list" role="list" aria-label="Your emotion words">
          {settings.customEmotions.map((word) => (
            <li key={word} className="chip settings-chip">
              {word}
              <button type="button" className="settings-chip__remove" aria-label={`Remove ${word}`} title="Remove" onClick={() => remove(word)}>
                <X aria-hidden="true" />
              </button>
            </li>
          ))}
        </ul>
      )}
      <AddWord
        label="Add emotion word"
        noun="emotion word"
        placeholder="A word of your own"
        messageId={messageId}
        onAdd={(raw) => {
          const result = addToList(settings.customEmotions, raw, options);
          if (!result.ok) return result.message;
          void save((current) => {
            const latest = addToList(current.customEmotions, raw, options);
            return latest.ok ? { customEmotions: latest.list } : {};
          });
          return null;
        }}
        message={message}
        onMessage={setMessage}
      />
    </section>
  );
}

/** A text field with an Add button; `onAdd` returns a reason when the word can't be added. */
function AddWord({
  label,
  noun,
  placeholder,
  onAdd,
  message,
  onMessage,
  messageId,
}: {
  label: string;
  /** Completes the button's name for screen readers: "Add activity". */
  noun: string;
  placeholder: string;
  onAdd: (raw: string) => string | null;
  message: string;
  onMessage: (message: string) => void;
  messageId: string;
}): ReactNode {
  const id = useId();
  const [text, setText] = useState('');
  const add = (): void => {
    const problem = onAdd(text);
    onMessage(problem ?? '');
    if (!problem) setText('');
  };
  return (
    <div className="add-word">
      <div className="add-word__controls">
        <label htmlFor={id} className="visually-hidden">
          {label}
        </label>
        <input
          id={id}
          className="input"
          placeholder={placeholder}
          value={text}
          maxLength={40}
          aria-describedby={messageId}
          onChange={(event) => {
            setText(event.target.value);
            if (message) onMessage('');
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
        />
        <button type="button" className="button" onClick={add} disabled={!text.trim()}>
          <Plus aria-hidden="true" /> Add<span className="visually-hidden"> {noun}</span>
        </button>
      </div>
      <p id={messageId} className="add-word__message" role="status">
        {message}
      </p>
    </div>
  );
}
