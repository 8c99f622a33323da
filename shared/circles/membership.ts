// The facilitator-signed membership log: who belongs to the circle in which epoch, with which role and pseudonym.
import { z } from 'zod';
import { normalizeLabel } from '../journal/checkIn';
import { canonicalJson, fromBase64Url, randomBytes, sha256, toBase64Url, utf8 } from './bytes';
import { EntryIdSchema, ENVELOPE_LIMITS, HashSchema, type MemberRole, type Roster } from './envelope';
import { importVerifyKey, KeyIdSchema, keyIdOf, PublicKeySchema, signBytes, verifyBytes, type DeviceIdentity, type PublicIdentity } from './identity';
import { LockboxSchema, type Lockbox } from './lockbox';

export const PSEUDONYM_MAX = 40;
/** The highest log position (and the longest log a handshake carries): no honest circle gets near it. */
export const MAX_LOG_ENTRIES = 10_000;
/** A rekey names at most this many members (one lockbox each); circles are small groups. */
export const MAX_REKEY_MEMBERS = 256;

/** A pseudonym as shown: control and bidi characters stripped, spaces folded, at most 40 characters. */
export const PseudonymSchema = z.string().max(PSEUDONYM_MAX * 2).transform(normalizeLabel).pipe(z.string().min(1));

const MemberKeysSchema = z
  .object({ keyId: KeyIdSchema, signingKey: PublicKeySchema, agreementKey: PublicKeySchema, pseudonym: PseudonymSchema })
  .strict();
const epoch = z.number().int().min(0).max(ENVELOPE_LIMITS.maxEpoch);

const ActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('genesis'), founder: MemberKeysSchema }).strict(),
  z.object({ kind: z.literal('add-member'), member: MemberKeysSchema, role: z.enum(['facilitator', 'member']), epoch }).strict(),
  z.object({ kind: z.literal('remove-member'), keyId: KeyIdSchema, epoch }).strict(),
  z.object({ kind: z.literal('new-epoch'), epoch }).strict(),
  // A new epoch with a fresh secret: the members who go on (everyone else active now is removed) and one
  // lockbox per member carrying the new secret. See README "Rekeying".
  z
    .object({
      kind: z.literal('rekey'),
      epoch,
      members: z.array(KeyIdSchema).min(1).max(MAX_REKEY_MEMBERS),
      lockboxes: z.array(LockboxSchema).min(1).max(MAX_REKEY_MEMBERS),
    })
    .strict(),
]);
export type MembershipAction = z.output<typeof ActionSchema>;
export type MembershipActionInput = z.input<typeof ActionSchema>;

export const LogEntrySchema = z
  .object({
    v: z.literal(1),
    circleId: EntryIdSchema,
    seq: z.number().int().min(0).max(MAX_LOG_ENTRIES),
    prev: z.union([z.literal(''), HashSchema]),
    signer: KeyIdSchema,
    claimedAt: z.number().int().min(0).max(8.64e15),
    action: ActionSchema,
    sig: z.string().regex(/^[A-Za-z0-9_-]{86}$/),
  })
  .strict();
export type LogEntry = z.output<typeof LogEntrySchema>;

export interface MemberRecord {
  readonly keyId: string;
  readonly signingKey: string;
  readonly agreementKey: string;
  readonly pseudonym: string;
  /** The member's role from `from` (inclusive) to `to` (exclusive; absent = still current). */
  readonly spans: readonly { readonly from: number; readonly to?: number; readonly role: MemberRole }[];
}

/** How an epoch began: the genesis (epoch 0) or the rekey entry that started it. */
export interface EpochStart {
  readonly epoch: number;
  readonly signer: string;
  /** The signer's claim, by their clock: enough to pace rotation, never used to decide who belongs. */
  readonly claimedAt: number;
  /** The log position of the entry, so an old room can be handed the log up to here and nothing later. */
  readonly seq: number;
  /** The members who went on into this epoch (empty for the genesis: the founder). */
  readonly members: readonly string[];
  /** Key ids removed by this rekey: active in the epoch before, not in this one. */
  readonly removed: readonly string[];
  readonly lockboxes: readonly Lockbox[];
}

