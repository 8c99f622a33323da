// A circle's per-epoch secret and what HKDF derives from it: the opaque room name, the y-webrtc password, the content key.
import { randomBytes, toBase64Url, toCrockford, type Bytes } from './bytes';
import { hkdfAesKey, hkdfBytes } from './kdf';

export const EPOCH_SECRET_BYTES = 32;
const SALT = 'hearth/circle/v1';

export interface EpochKeys {
  /** What the signaling relay sees: reveals nothing about the circle's name or id. */
  readonly roomName: string;
  /** y-webrtc's signaling password (high entropy). */
  readonly webrtcPassword: string;
  /** Encrypts envelope bodies of this epoch; not extractable. */
  readonly contentKey: CryptoKey;
}

export function newEpochSecret(): Bytes {
  return randomBytes(EPOCH_SECRET_BYTES);
}

export async function deriveEpochKeys(secret: Bytes, circleId: string, epoch: number): Promise<EpochKeys> {
  if (secret.length !== EPOCH_SECRET_BYTES) throw new RangeError(`An epoch secret has ${String(EPOCH_SECRET_BYTES)} bytes`);
  const context = [circleId, epoch];
  const room = await hkdfBytes(secret, SALT, 'room-name', context, 20);
  const password = await hkdfBytes(secret, SALT, 'webrtc-password', context, 32);
  return {
    roomName: `hearth-${toCrockford(room).toLowerCase()}`,
    webrtcPassword: toBase64Url(password),
    contentKey: await hkdfAesKey(secret, SALT, 'content-key', context),
  };
}
