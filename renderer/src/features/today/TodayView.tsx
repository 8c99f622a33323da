// Today: a calm place to start — check in, see today's check-ins and the shape of the past week.
import { useEffect, type ReactNode } from 'react';
import { Plus, Sun } from 'lucide-react';
import { addDays, today as todayIn } from '@shared/journal/days';
import { moodInfo } from '@shared/journal/mood';
import { useLive, valueOr } from '../../app/liveQuery';
import { useServices } from '../../app/services';
import { useSettings } from '../../app/settings';
import { navigate } from '../../app/router';
import { EmptyState } from '../../ui/EmptyState';
import { formatDayLong, formatWeekdayShort } from '../../ui/format';
import { CheckInCard } from '../checkin/CheckInCard';
import { useCheckInEditor } from '../checkin/editor';
import { weekStrip } from './model';
import './today.css';

export const READY_MARK = 'hearth:today-ready';

function greeting(hour: number): string {
  if (hour < 5) return 'Hello';
  if (hour < 12) return 'Good morning';
  if (hour < 18) return 'Good afternoon';
  return 'Good evening';
}

export function TodayView(): ReactNode {
  const { journal } = useServices();
  const { settings } = useSettings();
  const editor = useCheckInEditor();
  const day = todayIn();
  const weekStartDay = addDays(day, -6);
  const recent = useLive(() => journal.between(weekStartDay, day), [journal, weekStartDay, day]);
  const checkIns = valueOr(recent, []);
  useEffect(() => {
    // The moment the first screen is usable, for `npm run bench` (a User Timing mark, read by nobody else).
    if (recent.status === 'ready' && performance.getEntriesByName(READY_MARK).length === 0) performance.mark(READY_MARK);
  }, [recent.status]);
  const todays = checkIns.filter((checkIn) => checkIn.day === day).reverse();
  const week = weekStrip(checkIns, day);

  return (
    <section className="view today" aria-labelledby="today-title">
      <header className="view__header">
        <div>
          <p className="today__date muted">{formatDayLong(day)}</p>
          <h1 id="today-title" tabIndex={-1}>
            {greeting(new Date().getHours())}
          </h1>
        </div>
      </header>

      <div className="today__prompt card">
        <div>
          <h2>{todays.length === 0 ? 'How are you today?' : 'Want to add another check-in?'}</h2>
          <p className="muted">{todays.length === 0 ? 'A minute is enough. Only you can see this.' : 'Moods change through the day. Every note counts, however small.'}</p>
        </div>
        <button type="button" className="button button--primary" onClick={() => editor.openNew()}>
          <Plus aria-hidden="true" /> Check in
        </button>
      </div>

      <section aria-labelledby="week-title" className="today__week">
        <h2 id="week-title">The past seven days</h2>
        <ol className="week-strip" role="list">
          {week.map((entry) => (
            <li key={entry.day}>
              <button
                type="button"
                className="week-strip__day"
                onClick={() => navigate('calendar', { month: entry.day.slice(0, 7), day: entry.day })}
                aria-label={`${formatDayLong(entry.day)}: ${entry.mood === null ? 'no check-in' : `${moodInfo(entry.mood).word}, ${String(entry.count)} check-in${entry.count === 1 ? '' : 's'}`}`}
              >
                <span className="week-strip__weekday">{formatWeekdayShort(entry.weekday)}</span>
                <span className="week-strip__swatch" style={entry.mood === null ? undefined : { background: `var(--mood-${String(entry.mood)})` }} />
              </button>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="today-list-title" className="today__list">
        <h2 id="today-list-title">Today</h2>
        {recent.status === 'error' && <p className="notice notice--error">Your check-ins could not be loaded: {recent.error.message}</p>}
        {todays.length === 0 ? (
          <EmptyState icon={<Sun aria-hidden="true" />} title="No check-ins yet today">
            <p>{settings.reminder.enabled ? `Your reminder is set for ${settings.reminder.time}.` : 'A gentle daily reminder can be turned on in Settings.'}</p>
          </EmptyState>
        ) : (
          <ol className="card-list" role="list">
            {todays.map((checkIn) => (
              <li key={checkIn.id}>
                <CheckInCard checkIn={checkIn} />
              </li>
            ))}
          </ol>
        )}
      </section>
    </section>
  );
}
