// What this device keeps about each circle (secrets, role, relay, invites, which journal entries it shared)
// and about each join in progress, in db.circles. Parsed at the edge; a damaged record is reported, not fatal.
import { z } from 'zod';
import { fromBase64Url, type Bytes } from '@shared/circles/bytes';
import { EntryIdSchema, ENVELOPE_LIMITS } from '@shared/circles/envelope';
import { CONNECTION_LIMITS, IceServerSchema, SignalingUrlSchema } from '@shared/circles/connection';
import { REFUSAL_REASONS, RequestIdSchema } from '@shared/circles/handshake';
import { KeyIdSchema, PublicKeySchema } from '@shared/circles/identity';
import type { HearthDatabase } from '../../db/database';
import { openStoredValue, updateValue, writeValue } from '../../db/sealedRows';

const epochNumber = z.number().int().min(0).max(ENVELOPE_LIMITS.maxEpoch);
const timestamp = z.number().int().min(0).max(8.64e15);

const InviteRecordSchema = z
  .object({
    inviteId: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
    /** The grouped code, kept so the facilitator can show it again and listen in its handshake room. */
    code: z.string().min(1).max(64),
    createdAt: timestamp,
    expiresAt: timestamp,
    maxUses: z.number().int().min(1).max(1000),
    uses: z.number().int().min(0).max(1000),
    revokedAt: timestamp.exactOptional(),
    /** Decisions already taken, so a request seen again after a restart gets the same answer. */
    answers: z.record(RequestIdSchema, z.enum(['approved', 'declined'])),
  })
  .strict();
export type InviteRecord = z.output<typeof InviteRecordSchema>;

export const CircleRecordSchema = z
  .object({
    kind: z.literal('circle'),
    v: z.literal(1),
    circleId: EntryIdSchema,
    /** The membership log's trust anchor, learned when founding or joining. */
    founder: z.object({ signingKey: PublicKeySchema, agreementKey: PublicKeySchema, keyId: KeyIdSchema }).strict(),
    role: z.enum(['facilitator', 'member']),
    pseudonym: z.string().min(1).max(80),
    /** The epoch this device writes in. */
    epoch: epochNumber,
    /** Epoch secrets by epoch number, base64url (32 bytes). */
    epochSecrets: z.record(z.string().regex(/^\d{1,7}$/), z.string().regex(/^[A-Za-z0-9_-]{43}$/)),
    signalingUrls: z.array(SignalingUrlSchema).max(CONNECTION_LIMITS.relays),
    iceServers: z.array(IceServerSchema).max(CONNECTION_LIMITS.iceServers),
    /** Hash of the charter text this person accepted; null until they accept one. */
    charterAccepted: z.string().max(64).nullable(),
    joinedAt: timestamp,
    /** Private journal entry id → the circle post it was shared as. Never leaves this device. */
    shared: z.record(z.string().min(1).max(200), z.object({ entryId: EntryIdSchema, sharedAt: timestamp }).strict()),
    /** Slots (`author/entryId`) of my envelopes not yet known to have reached any peer. */
    undelivered: z.array(z.string().max(64)).max(100_000),
    invites: z.array(InviteRecordSchema).max(1000),
    /** The charter text this person last accepted, to show what changed when a facilitator edits it. */
    charterAcceptedText: z.string().max(20_000).exactOptional(),
    /** Members this person muted: hidden for them only. Never sent anywhere. */
    muted: z.array(KeyIdSchema).max(1000).exactOptional(),
    /** True once the one-time note about professional care near sharing was read. */
    careNoteRead: z.boolean().exactOptional(),
    /** Earlier epochs' rooms this device keeps visiting until `until`, so members who were away can follow. */
    oldRooms: z.array(z.object({ epoch: epochNumber, until: timestamp }).strict()).max(8).exactOptional(),
    /** Set when the verified log moved on to an epoch without this device: it was removed from the circle. */
    removed: z.object({ epoch: epochNumber, noticedAt: timestamp }).strict().exactOptional(),
  })
  .strict();
export type CircleRecord = z.output<typeof CircleRecordSchema>;

export const JOIN_STATES = ['asking', 'waiting-for-facilitator', 'joined', 'refused'] as const;
export type JoinState = (typeof JOIN_STATES)[number];

export const PendingJoinSchema = z
  .object({
    kind: z.literal('join'),
    v: z.literal(1),
    /** The request id sent in the handshake room; reused by every retry. */
    joinId: RequestIdSchema,
    /** The invite code (a capability to ask), kept so the join can be retried after a restart. */
    code: z.string().min(1).max(64),
    /** The relays the invite link named: where the facilitator listens. Absent: the joiner's settings. */
    relays: z.array(SignalingUrlSchema).min(1).max(CONNECTION_LIMITS.relays).exactOptional(),
    /** The key id of the facilitator's device the link named; only its answers count. */
    facilitator: KeyIdSchema.exactOptional(),
    pseudonym: z.string().min(1).max(80),
    startedAt: timestamp,
    state: z.enum(JOIN_STATES),
    reason: z.enum(REFUSAL_REASONS).exactOptional(),
    circleId: EntryIdSchema.exactOptional(),
  })
  .strict();
