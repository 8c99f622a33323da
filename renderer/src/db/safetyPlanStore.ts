// Reads and writes the person's safety plan (one row in the `safety` store).
import { clampPlan, parseSafetyPlan, type SafetyPlan } from '@shared/safety/safetyPlan';
import type { HearthDatabase } from './database';

const KEY = 'plan';

export class SafetyPlanStore {
  constructor(private readonly db: HearthDatabase) {}

  async get(): Promise<SafetyPlan> {
    const row = await this.db.safety.get(KEY);
    return parseSafetyPlan(row?.value);
  }

  /** Saves the whole plan, stamped with `now`, and returns what was stored. */
  async save(plan: SafetyPlan, now: number = Date.now()): Promise<SafetyPlan> {
    const stored = clampPlan({ ...plan, updatedAt: now });
    await this.db.safety.put({ key: KEY, value: stored });
    return stored;
  }
}
