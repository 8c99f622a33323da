// The calendar: a month of days coloured by mood, and the check-ins of the day you pick.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { CalendarDays, ChevronLeft, ChevronRight, Plus } from 'lucide-react';
import { addMonths, monthOf, monthWeeks, today as todayOf } from '@shared/journal/days';
import { MOODS } from '@shared/journal/mood';
import { useLive } from '../../app/liveQuery';
import { replaceParams, useRoute } from '../../app/router';
import { useServices } from '../../app/services';
import { useSettings } from '../../app/settings';
import { CheckInCard } from '../checkin/CheckInCard';
import { useCheckInEditor } from '../checkin/editor';
import { EmptyState } from '../../ui/EmptyState';
import { MoodDot } from '../../ui/MoodBadge';
import { formatDayLong, formatMonth, formatWeekdayLong, formatWeekdayShort, plural } from '../../ui/format';
import { calendarParams, dayLabel, focusableDay, gridMoveForKey, moveDay, parseCalendarParams, summariseDays, type CalendarPlace } from './model';
import './calendar.css';

export default function CalendarView(): ReactNode {
  const { journal } = useServices();
  const { settings } = useSettings();
  const { params } = useRoute();
  const today = todayOf();
  const place = parseCalendarParams(params, today);
  const { month, day: selected } = place;
  const weeks = monthWeeks(month, settings.weekStart);
  const firstVisible = weeks[0]?.[0] ?? `${month}-01`;
  const lastVisible = weeks.at(-1)?.at(-1) ?? `${month}-28`;

  const visible = useLive(() => journal.between(firstVisible, lastVisible), [journal, firstVisible, lastVisible]);
  const summaries = useMemo(() => summariseDays(visible.status === 'ready' ? visible.value : []), [visible]);

  // The one day button in the tab order (roving tabindex); it follows the arrow keys.
  const [active, setActive] = useState<string | null>(null);
  const activeDay = active && monthOf(active) === month ? active : focusableDay(month, selected, today);
  const grid = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<string | null>(null);

  useEffect(() => {
    const day = pendingFocus.current;
    if (!day) return;
    pendingFocus.current = null;
    grid.current?.querySelector<HTMLButtonElement>(`button[data-day="${day}"]`)?.focus();
  });

  const go = (next: CalendarPlace): void => replaceParams(calendarParams(next));
  const showMonth = (next: string): void => go({ month: next, day: selected });
  const select = (day: string): void => {
    setActive(day);
    go({ month: monthOf(day), day });
  };

  const onGridKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const move = gridMoveForKey(event.key, event.shiftKey);
    if (!move) return;
    event.preventDefault();
    event.stopPropagation();
    const next = moveDay(activeDay, move, settings.weekStart);
    setActive(next);
    pendingFocus.current = next;
    if (monthOf(next) !== month) showMonth(monthOf(next));
  };

  const onViewKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'PageUp' && event.key !== 'PageDown') return;
    const target = event.target;
    if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return;
    event.preventDefault();
    showMonth(addMonths(month, event.key === 'PageUp' ? -1 : 1));
  };

  const weekdays = weeks[0] ?? [];
  const daysWithData = weeks.flat().filter((day) => monthOf(day) === month && summaries.has(day)).length;

  return (
    // The view listens for PageUp/PageDown so month paging works wherever focus is in it.
    // eslint-disable-next-line jsx-a11y/no-static-element-interactions
    <div className="view calendar-view" onKeyDown={onViewKeyDown}>
      <header className="view__header">
        <div>
          <h1 tabIndex={-1}>Calendar</h1>
          <p className="view__subtitle">Each day is coloured by the average mood of its check-ins.</p>
        </div>
      </header>

      <section className="card calendar" aria-labelledby="calendar-month">
        <div className="calendar__bar">
          <h2 id="calendar-month" className="calendar__month" aria-live="polite">
            {formatMonth(month)}
          </h2>
          <p className="calendar__count muted">
            {visible.status === 'ready' ? (daysWithData === 0 ? 'No check-ins this month' : `${plural(daysWithData, 'day')} with check-ins`) : '\u00a0'}
          </p>
          <div className="calendar__nav">
            <button type="button" className="button button--quiet button--icon" aria-label="Previous month" aria-keyshortcuts="PageUp" onClick={() => showMonth(addMonths(month, -1))}>
              <ChevronLeft aria-hidden="true" />
            </button>
            <button type="button" className="button button--small" onClick={() => select(today)}>
              Today
            </button>
            <button type="button" className="button button--quiet button--icon" aria-label="Next month" aria-keyshortcuts="PageDown" onClick={() => showMonth(addMonths(month, 1))}>
              <ChevronRight aria-hidden="true" />
            </button>
          </div>
        </div>

        {visible.status === 'error' && (
          <p className="notice notice--error" role="alert">
            This month could not be read. Try again in a moment, or restart Hearth if it keeps happening.
          </p>
        )}

        <div ref={grid} role="grid" tabIndex={-1} aria-labelledby="calendar-month" aria-describedby="calendar-keys" className="calendar__grid" onKeyDown={onGridKeyDown}>
          <div role="row" className="calendar__row calendar__row--head">
            {weekdays.map((day, i) => {
              const weekday = (settings.weekStart + i) % 7;
              return (
                <div role="columnheader" key={day} className="calendar__weekday" aria-label={formatWeekdayLong(weekday)}>
                  {formatWeekdayShort(weekday)}
                </div>
              );
            })}
          </div>
          {weeks.map((week) => (
            <div role="row" key={week[0]} className="calendar__row">
              {week.map((day) => {
                const summary = summaries.get(day);
                const outside = monthOf(day) !== month;
                const isToday = day === today;
                const className = ['calendar__day', summary ? 'calendar__day--mood' : '', outside ? 'calendar__day--outside' : '', isToday ? 'calendar__day--today' : ''].filter(Boolean).join(' ');
                return (
                  <div role="gridcell" key={day} aria-selected={day === selected}>
                    <button
                      type="button"
                      data-day={day}
                      className={className}
                      style={summary ? { ['--day-mood' as string]: `var(--mood-${String(summary.level)})` } : undefined}
                      tabIndex={day === activeDay ? 0 : -1}
                      aria-label={dayLabel(day, summary, isToday)}
                      aria-current={isToday ? 'date' : undefined}
                      onClick={() => select(day)}
                      onFocus={() => {
                        if (!outside) setActive(day);
                      }}
                    >
                      <span className="calendar__date" aria-hidden="true">
                        {Number(day.slice(8, 10))}
                      </span>
                      {summary && <span className="calendar__dot" aria-hidden="true" />}
                      {summary && summary.count > 1 && (
                        <span className="calendar__multi" aria-hidden="true">
                          {summary.count}
                        </span>
                      )}
                    </button>
                  </div>
                );
              })}
            </div>
          ))}
        </div>
        <p id="calendar-keys" className="visually-hidden">
          Arrow keys move between days, Home and End go to the start and end of the week, Page Up and Page Down change the month, Enter shows the day.
        </p>

        <ul className="calendar__legend" role="list" aria-label="Mood colours">
          {MOODS.map((mood) => (
            <li key={mood.level}>
              <MoodDot level={mood.level} />
              {mood.word}
            </li>
          ))}
          <li>
            <span className="calendar__legend-none" aria-hidden="true" />
            No check-ins
          </li>
        </ul>
      </section>

      {selected ? (
        <SelectedDay day={selected} isToday={selected === today} isFuture={selected > today} />
      ) : (
        <p className="calendar-hint muted">Choose a day to see its check-ins.</p>
      )}
    </div>
  );
}

