// Device identity: self-test, key ids, fingerprints, and the stored form surviving a round trip.
import { describe, expect, it } from 'vitest';
import { toBase64Url, utf8 } from '@shared/circles/bytes';
import {
  createDeviceIdentity,
  cryptoSelfTest,
  exportIdentity,
  fingerprint,
  importIdentity,
  importVerifyKey,
  parsePublicIdentity,
  signBytes,
  verifyBytes,
} from '@shared/circles/identity';

describe('device identity', () => {
  it('passes the start-up self-test on this engine', async () => {
    expect(await cryptoSelfTest()).toEqual({ ok: true });
  });

  it('has 32-byte public keys and a 16-byte key id that parse back', async () => {
    const identity = await createDeviceIdentity();
    const pub = identity.publicIdentity;
    expect(pub.signingKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pub.agreementKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pub.keyId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await parsePublicIdentity({ ...pub })).toEqual(pub);
  });

  it('refuses a public identity whose key id belongs to other keys', async () => {
    const a = (await createDeviceIdentity()).publicIdentity;
    const b = (await createDeviceIdentity()).publicIdentity;
    expect(await parsePublicIdentity({ ...a, keyId: b.keyId })).toBeNull();
    expect(await parsePublicIdentity({ ...a, signingKey: b.signingKey })).toBeNull();
    expect(await parsePublicIdentity({ ...a, extra: 1 })).toBeNull();
    expect(await parsePublicIdentity('nope')).toBeNull();
  });

  it('has a fingerprint of four groups of four that is stable and differs between devices', async () => {
    const a = await createDeviceIdentity();
    const b = await createDeviceIdentity();
    const fa = await fingerprint(a.publicIdentity);
    expect(fa).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(await fingerprint({ ...a.publicIdentity })).toBe(fa);
    expect(await fingerprint(b.publicIdentity)).not.toBe(fa);
  });

  it('survives export and import: signatures from the restored key verify with the original', async () => {
    const original = await createDeviceIdentity();
    const stored = JSON.parse(JSON.stringify(await exportIdentity(original))) as unknown;
    const restored = await importIdentity(stored);
    expect(restored.ok).toBe(true);
    if (!restored.ok) return;
    expect(restored.identity.publicIdentity).toEqual(original.publicIdentity);
    const data = utf8('hello');
    expect(await verifyBytes(original.signing.publicKey, await signBytes(restored.identity, data), data)).toBe(true);
  });

  it('refuses a stored identity that is malformed or whose halves do not match, with a calm message', async () => {
    const a = await exportIdentity(await createDeviceIdentity());
    const b = await exportIdentity(await createDeviceIdentity());
    for (const bad of [null, {}, { ...a, v: 2 }, { ...a, signing: { publicKey: b.signing.publicKey, privateKey: a.signing.privateKey } }, { ...a, agreement: { publicKey: b.agreement.publicKey, privateKey: a.agreement.privateKey } }, { ...a, agreement: { ...a.agreement, privateKey: 'AAAA' } }]) {
      const result = await importIdentity(bad);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/journal is safe/);
    }
  });

  it('refuses keys that are not keys', async () => {
    expect(await importVerifyKey('short')).toBeNull();
    expect(await importVerifyKey(toBase64Url(new Uint8Array(33)))).toBeNull();
    const identity = await createDeviceIdentity();
    expect(await verifyBytes(identity.signing.publicKey, 'not-a-signature', utf8('x'))).toBe(false);
  });
});
