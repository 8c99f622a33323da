// Test helpers for circles: a founded circle with members, per-author sealing that tracks the sequence.
import * as Y from 'yjs';
import type { BodyInput, EntryRef } from '../../shared/circles/body';
import { deriveEpochKeys, newEpochSecret, type EpochKeys } from '../../shared/circles/circleKeys';
import { writeEnvelope, writeLogEntry } from '../../shared/circles/circleDoc';
import { newEntryId, sealEnvelope, type AuthorState, type Envelope, type OpenContext } from '../../shared/circles/envelope';
import { createDeviceIdentity, type DeviceIdentity } from '../../shared/circles/identity';
import { addMemberAction, foundCircle, signLogEntry, verifyMembershipLog, type LogEntry, type Membership, type MembershipActionInput } from '../../shared/circles/membership';

export const T0 = Date.UTC(2025, 5, 1, 12);

/** Identities are slow-ish to make; tests draw from a pool made once. */
let pool: Promise<DeviceIdentity[]> | null = null;
export function identityPool(): Promise<DeviceIdentity[]> {
  pool ??= Promise.all(Array.from({ length: 8 }, () => createDeviceIdentity()));
  return pool;
}

export interface TestCircle {
  readonly circleId: string;
  readonly founder: DeviceIdentity;
  /** founder first, then members in order. */
  readonly people: readonly DeviceIdentity[];
  readonly log: LogEntry[];
  readonly secret: Uint8Array<ArrayBuffer>;
  readonly keys: EpochKeys;
  membership(): Promise<Membership>;
  append(signer: DeviceIdentity, action: MembershipActionInput): Promise<LogEntry>;
  openContext(membership: Membership, extraKeys?: ReadonlyMap<number, CryptoKey>): OpenContext;
}

/** A circle founded by people[0]; people[1..n-1] added as members (people[1] as a facilitator if asked). */
export async function makeCircle(size: number, options: { secondFacilitator?: boolean } = {}): Promise<TestCircle> {
  const people = (await identityPool()).slice(0, size);
  const founder = people[0];
  if (!founder) throw new Error('need at least one person');
  const { circleId, genesis } = await foundCircle(founder, 'Founder', T0);
  const log: LogEntry[] = [genesis];
  const secret = newEpochSecret();
  const keys = await deriveEpochKeys(secret, circleId, 0);
  let head = { seq: 0, hash: '' };
  const circle: TestCircle = {
    circleId,
    founder,
    people,
    log,
    secret,
    keys,
    async membership() {
      const result = await verifyMembershipLog(log, { circleId, founder: founder.publicIdentity.keyId });
      if (!result.ok) throw new Error(result.message);
      return result.membership;
    },
    async append(signer, action) {
      head = (await circle.membership()).head;
      const entry = await signLogEntry(signer, circleId, head, action, T0 + log.length);
      log.push(entry);
      return entry;
    },
    openContext(membership, extraKeys) {
      return {
        circleId,
        contentKey: (epoch) => (epoch === 0 ? keys.contentKey : extraKeys?.get(epoch)),
        roster: membership,
      };
    },
  };
  for (const [index, person] of people.entries()) {
    if (index === 0) continue;
    const role = index === 1 && options.secondFacilitator ? 'facilitator' : 'member';
    await circle.append(founder, addMemberAction(person.publicIdentity, `Person ${String(index)}`, role, 0));
  }
  return circle;
}

/** Seals envelopes for one author, continuing their sequence and chain. */
export class Author {
  private state: AuthorState | null = null;
  constructor(
    readonly identity: DeviceIdentity,
    readonly circleId: string,
    private readonly contentKey: CryptoKey,
    readonly epoch = 0,
  ) {}

  get keyId(): string {
    return this.identity.publicIdentity.keyId;
  }

  async seal(body: BodyInput, entryId: string = newEntryId(), now = T0): Promise<Envelope> {
    const { envelope, state } = await sealEnvelope(body, {
      circleId: this.circleId,
      epoch: this.epoch,
      contentKey: this.contentKey,
      identity: this.identity,
      entryId,
      previous: this.state,
      now,
    });
    this.state = state;
    return envelope;
  }
}

export const refOf = (envelope: Envelope): EntryRef => ({ author: envelope.author, entryId: envelope.entryId });

export function postBody(note: string, sharedAt = T0): BodyInput {
  return { kind: 'post', fields: { mood: 3, note }, sharedAt };
}

/** A doc holding the circle's membership log and the given envelopes. */
export async function docWith(circle: TestCircle, envelopes: readonly Envelope[]): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const entry of circle.log) await writeLogEntry(doc, entry);
  for (const envelope of envelopes) writeEnvelope(doc, envelope);
  return doc;
}
