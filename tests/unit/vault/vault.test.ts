// The vault controller over a real (fake-indexeddb) journal: set-up seals every store in place and
// atomically, a canary sentence is nowhere on disk afterwards, unlock by passcode / recovery key / keychain,
// the wait after wrong passcodes survives a restart, and damage is reported as damage, never wiped.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import * as Y from 'yjs';
import { completeCheckIn, type CheckIn } from '@shared/journal/checkIn';
import { EMPTY_PLAN } from '@shared/safety/safetyPlan';
import { passcodeKey, UNLOCK_MESSAGES } from '@shared/vault/keys';
import { generateJournal } from '../../support/fixtures';
import { CircleRecords, type PendingJoin } from '../../../renderer/src/circles/engine/circleRecords';
import { loadDeviceIdentity } from '../../../renderer/src/circles/engine/deviceIdentity';
import { CircleDocStore } from '../../../renderer/src/db/circleDocStore';
import { HearthDatabase } from '../../../renderer/src/db/database';
import { Journal } from '../../../renderer/src/db/journal';
import { SafetyPlanStore } from '../../../renderer/src/db/safetyPlanStore';
import { readAppearance, SettingsStore } from '../../../renderer/src/db/settingsStore';
import { JournalLockedError } from '../../../renderer/src/vault/cipher';
import { openStores } from '../../../renderer/src/vault/stores';
import { openVault, type Vault } from '../../../renderer/src/vault/vault';
import { TEST_KDF } from './support';

const PASSCODE = 'quiet harbour lantern 7';
const CANARY = 'CANARY-marmalade-lighthouse-4417';

let clock = Date.UTC(2026, 11, 6, 12);
const now = (): number => clock;
const names: string[] = [];

async function freshDb(): Promise<HearthDatabase> {
  const name = `vault-test-${String(names.length)}-${String(Math.random())}`;
  names.push(name);
  const db = new HearthDatabase(name);
  await db.open();
  return db;
}

async function reopen(db: HearthDatabase): Promise<HearthDatabase> {
  db.close();
  const again = new HearthDatabase(db.name);
  await again.open();
  return again;
}

const vaultOf = (db: HearthDatabase): Promise<Vault> => openVault(db, { derive: passcodeKey, kdf: TEST_KDF, now });

afterEach(async () => {
  await Promise.all(names.splice(0).map((name) => Dexie.delete(name)));
});

function checkIn(id: string, note: string, day = 5): CheckIn {
  return completeCheckIn({ at: Date.UTC(2026, 0, day, 20), zone: 'UTC', mood: 3, emotions: ['calm'], activities: ['walk'], note }, { id, createdAt: 1, updatedAt: 1 });
}

const join: PendingJoin = { kind: 'join', v: 1, joinId: 'AAAAAAAAAAAAAAAAAAAAAA', code: 'ABCD-EFGH', pseudonym: `River ${CANARY}`, startedAt: 5, state: 'asking' };

/** A plaintext journal with the canary in every store a person's words can reach. */
async function fillPlaintext(db: HearthDatabase): Promise<void> {
  const journal = new Journal(db);
  await journal.writeImport({ add: [checkIn('a', `Dear diary: ${CANARY}`), checkIn('b', 'An ordinary day', 6)], update: [] });
  await new SettingsStore(db).update({ theme: 'dark', activities: ['walk', `knit ${CANARY}`] });
  await new SafetyPlanStore(db).save({ ...EMPTY_PLAN, warningSigns: `Not sleeping ${CANARY}` }, 7);
  await new CircleRecords(db).putJoin(join);
  const doc = new Y.Doc();
  const docs = new CircleDocStore(db);
  const detach = await docs.attach('circle-1', doc);
  doc.getMap('envelopes').set('post', `shared post ${CANARY}`);
  await detach();
  const identity = await loadDeviceIdentity(db);
  expect(identity.ok).toBe(true);
}

