// This device's circle identity: created once, the same after a restart, and never silently replaced when damaged.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { DAMAGED_IDENTITY_MESSAGE, IDENTITY_KEY, loadDeviceIdentity, replaceDamagedIdentity } from '../../../renderer/src/circles/engine/deviceIdentity';
import { HearthDatabase } from '../../../renderer/src/db/database';
import { deleteTestDatabases, testDatabase } from '../../support/circlesEngine';

afterEach(deleteTestDatabases);

describe('device identity store', () => {
  it('creates an identity once and loads the same one after a restart', async () => {
    const db = testDatabase();
    const first = await loadDeviceIdentity(db);
    if (!first.ok) throw new Error(first.message);
    expect(first.created).toBe(true);
    expect(first.fingerprint).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    db.close();

    const reopened = testDatabase(db.name);
    const again = await loadDeviceIdentity(reopened);
    if (!again.ok) throw new Error(again.message);
    expect(again.created).toBe(false);
    expect(again.identity.publicIdentity).toEqual(first.identity.publicIdentity);
    expect(again.fingerprint).toBe(first.fingerprint);
  });

  it('two windows starting together end up with one identity', async () => {
    const db = testDatabase();
    const other = new HearthDatabase(db.name);
    const [a, b] = await Promise.all([loadDeviceIdentity(db), loadDeviceIdentity(other)]);
    other.close();
    if (!a.ok || !b.ok) throw new Error('identity failed');
    expect(a.identity.publicIdentity.keyId).toBe(b.identity.publicIdentity.keyId);
  });

  it('reports a damaged identity plainly and keeps it; starting over is an explicit step that keeps the old value aside', async () => {
    const db = testDatabase();
    await db.device.put({ key: IDENTITY_KEY, value: { v: 1, signing: 'garbage' } });
    const loaded = await loadDeviceIdentity(db);
    expect(loaded).toEqual({ ok: false, problem: 'damaged', message: DAMAGED_IDENTITY_MESSAGE });
    expect(loaded.ok ? '' : loaded.message).toContain('Your private journal is safe');
    expect((await db.device.get(IDENTITY_KEY))?.value).toEqual({ v: 1, signing: 'garbage' });

    const fresh = await replaceDamagedIdentity(db, 1234);
    expect(fresh.ok).toBe(true);
    expect((await db.device.get(`${IDENTITY_KEY}-damaged-1234`))?.value).toEqual({ v: 1, signing: 'garbage' });
  });
});
