// The vault header: unlocking with the passcode, the recovery key or a keychain secret; changing the
// passcode keeps records readable; damage and tampering are refused with a clear reason, before deriving.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ARGON2_BOUNDS,
  changePasscode,
  createVault,
  keychainSealed,
  needsRehash,
  parseRecoveryKey,
  PASSCODE_KDF,
  passcodeKey,
  RECOVERY_KEY_CHARS,
  removeKeychainSlot,
  replaceRecoveryKey,
  setKeychainSlot,
  unlockVault,
  type StoredHeader,
} from '@shared/vault/keys';
import { openRecord, sealRecord } from '@shared/vault/records';
import { canonicalJson, CROCKFORD_ALPHABET, randomBytes, sha256, toBase64Url, utf8 } from '@shared/circles/bytes';
import { TEST_KDF } from './support';

const PASSCODE = 'quiet harbour lantern 7';
const place = { store: 'checkIns', id: 'c-1', schemaVersion: 1 };

async function resealed(header: Omit<StoredHeader, 'check'>): Promise<StoredHeader> {
  // What someone rewriting the header would do: a valid check over altered fields.
  return { ...header, check: toBase64Url((await sha256(utf8(canonicalJson(header)))).slice(0, 16)) };
}

describe('creating and unlocking', () => {
  it('unlocks with the passcode, and the key opens records sealed at creation', async () => {
    const created = await createVault(PASSCODE, TEST_KDF);
    const sealed = await sealRecord(created.vault, place, { mood: 4 });
    const unlocked = await unlockVault(created.header, { passcode: PASSCODE });
    expect(unlocked.ok).toBe(true);
    if (!unlocked.ok) return;
    expect(unlocked.vault.key.extractable).toBe(false);
    expect(created.vault.key.extractable).toBe(false);
    expect(await openRecord(unlocked.vault, place, sealed)).toEqual({ ok: true, value: { mood: 4 } });
    expect(unlocked.needsRehash).toBe(true);
  });

  it('survives a JSON round trip (a backup file) of the header', async () => {
    const created = await createVault(PASSCODE, TEST_KDF);
    const copy: unknown = JSON.parse(JSON.stringify(created.header));
    expect((await unlockVault(copy, { passcode: PASSCODE })).ok).toBe(true);
  });

  it('says wrong-passcode for a wrong passcode, and a later right one still works', async () => {
    const created = await createVault(PASSCODE, TEST_KDF);
    for (const wrong of ['', 'quiet harbour lantern 8', PASSCODE.toUpperCase(), `${PASSCODE} `]) {
      const result = await unlockVault(created.header, { passcode: wrong });
      expect(result).toMatchObject({ ok: false, reason: 'wrong-passcode' });
      if (!result.ok) expect(result.message).toMatch(/nothing has been lost/i);
    }
    expect((await unlockVault(created.header, { passcode: PASSCODE })).ok).toBe(true);
  });

  it('treats the same characters in another Unicode normal form as the same passcode', async () => {
    const composed = 'café au lait évening';
    const created = await createVault(composed, TEST_KDF);
    expect((await unlockVault(created.header, { passcode: composed.normalize('NFD') })).ok).toBe(true);
  });

  it('unlocks with the recovery key however it is typed', async () => {
    const created = await createVault(PASSCODE, TEST_KDF);
    const sealed = await sealRecord(created.vault, place, { mood: 2 });
    const sloppy = ` ${created.recoveryKey.toLowerCase().replace(/-/g, ' ').replace(/1/g, 'l').replace(/0/g, 'o')} `;
    for (const typed of [created.recoveryKey, sloppy, created.recoveryKey.replace(/-/g, '')]) {
      const unlocked = await unlockVault(created.header, { recoveryKey: typed });
      expect(unlocked.ok).toBe(true);
      if (unlocked.ok) expect(await openRecord(unlocked.vault, place, sealed)).toEqual({ ok: true, value: { mood: 2 } });
    }
    const other = await createVault(PASSCODE, TEST_KDF);
    expect(await unlockVault(created.header, { recoveryKey: other.recoveryKey })).toMatchObject({ ok: false, reason: 'wrong-recovery-key' });
  });
});

