// Insights: mood over time, by weekday, against sleep and against activities — patterns, not causes.
import { useId, useMemo, useState, type ReactNode } from 'react';
import { ChartLine, Plus } from 'lucide-react';
import { Area, AreaChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import { today as todayOf } from '@shared/journal/days';
import { computeInsights, INSIGHT_RANGES, type ActivityComparisons, type Insights, type MoodOverTime, type SleepVsMood, type WeekdayMood } from '@shared/journal/insights';
import { MOODS } from '@shared/journal/mood';
import { useLive } from '../../app/liveQuery';
import { replaceParams, useRoute } from '../../app/router';
import { useServices } from '../../app/services';
import { useSettings } from '../../app/settings';
import { useCheckInEditor } from '../checkin/editor';
import { EmptyState } from '../../ui/EmptyState';
import { plural } from '../../ui/format';
import {
  activitySentence,
  comparisonText,
  divergingPercent,
  formatDifference,
  formatMood,
  loadFrom,
  moodBarPercent,
  moodWord,
  nearestMood,
  overTimeSeries,
  parseRange,
  pointCountText,
  RANGE_LABELS,
  shortfallText,
  sleepRows,
  sleepSentence,
  weekdayRows,
  type OverTimePoint,
  type OverTimeSeries,
} from './model';
import { useReducedMotion } from './useReducedMotion';
import './insights.css';

export default function InsightsView(): ReactNode {
  const { journal } = useServices();
  const { settings } = useSettings();
  const { params } = useRoute();
  const editor = useCheckInEditor();
  const range = parseRange(params);
  const today = todayOf();
  const loaded = useLive(() => journal.between(loadFrom(today, range), today), [journal, today, range]);
  const insights = useMemo(
    () => (loaded.status === 'ready' ? computeInsights(loaded.value, { today, range, weekStart: settings.weekStart }) : null),
    [loaded, today, range, settings.weekStart],
  );

  return (
    <div className="view insights-view">
      <header className="view__header">
        <div>
          <h1 tabIndex={-1}>Insights</h1>
          <p className="view__subtitle">Patterns from your check-ins. These are patterns, not causes.</p>
        </div>
        <fieldset className="insights-range">
          <legend className="visually-hidden">Time range</legend>
          {INSIGHT_RANGES.map((option) => (
            <label key={option} className="insights-range__option">
              <input type="radio" name="insights-range" value={option} checked={option === range} onChange={() => replaceParams({ range: String(option) })} />
              <span>{RANGE_LABELS[option]}</span>
            </label>
          ))}
        </fieldset>
      </header>

      {loaded.status === 'error' && (
        <p className="notice notice--error" role="alert">
          Your check-ins could not be read for insights. Try again in a moment, or restart Hearth if it keeps happening.
        </p>
      )}
      {loaded.status === 'loading' && <div className="insights-loading" aria-busy="true" />}
      {insights &&
        (insights.overTime.daysWithData === 0 ? (
          <EmptyState icon={<ChartLine aria-hidden="true" />} title={`No check-ins in the last ${RANGE_LABELS[range]}`}>
            <p>Insights appear here as you check in. {range < 365 ? 'A longer range may show earlier days.' : ''}</p>
            <button type="button" className="button button--primary" onClick={() => editor.openNew()}>
              <Plus aria-hidden="true" /> Check in
            </button>
          </EmptyState>
        ) : (
          <InsightCards insights={insights} />
        ))}
    </div>
  );
}

function InsightCards({ insights }: { insights: Insights }): ReactNode {
  return (
    <>
      <MoodOverTimeCard overTime={insights.overTime} />
      <div className="insights-pair">
        <WeekdayCard byWeekday={insights.byWeekday} />
        <SleepCard sleep={insights.sleep} />
      </div>
      <ActivitiesCard activities={insights.activities} />
    </>
  );
}

// ---------------------------------------------------------------------------------------------

function MoodOverTimeCard({ overTime }: { overTime: MoodOverTime }): ReactNode {
  const id = useId();
  const series = useMemo(() => overTimeSeries(overTime), [overTime]);
  const comparison = comparisonText(overTime);
  const average = overTime.average;
  return (
    <section className="card insight" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Mood over time</h2>
      <div className="insight__headline">
        {average !== null && (
          <p className="insight__stat">
            <span className="insight__number">{formatMood(average)}</span>
            <span>
              average mood, closest to <strong>{moodWord(average)}</strong>
            </span>
          </p>
        )}
        {comparison && <p>{comparison}</p>}
        <p className="muted">
          {plural(overTime.daysWithData, 'day')} with check-ins in the last {RANGE_LABELS[overTime.range]}.
          {series.unit === 'week' ? ' The chart shows weekly averages.' : series.unit === 'month' ? ' The chart shows monthly averages.' : ''}
        </p>
      </div>
      <figure className="insight__figure">
        <figcaption className="visually-hidden">
          {series.unit === 'day' ? 'Daily' : series.unit === 'week' ? 'Weekly' : 'Monthly'} average mood, on a scale from 1 (Very low) to 5 (Very good).
        </figcaption>
        <OverTimeChart series={series} average={average} />
        <table className="visually-hidden">
          <thead>
            <tr>
              <th scope="col">{series.unit === 'day' ? 'Day' : series.unit === 'week' ? 'Week' : 'Month'}</th>
              <th scope="col">Average mood</th>
              <th scope="col">{series.unit === 'day' ? 'Check-ins' : 'Days with check-ins'}</th>
            </tr>
          </thead>
          <tbody>
            {series.points
              .filter((point) => point.mood !== null)
              .map((point) => (
                <tr key={point.key}>
                  <th scope="row">{point.detail}</th>
                  <td>{point.mood === null ? '' : `${formatMood(point.mood)}, ${moodWord(point.mood)}`}</td>
                  <td>{point.count}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </figure>
    </section>
  );
}

const MOOD_TICKS = MOODS.map((mood) => mood.level);

function OverTimeChart({ series, average }: { series: OverTimeSeries; average: number | null }): ReactNode {
  const reduceMotion = useReducedMotion();
  const byKey = useMemo(() => new Map(series.points.map((point) => [point.key, point])), [series]);
  // A new array on every render would make recharts replay its animation.
  const data = useMemo(() => [...series.points], [series]);
  const tick = { fill: 'var(--text-muted)', fontSize: 12 };
  return (
    <div className="insight__chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={230}>
        <AreaChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke="var(--border)" vertical={false} />
          <XAxis
            dataKey="key"
            tickFormatter={(key: string) => byKey.get(key)?.label ?? ''}
            tick={tick}
            tickLine={false}
            axisLine={{ stroke: 'var(--border-strong)' }}
            interval="preserveStartEnd"
            minTickGap={18}
          />
          <YAxis domain={[1, 5]} ticks={MOOD_TICKS} tickFormatter={(level: number) => MOODS[level - 1]?.word ?? ''} tick={tick} tickLine={false} axisLine={false} width={74} />
          {average !== null && <ReferenceLine y={average} stroke="var(--text-faint)" strokeDasharray="4 4" />}
          <Tooltip
            isAnimationActive={!reduceMotion}
            cursor={{ stroke: 'var(--border-strong)' }}
            content={(props: TooltipContentProps) => <OverTimeTooltip point={typeof props.label === 'string' ? byKey.get(props.label) : undefined} active={props.active} unit={series.unit} />}
          />
          <Area
            type="monotone"
            dataKey="mood"
            stroke="var(--accent)"
            strokeWidth={2}
            fill="var(--accent)"
            fillOpacity={0.1}
            connectNulls
            dot={{ r: series.points.length > 40 ? 2.5 : 3.5, fill: 'var(--accent)', fillOpacity: 1, stroke: 'var(--bg-raised)', strokeWidth: 1.5 }}
            activeDot={{ r: 5.5, fill: 'var(--accent)', fillOpacity: 1, stroke: 'var(--bg-raised)', strokeWidth: 2 }}
            isAnimationActive={!reduceMotion}
            animationDuration={600}
            baseValue={1}
          />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}

function OverTimeTooltip({ point, active, unit }: { point: OverTimePoint | undefined; active: boolean; unit: OverTimeSeries['unit'] }): ReactNode {
  if (!active || !point) return null;
  return (
    <div className="insight-tooltip">
      <strong>{point.detail}</strong>
      {point.mood === null ? (
        <span className="muted">No check-ins</span>
      ) : (
        <span>
          {moodWord(point.mood)} ({formatMood(point.mood)}) · {pointCountText(point, unit)}
        </span>
      )}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------

function WeekdayCard({ byWeekday }: { byWeekday: readonly WeekdayMood[] }): ReactNode {
  const id = useId();
  const rows = useMemo(() => weekdayRows(byWeekday), [byWeekday]);
  return (
    <section className="card insight" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Mood by weekday</h2>
      <figure className="insight__figure">
        <figcaption className="muted insight__caption">Average mood on each day of the week, with how many days it is based on.</figcaption>
        <div className="weekday-bars" aria-hidden="true">
          {rows.map((row) => (
            <div key={row.weekday} className="weekday-bars__column">
              <span className="weekday-bars__value">{row.mean === null ? '–' : formatMood(row.mean)}</span>
              <div className="weekday-bars__track">
                {row.mean !== null && (
                  <div className="weekday-bars__bar" style={{ height: `${String(moodBarPercent(row.mean))}%`, ['--bar-mood' as string]: `var(--mood-${String(nearestMood(row.mean))})` }} />
                )}
              </div>
              <span className="weekday-bars__label">{row.short}</span>
              <span className="weekday-bars__days">{row.days === 0 ? 'no days' : plural(row.days, 'day')}</span>
            </div>
          ))}
        </div>
        <table className="visually-hidden">
          <thead>
            <tr>
              <th scope="col">Weekday</th>
              <th scope="col">Average mood</th>
              <th scope="col">Days</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.weekday}>
                <th scope="row">{row.long}</th>
                <td>{row.mean === null ? 'No check-ins' : `${formatMood(row.mean)}, ${moodWord(row.mean)}`}</td>
                <td>{row.days}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </figure>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------

function SleepCard({ sleep }: { sleep: SleepVsMood }): ReactNode {
  const id = useId();
  const rows = sleepRows(sleep);
  return (
    <section className="card insight" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Sleep and mood</h2>
      <p>{sleepSentence(sleep)}</p>
      {rows.length > 0 && (
        <figure className="insight__figure">
          <figcaption className="visually-hidden">Average mood by hours slept.</figcaption>
          <ul className="sleep-bars" role="list" aria-hidden="true">
            {rows.map((bucket) => (
              <li key={bucket.label} className="sleep-bars__row">
                <span className="sleep-bars__label">{bucket.label}</span>
                <span className="sleep-bars__track">
                  <span className="sleep-bars__bar" style={{ width: `${String(moodBarPercent(bucket.mean))}%`, ['--bar-mood' as string]: `var(--mood-${String(nearestMood(bucket.mean))})` }} />
                </span>
                <span className="sleep-bars__value">
                  {formatMood(bucket.mean)} <span className="muted">· {plural(bucket.days, 'day')}</span>
                </span>
              </li>
            ))}
          </ul>
          <table className="visually-hidden">
            <thead>
              <tr>
                <th scope="col">Sleep</th>
                <th scope="col">Average mood</th>
                <th scope="col">Days</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((bucket) => (
                <tr key={bucket.label}>
                  <th scope="row">{bucket.label}</th>
                  <td>{`${formatMood(bucket.mean)}, ${moodWord(bucket.mean)}`}</td>
                  <td>{bucket.days}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </figure>
      )}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------

/** Activities shown before "Show all": enough to see the clearest patterns without a long feed. */
const FIRST_ACTIVITIES = 6;

function ActivitiesCard({ activities }: { activities: ActivityComparisons }): ReactNode {
  const id = useId();
  const [showAll, setShowAll] = useState(false);
  const { compared, notEnoughData, minDays } = activities;
  const shown = showAll ? compared : compared.slice(0, FIRST_ACTIVITIES);
  const rule = `An activity is compared once there are at least ${String(minDays)} days with it and ${String(minDays)} days without it, so a pattern isn't read into a handful of days.`;
  return (
    <section className="card insight" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Activities and mood</h2>
      {compared.length === 0 && notEnoughData.length === 0 ? (
        <p className="muted">No activities were noted in these days. When you add activities to check-ins, you can see here how your mood compares on days with and without them.</p>
      ) : (
        <p className="muted">Average mood on days with each activity, compared with days without it. These are patterns, not causes.</p>
      )}
      {compared.length > 0 && (
        <ul id={`${id}-list`} className="activity-list" role="list">
          {shown.map((comparison) => (
            <li key={comparison.activity} className="activity">
              <div className="activity__head">
                <strong className="activity__name">{comparison.activity}</strong>
                <span className="activity__difference" aria-hidden="true">
                  {formatDifference(comparison.difference)}
                </span>
              </div>
              <div className="diverging" aria-hidden="true">
                <span className="diverging__half diverging__half--low">
                  {comparison.difference < 0 && <span className="diverging__bar diverging__bar--low" style={{ width: `${String(divergingPercent(comparison.difference))}%` }} />}
                </span>
                <span className="diverging__half diverging__half--high">
                  {comparison.difference > 0 && <span className="diverging__bar diverging__bar--high" style={{ width: `${String(divergingPercent(comparison.difference))}%` }} />}
                </span>
              </div>
              <p className="activity__sentence">{activitySentence(comparison)}</p>
            </li>
          ))}
        </ul>
      )}
      {compared.length > FIRST_ACTIVITIES && (
        <button type="button" className="button button--small activity-list__more" aria-expanded={showAll} aria-controls={`${id}-list`} onClick={() => setShowAll((value) => !value)}>
          {showAll ? 'Show fewer' : `Show all ${String(compared.length)} activities`}
        </button>
      )}
      {notEnoughData.length > 0 && (
        <div className="not-enough">
          <h3>Not enough data yet</h3>
          <p className="muted">{rule}</p>
          <ul className="not-enough__list" role="list">
            {notEnoughData.map((shortfall) => (
              <li key={shortfall.activity}>
                <span className="not-enough__name">{shortfall.activity}</span>
                <span className="muted">
                  {shortfallText(shortfall)} <span className="not-enough__have">({plural(shortfall.withDays, 'day')} with, {String(shortfall.withoutDays)} without)</span>
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {compared.length > 0 && notEnoughData.length === 0 && <p className="muted">{rule}</p>}
    </section>
  );
}