/** Every string and byte run in every row of every table, searched for the canary (bytes as UTF-8). */
async function canaryOnDisk(db: HearthDatabase): Promise<string[]> {
  const found: string[] = [];
  const visit = (where: string, value: unknown): void => {
    if (typeof value === 'string') {
      if (value.includes(CANARY)) found.push(where);
    } else if (value instanceof Uint8Array) {
      if (new TextDecoder().decode(value).includes(CANARY)) found.push(where);
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visit(`${where}[${String(index)}]`, item));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) visit(`${where}.${key}`, item);
    }
  };
  for (const table of db.tables) visit(table.name, await table.toArray());
  return found;
}

describe('setting up the lock', () => {
  it('counts the plaintext rows, then seals every store so the canary is nowhere on disk, and everything still reads', async () => {
    const db = await freshDb();
    await fillPlaintext(db);
    expect((await canaryOnDisk(db)).length).toBeGreaterThan(4);
    const vault = await vaultOf(db);
    const status = vault.status();
    expect(status.kind).toBe('new');
    // 2 check-ins, preferences, the plan, the join, the circle doc, the identity.
    expect(status.kind === 'new' && status.plaintextRecords).toBe(7);

    const progress: number[] = [];
    const { recoveryKey } = await vault.setUp(PASSCODE, (done, total) => progress.push(done / total));
    expect(recoveryKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){8}$/);
    expect(progress.at(-1)).toBe(1);
    expect(vault.status()).toEqual({ kind: 'unlocked' });
    expect(await canaryOnDisk(db)).toEqual([]);

    const stores = openStores(db, vault.cipher());
    expect((await stores.journal.all()).map((entry) => entry.note)).toEqual([`Dear diary: ${CANARY}`, 'An ordinary day']);
    expect((await stores.search.search('marmalade')).checkIns.map((entry) => entry.id)).toEqual(['a']);
    expect((await stores.settings.get()).activities).toContain(`knit ${CANARY}`);
    expect((await stores.safetyPlan.get()).warningSigns).toBe(`Not sleeping ${CANARY}`);
    expect(await stores.circleRecords.getJoin(join.joinId)).toEqual(join);
    const doc = new Y.Doc();
    await stores.circleDocs.load('circle-1', doc);
    expect(doc.getMap('envelopes').get('post')).toBe(`shared post ${CANARY}`);
    const identity = await loadDeviceIdentity(db);
    expect(identity.ok && !identity.created).toBe(true);
    // The lock screen can still be drawn in the person's theme before unlock.
    expect(await readAppearance(db)).toEqual({ theme: 'dark', motion: 'system' });
    db.close();
  });

  it('keeps sealing what is written after set-up, in every store', async () => {
    const db = await freshDb();
    const vault = await vaultOf(db);
    await vault.setUp(PASSCODE);
    const stores = openStores(db, vault.cipher());
    await stores.journal.create({ at: Date.UTC(2026, 0, 9), zone: 'UTC', mood: 4, emotions: [], activities: [], note: CANARY });
    await stores.settings.update({ customEmotions: [CANARY] });
    await stores.safetyPlan.save({ ...EMPTY_PLAN, copingStrategies: CANARY });
    await stores.circleRecords.putJoin(join);
    await stores.circleRecords.putJoin({ ...join, state: 'waiting-for-facilitator' });
    const docs = new CircleDocStore(db, { compactAfterRows: 3 });
    const doc = new Y.Doc();
    const detach = await docs.attach('circle-2', doc);
    for (let i = 0; i < 8; i += 1) doc.getMap('envelopes').set(`k${String(i)}`, `${CANARY} ${String(i)}`);
    await detach();
    expect(await db.circleUpdates.where('circleId').equals('circle-2').count()).toBeLessThanOrEqual(3);
    await loadDeviceIdentity(db);
    expect(await canaryOnDisk(db)).toEqual([]);
    const again = new Y.Doc();
    await docs.load('circle-2', again);
    expect(again.getMap('envelopes').size).toBe(8);
    expect((await stores.circleRecords.getJoin(join.joinId))?.state).toBe('waiting-for-facilitator');
    db.close();
  });

  it('refuses a trivially weak passcode with a sentence and changes nothing', async () => {
    const db = await freshDb();
    await fillPlaintext(db);
    const vault = await vaultOf(db);
    await expect(vault.setUp('hearth')).rejects.toThrow(/at least 8/);
    expect(vault.status().kind).toBe('new');
    expect(await db.vault.count()).toBe(0);
    expect((await canaryOnDisk(db)).length).toBeGreaterThan(4);
    db.close();
  });

  it('leaves the plaintext journal whole when set-up stops part-way through sealing', async () => {
    const db = await freshDb();
    await new Journal(db).writeImport({ add: generateJournal(600, { seed: 3 }), update: [] });
    const before = await db.checkIns.toArray();
    const vault = await vaultOf(db);
    await expect(
      vault.setUp(PASSCODE, (done) => {
        if (done > 300) throw new Error('power cut');
      }),
    ).rejects.toThrow('power cut');
    expect(await db.checkIns.toArray()).toEqual(before);
    expect(await db.vault.count()).toBe(0);
    // Reopened after the "crash": still a plaintext journal, readable, and set-up can run again.
    const again = await reopen(db);
    const vaultAgain = await vaultOf(again);
    expect(vaultAgain.status().kind).toBe('new');
    expect(await new Journal(again).count()).toBe(600);
    await vaultAgain.setUp(PASSCODE);
    expect((await openStores(again, vaultAgain.cipher()).journal.all()).length).toBe(600);
    again.close();
  });

  it('leaves the plaintext journal whole when the sealing transaction fails before it commits', async () => {
    const first = await freshDb();
    await fillPlaintext(first);
    const rowsBefore = await Promise.all(first.tables.map((table) => table.toArray()));
    first.close();
    // The last store the transaction writes fails, after every other store has been replaced in it.
    const db = new HearthDatabase(first.name);
    db.use({
      stack: 'dbcore',
      name: 'fail-safety-writes',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          return name === 'safety' ? { ...table, mutate: () => Promise.reject(new Error('disk full')) } : table;
        },
      }),
    });
    await db.open();
    const vault = await vaultOf(db);
    await expect(vault.setUp(PASSCODE)).rejects.toThrow('disk full');
    expect(await Promise.all(db.tables.map((table) => table.toArray()))).toEqual(rowsBefore);
    expect(vault.status().kind).toBe('new');
    db.close();
  });

  it('seals a journal of a few thousand entries and reads every one back', async () => {
    const db = await freshDb();
    const entries = generateJournal(3000, { seed: 11 });
    await new Journal(db).writeImport({ add: entries, update: [] });
    const vault = await vaultOf(db);
    await vault.setUp(PASSCODE);
    expect((await db.checkIns.toArray()).every((row) => row.codec === 'sealed')).toBe(true);
    const all = await openStores(db, vault.cipher()).journal.all();
    expect(all.length).toBe(3000);
    expect(new Set(all.map((entry) => entry.id))).toEqual(new Set(entries.map((entry) => entry.id)));
    db.close();
  }, 60_000);
});

