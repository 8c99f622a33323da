// HKDF derivations: deterministic, distinct per secret, circle and epoch, and apart from invite derivations.
import { describe, expect, it } from 'vitest';
import { randomBytes, utf8 } from '@shared/circles/bytes';
import { deriveEpochKeys, newEpochSecret } from '@shared/circles/circleKeys';
import { deriveHandshakeRoom } from '@shared/circles/invite';

async function roundTrip(key: CryptoKey, other: CryptoKey): Promise<boolean> {
  const iv = randomBytes(12);
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, utf8('hi'));
  try {
    await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, other, ct);
    return true;
  } catch {
    // A different key fails the tag: that is the expected answer here.
    return false;
  }
}

describe('epoch keys', () => {
  it('are deterministic for the same secret, circle and epoch', async () => {
    const secret = newEpochSecret();
    const a = await deriveEpochKeys(secret, 'circle-one', 0);
    const b = await deriveEpochKeys(Uint8Array.from(secret), 'circle-one', 0);
    expect(a.roomName).toBe(b.roomName);
    expect(a.webrtcPassword).toBe(b.webrtcPassword);
    expect(await roundTrip(a.contentKey, b.contentKey)).toBe(true);
  });

  it('differ for another secret, circle or epoch, and room, password and content key are independent', async () => {
    const secret = newEpochSecret();
    const base = await deriveEpochKeys(secret, 'circle-one', 0);
    const variants = [await deriveEpochKeys(newEpochSecret(), 'circle-one', 0), await deriveEpochKeys(secret, 'circle-two', 0), await deriveEpochKeys(secret, 'circle-one', 1)];
    for (const other of variants) {
      expect(other.roomName).not.toBe(base.roomName);
      expect(other.webrtcPassword).not.toBe(base.webrtcPassword);
      expect(await roundTrip(base.contentKey, other.contentKey)).toBe(false);
    }
    expect(base.webrtcPassword).not.toContain(base.roomName.slice(7, 20));
  });

  it('give an opaque room name and a high-entropy password; the content key cannot be exported', async () => {
    const keys = await deriveEpochKeys(newEpochSecret(), 'my-circle-id', 3);
    expect(keys.roomName).toMatch(/^hearth-[0-9a-hjkmnp-tv-z]{32}$/);
    expect(keys.roomName).not.toContain('my-circle-id');
    expect(keys.webrtcPassword).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(keys.contentKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', keys.contentKey)).rejects.toThrow();
  });

  it('never coincide with an invite handshake derived from the same bytes', async () => {
    const secret = newEpochSecret();
    const circle = await deriveEpochKeys(secret, 'x', 0);
    const handshake = await deriveHandshakeRoom(secret);
    expect(handshake.roomName).not.toBe(circle.roomName);
    expect(handshake.password).not.toBe(circle.webrtcPassword);
    expect(await roundTrip(circle.contentKey, handshake.key)).toBe(false);
  });

  it('refuse a secret of the wrong length', async () => {
    await expect(deriveEpochKeys(randomBytes(16), 'x', 0)).rejects.toThrow(RangeError);
  });
});
