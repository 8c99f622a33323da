// Reads and writes the person's safety plan (one row in the `safety` store, sealed once a vault exists).
import { clampPlan, parseSafetyPlan, type SafetyPlan } from '@shared/safety/safetyPlan';
import type { HearthDatabase } from './database';
import { readValue, writeValue } from './sealedRows';

const KEY = 'plan';

export const DAMAGED_PLAN_MESSAGE =
  'Your saved safety plan could not be read — its stored copy is damaged. Nothing has been deleted; restoring a backup will bring it back.';

export class SafetyPlanStore {
  constructor(private readonly db: HearthDatabase) {}

  async get(): Promise<SafetyPlan> {
    const read = await readValue(this.db, 'safety', KEY, parseSafetyPlan);
    if (read.kind === 'absent') return parseSafetyPlan(undefined);
    // An unreadable plan is said out loud rather than shown as an empty one the person might not notice.
    if (!read.ok) throw new Error(DAMAGED_PLAN_MESSAGE);
    return read.value;
  }

  /** Saves the whole plan, stamped with `now`, and returns what was stored. */
  async save(plan: SafetyPlan, now: number = Date.now()): Promise<SafetyPlan> {
    const stored = clampPlan({ ...plan, updatedAt: now });
    await writeValue(this.db, 'safety', KEY, stored);
    return stored;
  }
}