export interface Membership extends Roster {
  readonly circleId: string;
  readonly founder: string;
  readonly currentEpoch: number;
  /** How each epoch began, by epoch number (genesis and rekeys; a bare `new-epoch` has no lockboxes). */
  readonly epochStarts: ReadonlyMap<number, EpochStart>;
  readonly members: ReadonlyMap<string, MemberRecord>;
  /** Members of an epoch with their role then (the current epoch by default). */
  activeMembers(epoch?: number): { record: MemberRecord; role: MemberRole }[];
  /** Where the next entry chains on. */
  readonly head: { readonly seq: number; readonly hash: string };
}

export type VerifyLogResult =
  | {
      ok: true;
      membership: Membership;
      accepted: readonly LogEntry[];
      ignored: number;
      /** Hashes of the entries on the chain, genesis first. */
      acceptedHashes: readonly string[];
      /**
       * Hashes of entries that chained onto an accepted entry but were refused there (bad signature, signer
       * not allowed, broken rule). They can never count on this chain, so a caller may forget them.
       */
      refusedHashes: ReadonlySet<string>;
    }
  | { ok: false; message: string };

export interface VerifyLogOptions {
  /**
   * Signature results by entry hash, kept by the caller across calls. A key id pins its signing key, so an
   * entry's signature is checked once however often the log is verified again (a flood costs one pass).
   */
  readonly signatureCache?: Map<string, boolean>;
}

/** The out-of-band trust anchor: which circle, founded by whom (learned from the invite handshake). */
export interface LogAnchor {
  readonly circleId: string;
  readonly founder: string;
}

function signedBytes(entry: Omit<LogEntry, 'sig'>) {
  return utf8(canonicalJson(['hearth/membership/v1', entry]));
}

export async function logEntryHash(entry: LogEntry): Promise<string> {
  return toBase64Url(await sha256(utf8(canonicalJson(['hearth/membership-hash/v1', entry]))));
}

export function newCircleId(): string {
  return toBase64Url(randomBytes(16));
}

function keysOf(identity: DeviceIdentity, pseudonym: string) {
  const p = identity.publicIdentity;
  return { keyId: p.keyId, signingKey: p.signingKey, agreementKey: p.agreementKey, pseudonym };
}

/** Signs the next log entry after `head` (null for the genesis entry). */
export async function signLogEntry(
  signer: DeviceIdentity,
  circleId: string,
  head: { seq: number; hash: string } | null,
  action: MembershipActionInput,
  now: number,
): Promise<LogEntry> {
  const unsigned = {
    v: 1 as const,
    circleId,
    seq: head ? head.seq + 1 : 0,
    prev: head?.hash ?? '',
    signer: signer.publicIdentity.keyId,
    claimedAt: Math.floor(now),
    action: ActionSchema.parse(action),
  };
  return LogEntrySchema.parse({ ...unsigned, sig: await signBytes(signer, signedBytes(unsigned)) });
}

/** Founds a circle: a fresh random circle id and the genesis entry, signed by its first facilitator. */
export async function foundCircle(founder: DeviceIdentity, pseudonym: string, now: number): Promise<{ circleId: string; genesis: LogEntry }> {
  const circleId = newCircleId();
  const genesis = await signLogEntry(founder, circleId, null, { kind: 'genesis', founder: keysOf(founder, pseudonym) }, now);
  return { circleId, genesis };
}

export function addMemberAction(member: PublicIdentity, pseudonym: string, role: MemberRole, atEpoch: number): MembershipActionInput {
  return { kind: 'add-member', member: { keyId: member.keyId, signingKey: member.signingKey, agreementKey: member.agreementKey, pseudonym }, role, epoch: atEpoch };
}

// ---- Verification ----

interface MutableRecord {
  keyId: string;
  signingKey: string;
  agreementKey: string;
  pseudonym: string;
  spans: { from: number; to?: number; role: MemberRole }[];
}

