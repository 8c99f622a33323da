// The circle the circles bench runs in, made once in Node: a founder and members with their identities,
// the founder-signed membership log, and fresh epoch secrets (one room per scenario).
import { randomBytes } from 'node:crypto';
import { toBase64Url } from '../../shared/circles/bytes';
import { createDeviceIdentity, exportIdentity, type DeviceIdentity, type StoredIdentity } from '../../shared/circles/identity';
import { addMemberAction, foundCircle, signLogEntry, verifyMembershipLog, type LogEntry } from '../../shared/circles/membership';

export interface BenchPerson {
  readonly keyId: string;
  readonly stored: StoredIdentity;
}

export interface BenchCircle {
  readonly circleId: string;
  readonly founder: string;
  /** people[0] is the founder; the rest are members added by the founder at epoch 0. */
  readonly people: readonly BenchPerson[];
  readonly log: readonly LogEntry[];
}

/** A founded circle with `size` people (founder included), its log verified once here so a bad fixture fails early. */
export async function makeBenchCircle(size: number): Promise<BenchCircle> {
  const identities: DeviceIdentity[] = [];
  for (let index = 0; index < size; index += 1) identities.push(await createDeviceIdentity());
  const [founder] = identities;
  if (founder === undefined) throw new Error('a circle needs a founder');
  const started = Date.now();
  const { circleId, genesis } = await foundCircle(founder, 'Founder', started);
  const log: LogEntry[] = [genesis];
  const anchor = { circleId, founder: founder.publicIdentity.keyId };
  for (const [index, person] of identities.entries()) {
    if (index === 0) continue;
    const verified = await verifyMembershipLog(log, anchor);
    if (!verified.ok) throw new Error(`the bench membership log did not verify: ${verified.message}`);
    log.push(await signLogEntry(founder, circleId, verified.membership.head, addMemberAction(person.publicIdentity, `Member ${String(index)}`, 'member', 0), started + index));
  }
  const final = await verifyMembershipLog(log, anchor);
  if (!final.ok || final.membership.members.size !== size) throw new Error('the bench membership log does not hold every person');
  const people = await Promise.all(identities.map(async (identity) => ({ keyId: identity.publicIdentity.keyId, stored: await exportIdentity(identity) })));
  return { circleId, founder: founder.publicIdentity.keyId, people, log };
}

/** A fresh epoch-0 secret (base64url): a circle room nobody else uses. */
export function freshSecret(): string {
  return toBase64Url(randomBytes(32));
}

/** A fresh 128-bit entry id, used as the marker of the post (or raw key) being timed. */
export function freshMarker(): string {
  return toBase64Url(randomBytes(16));
}

/** A raw room with its own random name and password, as high-entropy as a derived one. */
export function freshRawRoom(label: string): { roomName: string; password: string } {
  return { roomName: `bench-raw-${label}-${randomBytes(12).toString('hex')}`, password: toBase64Url(randomBytes(32)) };
}
