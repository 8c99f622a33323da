// The safety plan in JSON backups: it travels with the journal, a damaged one refuses the file, and an
// import never overwrites a plan already written on this device.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { parseJsonExport, toJsonExport } from '@shared/journal/exchange';
import { EMPTY_PLAN, type SafetyPlan } from '@shared/safety/safetyPlan';
import { HearthDatabase } from '../../../renderer/src/db/database';
import { SafetyPlanStore } from '../../../renderer/src/db/safetyPlanStore';
import { importSafetyPlan } from '../../../renderer/src/features/safety/planTransfer';

const NOW = new Date('2026-12-06T10:00:00.000Z');
const PREFS = { activities: ['walk'], customEmotions: [] };
const PLAN: SafetyPlan = { ...EMPTY_PLAN, warningSigns: 'Not sleeping', helpers: [{ name: 'Ana', phone: '07700 900123', via: 'Tuesday' }], updatedAt: 1_700_000_000_000 };

describe('the safety plan in a JSON export', () => {
  it('round-trips when there is one, and is left out when it is empty', () => {
    const value = parseJsonExport(toJsonExport([], PREFS, NOW, PLAN));
    expect(value.ok && value.value.safetyPlan).toEqual(PLAN);
    const text = toJsonExport([], PREFS, NOW, EMPTY_PLAN);
    expect(text).not.toContain('safetyPlan');
    expect(text).toBe(toJsonExport([], PREFS, NOW));
    const plain = parseJsonExport(text);
    expect(plain.ok && 'safetyPlan' in plain.value).toBe(false);
  });

  it('refuses a file whose plan is damaged, saying so and changing nothing', () => {
    // Without the file's checksum (as files made before it existed), to reach the plan's own message.
    const document = JSON.parse(toJsonExport([], PREFS, NOW, PLAN)) as Record<string, unknown>;
    delete document.checksum;
    const result = parseJsonExport(JSON.stringify({ ...document, safetyPlan: { ...PLAN, helpers: 'Ana' } }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toMatch(/problem with its safety plan.*unchanged/);
  });
});

let counter = 0;
const names: string[] = [];
async function store(): Promise<SafetyPlanStore> {
  counter += 1;
  const name = `plan-transfer-${String(counter)}`;
  names.push(name);
  const db = new HearthDatabase(name);
  await db.open();
  return new SafetyPlanStore(db);
}

afterEach(async () => {
  await Promise.all(names.splice(0).map((name) => Dexie.delete(name)));
});

describe('importSafetyPlan', () => {
  it('takes the file\'s plan when this device has none', async () => {
    const plans = await store();
    expect(await importSafetyPlan(plans, PLAN)).toBe('Your safety plan was imported.');
    const stored = await plans.get();
    expect({ ...stored, updatedAt: 0 }).toEqual({ ...PLAN, updatedAt: 0 });
  });

  it('keeps a plan already written here, and says so only when the file\'s differs', async () => {
    const plans = await store();
    const mine = { ...EMPTY_PLAN, copingStrategies: 'Walk round the block' };
    await plans.save(mine, 5);
    expect(await importSafetyPlan(plans, PLAN)).toMatch(/kept as it is/);
    expect(await plans.get()).toEqual({ ...mine, updatedAt: 5 });
    expect(await importSafetyPlan(plans, { ...mine, updatedAt: 99 })).toBe('');
    expect(await importSafetyPlan(plans, EMPTY_PLAN)).toBe('');
  });
});
