// How healthy-use times read: "Tuesday 8 December at 21:00" in the person's locale and zone.
const breakEnd = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', hour: 'numeric', minute: '2-digit' });

export function formatBreakEnd(at: number): string {
  return breakEnd.format(at);
}