class State {
  currentEpoch = 0;
  readonly members = new Map<string, MutableRecord>();
  /** What each accepted rekey did, by the epoch it started (dated from the chain once it is walked). */
  epochStarts: ReadonlyMap<number, EpochStart> = new Map();
  readonly rekeys = new Map<number, { readonly signer: string; readonly members: readonly string[]; readonly removed: readonly string[]; readonly lockboxes: readonly Lockbox[] }>();

  constructor(private readonly circleId: string) {}

  roleAt(keyId: string, at: number): MemberRole | undefined {
    const spans = this.members.get(keyId)?.spans ?? [];
    for (let i = spans.length - 1; i >= 0; i--) {
      const span = spans[i];
      if (span && span.from <= at && (span.to === undefined || at < span.to)) return span.role;
    }
    return undefined;
  }

  activeAt(at: number): MutableRecord[] {
    return [...this.members.values()].filter((record) => this.roleAt(record.keyId, at) !== undefined);
  }

  /** Applies an action signed by `signer`; false when the rules refuse it (the entry is then ignored). */
  apply(action: MembershipAction, signer: string): boolean {
    const now = this.currentEpoch;
    if (action.kind === 'genesis') return false;
    if (this.roleAt(signer, now) !== 'facilitator') return false;
    switch (action.kind) {
      case 'new-epoch':
        if (action.epoch !== now + 1) return false;
        this.currentEpoch = action.epoch;
        return true;
      case 'add-member': {
        if (action.epoch !== now) return false;
        const pseudonymKey = action.member.pseudonym.toLocaleLowerCase();
        const clash = this.activeAt(now).some((other) => other.keyId !== action.member.keyId && other.pseudonym.toLocaleLowerCase() === pseudonymKey);
        if (clash) return false;
        const existing = this.members.get(action.member.keyId);
        if (existing && (existing.signingKey !== action.member.signingKey || existing.agreementKey !== action.member.agreementKey)) return false;
        const record: MutableRecord = existing ?? { ...action.member, spans: [] };
        record.pseudonym = action.member.pseudonym;
        closeSpan(record, now);
        record.spans.push({ from: now, role: action.role });
        this.members.set(record.keyId, record);
        return true;
      }
      case 'rekey':
        return applyRekey(this, this.circleId, signer, action);
      case 'remove-member': {
        if (action.epoch !== now) return false;
        const record = this.members.get(action.keyId);
        if (!record || this.roleAt(action.keyId, now) === undefined) return false;
        const facilitatorsLeft = this.activeAt(now).filter((other) => other.keyId !== action.keyId && this.roleAt(other.keyId, now) === 'facilitator');
        if (facilitatorsLeft.length === 0) return false;
        closeSpan(record, now);
        return true;
      }
    }
  }
}

/**
 * A rekey must start the next epoch, keep its signer, name only members active now (each once), and carry
 * exactly one lockbox per named member, for this circle and the new epoch, sent by the signer. Everyone
 * active now and not named is removed as `remove-member` would: from the current epoch on.
 */
function applyRekey(state: State, circleId: string, signer: string, action: Extract<MembershipAction, { kind: 'rekey' }>): boolean {
  const now = state.currentEpoch;
  if (action.epoch !== now + 1) return false;
  const named = new Set(action.members);
  if (named.size !== action.members.length || !named.has(signer)) return false;
  if (action.members.some((keyId) => state.roleAt(keyId, now) === undefined)) return false;
  const recipients = new Set(action.lockboxes.map((box) => box.recipient));
  const boxesFit =
    recipients.size === action.lockboxes.length &&
    recipients.size === named.size &&
    action.lockboxes.every((box) => named.has(box.recipient) && box.circleId === circleId && box.epoch === action.epoch && box.sender === signer);
  if (!boxesFit) return false;
  const removed = state.activeAt(now).filter((record) => !named.has(record.keyId));
  for (const record of removed) closeSpan(record, now);
  state.currentEpoch = action.epoch;
  state.rekeys.set(action.epoch, { signer, members: [...action.members], removed: removed.map((record) => record.keyId), lockboxes: action.lockboxes });
  return true;
}

