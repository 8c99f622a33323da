// Wall-clock time in an IANA time zone, via Intl (DST-aware, no time-zone database of our own).
const MS_PER_DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** What a clock on the wall in `zone` shows at an instant. Throws RangeError for an unknown zone. */
function wallClockAt(at: number, zone: string): WallClock {
  const values: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(at)) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  const read = (key: string): number => {
    const value = values[key];
    if (value === undefined || Number.isNaN(value)) throw new RangeError(`Intl gave no ${key} for ${zone}`);
    return value;
  };
  return { year: read('year'), month: read('month'), day: read('day'), hour: read('hour'), minute: read('minute'), second: read('second') };
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** The local calendar day (YYYY-MM-DD) of an instant in a zone. */
export function localDay(at: number, zone: string): string {
  const { year, month, day } = wallClockAt(at, zone);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** The zone's offset from UTC at an instant, in ms (local = UTC + offset). */
function offsetAt(at: number, zone: string): number {
  const wall = wallClockAt(at, zone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(at / 1000) * 1000;
}

/**
 * The instant a local wall-clock time (`minutes` after midnight of `day`, YYYY-MM-DD) happens in a zone.
 * A time that does not exist on a spring-forward day moves forward by the gap; a time that occurs twice
 * on a fall-back day is the first of the two (the "compatible" rule).
 */
export function wallTimeToInstant(day: string, minutes: number, zone: string): number {
  const asUtc = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)), 0, minutes);
  // Offsets a day either side bracket any single DST transition near this wall time.
  const before = offsetAt(asUtc - MS_PER_DAY, zone);
  const after = offsetAt(asUtc + MS_PER_DAY, zone);
  const candidates = [asUtc - before, asUtc - after].filter((at) => asUtc - offsetAt(at, zone) === at);
  if (candidates.length > 0) return Math.min(...candidates);
  return asUtc - before;
}

/** Minutes after local midnight that a wall clock in `zone` shows at an instant (0–1439). */
export function wallMinutesAt(at: number, zone: string): number {
  const { hour, minute } = wallClockAt(at, zone);
  return hour * 60 + minute;
}
