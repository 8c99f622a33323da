// Which slice of the timeline to read: whole pages around the visible rows, so scrolling a little does
// not trigger a new read and the query dependencies stay stable.
export interface PageWindow {
  readonly start: number;
  readonly end: number;
}

export function pageWindow(firstVisible: number, lastVisible: number, pageSize: number, total: number): PageWindow {
  const firstPage = Math.max(0, Math.floor(firstVisible / pageSize) - 1);
  const lastPage = Math.floor(Math.max(lastVisible, firstVisible) / pageSize) + 1;
  return { start: Math.min(firstPage * pageSize, total), end: Math.min((lastPage + 1) * pageSize, total) };
}