/** How each epoch on the accepted chain began: the genesis, then every rekey with its log position and claimed time. */
function epochStartsOf(accepted: readonly LogEntry[], state: State): Map<number, EpochStart> {
  const starts = new Map<number, EpochStart>();
  for (const entry of accepted) {
    const { action } = entry;
    if (action.kind === 'genesis') {
      starts.set(0, { epoch: 0, signer: entry.signer, claimedAt: entry.claimedAt, seq: entry.seq, members: [entry.signer], removed: [], lockboxes: [] });
    } else if (action.kind === 'rekey') {
      const done = state.rekeys.get(action.epoch);
      if (done) starts.set(action.epoch, { epoch: action.epoch, claimedAt: entry.claimedAt, seq: entry.seq, ...done });
    }
  }
  return starts;
}

/** Ends the open span at `at`; a span that would become empty is dropped. */
function closeSpan(record: MutableRecord, at: number): void {
  const last = record.spans[record.spans.length - 1];
  if (!last || last.to !== undefined) return;
  if (last.from >= at) record.spans.pop();
  else last.to = at;
}

/** How many log entries are checked at once at one point of the chain. */
const CHECK_BATCH = 64;

async function validSignature(entry: LogEntry, key: CryptoKey | null): Promise<boolean> {
  if (!key) return false;
  const { sig, ...unsigned } = entry;
  return verifyBytes(key, sig, signedBytes(unsigned));
}

async function keysConsistent(member: { keyId: string; signingKey: string; agreementKey: string }): Promise<boolean> {
  const signing = fromBase64Url(member.signingKey);
  const agreement = fromBase64Url(member.agreementKey);
  return !!signing && !!agreement && (await keyIdOf(signing, agreement)) === member.keyId;
}

/**
 * Rebuilds the membership from whatever log entries a doc holds (in any order, with junk mixed in).
 * Starts at the anchor's genesis and follows the chain; at a fork, the valid entry with the smallest hash
 * wins, so every peer holding the same entries reaches the same answer. Each entry is judged on its own:
 * unsigned, forged or rule-breaking entries are ignored and counted, however many there are, so a flood
 * of them never costs the circle its membership (callers bound how many they hold; see the view).
 */
export async function verifyMembershipLog(rawEntries: readonly unknown[], anchor: LogAnchor, options: VerifyLogOptions = {}): Promise<VerifyLogResult> {
  const parsedEntries: HashedLogEntry[] = [];
  let malformed = 0;
  for (const raw of rawEntries) {
    const parsed = LogEntrySchema.safeParse(raw);
    if (!parsed.success || parsed.data.circleId !== anchor.circleId) {
      malformed++;
      continue;
    }
    parsedEntries.push({ entry: parsed.data, hash: await logEntryHash(parsed.data) });
  }
  const result = await verifyHashedLog(parsedEntries, anchor, options);
  return result.ok ? { ...result, ignored: result.ignored + malformed } : result;
}

/** A parsed log entry with its hash (logEntryHash), so a caller that keeps entries hashes each once. */
export interface HashedLogEntry {
  readonly entry: LogEntry;
  readonly hash: string;
}