describe('unlocking', () => {
  async function lockedJournal(): Promise<{ db: HearthDatabase; recoveryKey: string }> {
    const first = await freshDb();
    await fillPlaintext(first);
    const { recoveryKey } = await (await vaultOf(first)).setUp(PASSCODE);
    return { db: await reopen(first), recoveryKey };
  }

  it('is locked after a restart: nothing can be read or written until the passcode is given', async () => {
    const { db } = await lockedJournal();
    const vault = await vaultOf(db);
    expect(vault.status()).toEqual({ kind: 'locked', keychain: false, retryAt: null, failures: 0, problem: null });
    await expect(new Journal(db).all()).rejects.toThrow(JournalLockedError);
    await expect(new SafetyPlanStore(db).save(EMPTY_PLAN)).rejects.toThrow(/locked/);
    expect(() => vault.cipher()).toThrow(/locked/);
    expect(await vault.unlockWithPasscode(PASSCODE)).toEqual({ ok: true });
    expect((await openStores(db, vault.cipher()).journal.all()).length).toBe(2);
    vault.lock();
    expect(vault.status().kind).toBe('locked');
    await expect(new Journal(db).all()).rejects.toThrow(JournalLockedError);
    db.close();
  });

  it('makes wrong passcodes wait longer and longer, remembers it across restarts, and never wipes anything', async () => {
    const { db } = await lockedJournal();
    let vault = await vaultOf(db);
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      const wrong = await vault.unlockWithPasscode('not my passcode');
      expect(wrong).toEqual({ ok: false, reason: 'wrong-passcode', message: UNLOCK_MESSAGES['wrong-passcode'], retryAt: null });
    }
    const third = await vault.unlockWithPasscode('still not it');
    expect(third).toMatchObject({ ok: false, reason: 'wrong-passcode', retryAt: clock + 5_000 });
    expect(third.ok === false && third.message).toMatch(/try again in 5 seconds/);
    // Even the right passcode waits its turn; the wait is not counted as another failure.
    expect(await vault.unlockWithPasscode(PASSCODE)).toMatchObject({ ok: false, reason: 'too-soon', retryAt: clock + 5_000 });

    const again = await reopen(db);
    vault = await vaultOf(again);
    expect(vault.status()).toMatchObject({ kind: 'locked', failures: 3, retryAt: clock + 5_000 });
    clock += 5_000;
    expect(await vault.unlockWithPasscode('wrong again')).toMatchObject({ ok: false, reason: 'wrong-passcode', retryAt: clock + 15_000 });
    clock += 15_000;
    expect(await vault.unlockWithPasscode(PASSCODE)).toEqual({ ok: true });
    expect((await openStores(again, vault.cipher()).journal.all()).length).toBe(2);
    vault.lock();
    expect(vault.status()).toMatchObject({ kind: 'locked', failures: 0, retryAt: null });
    again.close();
  });

  it('opens with the recovery key even during a wait, says where a typo is, and refuses another journal’s key', async () => {
    const { db, recoveryKey } = await lockedJournal();
    const vault = await vaultOf(db);
    for (let attempt = 0; attempt < 3; attempt += 1) await vault.unlockWithPasscode('forgotten it');
    const typo = recoveryKey.slice(0, 2) + (recoveryKey[2] === 'A' ? 'B' : 'A') + recoveryKey.slice(3);
    const mistyped = await vault.unlockWithRecoveryKey(typo);
    expect(mistyped).toMatchObject({ ok: false, reason: 'wrong-recovery-key' });
    expect(mistyped.ok === false && mistyped.message).toMatch(/first half/);
    const otherDb = await freshDb();
    const other = await (await vaultOf(otherDb)).setUp(PASSCODE);
    expect(await vault.unlockWithRecoveryKey(other.recoveryKey)).toMatchObject({ ok: false, reason: 'wrong-recovery-key', message: UNLOCK_MESSAGES['wrong-recovery-key'] });
    expect(await vault.unlockWithRecoveryKey(recoveryKey.toLowerCase().replaceAll('-', ' '))).toEqual({ ok: true });
    // Forgot the passcode: a new one, with no need for the old.
    await vault.changePasscode('a brand new evening passcode');
    vault.lock();
    expect(await vault.unlockWithPasscode('a brand new evening passcode')).toEqual({ ok: true });
    db.close();
    otherDb.close();
  });

  it('changes the passcode and the recovery key while unlocked; the old ones stop working, the records stay readable', async () => {
    const { db, recoveryKey } = await lockedJournal();
    const vault = await vaultOf(db);
    await vault.unlockWithPasscode(PASSCODE);
    await expect(vault.changePasscode('short')).rejects.toThrow(/at least 8/);
    await vault.changePasscode('willow passage under stars');
    const newKey = await vault.newRecoveryKey();
    expect(newKey).not.toBe(recoveryKey);
    const again = await reopen(db);
    const reopened = await vaultOf(again);
    expect(await reopened.unlockWithPasscode(PASSCODE)).toMatchObject({ ok: false, reason: 'wrong-passcode' });
    expect(await reopened.unlockWithRecoveryKey(recoveryKey)).toMatchObject({ ok: false, reason: 'wrong-recovery-key' });
    expect(await reopened.unlockWithRecoveryKey(newKey)).toEqual({ ok: true });
    reopened.lock();
    expect(await reopened.unlockWithPasscode('willow passage under stars')).toEqual({ ok: true });
    expect((await openStores(again, reopened.cipher()).journal.all()).length).toBe(2);
    again.close();
  });

  it('opens with the keychain secret; a changed keychain gets a clear message and the passcode still works', async () => {
    const { db } = await lockedJournal();
    const vault = await vaultOf(db);
    await vault.unlockWithPasscode(PASSCODE);
    const secret = crypto.getRandomValues(new Uint8Array(32));
    await expect(vault.addKeychain({ secret, sealed: '' })).rejects.toThrow(/keychain/);
    await vault.addKeychain({ secret, sealed: 'c2FmZVN0b3JhZ2UgYmxvYg' });
    expect(vault.keychainSealed()).toBe('c2FmZVN0b3JhZ2UgYmxvYg');

    const again = await reopen(db);
    const reopened = await vaultOf(again);
    expect(reopened.status()).toMatchObject({ kind: 'locked', keychain: true });
    expect(reopened.keychainSealed()).toBe('c2FmZVN0b3JhZ2UgYmxvYg');
    // A reset or different keychain backend hands back a secret that does not fit.
    const changed = await reopened.unlockWithKeychain(crypto.getRandomValues(new Uint8Array(32)));
    expect(changed).toEqual({ ok: false, reason: 'wrong-keychain', message: UNLOCK_MESSAGES['wrong-keychain'], retryAt: null });
    expect(reopened.status()).toMatchObject({ failures: 0 });
    expect(await reopened.unlockWithKeychain(secret)).toEqual({ ok: true });
    reopened.lock();
    expect(await reopened.unlockWithPasscode(PASSCODE)).toEqual({ ok: true });
    await reopened.removeKeychain();
    expect(reopened.keychainSealed()).toBeNull();
    reopened.lock();
    expect(await reopened.unlockWithKeychain(secret)).toMatchObject({ ok: false, reason: 'no-keychain' });
    again.close();
  });
});

