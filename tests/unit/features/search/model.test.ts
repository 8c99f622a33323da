// Search's pure parts: URL params round trip, filters for the index, and the result count wording.
import { describe, expect, it } from 'vitest';
import { EMPTY_SEARCH, hasFilters, isAsking, parseSearchParams, resultSummary, searchFilters, searchParams, toggleMood, withCurrent } from '../../../../renderer/src/features/search/model';

describe('search params', () => {
  it('round-trips a full search through the URL', () => {
    const state = { query: 'long walk', moods: [1, 4] as const, activity: 'Walk', emotion: 'calm', from: '2026-01-01', to: '2026-02-01' };
    const params = new URLSearchParams(searchParams({ ...state, moods: [...state.moods] }));
    expect(params.toString()).toBe('q=long+walk&mood=1%2C4&activity=Walk&emotion=calm&from=2026-01-01&to=2026-02-01');
    expect(parseSearchParams(params)).toEqual({ ...state, moods: [1, 4] });
  });

  it('drops malformed moods and dates and keeps the URL empty for an empty search', () => {
    expect(parseSearchParams(new URLSearchParams('mood=9,2,x,2,1&from=2026-02-30&to=soon'))).toEqual({ ...EMPTY_SEARCH, moods: [1, 2] });
    expect(searchParams(EMPTY_SEARCH)).toEqual({});
  });
});

describe('filters', () => {
  it('passes only what is set, and reads a reversed date range the way round it was meant', () => {
    expect(searchFilters(EMPTY_SEARCH)).toEqual({});
    const filters = searchFilters({ ...EMPTY_SEARCH, moods: [2], from: '2026-03-01', to: '2026-01-01' });
    expect(filters.moods).toEqual(new Set([2]));
    expect(filters.fromDay).toBe('2026-01-01');
    expect(filters.toDay).toBe('2026-03-01');
  });

  it('knows when the person is asking for something', () => {
    expect(isAsking(EMPTY_SEARCH)).toBe(false);
    expect(isAsking({ ...EMPTY_SEARCH, query: '  ' })).toBe(false);
    expect(isAsking({ ...EMPTY_SEARCH, query: 'tea' })).toBe(true);
    expect(hasFilters({ ...EMPTY_SEARCH, query: 'tea' })).toBe(false);
    expect(hasFilters({ ...EMPTY_SEARCH, emotion: 'calm' })).toBe(true);
  });

  it('toggles moods in scale order', () => {
    expect(toggleMood([4], 2)).toEqual([2, 4]);
    expect(toggleMood([2, 4], 2)).toEqual([4]);
  });

  it('keeps a chosen menu value even when no check-in uses it any more', () => {
    expect(withCurrent(['Walk'], 'walk')).toEqual(['Walk']);
    expect(withCurrent(['Walk'], 'Yoga')).toEqual(['Yoga', 'Walk']);
    expect(withCurrent(['Walk'], '')).toEqual(['Walk']);
  });
});

describe('result summary', () => {
  it('says how many matched, and when the list is cut short', () => {
    expect(resultSummary(1, 1)).toBe('1 check-in');
    expect(resultSummary(12, 12)).toBe('12 check-ins');
    expect(resultSummary(0, 0)).toBe('0 check-ins');
    expect(resultSummary(200, 1340)).toBe(`Showing 200 of ${(1340).toLocaleString()} check-ins`);
  });
});
