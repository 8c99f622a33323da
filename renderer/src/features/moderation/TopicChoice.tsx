// One topic's content-warning choice (show, blur, hide) as a small radio group, saved to settings at once.
import { useId, type ReactNode } from 'react';
import { WARNING_CHOICES, type PreferenceTopic, type WarningChoice } from '@shared/circles/readerPreferences';
import { useSettings } from '../../app/settings';
import { usePendingValue } from '../settings/controls';
import { useSaveSettings } from '../settings/saveSettings';
import { WARNING_CHOICE_LABELS } from './model';
import './moderation.css';

/** Saves one topic's choice, keeping every other topic as it is. */
export function useSaveTopicChoice(): (topic: PreferenceTopic, choice: WarningChoice) => Promise<boolean> {
  const save = useSaveSettings();
  return (topic, choice) => save((current) => ({ contentWarnings: { ...current.contentWarnings, [topic]: choice } }));
}

export function TopicChoice({ topic, label }: { topic: PreferenceTopic; label: string }): ReactNode {
  const id = useId();
  const { settings } = useSettings();
  const saveTopic = useSaveTopicChoice();
  const [shown, choose] = usePendingValue(settings.contentWarnings[topic]);
  return (
    <div role="radiogroup" aria-label={label} className="warning-choice">
      {WARNING_CHOICES.map((choice) => (
        <label key={choice} className="warning-choice__option">
          <input type="radio" name={id} value={choice} checked={shown === choice} onChange={() => choose(choice, saveTopic(topic, choice))} />
          <span>{WARNING_CHOICE_LABELS[choice]}</span>
        </label>
      ))}
    </div>
  );
}