describe('damage', () => {
  it('a flipped byte in the header says damaged (not a wrong passcode), counts no failure and changes nothing', async () => {
    const db = await freshDb();
    await fillPlaintext(db);
    await (await vaultOf(db)).setUp(PASSCODE);
    const row = await db.vault.get('header');
    const header = structuredClone(row?.value) as { passcode: { salt: string } };
    const salt = header.passcode.salt;
    header.passcode.salt = (salt[0] === 'A' ? 'B' : 'A') + salt.slice(1);
    await db.vault.put({ key: 'header', value: header });
    const rowsBefore = await Promise.all(db.tables.map((table) => table.toArray()));

    const again = await reopen(db);
    const vault = await vaultOf(again);
    expect(vault.status()).toMatchObject({ kind: 'locked', problem: UNLOCK_MESSAGES.damaged });
    expect(await vault.unlockWithPasscode(PASSCODE)).toEqual({ ok: false, reason: 'damaged', message: UNLOCK_MESSAGES.damaged, retryAt: null });
    expect(vault.status()).toMatchObject({ failures: 0 });
    expect(await Promise.all(again.tables.map((table) => table.toArray()))).toEqual(rowsBefore);
    again.close();
  });

  it('a flipped byte in one entry makes that entry unreadable with a clear message; the rest read and nothing is deleted', async () => {
    const db = await freshDb();
    await fillPlaintext(db);
    const vault = await vaultOf(db);
    await vault.setUp(PASSCODE);
    const row = await db.checkIns.get('a');
    const body = structuredClone(row?.body) as { ct: Uint8Array };
    body.ct[5] = (body.ct[5] ?? 0) ^ 0x01;
    await db.checkIns.update('a', { body });
    const unreadable: string[] = [];
    const stores = openStores(db, vault.cipher(), { onUnreadable: (error) => unreadable.push(error.message) });
    expect((await stores.journal.all()).map((entry) => entry.id)).toEqual(['b']);
    expect(unreadable).toEqual(['Check-in a could not be read: This entry is damaged and can’t be read. The rest of your journal is unaffected.']);
    expect((await stores.search.search('ordinary')).total).toBe(1);
    expect(await db.checkIns.count()).toBe(2);
    db.close();
  });

  it('a damaged safety plan says so instead of showing an empty plan; a damaged circle update is skipped and kept', async () => {
    const db = await freshDb();
    await fillPlaintext(db);
    const vault = await vaultOf(db);
    await vault.setUp(PASSCODE);
    const plan = structuredClone((await db.safety.get('plan'))?.value) as { iv: Uint8Array };
    plan.iv[0] = (plan.iv[0] ?? 0) ^ 0x80;
    await db.safety.put({ key: 'plan', value: plan });
    const stores = openStores(db, vault.cipher());
    await expect(stores.safetyPlan.get()).rejects.toThrow(/safety plan could not be read/);

    const [update] = await db.circleUpdates.toArray();
    const sealed = structuredClone(update?.update) as { ct: Uint8Array };
    sealed.ct[0] = (sealed.ct[0] ?? 0) ^ 0x01;
    await db.circleUpdates.put({ ...update, circleId: 'circle-1', update: sealed });
    const damaged: string[] = [];
    const docs = new CircleDocStore(db, { onDamagedUpdate: (circleId) => damaged.push(circleId) });
    await docs.load('circle-1', new Y.Doc());
    expect(damaged).toEqual(['circle-1']);
    expect(await db.circleUpdates.count()).toBe(1);
    db.close();
  });

  it('a flipped byte in a circle record or the device keys is reported as damaged and kept, never replaced', async () => {
    const db = await freshDb();
    await fillPlaintext(db);
    const vault = await vaultOf(db);
    await vault.setUp(PASSCODE);
    const flip = (value: unknown): unknown => {
      const copy = structuredClone(value) as { ct: Uint8Array };
      copy.ct[3] = (copy.ct[3] ?? 0) ^ 0x10;
      return copy;
    };
    const joinRow = await db.circles.get(`join/${join.joinId}`);
    await db.circles.put({ id: `join/${join.joinId}`, value: flip(joinRow?.value) });
    const identityRow = await db.device.get('identity');
    await db.device.put({ key: 'identity', value: flip(identityRow?.value) });

    const stores = openStores(db, vault.cipher());
    const listed = await stores.circleRecords.list();
    expect(listed.joins).toEqual([]);
    expect(listed.damaged.map((record) => record.id)).toEqual([`join/${join.joinId}`]);
    expect(await stores.circleRecords.getJoin(join.joinId)).toBeNull();
    const identity = await loadDeviceIdentity(db);
    expect(identity).toMatchObject({ ok: false, problem: 'damaged' });
    expect(await db.device.count()).toBe(1);
    expect(await db.circles.count()).toBe(1);
    db.close();
  });
});
