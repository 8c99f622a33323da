// Small pure helpers for the Support page's wording.

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-12" → "December 2026". */
export function checkedLabel(month: string): string {
  const [year, number] = month.split('-');
  const name = MONTHS[Number(number) - 1];
  return name && year ? `${name} ${year}` : month;
}

/** "Saved just now" / "Saved at 14:05" for the plan's save status. */
export function savedLabel(updatedAt: number, now: number): string {
  if (updatedAt <= 0) return '';
  if (now - updatedAt < 60_000) return 'Saved just now';
  const when = new Date(updatedAt);
  const sameDay = new Date(now).toDateString() === when.toDateString();
  const time = when.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return sameDay ? `Saved at ${time}` : `Saved ${when.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' })}, ${time}`;
}