describe('recovery keys', () => {
  it('are 160 random bits shown as nine groups of four, and parse back to themselves', async () => {
    const { recoveryKey } = await createVault(PASSCODE, TEST_KDF);
    expect(recoveryKey).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){8}$/);
    expect(RECOVERY_KEY_CHARS).toBe(36);
    const parsed = parseRecoveryKey(recoveryKey);
    expect(parsed).toMatchObject({ ok: true, key: recoveryKey });
  });

  it('catch any one or two mistyped characters by the check characters', async () => {
    const { recoveryKey } = await createVault(PASSCODE, TEST_KDF);
    const plain = recoveryKey.replace(/-/g, '');
    const change = fc.record({ at: fc.nat(RECOVERY_KEY_CHARS - 1), by: fc.integer({ min: 1, max: 31 }) });
    fc.assert(
      fc.property(change, change, fc.boolean(), (first, second, both) => {
        const symbols = [...plain].map((char) => CROCKFORD_ALPHABET.indexOf(char));
        for (const { at, by } of both && first.at !== second.at ? [first, second] : [first]) symbols[at] = ((symbols[at] ?? 0) + by) % 32;
        const typo = symbols.map((s) => CROCKFORD_ALPHABET[s]).join('');
        const parsed = parseRecoveryKey(typo);
        expect(parsed.ok).toBe(false);
        if (!parsed.ok) expect(parsed.message).toMatch(/mistyped/);
      }),
      { numRuns: 500 },
    );
  });

  it('catch two neighbours swapped', async () => {
    const { recoveryKey } = await createVault(PASSCODE, TEST_KDF);
    const plain = [...recoveryKey.replace(/-/g, '')];
    for (let i = 0; i + 1 < plain.length; i++) {
      if (plain[i] === plain[i + 1]) continue;
      const swapped = [...plain];
      [swapped[i], swapped[i + 1]] = [plain[i + 1] ?? '', plain[i] ?? ''];
      expect(parseRecoveryKey(swapped.join('')).ok).toBe(false);
    }
  });

  it('refuse short, long and foreign text with a sentence, never a throw', () => {
    expect(parseRecoveryKey('')).toMatchObject({ ok: false, message: expect.stringMatching(/recovery key/) as unknown });
    expect(parseRecoveryKey('ABCD-EFGH')).toMatchObject({ ok: false, message: expect.stringMatching(/too short/) as unknown });
    expect(parseRecoveryKey('0'.repeat(40))).toMatchObject({ ok: false, message: expect.stringMatching(/longer/) as unknown });
    expect(parseRecoveryKey('ABCD-U000')).toMatchObject({ ok: false, message: expect.stringMatching(/“U”/) as unknown });
    fc.assert(fc.property(fc.string(), (text) => typeof parseRecoveryKey(text).ok === 'boolean'));
  });

  it('can be replaced; the old one then stops working', async () => {
    const created = await createVault(PASSCODE, TEST_KDF);
    const replaced = await replaceRecoveryKey(created.header, { passcode: PASSCODE });
    expect(replaced.ok).toBe(true);
    if (!replaced.ok) return;
    expect(replaced.recoveryKey).not.toBe(created.recoveryKey);
    expect((await unlockVault(replaced.header, { recoveryKey: replaced.recoveryKey })).ok).toBe(true);
    expect(await unlockVault(replaced.header, { recoveryKey: created.recoveryKey })).toMatchObject({ ok: false, reason: 'wrong-recovery-key' });
  });
});

