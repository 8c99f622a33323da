// How dates, times and numbers read in the UI (the device's locale, via Intl).
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(undefined, options);
    cache.set(key, format);
  }
  return format;
}

/** A YYYY-MM-DD day as a date at noon UTC, so formatting never shifts it to a neighbouring day. */
function dayAsDate(day: string): Date {
  return new Date(`${day}T12:00:00Z`);
}

export function formatDayLong(day: string): string {
  return formatter('day-long', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(dayAsDate(day));
}

export function formatDayMedium(day: string): string {
  return formatter('day-medium', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(dayAsDate(day));
}

export function formatDayShort(day: string): string {
  return formatter('day-short', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(dayAsDate(day));
}

export function formatMonth(month: string): string {
  return formatter('month', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(dayAsDate(`${month}-01`));
}

export function formatWeekdayShort(weekday: number): string {
  // 2026-11-22 was a Sunday (weekday 0).
  return formatter('weekday-short', { weekday: 'short', timeZone: 'UTC' }).format(dayAsDate(`2026-11-${String(22 + weekday)}`));
}

export function formatWeekdayLong(weekday: number): string {
  return formatter('weekday-long', { weekday: 'long', timeZone: 'UTC' }).format(dayAsDate(`2026-11-${String(22 + weekday)}`));
}

/** The time of a check-in in the zone it was written in. */
export function formatTime(at: number, zone: string): string {
  return formatter(`time-${zone}`, { hour: 'numeric', minute: '2-digit', timeZone: zone }).format(at);
}

export function formatHours(hours: number): string {
  const whole = Math.floor(hours);
  const minutes = Math.round((hours - whole) * 60);
  return minutes === 0 ? `${String(whole)} h` : `${String(whole)} h ${String(minutes)} min`;
}

export function plural(count: number, one: string, many: string = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}