function SelectedDay({ day, isToday, isFuture }: { day: string; isToday: boolean; isFuture: boolean }): ReactNode {
  const { journal } = useServices();
  const editor = useCheckInEditor();
  const checkIns = useLive(() => journal.onDay(day), [journal, day]);

  return (
    <section className="calendar-day" aria-labelledby="calendar-day-title">
      <h2 id="calendar-day-title">{formatDayLong(day)}</h2>
      {checkIns.status === 'error' && (
        <p className="notice notice--error" role="alert">
          This day&apos;s check-ins could not be read. Try again in a moment.
        </p>
      )}
      {checkIns.status === 'ready' &&
        (checkIns.value.length > 0 ? (
          <ul className="calendar-day__list" role="list">
            {checkIns.value.map((checkIn) => (
              <li key={checkIn.id}>
                <CheckInCard checkIn={checkIn} />
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState icon={<CalendarDays aria-hidden="true" />} title={isToday ? 'Nothing written today yet' : isFuture ? 'This day is still ahead' : 'No check-ins on this day'}>
            {isToday ? (
              <button type="button" className="button button--primary" onClick={() => editor.openNew()}>
                <Plus aria-hidden="true" /> Check in
              </button>
            ) : (
              !isFuture && <p>That&apos;s fine — the calendar simply shows the days you wrote.</p>
            )}
          </EmptyState>
        ))}
    </section>
  );
}
