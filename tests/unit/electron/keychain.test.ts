// The keychain slot with a fake safeStorage: a secret round-trips; Linux's basic_text backend and a missing
// keychain are refused with a sentence; a changed keychain (one that can't decrypt, or gives back something
// else) is a clear failure, never a throw, so the renderer falls back to the passcode.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeychain, KEYCHAIN_MESSAGES, type SafeStorageLike } from '../../../electron/main/keychain';
import { setLogSink, type LogSink } from '../../../electron/main/log';
import { KeychainCreateResultSchema, KeychainOpenResultSchema, KeychainStatusSchema } from '@shared/ipc/contract';

/** A stand-in keychain: XOR with a per-"machine" byte, plus a marker, so a different machine can't decrypt. */
function fakeSafeStorage(options: { machine?: number; available?: boolean; backend?: string; failEncrypt?: boolean } = {}): SafeStorageLike & { sealedTexts: string[] } {
  const machine = options.machine ?? 7;
  const sealedTexts: string[] = [];
  return {
    sealedTexts,
    isAsyncEncryptionAvailable: () => Promise.resolve(options.available ?? true),
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptStringAsync: (text) => {
      if (options.failEncrypt === true) return Promise.reject(new Error('keychain locked'));
      sealedTexts.push(text);
      return Promise.resolve(Buffer.from([machine, ...Buffer.from(text).map((byte) => byte ^ machine)]));
    },
    decryptStringAsync: (sealed) => {
      if (sealed[0] !== machine) return Promise.reject(new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.'));
      return Promise.resolve({ result: Buffer.from(sealed.subarray(1).map((byte) => byte ^ machine)).toString(), shouldReEncrypt: false });
    },
  };
}

let previousSink: LogSink;
beforeAll(() => {
  previousSink = setLogSink(null);
});
afterAll(() => {
  setLogSink(previousSink);
});

describe('keychain', () => {
  it('creates a 32-byte secret, seals it, and opens it again', async () => {
    const storage = fakeSafeStorage();
    const keychain = createKeychain({ safeStorage: storage, platform: 'linux' });
    await expect(keychain.status()).resolves.toEqual({ state: 'available', message: null });
    const created = KeychainCreateResultSchema.parse(await keychain.createSecret());
    if (!created.ok) throw new Error(created.message);
    expect(Buffer.from(created.secret, 'base64url')).toHaveLength(32);
    // The sealed form is not the secret, and the secret sealed is exactly what comes back.
    expect(created.sealed).not.toContain(created.secret);
    expect(storage.sealedTexts).toEqual([created.secret]);
    await expect(keychain.openSecret(created.sealed)).resolves.toEqual({ ok: true, secret: created.secret });
  });

  it('gives a different secret each time', async () => {
    const keychain = createKeychain({ safeStorage: fakeSafeStorage(), platform: 'darwin' });
    const a = await keychain.createSecret();
    const b = await keychain.createSecret();
    expect(a.ok && b.ok && a.secret !== b.secret).toBe(true);
  });

  it('refuses Linux’s basic_text backend, saying the secret would be stored unprotected', async () => {
    const storage = fakeSafeStorage({ backend: 'basic_text' });
    const keychain = createKeychain({ safeStorage: storage, platform: 'linux' });
    const status = KeychainStatusSchema.parse(await keychain.status());
    expect(status.state).toBe('basic-text');
    expect(status.message).toMatch(/plain text/);
    await expect(keychain.createSecret()).resolves.toEqual({ ok: false, message: KEYCHAIN_MESSAGES['basic-text'] });
    expect(storage.sealedTexts).toEqual([]);
  });

  it('only applies the basic_text check on Linux', async () => {
    // On other systems the method does not exist in Electron; a fake answer must not matter.
    const keychain = createKeychain({ safeStorage: fakeSafeStorage({ backend: 'basic_text' }), platform: 'win32' });
    await expect(keychain.status()).resolves.toEqual({ state: 'available', message: null });
  });

  it('says so when no keychain is available', async () => {
    const keychain = createKeychain({ safeStorage: fakeSafeStorage({ available: false }), platform: 'darwin' });
    await expect(keychain.status()).resolves.toEqual({ state: 'unavailable', message: KEYCHAIN_MESSAGES.unavailable });
    await expect(keychain.openSecret('AAAA')).resolves.toEqual({ ok: false, message: KEYCHAIN_MESSAGES.unavailable });
  });

  it('a changed keychain backend cannot open the secret: a clear failure pointing to the passcode', async () => {
    const before = createKeychain({ safeStorage: fakeSafeStorage({ machine: 7 }), platform: 'linux' });
    const created = await before.createSecret();
    if (!created.ok) throw new Error(created.message);
    const after = createKeychain({ safeStorage: fakeSafeStorage({ machine: 9 }), platform: 'linux' });
    const opened = KeychainOpenResultSchema.parse(await after.openSecret(created.sealed));
    expect(opened).toEqual({ ok: false, message: KEYCHAIN_MESSAGES.changed });
    expect(KEYCHAIN_MESSAGES.changed).toMatch(/passcode/);
    // And after switching to basic_text, the refusal names that instead.
    const basic = createKeychain({ safeStorage: fakeSafeStorage({ machine: 7, backend: 'basic_text' }), platform: 'linux' });
    await expect(basic.openSecret(created.sealed)).resolves.toEqual({ ok: false, message: KEYCHAIN_MESSAGES['basic-text'] });
  });

  it('refuses what decrypts to something other than a Hearth secret', async () => {
    const storage = fakeSafeStorage();
    const keychain = createKeychain({ safeStorage: storage, platform: 'linux' });
    const other = (await storage.encryptStringAsync('hello')).toString('base64url');
    await expect(keychain.openSecret(other)).resolves.toEqual({ ok: false, message: KEYCHAIN_MESSAGES.changed });
  });

  it('reports a keychain that refuses to store, without throwing', async () => {
    const keychain = createKeychain({ safeStorage: fakeSafeStorage({ failEncrypt: true }), platform: 'darwin' });
    await expect(keychain.createSecret()).resolves.toEqual({ ok: false, message: KEYCHAIN_MESSAGES.failed });
  });
});
