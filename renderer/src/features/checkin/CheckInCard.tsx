// One check-in as people see it in Today, the timeline, the calendar and search.
import { memo, type ReactNode } from 'react';
import { BedDouble, Pencil, Pill, Share2, Trash2, Users, Zap } from 'lucide-react';
import type { CheckIn } from '@shared/journal/checkIn';
import { ENERGY_WORDS } from '@shared/journal/mood';
import { MarkdownNote } from '../../ui/MarkdownNote';
import { MoodBadge } from '../../ui/MoodBadge';
import { formatDayMedium, formatHours, formatTime } from '../../ui/format';
import { placeName } from '../share/places';
import { useSharing } from '../share/ShareProvider';
import { useSharedPlaces } from '../share/useSharedPlaces';
import { useCheckInEditor } from './editor';

const MEDICATION_TEXT = { yes: 'Medication taken', no: 'Medication not taken', skip: 'Medication question skipped' } as const;

export interface CheckInCardProps {
  readonly checkIn: CheckIn;
  /** Show the date as well as the time (timeline, search). */
  readonly showDate?: boolean;
}

export const CheckInCard = memo(function CheckInCard({ checkIn, showDate = false }: CheckInCardProps): ReactNode {
  const editor = useCheckInEditor();
  const sharing = useSharing();
  const places = useSharedPlaces(checkIn.id);
  const when = `${showDate ? `${formatDayMedium(checkIn.day)} · ` : ''}${formatTime(checkIn.at, checkIn.zone)}`;
  return (
    <article className="checkin-card card" style={{ ['--mood-color' as string]: `var(--mood-${String(checkIn.mood)})` }} aria-label={`Check-in, ${when}`}>
      <header className="checkin-card__header">
        <MoodBadge level={checkIn.mood} />
        <time className="checkin-card__time muted" dateTime={new Date(checkIn.at).toISOString()}>
          {when}
        </time>
        <div className="checkin-card__actions">
          <button type="button" className="button button--quiet button--small" aria-label={`Share to circle… (check-in from ${when})`} onClick={() => sharing.share(checkIn)}>
            <Share2 aria-hidden="true" /> Share to circle…
          </button>
          <button type="button" className="button button--quiet button--icon button--small" aria-label={`Edit check-in from ${when}`} onClick={() => editor.openEdit(checkIn)}>
            <Pencil aria-hidden="true" />
          </button>
          <button type="button" className="button button--quiet button--icon button--small" aria-label={`Delete check-in from ${when}`} onClick={() => sharing.remove(checkIn, places)}>
            <Trash2 aria-hidden="true" />
          </button>
        </div>
      </header>
      {(checkIn.energy !== undefined || checkIn.sleepHours !== undefined || checkIn.medication !== undefined) && (
        <ul className="checkin-card__facts" role="list">
          {checkIn.energy !== undefined && (
            <li>
              <Zap aria-hidden="true" /> Energy: {ENERGY_WORDS[checkIn.energy]}
            </li>
          )}
          {checkIn.sleepHours !== undefined && (
            <li>
              <BedDouble aria-hidden="true" /> Slept {formatHours(checkIn.sleepHours)}
            </li>
          )}
          {checkIn.medication !== undefined && (
            <li>
              <Pill aria-hidden="true" /> {MEDICATION_TEXT[checkIn.medication]}
            </li>
          )}
        </ul>
      )}
      {(checkIn.emotions.length > 0 || checkIn.activities.length > 0) && (
        <ul className="chip-list checkin-card__labels" role="list" aria-label="Emotions and activities">
          {checkIn.emotions.map((emotion) => (
            <li key={`e-${emotion}`} className="chip chip--emotion">
              {emotion}
            </li>
          ))}
          {checkIn.activities.map((activity) => (
            <li key={`a-${activity}`} className="chip chip--activity">
              {activity}
            </li>
          ))}
        </ul>
      )}
      {checkIn.note.trim() && <MarkdownNote text={checkIn.note} className="checkin-card__note" />}
      {places.length > 0 && (
        <ul className="chip-list checkin-card__shared" role="list" aria-label="Where this check-in is shared">
          {places.map((place) => (
            <li key={place.circleId}>
              <a className="chip chip--shared" href={`#/circles?circle=${encodeURIComponent(place.circleId)}`}>
                <Users aria-hidden="true" /> Shared to {placeName(place)}
              </a>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
});
