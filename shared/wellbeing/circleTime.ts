// The optional daily time budget for circles: how much time counts, per local day, and when to offer the
// gentle nudge. Time counts only while the person is actually there (the caller says when a circle page is
// open and the window visible and focused); it stops two minutes after the last input. Pure, clock injected.
import { z } from 'zod';
import { LocalDaySchema } from '../reminder/schedule';
import { localDay, wallTimeToInstant } from '../time/zoned';

/** Time without any input after which a person is taken to be away. */
export const IDLE_AFTER_MS = 2 * 60_000;

/** Today's circle time on this device. Only today's figure is kept: there is no history. */
export const CircleTimeSchema = z.object({
  day: LocalDaySchema,
  spentMs: z.number().nonnegative().finite(),
  /** The person closed today's nudge; it stays closed until tomorrow. */
  nudgeDismissed: z.boolean(),
});
export type CircleTime = z.output<typeof CircleTimeSchema>;

export interface ActiveSpan {
  /** When counting began (or the previous tick). */
  readonly from: number;
  readonly to: number;
  /** The last keyboard, pointer or scroll input. */
  readonly lastInputAt: number;
}

/** A stored value, or a fresh day when it is missing or damaged. */
export function readCircleTime(raw: unknown, now: number, zone: string): CircleTime {
  const parsed = CircleTimeSchema.safeParse(raw);
  const today = localDay(now, zone);
  return parsed.success && parsed.data.day === today ? parsed.data : { day: today, spentMs: 0, nudgeDismissed: false };
}

/**
 * Adds an active span to today's time. Only the part after the last input plus IDLE_AFTER_MS is dropped,
 * and only the part after local midnight counts toward a new day (the figure resets at midnight).
 */
export function addCircleTime(current: CircleTime, span: ActiveSpan, zone: string): CircleTime {
  const today = localDay(span.to, zone);
  const base = current.day === today ? current : { day: today, spentMs: 0, nudgeDismissed: false };
  const dayStart = wallTimeToInstant(today, 0, zone);
  const start = Math.max(span.from, dayStart);
  const end = Math.min(span.to, span.lastInputAt + IDLE_AFTER_MS);
  const counted = Math.max(0, end - start);
  return counted === 0 && base === current ? current : { ...base, spentMs: base.spentMs + counted };
}

/** Whether to show the nudge now: a budget is set, today's time reached it, and it wasn't closed today. */
export function shouldNudge(current: CircleTime, budgetMinutes: number | null, now: number, zone: string): boolean {
  if (budgetMinutes === null) return false;
  if (current.day !== localDay(now, zone)) return false;
  return !current.nudgeDismissed && current.spentMs >= budgetMinutes * 60_000;
}

export function dismissNudge(current: CircleTime): CircleTime {
  return { ...current, nudgeDismissed: true };
}
