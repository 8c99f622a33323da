// The timeline: every check-in, newest first, virtualized so it stays smooth at tens of thousands.
// Only ids are read up front; the rows near the viewport are decoded in pages of PAGE_SIZE.
import { useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { BookOpen } from 'lucide-react';
import type { CheckIn } from '@shared/journal/checkIn';
import { useLive, valueOr } from '../../app/liveQuery';
import { useServices } from '../../app/services';
import { EmptyState } from '../../ui/EmptyState';
import { plural } from '../../ui/format';
import { CheckInCard } from '../checkin/CheckInCard';
import { useCheckInEditor } from '../checkin/editor';
import { pageWindow } from './model';
import './timeline.css';

const PAGE_SIZE = 40;
const NO_ROWS: readonly CheckIn[] = [];

export default function TimelineView(): ReactNode {
  const { journal } = useServices();
  const editor = useCheckInEditor();
  // The first screen comes straight from the newest rows; the full id list (what the virtualizer needs
  // to reach any row) loads beside it and takes over when ready.
  const firstResult = useLive(() => journal.newest(PAGE_SIZE), [journal]);
  const countResult = useLive(() => journal.count(), [journal]);
  const idsResult = useLive(() => journal.idsNewestFirst(), [journal]);
  const firstRows = valueOr(firstResult, NO_ROWS);
  const firstIds = useMemo(() => firstRows.map((checkIn) => checkIn.id), [firstRows]);
  const ids = idsResult.status === 'ready' ? idsResult.value : firstIds;
  const total = countResult.status === 'ready' ? Math.max(countResult.value, ids.length) : ids.length;
  const status = countResult.status === 'error' ? countResult : firstResult;
  const list = useRef<HTMLOListElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);

  useLayoutEffect(() => {
    const element = list.current;
    const main = element?.closest('main');
    if (element && main) setScrollMargin(element.getBoundingClientRect().top - main.getBoundingClientRect().top + main.scrollTop);
  }, [total]);

  // TanStack Virtual returns fresh functions each render, so the React Compiler skips this component.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => list.current?.closest('main') ?? null,
    estimateSize: () => 150,
    overscan: 6,
    scrollMargin,
    getItemKey: (index) => ids[index] ?? index,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const page = pageWindow(first, last, PAGE_SIZE, ids.length);
  const windowIds = useMemo(() => ids.slice(page.start, page.end), [ids, page.start, page.end]);
  const rowsResult = useLive(() => journal.getMany(windowIds), [journal, windowIds]);
  const rows = useRowCache(rowsResult.status === 'ready' ? rowsResult.value : null, firstRows);

  return (
    <section className="view timeline" aria-labelledby="timeline-title">
      <header className="view__header">
        <div>
          <h1 id="timeline-title" tabIndex={-1}>
            Timeline
          </h1>
          <p className="view__subtitle">{status.status === 'ready' ? (total === 0 ? 'Nothing here yet.' : `${plural(total, 'check-in')}, newest first.`) : 'Loading…'}</p>
        </div>
      </header>
      {status.status === 'error' && <p className="notice notice--error">The timeline could not be loaded: {status.error.message}</p>}
      {status.status === 'ready' && total === 0 && (
        <EmptyState icon={<BookOpen aria-hidden="true" />} title="Your timeline will grow here">
          <p>Each check-in you save appears here, newest first.</p>
          <button type="button" className="button button--primary" onClick={() => editor.openNew()}>
            Check in
          </button>
        </EmptyState>
      )}
      <ol ref={list} className="timeline__list" role="list" aria-label="Check-ins, newest first" style={{ height: `${String(virtualizer.getTotalSize())}px` }}>
        {items.map((item) => {
          const id = ids[item.index];
          const checkIn = id === undefined ? undefined : rows.get(id);
          return (
            <li
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className="timeline__item"
              aria-posinset={item.index + 1}
              aria-setsize={total}
              style={{ transform: `translateY(${String(item.start - virtualizer.options.scrollMargin)}px)` }}
            >
              {checkIn ? <CheckInCard checkIn={checkIn} showDate /> : <div className="timeline__placeholder card" aria-hidden="true" />}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** Keeps rows from earlier pages so scrolling back shows them at once; fresh reads replace stale ones. */
function useRowCache(latest: readonly CheckIn[] | null, firstRows: readonly CheckIn[]): ReadonlyMap<string, CheckIn> {
  const [cache, setCache] = useState<{ latest: readonly CheckIn[] | null; first: readonly CheckIn[]; rows: ReadonlyMap<string, CheckIn> }>({ latest: null, first: [], rows: new Map() });
  if (latest !== cache.latest || firstRows !== cache.first) {
    // Adjusting state while rendering (React's pattern for deriving from a changed input).
    const rows = new Map(cache.rows.size > 2_000 ? [] : cache.rows);
    for (const checkIn of firstRows) rows.set(checkIn.id, checkIn);
    for (const checkIn of latest ?? []) rows.set(checkIn.id, checkIn);
    setCache({ latest, first: firstRows, rows });
    return rows;
  }
  return cache.rows;
}
