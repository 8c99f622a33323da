// Search: full text over notes, emotions and activities, narrowed by mood, activity, emotion and dates.
import { useEffect, useId, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { Search, SearchX } from 'lucide-react';
import { MOODS } from '@shared/journal/mood';
import { replaceParams, useRoute } from '../../app/router';
import { useServices } from '../../app/services';
import type { SearchResult } from '../../db/searchIndex';
import { CheckInCard } from '../checkin/CheckInCard';
import { EmptyState } from '../../ui/EmptyState';
import { MoodDot } from '../../ui/MoodBadge';
import { hasFilters, isAsking, parseSearchParams, RESULT_LIMIT, resultSummary, searchFilters, searchParams, toggleMood, withCurrent, type SearchState } from './model';
import './search.css';

const TYPING_DELAY_MS = 120;
const RECENT_COUNT = 10;

type Results = { readonly status: 'loading' } | { readonly status: 'ready'; readonly result: SearchResult; readonly asking: boolean } | { readonly status: 'error' };

export default function SearchView(): ReactNode {
  const { search } = useServices();
  const { params } = useRoute();
  const state = useMemo(() => parseSearchParams(params), [params]);
  const revision = useSyncExternalStore(search.subscribe, search.getRevision);
  const id = useId();

  // The box answers every key press; the URL (and so the search) follows after a short pause.
  const [text, setText] = useState(state.query);
  const [written, setWritten] = useState(state.query);
  if (state.query !== written) {
    // The query changed from outside (back/forward, a link): show it.
    setWritten(state.query);
    setText(state.query);
  }
  useEffect(() => {
    if (text === state.query) return;
    const timer = window.setTimeout(() => {
      setWritten(text);
      replaceParams(searchParams({ ...state, query: text }));
    }, TYPING_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [text, state]);

  const apply = (change: Partial<SearchState>): void => {
    setWritten(text);
    replaceParams(searchParams({ ...state, query: text, ...change }));
  };

  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // The shell focuses the view's heading 50 ms after a view change; land in the search box after that,
    // unless the person has already moved somewhere else.
    const timer = window.setTimeout(() => {
      const active = document.activeElement;
      if (!active || active === document.body || active.tagName === 'H1') input.current?.focus();
    }, 80);
    return () => window.clearTimeout(timer);
  }, []);

  const [vocabulary, setVocabulary] = useState<{ activities: string[]; emotions: string[] }>({ activities: [], emotions: [] });
  useEffect(() => {
    let current = true;
    search.vocabulary().then(
      (words) => {
        if (current) setVocabulary(words);
      },
      // Without the word lists the filters still work from the URL; the menus just stay short.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [search, revision]);

  const [results, setResults] = useState<Results>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    const asking = isAsking(state);
    search.search(state.query, searchFilters(state), asking ? RESULT_LIMIT : RECENT_COUNT).then(
      (result) => {
        if (current) setResults({ status: 'ready', result, asking });
      },
      () => {
        if (current) setResults({ status: 'error' });
      },
    );
    return () => {
      current = false;
    };
  }, [search, state, revision]);

  const activities = withCurrent(vocabulary.activities, state.activity);
  const emotions = withCurrent(vocabulary.emotions, state.emotion);
  const filtered = hasFilters(state);
  const showingRecent = results.status === 'ready' && !results.asking && results.result.checkIns.length > 0;
  const summary = results.status === 'ready' && results.asking ? resultSummary(results.result.checkIns.length, results.result.total) : '';

  return (
    <div className="view search-view">
      <header className="view__header">
        <div>
          <h1 tabIndex={-1}>Search</h1>
          <p className="view__subtitle">Find words in your notes, emotions and activities.</p>
        </div>
      </header>

      <div role="search" className="search-form">
        <div className="search-box">
          <Search aria-hidden="true" className="search-box__icon" />
          <input
            ref={input}
            type="search"
            className="input search-box__input"
            aria-label="Search your journal"
            placeholder="Search your journal"
            value={text}
            onChange={(event) => setText(event.target.value)}
            spellCheck={false}
            autoComplete="off"
          />
        </div>

        <fieldset className="search-filters card">
          <legend className="visually-hidden">Filters</legend>
          <div className="search-filters__moods" role="group" aria-labelledby={`${id}-mood`}>
            <span id={`${id}-mood`} className="field__label">
              Mood
            </span>
            <ul className="chip-list" role="list">
              {MOODS.map((mood) => (
                <li key={mood.level}>
                  <label className="chip-toggle search-mood" style={{ ['--mood-color' as string]: `var(${mood.colorVar})` }}>
                    <input type="checkbox" checked={state.moods.includes(mood.level)} onChange={() => apply({ moods: toggleMood(state.moods, mood.level) })} />
                    <span>
                      <MoodDot level={mood.level} />
                      {mood.word}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </div>
          <div className="search-filters__row">
            <label className="field">
              <span className="field__label">Activity</span>
              <select className="select" value={state.activity} onChange={(event) => apply({ activity: event.target.value })}>
                <option value="">Any activity</option>
                {activities.map((activity) => (
                  <option key={activity} value={activity}>
                    {activity}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="field__label">Emotion</span>
              <select className="select" value={state.emotion} onChange={(event) => apply({ emotion: event.target.value })}>
                <option value="">Any emotion</option>
                {emotions.map((emotion) => (
                  <option key={emotion} value={emotion}>
                    {emotion}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="field__label">From</span>
              <input type="date" className="input" value={state.from} max={state.to || undefined} onChange={(event) => apply({ from: event.target.value })} />
            </label>
            <label className="field">
              <span className="field__label">To</span>
              <input type="date" className="input" value={state.to} min={state.from || undefined} onChange={(event) => apply({ to: event.target.value })} />
            </label>
          </div>
          <div className="search-filters__actions">
            <button type="button" className="button button--small" disabled={!filtered} onClick={() => apply({ moods: [], activity: '', emotion: '', from: '', to: '' })}>
              Clear filters
            </button>
          </div>
        </fieldset>
      </div>

      <section className="search-results" aria-labelledby={`${id}-results`}>
        <h2 id={`${id}-results`} className={showingRecent ? 'search-results__title' : 'visually-hidden'}>
          {showingRecent ? 'Recent check-ins' : 'Results'}
        </h2>
        <p className={summary ? 'search-results__count muted' : 'visually-hidden'} role="status">
          {summary}
        </p>
        {results.status === 'error' && (
          <p className="notice notice--error" role="alert">
            Search isn&apos;t available right now. Try again in a moment, or restart Hearth if it keeps happening.
          </p>
        )}
        {results.status === 'ready' && results.result.checkIns.length === 0 && (
          results.asking ? (
            <EmptyState icon={<SearchX aria-hidden="true" />} title="Nothing matches that">
              <p>{filtered ? 'Try fewer words, or clear some filters.' : 'Try other words, or part of a word.'}</p>
            </EmptyState>
          ) : (
            <EmptyState icon={<Search aria-hidden="true" />} title="Nothing to search yet">
              <p>Once you have written a few check-ins, you can find them here by word, mood, activity or date.</p>
            </EmptyState>
          )
        )}
        {results.status === 'ready' && results.result.checkIns.length > 0 && (
          <ul className="search-results__list" role="list">
            {results.result.checkIns.map((checkIn) => (
              <li key={checkIn.id}>
                <CheckInCard checkIn={checkIn} showDate />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
