// Settings → Content warnings: for each topic, whether posts in circles are shown, blurred or hidden for me.
import type { ReactNode } from 'react';
import { PREFERENCE_TOPICS, TOPIC_LABELS } from '@shared/circles/readerPreferences';
import { TopicChoice } from './TopicChoice';
import { WARNING_CHOICE_HINTS } from './model';

export function ContentWarningsSection(): ReactNode {
  return (
    <section className="card settings-section" id="content-warnings" aria-labelledby="content-warnings-title">
      <h2 id="content-warnings-title">Content warnings in circles</h2>
      <p className="muted content-warnings__intro">
        When someone adds a content warning to a post, you choose what happens on this device. Show: {WARNING_CHOICE_HINTS.show}. Blur: {WARNING_CHOICE_HINTS.blur}. Hide:{' '}
        {WARNING_CHOICE_HINTS.hide}. Your own posts are never hidden from you. Nobody else sees these choices.
      </p>
      <ul className="content-warnings__list" role="list">
        {PREFERENCE_TOPICS.map((topic) => (
          <li key={topic} className="content-warnings__row">
            <span className="content-warnings__topic" id={`cw-${topic}`}>
              {topic === 'other' ? 'Other or unnamed topics' : capitalise(TOPIC_LABELS[topic])}
            </span>
            <TopicChoice topic={topic} label={`Posts about ${topic === 'other' ? 'other or unnamed topics' : TOPIC_LABELS[topic]}`} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}
