// Every schema upgrade, from every earlier version to the current one, keeps every check-in intact.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { completeCheckIn, type CheckIn } from '@shared/journal/checkIn';
import { HearthDatabase } from '../../../renderer/src/db/database';
import { Journal } from '../../../renderer/src/db/journal';
import { SafetyPlanStore } from '../../../renderer/src/db/safetyPlanStore';
import { EMPTY_PLAN } from '@shared/safety/safetyPlan';
import { CURRENT_SCHEMA_VERSION, SCHEMA_VERSIONS } from '../../../renderer/src/db/schema';
import { openVault } from '../../../renderer/src/vault/vault';
import { passcodeKey } from '@shared/vault/keys';
import { TEST_KDF } from '../vault/support';

const sample: CheckIn[] = [
  completeCheckIn(
    { at: Date.UTC(2026, 0, 5, 20), zone: 'Europe/Berlin', mood: 2, energy: 1, emotions: ['tired', 'lonely'], activities: ['work'], sleepHours: 5.5, medication: 'yes', note: 'Long day. **Bold** bit.' },
    { id: 'a', createdAt: 1, updatedAt: 2 },
  ),
  completeCheckIn({ at: Date.UTC(2026, 0, 6, 8), zone: 'America/New_York', mood: 4, emotions: [], activities: [], note: '' }, { id: 'b', createdAt: 3, updatedAt: 3 }),
];

/** How each schema version stored a check-in row, so a database of that age can be recreated. */
function rowAtVersion(version: number, checkIn: CheckIn): Record<string, unknown> {
  if (version === 1) return { ...checkIn };
  return { id: checkIn.id, at: checkIn.at, day: checkIn.day, codec: 'plain', v: 1, body: checkIn };
}

let counter = 0;
const names: string[] = [];
function freshName(): string {
  counter += 1;
  const name = `migration-test-${String(counter)}`;
  names.push(name);
  return name;
}

afterEach(async () => {
  await Promise.all(names.splice(0).map((name) => Dexie.delete(name)));
});

describe('schema migrations', () => {
  it('lists versions in strictly increasing order, each with a reason', () => {
    const versions = SCHEMA_VERSIONS.map((step) => step.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    for (const step of SCHEMA_VERSIONS) expect(step.why.length).toBeGreaterThan(10);
  });

  for (const old of SCHEMA_VERSIONS.filter((step) => step.version < CURRENT_SCHEMA_VERSION)) {
    it(`upgrades a version ${String(old.version)} database to version ${String(CURRENT_SCHEMA_VERSION)} without losing anything`, async () => {
      const name = freshName();
      const oldDb = new HearthDatabase(name, SCHEMA_VERSIONS.filter((step) => step.version <= old.version));
      await oldDb.open();
      await oldDb.table('checkIns').bulkPut(sample.map((checkIn) => rowAtVersion(old.version, checkIn)));
      await oldDb.table('settings').put({ key: 'preferences', value: { theme: 'dark' } });
      oldDb.close();

      const db = new HearthDatabase(name);
      await db.open();
      expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
      const unreadable: string[] = [];
      const journal = new Journal(db, { onUnreadable: (error) => unreadable.push(error.message) });
      expect(await journal.all()).toEqual(sample);
      expect(unreadable).toEqual([]);
      expect((await db.settings.get('preferences'))?.value).toEqual({ theme: 'dark' });
      // The safety store (version 4) exists after the upgrade, starts empty and keeps a plan.
      const safety = new SafetyPlanStore(db);
      expect(await safety.get()).toEqual(EMPTY_PLAN);
      await safety.save({ ...EMPTY_PLAN, warningSigns: 'Not sleeping' }, 42);
      expect(await safety.get()).toEqual({ ...EMPTY_PLAN, warningSigns: 'Not sleeping', updatedAt: 42 });
      // The vault store (version 5) exists and is empty: an upgraded journal is plain until set-up seals it.
      expect(await db.vault.count()).toBe(0);
      const vault = await openVault(db, { derive: passcodeKey, kdf: TEST_KDF });
      expect(vault.status()).toEqual({ kind: 'new', plaintextRecords: 4 });
      await vault.setUp('a long enough migration passcode');
      expect(await new Journal(db).all()).toEqual(sample);
      expect((await db.checkIns.toArray()).map((row) => row.codec)).toEqual(['sealed', 'sealed']);
      db.close();
    });
  }

  it('keeps a safety plan and the circles stores when reopened at the current version', async () => {
    const name = freshName();
    const first = new HearthDatabase(name);
    await first.open();
    const plan = { ...EMPTY_PLAN, copingStrategies: 'Walk round the block', helpers: [{ name: 'Sam', phone: '07700 900123', via: 'Sam · Tuesday circle' }] };
    await new SafetyPlanStore(first).save(plan, 7);
    await first.table('circles').put({ id: 'c1', value: { name: 'Tuesday' } });
    first.close();

    const again = new HearthDatabase(name);
    await again.open();
    expect(await new SafetyPlanStore(again).get()).toEqual({ ...plan, updatedAt: 7 });
    expect((await again.table('circles').get('c1')) as unknown).toEqual({ id: 'c1', value: { name: 'Tuesday' } });
    again.close();
  });

  it('opens an empty database at the current version', async () => {
    const db = new HearthDatabase(freshName());
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(await new Journal(db).count()).toBe(0);
    db.close();
  });
});
