// The shared check-in inside a post: its content warning line and exactly the fields the person chose.
// PostCard and the share dialog's preview both render this, so the preview is what members will see.
import type { ReactNode } from 'react';
import type { ContentWarning, SharedFields } from '@shared/circles/body';
import { warningWords } from '@shared/circles/readerPreferences';
import { ENERGY_WORDS } from '@shared/journal/mood';
import { formatDayMedium, formatHours } from '../../ui/format';
import { MarkdownNote } from '../../ui/MarkdownNote';
import { MoodBadge } from '../../ui/MoodBadge';


export function PostContent({ fields, contentWarning }: { fields: SharedFields; contentWarning?: ContentWarning | undefined }): ReactNode {
  return (
    <>
      {contentWarning && <p className="post__warning muted">Content warning: {warningWords(contentWarning)}</p>}
      <div className="post__fields">
        {fields.mood !== undefined && <MoodBadge level={fields.mood} />}
        {fields.energy !== undefined && <span className="post__field">Energy: {ENERGY_WORDS[fields.energy]}</span>}
        {fields.sleepHours !== undefined && <span className="post__field">Slept {formatHours(fields.sleepHours)}</span>}
        {fields.day !== undefined && <span className="post__field muted">{formatDayMedium(fields.day)}</span>}
      </div>
      {fields.emotions && fields.emotions.length > 0 && (
        <ul className="chip-list" role="list" aria-label="Emotions">
          {fields.emotions.map((emotion) => (
            <li key={emotion} className="chip">
              {emotion}
            </li>
          ))}
        </ul>
      )}
      {fields.activities && fields.activities.length > 0 && (
        <ul className="chip-list post__tags" role="list" aria-label="Activities">
          {fields.activities.map((activity) => (
            <li key={activity} className="chip">
              {activity}
            </li>
          ))}
        </ul>
      )}
      {fields.note !== undefined && fields.note.trim() !== '' && <MarkdownNote text={fields.note} />}
    </>
  );
}
