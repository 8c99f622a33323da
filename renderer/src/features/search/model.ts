// Search's pure parts: the query and filters as they live in the URL, as the index wants them, and the
// words that say how many check-ins were found.
import { isDay } from '@shared/journal/days';
import { isMoodLevel, MOOD_LEVELS, type MoodLevel } from '@shared/journal/mood';
import type { SearchFilters } from '../../db/searchIndex';

export interface SearchState {
  readonly query: string;
  /** Selected moods in scale order; empty means any mood. */
  readonly moods: readonly MoodLevel[];
  readonly activity: string;
  readonly emotion: string;
  /** Inclusive YYYY-MM-DD bounds, or '' when open. */
  readonly from: string;
  readonly to: string;
}

export const EMPTY_SEARCH: SearchState = { query: '', moods: [], activity: '', emotion: '', from: '', to: '' };

/** How many results are shown at most; the count still says how many matched. */
export const RESULT_LIMIT = 200;

function parseMoods(raw: string | null): MoodLevel[] {
  if (!raw) return [];
  const wanted = new Set(raw.split(',').map((part) => Number(part.trim())));
  return MOOD_LEVELS.filter((level) => wanted.has(level) && isMoodLevel(level));
}

/** Reads q, mood=1,2, activity, emotion, from and to from the hash params, dropping anything malformed. */
export function parseSearchParams(params: URLSearchParams): SearchState {
  const day = (key: string): string => {
    const value = params.get(key) ?? '';
    return isDay(value) ? value : '';
  };
  return {
    query: params.get('q') ?? '',
    moods: parseMoods(params.get('mood')),
    activity: (params.get('activity') ?? '').trim(),
    emotion: (params.get('emotion') ?? '').trim(),
    from: day('from'),
    to: day('to'),
  };
}

/** The hash params for a search, leaving out everything empty so the URL stays short. */
export function searchParams(state: SearchState): Record<string, string> {
  const out: Record<string, string> = {};
  if (state.query) out.q = state.query;
  if (state.moods.length > 0) out.mood = state.moods.join(',');
  if (state.activity) out.activity = state.activity;
  if (state.emotion) out.emotion = state.emotion;
  if (state.from) out.from = state.from;
  if (state.to) out.to = state.to;
  return out;
}

/** The filters for the search index. A reversed date range is read the way round it was meant. */
export function searchFilters(state: SearchState): SearchFilters {
  const [fromDay, toDay] = state.from && state.to && state.from > state.to ? [state.to, state.from] : [state.from, state.to];
  return {
    ...(state.moods.length > 0 ? { moods: new Set(state.moods) } : {}),
    ...(state.activity ? { activity: state.activity } : {}),
    ...(state.emotion ? { emotion: state.emotion } : {}),
    ...(fromDay ? { fromDay } : {}),
    ...(toDay ? { toDay } : {}),
  };
}

export function hasFilters(state: SearchState): boolean {
  return state.moods.length > 0 || state.activity !== '' || state.emotion !== '' || state.from !== '' || state.to !== '';
}

/** Whether the person has asked for anything yet (words or filters). */
export function isAsking(state: SearchState): boolean {
  return state.query.trim() !== '' || hasFilters(state);
}

export function toggleMood(moods: readonly MoodLevel[], level: MoodLevel): MoodLevel[] {
  const next = new Set(moods);
  if (next.has(level)) next.delete(level);
  else next.add(level);
  return MOOD_LEVELS.filter((item) => next.has(item));
}

/** "12 check-ins", or "Showing 200 of 1,340 check-ins" when the list is cut short. */
export function resultSummary(shown: number, total: number): string {
  const noun = total === 1 ? 'check-in' : 'check-ins';
  if (shown < total) return `Showing ${shown.toLocaleString()} of ${total.toLocaleString()} ${noun}`;
  return `${total.toLocaleString()} ${noun}`;
}

/** A menu's options, keeping the chosen value even when no check-in uses it any more. */
export function withCurrent(words: readonly string[], current: string): readonly string[] {
  if (!current || words.some((word) => word.toLocaleLowerCase() === current.toLocaleLowerCase())) return words;
  return [current, ...words];
}
