// Bringing a safety plan in from a JSON backup without ever overwriting one written on this device.
import { isPlanEmpty, type SafetyPlan } from '@shared/safety/safetyPlan';
import type { SafetyPlanStore } from '../../db/safetyPlanStore';

/** Imports the file's plan only when this device has none; returns a sentence saying what happened. */
export async function importSafetyPlan(store: SafetyPlanStore, incoming: SafetyPlan): Promise<string> {
  if (isPlanEmpty(incoming)) return '';
  const current = await store.get();
  if (!isPlanEmpty(current)) {
    const same = JSON.stringify({ ...current, updatedAt: 0 }) === JSON.stringify({ ...incoming, updatedAt: 0 });
    return same ? '' : 'The safety plan on this device was kept as it is; the one in the file was not imported.';
  }
  await store.save(incoming);
  return 'Your safety plan was imported.';
}