/** verifyMembershipLog for entries already parsed and hashed; entries of another circle are ignored. */
export async function verifyHashedLog(entries: readonly HashedLogEntry[], anchor: LogAnchor, options: VerifyLogOptions = {}): Promise<VerifyLogResult> {
  const cache = options.signatureCache;
  const verifyKeys = new Map<string, Promise<CryptoKey | null>>();
  const signatureOk = async (candidate: HashedLogEntry, signingKey: string): Promise<boolean> => {
    const known = cache?.get(candidate.hash);
    if (known !== undefined) return known;
    let key = verifyKeys.get(signingKey);
    if (!key) {
      key = importVerifyKey(signingKey);
      verifyKeys.set(signingKey, key);
    }
    const ok = await validSignature(candidate.entry, await key);
    cache?.set(candidate.hash, ok);
    return ok;
  };
  const byPrev = new Map<string, HashedLogEntry[]>();
  const seen = new Set<string>();
  let malformed = 0;
  for (const item of entries) {
    if (item.entry.circleId !== anchor.circleId) {
      malformed++;
      continue;
    }
    if (seen.has(item.hash)) continue;
    seen.add(item.hash);
    const siblings = byPrev.get(item.entry.prev) ?? [];
    siblings.push(item);
    byPrev.set(item.entry.prev, siblings);
  }
  const bySmallestHash = (a: { hash: string }, b: { hash: string }) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0);

  let genesis: HashedLogEntry | undefined;
  for (const candidate of (byPrev.get('') ?? []).sort(bySmallestHash)) {
    const { entry } = candidate;
    const ok =
      entry.seq === 0 &&
      entry.action.kind === 'genesis' &&
      entry.action.founder.keyId === anchor.founder &&
      entry.signer === anchor.founder &&
      (await keysConsistent(entry.action.founder)) &&
      (await signatureOk(candidate, entry.action.founder.signingKey));
    if (ok && !genesis) genesis = candidate;
  }
  if (!genesis || genesis.entry.action.kind !== 'genesis') {
    return { ok: false, message: 'This circle’s membership record has not arrived yet, or did not come from its facilitator.' };
  }

  const state = new State(anchor.circleId);
  state.members.set(anchor.founder, { ...genesis.entry.action.founder, spans: [{ from: 0, role: 'facilitator' }] });
  const accepted: LogEntry[] = [genesis.entry];
  const acceptedHashes: string[] = [genesis.hash];
  const refusedHashes = new Set<string>();
  let head = { seq: 0, hash: genesis.hash };
  for (;;) {
    let next: HashedLogEntry | undefined;
    const candidates = (byPrev.get(head.hash) ?? []).sort(bySmallestHash);
    // Judged in hash order, a batch at a time: the checks run concurrently (WebCrypto works off the main
    // thread), the rules apply in order, and the first valid entry wins, as at any fork.
    for (let start = 0; start < candidates.length && !next; start += CHECK_BATCH) {
      const batch = candidates.slice(start, start + CHECK_BATCH);
      const expectedSeq = head.seq + 1;
      const checked = await Promise.all(
        batch.map(async (candidate) => {
          const { entry } = candidate;
          const signer = state.members.get(entry.signer);
          // Cheap checks first: an entry from a key the chain does not know costs no signature check.
          return (
            entry.seq === expectedSeq &&
            !!signer &&
            (entry.action.kind !== 'add-member' || (await keysConsistent(entry.action.member))) &&
            (await signatureOk(candidate, signer.signingKey))
          );
        }),
      );
      batch.forEach((candidate, index) => {
        if (next) return;
        if (checked[index] === true && state.apply(candidate.entry.action, candidate.entry.signer)) next = candidate;
        else refusedHashes.add(candidate.hash);
      });
    }
    if (!next) break;
    accepted.push(next.entry);
    acceptedHashes.push(next.hash);
    head = { seq: next.entry.seq, hash: next.hash };
  }
  state.epochStarts = epochStartsOf(accepted, state);
  // Every distinct entry of this circle is either on the chain or ignored (including those hanging off
  // rejected entries, which the loops above never reach).
  return { ok: true, membership: freeze(state, anchor, head), accepted, acceptedHashes, refusedHashes, ignored: malformed + seen.size - accepted.length };
}

function freeze(state: State, anchor: LogAnchor, head: { seq: number; hash: string }): Membership {
  const members = new Map<string, MemberRecord>([...state.members].map(([keyId, record]) => [keyId, { ...record, spans: record.spans.map((span) => ({ ...span })) }]));
  const currentEpoch = state.currentEpoch;
  return {
    circleId: anchor.circleId,
    founder: anchor.founder,
    currentEpoch,
    members,
    head,
    epochStarts: state.epochStarts,
    memberAt(keyId, at) {
      // No one belongs to an epoch the log has not started yet.
      if (at > currentEpoch) return undefined;
      const record = members.get(keyId);
      const role = state.roleAt(keyId, at);
      return record && role ? { signingKey: record.signingKey, role } : undefined;
    },
    activeMembers(at = currentEpoch) {
      return [...members.values()].flatMap((record) => {
        const role = state.roleAt(record.keyId, at);
        return role ? [{ record, role }] : [];
      });
    },
  };
}
