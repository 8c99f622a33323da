// Lockboxes: the recipient gets the epoch secret; anyone else, or a tampered or mis-addressed box, gets nothing.
import { describe, expect, it } from 'vitest';
import { toBase64Url } from '@shared/circles/bytes';
import { newEpochSecret } from '@shared/circles/circleKeys';
import { openLockbox, sealLockbox } from '@shared/circles/lockbox';
import { identityPool } from '../../support/circles';

const CTX = { circleId: toBase64Url(new Uint8Array(16).fill(7)), epoch: 2 };

describe('lockbox', () => {
  it('round-trips the secret to its recipient', async () => {
    const [facilitator, member] = await identityPool();
    if (!facilitator || !member) throw new Error('pool');
    const secret = newEpochSecret();
    const box = await sealLockbox(secret, member.publicIdentity, facilitator, CTX);
    const opened = await openLockbox(JSON.parse(JSON.stringify(box)), member, facilitator.publicIdentity, CTX);
    expect(opened).toEqual({ ok: true, secret });
  });

  it('does not open for anyone else, for another circle or epoch, from another sender, or when altered', async () => {
    const [facilitator, member, stranger] = await identityPool();
    if (!facilitator || !member || !stranger) throw new Error('pool');
    const box = await sealLockbox(newEpochSecret(), member.publicIdentity, facilitator, CTX);
    expect(await openLockbox(box, stranger, facilitator.publicIdentity, CTX)).toEqual({ ok: false, reason: 'not-for-me' });
    // A stranger who rewrites the recipient field breaks the signature.
    const readdressed = { ...box, recipient: stranger.publicIdentity.keyId };
    expect(await openLockbox(readdressed, stranger, facilitator.publicIdentity, CTX)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(await openLockbox(box, member, facilitator.publicIdentity, { ...CTX, epoch: 3 })).toEqual({ ok: false, reason: 'wrong-context' });
    expect(await openLockbox(box, member, stranger.publicIdentity, CTX)).toEqual({ ok: false, reason: 'wrong-context' });
    expect(await openLockbox({ ...box, sender: stranger.publicIdentity.keyId }, member, stranger.publicIdentity, CTX)).toEqual({ ok: false, reason: 'bad-signature' });
    const flipped = box.ct.startsWith('A') ? `B${box.ct.slice(1)}` : `A${box.ct.slice(1)}`;
    expect(await openLockbox({ ...box, ct: flipped }, member, facilitator.publicIdentity, CTX)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(await openLockbox({ ...box, extra: true }, member, facilitator.publicIdentity, CTX)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('a box signed by the sender but encrypted to another key does not decrypt', async () => {
    const [facilitator, member, stranger] = await identityPool();
    if (!facilitator || !member || !stranger) throw new Error('pool');
    // Encrypted to the stranger's agreement key but addressed (and signed) to the member.
    const box = await sealLockbox(newEpochSecret(), { ...member.publicIdentity, agreementKey: stranger.publicIdentity.agreementKey }, facilitator, CTX);
    expect(await openLockbox(box, member, facilitator.publicIdentity, CTX)).toEqual({ ok: false, reason: 'cannot-decrypt' });
  });
});