export type PendingJoin = z.output<typeof PendingJoinSchema>;

export interface DamagedRecord {
  readonly id: string;
  readonly message: string;
}

const joinRowId = (joinId: string): string => `join/${joinId}`;

const damagedMessage = (id: string): string =>
  id.startsWith('join/')
    ? 'A saved request to join a circle could not be read. If you still want to join, enter the invite code again.'
    : 'This device’s saved details for one circle could not be read, so that circle can’t open. Your journal and other circles are unaffected.';

/** Opened through the database's cipher (sealed once a vault exists); unreadable → undefined, which never parses. */
async function openRow(db: HearthDatabase, id: string, stored: unknown): Promise<unknown> {
  const opened = await openStoredValue(db, 'circles', id, stored, (value) => value);
  return opened.ok ? opened.value : undefined;
}

/** The repository for circle records and pending joins. Circle rows are keyed by circle id, joins by `join/<id>`. */
export class CircleRecords {
  constructor(private readonly db: HearthDatabase) {}

  async list(): Promise<{ circles: CircleRecord[]; joins: PendingJoin[]; damaged: DamagedRecord[] }> {
    const rows = await this.db.circles.toArray();
    const circles: CircleRecord[] = [];
    const joins: PendingJoin[] = [];
    const damaged: DamagedRecord[] = [];
    const values = await Promise.all(rows.map((row) => openRow(this.db, row.id, row.value)));
    for (const [index, row] of rows.entries()) {
      const value = values[index];
      if (row.id.startsWith('join/')) {
        const parsed = PendingJoinSchema.safeParse(value);
        if (parsed.success && joinRowId(parsed.data.joinId) === row.id) joins.push(parsed.data);
        else damaged.push({ id: row.id, message: damagedMessage(row.id) });
      } else {
        const parsed = CircleRecordSchema.safeParse(value);
        if (parsed.success && parsed.data.circleId === row.id) circles.push(parsed.data);
        else damaged.push({ id: row.id, message: damagedMessage(row.id) });
      }
    }
    return { circles, joins, damaged };
  }

  /** The circle's record; `damaged` when it exists but cannot be read; null when there is none. */
  async get(circleId: string): Promise<{ ok: true; record: CircleRecord } | { ok: false; damaged: DamagedRecord } | null> {
    const row = await this.db.circles.get(circleId);
    if (row === undefined) return null;
    const parsed = CircleRecordSchema.safeParse(await openRow(this.db, circleId, row.value));
    if (parsed.success && parsed.data.circleId === circleId) return { ok: true, record: parsed.data };
    return { ok: false, damaged: { id: circleId, message: damagedMessage(circleId) } };
  }

  async put(record: CircleRecord): Promise<void> {
    const clean = CircleRecordSchema.parse(record);
    await writeValue(this.db, 'circles', clean.circleId, clean);
  }

  /** Reads, changes and writes one record, trying again if it changed meanwhile, so concurrent changes never lose each other. */
  async update(circleId: string, change: (record: CircleRecord) => CircleRecord): Promise<CircleRecord> {
    return updateValue(this.db, 'circles', circleId, (value) => value, (found) => {
      if (found.kind === 'absent') throw new Error('This circle is no longer on this device.');
      const parsed = found.ok ? CircleRecordSchema.safeParse(found.value) : null;
      if (parsed?.success !== true || parsed.data.circleId !== circleId) throw new Error(damagedMessage(circleId));
      return CircleRecordSchema.parse(change(parsed.data));
    });
  }

  async getJoin(joinId: string): Promise<PendingJoin | null> {
    const row = await this.db.circles.get(joinRowId(joinId));
    const parsed = PendingJoinSchema.safeParse(row === undefined ? undefined : await openRow(this.db, row.id, row.value));
    return parsed.success ? parsed.data : null;
  }

  async putJoin(join: PendingJoin): Promise<void> {
    const clean = PendingJoinSchema.parse(join);
    await writeValue(this.db, 'circles', joinRowId(clean.joinId), clean);
  }

  async removeJoin(joinId: string): Promise<void> {
    await this.db.circles.delete(joinRowId(joinId));
  }

  /** Where a journal entry is shared (for "shared to …" in the journal). */
  async sharedTo(journalEntryId: string): Promise<{ circleId: string; entryId: string; sharedAt: number }[]> {
    const { circles } = await this.list();
    return circles.flatMap((record) => {
      const shared = record.shared[journalEntryId];
      return shared ? [{ circleId: record.circleId, ...shared }] : [];
    });
  }
}

/** The record's epoch secrets as bytes; an unreadable secret is left out (and its epoch's posts stay hidden). */
export function epochSecretsOf(record: CircleRecord): Map<number, Bytes> {
  const out = new Map<number, Bytes>();
  for (const [epoch, secret] of Object.entries(record.epochSecrets)) {
    const bytes = fromBase64Url(secret);
    if (bytes && bytes.length === 32) out.set(Number(epoch), bytes);
  }
  return out;
}
