// Rekeying: a new epoch with a fresh secret, handed in lockboxes to the members who go on. Used to remove a
// member (they get no lockbox, so they cannot derive the new room or key) and, about monthly, to rotate keys.
import type { Bytes } from './bytes';
import type { DeviceIdentity } from './identity';
import { openLockbox, sealLockbox, type OpenLockboxResult } from './lockbox';
import { LogEntrySchema, type LogEntry, type Membership, type MembershipActionInput } from './membership';

const DAY_MS = 24 * 60 * 60 * 1000;

export const REKEY_TIMING = {
  /** A facilitator's device starts a new epoch with the same members when the current one is this old. */
  rotateEveryMs: 30 * DAY_MS,
  /** How long a member's device keeps visiting an epoch's old room after moving on, for members who were away. */
  oldRoomOpenMs: 14 * DAY_MS,
  /** At most this many old rooms are visited at once (the newest). */
  maxOldRooms: 4,
} as const;

/**
 * The `rekey` log action for the next epoch: `keep` are the members who go on (the signer always among them),
 * each with a lockbox for `secret` sealed to their agreement key.
 */
export async function rekeyAction(signer: DeviceIdentity, membership: Membership, keep: readonly string[], secret: Bytes): Promise<MembershipActionInput> {
  const epoch = membership.currentEpoch + 1;
  const members = [...new Set([signer.publicIdentity.keyId, ...keep])];
  const lockboxes = [];
  for (const keyId of members) {
    const record = membership.members.get(keyId);
    if (!record) throw new RangeError('Only members of the circle can be given the new key');
    lockboxes.push(await sealLockbox(secret, record, signer, { circleId: membership.circleId, epoch }));
  }
  return { kind: 'rekey', epoch, members, lockboxes };
}

/** What the verified log means for a device that writes in `myEpoch`. */
export type EpochFate =
  | { kind: 'current' }
  /** The log has moved on and I am in its current epoch: open my lockboxes for these epochs, oldest first. */
  | { kind: 'move'; epochs: readonly number[] }
  /** The log has moved on without me. */
  | { kind: 'removed'; epoch: number };

export function epochFate(membership: Membership, me: string, myEpoch: number): EpochFate {
  const latest = membership.currentEpoch;
  if (latest <= myEpoch) return { kind: 'current' };
  if (membership.memberAt(me, latest) === undefined) return { kind: 'removed', epoch: latest };
  const epochs: number[] = [];
  for (let epoch = myEpoch + 1; epoch <= latest; epoch++) if (membership.memberAt(me, epoch) !== undefined) epochs.push(epoch);
  return { kind: 'move', epochs };
}

/** Opens my lockbox in the entry that started `epoch`, checking it was sealed by that entry's signer. */
export async function openEpochSecret(membership: Membership, epoch: number, me: DeviceIdentity): Promise<OpenLockboxResult> {
  const start = membership.epochStarts.get(epoch);
  const box = start?.lockboxes.find((candidate) => candidate.recipient === me.publicIdentity.keyId);
  const sender = start === undefined ? undefined : membership.members.get(start.signer);
  if (!start || !box || !sender) return { ok: false, reason: 'not-for-me' };
  return openLockbox(box, me, sender, { circleId: membership.circleId, epoch });
}

/** True when the current epoch began at least `everyMs` ago (by the signer's claim, judged by my clock). */
export function rotationDue(membership: Membership, now: number, everyMs: number = REKEY_TIMING.rotateEveryMs): boolean {
  const start = membership.epochStarts.get(membership.currentEpoch);
  return start !== undefined && now - start.claimedAt >= everyMs;
}

/**
 * The log entries an old room may be handed: everything up to the entry that ended it (`seq`), nothing later,
 * so a removed member in that room learns that the circle moved on, not who joined since or anything else.
 */
export function logUpTo(rawEntries: Iterable<unknown>, seq: number): LogEntry[] {
  const out: LogEntry[] = [];
  for (const raw of rawEntries) {
    const parsed = LogEntrySchema.safeParse(raw);
    if (parsed.success && parsed.data.seq <= seq) out.push(parsed.data);
  }
  return out;
}