describe('changing the passcode', () => {
  it('rewraps the same data key: records stay readable, the old passcode stops working, the recovery key still works', async () => {
    const created = await createVault(PASSCODE, TEST_KDF);
    const sealed = await sealRecord(created.vault, place, { mood: 5 });
    const changed = await changePasscode(created.header, { passcode: PASSCODE }, 'new willow passage 42', TEST_KDF);
    expect(changed.ok).toBe(true);
    if (!changed.ok) return;
    expect(changed.header.passcode.salt).not.toBe(created.header.passcode.salt);
    expect(await unlockVault(changed.header, { passcode: PASSCODE })).toMatchObject({ ok: false, reason: 'wrong-passcode' });
    const unlocked = await unlockVault(changed.header, { passcode: 'new willow passage 42' });
    expect(unlocked.ok).toBe(true);
    if (unlocked.ok) expect(await openRecord(unlocked.vault, place, sealed)).toEqual({ ok: true, value: { mood: 5 } });
    expect((await unlockVault(changed.header, { recoveryKey: created.recoveryKey })).ok).toBe(true);
  });

  it('works from the recovery key (a forgotten passcode) and refuses a wrong passcode, changing nothing', async () => {
    const created = await createVault(PASSCODE, TEST_KDF);
    expect(await changePasscode(created.header, { passcode: 'not it at all' }, 'x', TEST_KDF)).toMatchObject({ ok: false, reason: 'wrong-passcode' });
    const changed = await changePasscode(created.header, { recoveryKey: created.recoveryKey }, 'remembered this time', TEST_KDF);
    expect(changed.ok && (await unlockVault(changed.header, { passcode: 'remembered this time' })).ok).toBe(true);
  });

  it('raises weak parameters (needsRehash) to stronger ones', async () => {
    expect(needsRehash(TEST_KDF)).toBe(true);
    expect(needsRehash(PASSCODE_KDF)).toBe(false);
    expect(needsRehash({ ...PASSCODE_KDF, iterations: 2 })).toBe(true);
    const stronger = { memoryKiB: 1024, iterations: 2, parallelism: 1 };
    const created = await createVault(PASSCODE, TEST_KDF);
    const changed = await changePasscode(created.header, { passcode: PASSCODE }, PASSCODE, stronger);
    expect(changed.ok).toBe(true);
    if (!changed.ok) return;
    expect(changed.header.passcode).toMatchObject(stronger);
    const unlocked = await unlockVault(changed.header, { passcode: PASSCODE });
    expect(unlocked.ok && needsRehash(stronger, stronger)).toBe(false);
  });
});

describe('keychain slot', () => {
  it('carries the opaque keychain bytes and unlocks with the keychain secret; a changed keychain is a clear refusal', async () => {
    const created = await createVault(PASSCODE, TEST_KDF);
    expect(await unlockVault(created.header, { keychainSecret: randomBytes(32) })).toMatchObject({ ok: false, reason: 'no-keychain' });
    const secret = randomBytes(32);
    const sealed = randomBytes(70);
    const withKeychain = await setKeychainSlot(created.header, { passcode: PASSCODE }, { secret, sealed });
    expect(withKeychain.ok).toBe(true);
    if (!withKeychain.ok) return;
    expect(await keychainSealed(withKeychain.header)).toEqual(sealed);
    expect((await unlockVault(withKeychain.header, { keychainSecret: secret })).ok).toBe(true);
    const changedBackend = await unlockVault(withKeychain.header, { keychainSecret: randomBytes(32) });
    expect(changedBackend).toMatchObject({ ok: false, reason: 'wrong-keychain' });
    if (!changedBackend.ok) expect(changedBackend.message).toMatch(/passcode/);
    expect((await unlockVault(withKeychain.header, { passcode: PASSCODE })).ok).toBe(true);
    const removed = await removeKeychainSlot(withKeychain.header);
    expect(removed.ok && (await keychainSealed(removed.header))).toBeNull();
    expect(removed.ok && (await unlockVault(removed.header, { passcode: PASSCODE })).ok).toBe(true);
  });
});

