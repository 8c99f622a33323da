// This device's circle identity: run the crypto self-test, then load it from db.device or create it once.
// A damaged stored identity is reported and kept; it is never silently replaced, which would orphan circles.
import { createDeviceIdentity, cryptoSelfTest, exportIdentity, fingerprint, importIdentity, type DeviceIdentity } from '@shared/circles/identity';
import type { HearthDatabase } from '../../db/database';
import { openStoredValue, sealValue } from '../../db/sealedRows';

export const IDENTITY_KEY = 'identity';

export type DeviceIdentityResult =
  | { readonly ok: true; readonly identity: DeviceIdentity; readonly fingerprint: string; readonly created: boolean }
  | { readonly ok: false; readonly problem: 'unsupported' | 'damaged'; readonly message: string };

export const DAMAGED_IDENTITY_MESSAGE =
  'This device’s circle keys could not be read, so your circles can’t open. Your private journal is safe. ' +
  'Nothing has been replaced: restoring a backup may bring your circles back. Starting over with new keys means asking each facilitator to invite you again.';

/** Loads this device's identity, creating it on first use. Safe to call from two windows at once. */
export async function loadDeviceIdentity(db: HearthDatabase): Promise<DeviceIdentityResult> {
  const selfTest = await cryptoSelfTest();
  if (!selfTest.ok) return { ok: false, problem: 'unsupported', message: selfTest.message };
  const existing = await readStored(db);
  if (existing) return existing;
  const identity = await createDeviceIdentity();
  // Sealed first (once a vault exists): WebCrypto cannot run inside the IndexedDB transaction below.
  const { value: stored } = await sealValue(db, 'device', IDENTITY_KEY, await exportIdentity(identity));
  // Written only if no identity exists, in one transaction: a second window that raced us loads theirs instead.
  const won = await db.transaction('rw', db.device, async () => {
    if ((await db.device.get(IDENTITY_KEY)) !== undefined) return false;
    await db.device.add({ key: IDENTITY_KEY, value: stored });
    return true;
  });
  if (!won) return (await readStored(db)) ?? { ok: false, problem: 'damaged', message: DAMAGED_IDENTITY_MESSAGE };
  return { ok: true, identity, fingerprint: await fingerprint(identity.publicIdentity), created: true };
}

async function readStored(db: HearthDatabase): Promise<DeviceIdentityResult | null> {
  const row = await db.device.get(IDENTITY_KEY);
  if (row === undefined) return null;
  const opened = await openStoredValue(db, 'device', IDENTITY_KEY, row.value, (value) => value);
  const imported = opened.ok ? await importIdentity(opened.value) : null;
  if (imported?.ok !== true) return { ok: false, problem: 'damaged', message: DAMAGED_IDENTITY_MESSAGE };
  return { ok: true, identity: imported.identity, fingerprint: await fingerprint(imported.identity.publicIdentity), created: false };
}

/**
 * Starting over, chosen explicitly by the person after reading DAMAGED_IDENTITY_MESSAGE: the damaged value is
 * kept aside (never deleted) and a new identity is made.
 */
export async function replaceDamagedIdentity(db: HearthDatabase, now: number = Date.now()): Promise<DeviceIdentityResult> {
  const current = await loadDeviceIdentity(db);
  if (current.ok || current.problem === 'unsupported') return current;
  await db.transaction('rw', db.device, async () => {
    const row = await db.device.get(IDENTITY_KEY);
    if (row === undefined) return;
    await db.device.put({ key: `${IDENTITY_KEY}-damaged-${String(now)}`, value: row.value });
    await db.device.delete(IDENTITY_KEY);
  });
  return loadDeviceIdentity(db);
}