describe('damaged and tampered headers', () => {
  it('refuses a header with one flipped character anywhere as damaged, before deriving, and loses nothing', async () => {
    const created = await createVault(PASSCODE, TEST_KDF);
    const text = JSON.stringify(created.header);
    await fc.assert(
      fc.asyncProperty(fc.nat(text.length - 1), fc.integer({ min: 0, max: 6 }), async (index, bit) => {
        const flipped = text.slice(0, index) + String.fromCharCode(text.charCodeAt(index) ^ (1 << bit)) + text.slice(index + 1);
        let header: unknown;
        try {
          header = JSON.parse(flipped);
        } catch (error) {
          // The flip broke the JSON itself: the app's reader would report that as a damaged file.
          expect(error).toBeInstanceOf(SyntaxError);
          return;
        }
        const result = await unlockVault(header, { passcode: PASSCODE });
        expect(result.ok).toBe(false);
        if (!result.ok) expect(['damaged', 'unsupported']).toContain(result.reason);
      }),
      { numRuns: 300 },
    );
    expect((await unlockVault(created.header, { passcode: PASSCODE })).ok).toBe(true);
  });

  it('refuses absurd Argon2 parameters before deriving, even when the check was recomputed', async () => {
    const created = await createVault(PASSCODE, TEST_KDF);
    const { check: _unused, ...rest } = created.header;
    void _unused;
    const absurd = [
      { memoryKiB: 4 * 1024 * 1024 },
      { iterations: 1e9 },
      { parallelism: 64 },
      { memoryKiB: 0 },
      { iterations: 1.5 },
      { memoryKiB: ARGON2_BOUNDS.memoryKiB.max + 1 },
    ];
    for (const change of absurd) {
      const tampered = await resealed({ ...rest, passcode: { ...rest.passcode, ...change } });
      // Deriving with 4 GiB or 1e9 passes would not return within the test's time: a quick answer means refused first.
      expect(await unlockVault(tampered, { passcode: PASSCODE })).toMatchObject({ ok: false, reason: 'damaged' });
    }
  });

  it('refuses lowered parameters with a recomputed check as a wrong passcode, never opening', async () => {
    const created = await createVault(PASSCODE, { memoryKiB: 128, iterations: 2, parallelism: 1 });
    const { check: _unused, ...rest } = created.header;
    void _unused;
    const tampered = await resealed({ ...rest, passcode: { ...rest.passcode, iterations: 1 } });
    expect(await unlockVault(tampered, { passcode: PASSCODE })).toMatchObject({ ok: false, reason: 'wrong-passcode' });
  });

  it('says unsupported for a header from a newer version, and damaged for things that are not headers', async () => {
    const created = await createVault(PASSCODE, TEST_KDF);
    expect(await unlockVault({ ...created.header, v: 2 }, { passcode: PASSCODE })).toMatchObject({ ok: false, reason: 'unsupported' });
    for (const junk of [null, undefined, 'hearth', 42, [], {}, { ...created.header, extra: true }]) {
      expect(await unlockVault(junk, { passcode: PASSCODE })).toMatchObject({ ok: false, reason: 'damaged' });
    }
  });
});

describe('the real passcode parameters', () => {
  it('derive a 32-byte key with 64 MiB, t=3, p=1 and unlock with them', async () => {
    const created = await createVault(PASSCODE, PASSCODE_KDF);
    expect(created.header.passcode).toMatchObject({ kdf: 'argon2id', memoryKiB: 65536, iterations: 3, parallelism: 1 });
    const unlocked = await unlockVault(created.header, { passcode: PASSCODE });
    expect(unlocked).toMatchObject({ ok: true, needsRehash: false });
  }, 60_000);

  it('refuses to derive from an empty passcode', async () => {
    await expect(passcodeKey('', randomBytes(16), TEST_KDF)).rejects.toThrow(/empty/);
    await expect(createVault('', TEST_KDF)).rejects.toThrow(/empty/);
  });
});
