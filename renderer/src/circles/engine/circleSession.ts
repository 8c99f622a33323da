// One open circle on this device: its Y.Doc (persisted, so it opens and posts offline), the verified view,
// the network link, every write a member makes (share, reply, react, retract) with an honest status, and
// presence: this device's signed claim out, verified members online in.
import * as Y from 'yjs';
import type { z } from 'zod';
import { BodySchema, type BodyInput, type CircleInfoBody, type ContentWarningSchema, type EntryRef, type Reaction, type SharedFieldsSchema } from '@shared/circles/body';
import { toBase64Url, type Bytes } from '@shared/circles/bytes';
import { deriveEpochKeys, newEpochSecret, type EpochKeys } from '@shared/circles/circleKeys';
import { envelopeKey, envelopesOf, membershipOf, writeEnvelope, writeEvidence, writeLogEntry } from '@shared/circles/circleDoc';
import { circleInfoEntryId, hideEntryId, newEntryId, parseEnvelope, reactionEntryId, sealEnvelope, type AuthorState, type Envelope, type MemberRole } from '@shared/circles/envelope';
import { fingerprint, type DeviceIdentity } from '@shared/circles/identity';
import { LogEntrySchema, logEntryHash, MAX_LOG_ENTRIES, signLogEntry, type LogEntry, type Membership, type MembershipActionInput } from '@shared/circles/membership';
import { epochFate, logUpTo, openEpochSecret, rekeyAction, REKEY_TIMING, rotationDue } from '@shared/circles/rekey';
import { PRESENCE_TIMING, presenceContext, PresenceVerifier, signPresenceClaim, type PresenceTiming } from '@shared/circles/presence';
import { createVerifiedView, type VerifiedView, type ViewPost } from '@shared/circles/view';
import { CircleDocStore } from '../../db/circleDocStore';
import type { HearthDatabase } from '../../db/database';
import { logger } from '../../logger';
import { charterVersion } from './charter';
import { CircleReports, type CircleReport } from './reports';
import type { ReportDecision, ReportReason } from '@shared/circles/report';
import type { HiddenByFacilitator } from '@shared/circles/view';
import { CircleRecords, epochSecretsOf, type CircleRecord } from './circleRecords';
import type { CircleLink, ConnectDoc, LinkStatus, PresenceStates, RoomSpec } from './link';
import { RoomLink } from './roomLink';
import { done, refuse, type Outcome } from './outcome';

export interface CircleSessionDeps {
  readonly db: HearthDatabase;
  readonly identity: DeviceIdentity;
  readonly connect: ConnectDoc;
  /** The clock for claimed times and presence (tests fix it); delivery tracking always uses the wall clock. */
  readonly now?: () => number;
  /** How often this device re-signs its presence and how long others' claims count (tests shorten it). */
  readonly presenceTiming?: PresenceTiming;
  /** Key rotation and old-room pacing (tests shorten it). */
  readonly rekeyTiming?: RekeyTiming;
}

export interface RekeyTiming {
  readonly rotateEveryMs: number;
  readonly oldRoomOpenMs: number;
  /** How often to look whether a rotation is due and an old room can be left. */
  readonly checkEveryMs: number;
}

const DEFAULT_REKEY_TIMING: RekeyTiming = { rotateEveryMs: REKEY_TIMING.rotateEveryMs, oldRoomOpenMs: REKEY_TIMING.oldRoomOpenMs, checkEveryMs: 60 * 60 * 1000 };

/** Members moving to a new epoch after a rekey, as far as this device has seen them arrive. */
export interface MoveProgress {
  readonly epoch: number;
  /** The other members of the new epoch. */
  readonly members: readonly { readonly keyId: string; readonly pseudonym: string; readonly arrived: boolean }[];
  /** Until when this device keeps the old room open for those who have not arrived. */
  readonly oldRoomUntil: number;
}

export interface MemberView {
  readonly keyId: string;
  readonly pseudonym: string;
  readonly role: MemberRole;
  /** `XXXX-XXXX-XXXX-XXXX`, for checking a device in person. */
  readonly fingerprint: string;
  readonly isMe: boolean;
  /**
   * This member's key signed two conflicting versions of something (shown to facilitators, calmly): those
   * versions are hidden for everyone. It can be a broken device as much as intent, so it is a note, not a verdict.
   */
  readonly sentConflictingVersions: boolean;
}

export interface CircleStatus extends LinkStatus {
  /**
   * My envelopes not yet known to have reached any peer: written while no peer was connected and not yet
   * followed by a completed sync with a peer. Kept across restarts. (Written while a synced peer is
   * connected counts as sent: Yjs hands the update to that connection at once.)
   */
  readonly undelivered: number;
  /** Other members online now: a valid, fresh, signed presence claim from a member of this epoch. */
  readonly membersOnline: number;
}

export interface ShareInput {
  /** The private journal entry being shared; only this device's record maps it to the post. */
  readonly journalEntryId?: string;
  /** Exactly the fields that leave the device (see pickSharedFields). */
  readonly fields: z.input<typeof SharedFieldsSchema>;
  readonly contentWarning?: z.input<typeof ContentWarningSchema>;
}

const CLOSED = 'This circle was closed on this device. Open it again to continue.';
const CHARTER_FIRST = 'Please read and accept this circle’s guidelines before your first post.';
const CHARTER_MISSING = 'This circle’s guidelines haven’t arrived on this device yet. They will once another member is online; then you can accept them and post.';
const NOT_MEMBER = 'You are not a member of this circle any more, so you can’t post in it.';
const NO_MEMBERSHIP = 'This circle’s membership record hasn’t arrived on this device yet, so nothing can be posted yet.';
const REMOVED = 'You are no longer part of this circle, so you can’t post in it. What you already received stays on this device.';
const KEY_UNREADABLE = 'This circle changed its keys, but the new key for this device could not be opened. Ask a facilitator to invite you again.';

export class CircleSession {
  private readonly listeners = new Set<() => void>();
  private readonly fingerprints = new Map<string, string>();
  /** Slot → wall-clock time written (0 when restored after a restart). */
  private readonly pending = new Map<string, number>();
  private queue: Promise<void> = Promise.resolve();
  private refreshing: Promise<void> = Promise.resolve();
  private lastSealed: AuthorState | null = null;
  private memberList: readonly MemberView[] = [];
  private charterHash: string | null = null;
  private closed = false;
  private readonly stopView: () => void;
  private readonly reportBox: CircleReports;
  private readonly stopReports: () => void;
  private readonly stopStatus: () => void;
  private readonly stopPresence: () => void;
  /** Earlier epochs' rooms this device still visits (a doc holding only the log up to that epoch's end). */
  private readonly oldRooms = new Map<number, { readonly doc: Y.Doc; readonly link: CircleLink }>();
  /** Members seen in the current epoch (online there, or writing in it), for the move's progress. */
  private arrived = new Set<string>();
  private epochProblem: string | null = null;
  private readonly rekeyTiming: RekeyTiming;
  private readonly maintenanceTimer: ReturnType<typeof setInterval>;
  private rotating = false;
  private readonly presenceVerifier: PresenceVerifier;
  private readonly presenceTiming: PresenceTiming;
  private readonly presenceContexts = new Map<number, Promise<string>>();
  private presenceStates: PresenceStates;
  private onlineNow: ReadonlySet<string> = new Set();
  /** The membership (by log head) that `onlineNow` and my published claim were last judged against. */
  private presenceHead: string | null = null;
  private evaluating = false;
  private connected = false;
  private evaluateAgain = false;
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly resignTimer: ReturnType<typeof setInterval>;
  private announcing: Promise<void> = Promise.resolve();
  /** Whether my claim currently stands in the room, so a non-member never sends anything, not even 'none'. */
  private published = false;

  private constructor(
    private current: CircleRecord,
    private readonly deps: CircleSessionDeps,
    private readonly records: CircleRecords,
    private readonly doc: Y.Doc,
    private readonly view: VerifiedView,
    private readonly link: RoomLink,
    private readonly contentKeys: Map<number, CryptoKey>,
    private readonly stopStoring: () => Promise<void>,
  ) {
    for (const slot of current.undelivered) this.pending.set(slot, 0);
    this.presenceTiming = deps.presenceTiming ?? PRESENCE_TIMING;
    this.presenceVerifier = new PresenceVerifier(this.presenceTiming);
    this.presenceStates = link.presence();
    this.stopView = view.subscribe(() => this.scheduleRefresh());
    this.reportBox = new CircleReports({ doc, circleId: current.circleId, identity: deps.identity, membership: () => view.membership(), now: () => this.now() });
    this.stopReports = this.reportBox.subscribe(() => this.notify());
    this.stopStatus = link.onStatus((status) => this.onLinkStatus(status));
    this.stopPresence = link.onPresence((states) => {
      this.presenceStates = states;
      this.schedulePresence();
    });
    // Re-signed on a timer whether or not anyone is connected: the claim in awareness is what a peer gets on
    // connecting, and it has to be fresh then.
    this.resignTimer = setInterval(() => this.scheduleAnnounce(), this.presenceTiming.resignEveryMs);
    this.rekeyTiming = deps.rekeyTiming ?? DEFAULT_REKEY_TIMING;
    this.maintenanceTimer = setInterval(() => this.maintain(), this.rekeyTiming.checkEveryMs);
  }

  /** Opens a circle from its record: loads the doc from disk (works offline), verifies, connects. */
  static async open(record: CircleRecord, deps: CircleSessionDeps): Promise<Outcome<CircleSession>> {
    const secrets = epochSecretsOf(record);
    const secret = secrets.get(record.epoch);
    if (!secret) return refuse('This circle’s key is missing on this device, so it can’t open. Ask the facilitator to invite you again.');
    const contentKeys = new Map<number, CryptoKey>();
    for (const [epoch, bytes] of secrets) contentKeys.set(epoch, (await deriveEpochKeys(bytes, record.circleId, epoch)).contentKey);
    const current = await deriveEpochKeys(secret, record.circleId, record.epoch);
    const doc = new Y.Doc();
    const store = new CircleDocStore(deps.db, {
      onDamagedUpdate: (circleId, error) => logger.warn(`circles: skipped a damaged stored update of ${circleId}`, error),
    });
    const stopStoring = await store.attach(record.circleId, doc);
    const view = createVerifiedView(doc, { circleId: record.circleId, founder: record.founder.keyId, epochKeys: contentKeys, me: deps.identity.publicIdentity.keyId });
    // A removed member's device has no room to go to: it keeps what it has and hears nothing new.
    const link = new RoomLink(deps.connect, doc, record.removed ? null : roomOf(current, record));
    const session = new CircleSession(record, deps, new CircleRecords(deps.db), doc, view, link, contentKeys, stopStoring);
    session.onLinkStatus(link.status());
    session.scheduleRefresh();
    await session.whenIdle();
    await session.reopenOldRooms();
    return done(session);
  }

  get circleId(): string {
    return this.current.circleId;
  }

  get me(): string {
    return this.deps.identity.publicIdentity.keyId;
  }

  record(): CircleRecord {
    return this.current;
  }

  /** Newest first, with replies and reactions; only what verified. */
  posts(): readonly ViewPost[] {
    return this.view.posts();
  }

  circleInfo(): Omit<CircleInfoBody, 'kind'> | null {
    return this.view.circleInfo();
  }

  /** My own posts and replies a facilitator hid for everyone. */
  hiddenFromMe(): readonly HiddenByFacilitator[] {
    return this.view.hiddenFromMe();
  }

  /** Members I muted (for me only; nothing is sent). */
  muted(): ReadonlySet<string> {
    return new Set(this.current.muted ?? []);
  }

  async setMuted(keyId: string, muted: boolean): Promise<Outcome> {
    if (keyId === this.me) return refuse('You can’t mute yourself.');
    await this.updateRecord((record) => {
      const rest = (record.muted ?? []).filter((candidate) => candidate !== keyId);
      return { ...record, muted: muted ? [...rest, keyId] : rest };
    });
    this.notify();
    return done();
  }

  /** The charter wording I accepted before, when a facilitator has since changed it; null otherwise. */
  previousCharter(): string | null {
    if (!this.needsCharterAcceptance()) return null;
    return this.current.charterAcceptedText ?? null;
  }

  /** Whether the one-time note about professional care should still be shown near sharing. */
  careNoteDue(): boolean {
    return this.current.careNoteRead !== true;
  }

  async readCareNote(): Promise<void> {
    await this.updateRecord((record) => ({ ...record, careNoteRead: true }));
    this.notify();
  }

  /** Reports I can read: the queue and decisions (facilitators), my own reports and their outcomes. */
  reports(): { readonly queue: readonly CircleReport[]; readonly mine: readonly CircleReport[]; readonly all: readonly CircleReport[] } {
    return { queue: this.reportBox.queue(), mine: this.reportBox.mine(), all: this.reportBox.all() };
  }

  /** Reports a post or reply to this circle's facilitators, with a reason and an optional note. */
  async report(target: EntryRef, targetKind: 'post' | 'reply', reason: ReportReason, note: string): Promise<Outcome> {
    await this.whenIdle();
    if (this.closed) return refuse(CLOSED);
    return this.reportBox.report(target, targetKind, reason, note);
  }

  /** Facilitators: tells the reporter (and the other facilitators) what was decided. */
  async decideReport(reportKey: string, decision: ReportDecision): Promise<Outcome> {
    await this.whenIdle();
    if (this.closed) return refuse(CLOSED);
    return this.reportBox.decide(reportKey, decision);
  }

  /** Current members with roles and fingerprints. */
  members(): readonly MemberView[] {
    return this.memberList;
  }

  /**
   * Key ids of the other members online now: each has a valid claim, signed by a member of this epoch, fresh
   * by this device's clock. Empty while no peer is connected. Subscribers hear when it changes.
   */
  online(): ReadonlySet<string> {
    return this.onlineNow;
  }

  membership(): Membership | null {
    return this.view.membership();
  }

  /** Set when the circle moved on to new keys without this device: it was removed. */
  removed(): { readonly epoch: number; readonly noticedAt: number } | null {
    return this.current.removed ?? null;
  }

  /** After a rekey, while this device keeps the old room open: who has arrived in the new epoch. */
  moving(): MoveProgress | null {
    const epoch = this.current.epoch;
    const old = this.current.oldRooms?.find((room) => room.epoch === epoch - 1);
    const membership = this.view.membership();
    if (!old || !membership || old.until <= Date.now()) return null;
    const members = membership
      .activeMembers(epoch)
      .filter(({ record }) => record.keyId !== this.me)
      .map(({ record }) => ({ keyId: record.keyId, pseudonym: record.pseudonym, arrived: this.arrived.has(record.keyId) }));
    return { epoch, members, oldRoomUntil: old.until };
  }

  /**
   * Facilitators: starts the next epoch with a fresh secret for `keep` (and me); everyone else active now is
   * removed. Resolves once this device has moved to the new room.
   */
  async rekey(keep: readonly string[]): Promise<Outcome<LogEntry>> {
    await this.whenIdle();
    if (this.closed) return refuse(CLOSED);
    const membership = this.view.membership();
    if (!membership) return refuse(NO_MEMBERSHIP);
    if (membership.memberAt(this.me, membership.currentEpoch)?.role !== 'facilitator') return refuse('Only a facilitator can change the circle’s keys.');
    if (membership.currentEpoch !== this.current.epoch) return refuse('This device is still catching up with the circle’s latest keys. Try again in a moment.');
    const stillHere = keep.filter((keyId) => membership.memberAt(keyId, membership.currentEpoch) !== undefined);
    const action = await rekeyAction(this.deps.identity, membership, stillHere, newEpochSecret());
    const appended = await this.appendLog(action);
    if (!appended.ok) return appended;
    await this.whenIdle();
    // Someone invited from now on holds only the new key: the circle's name and charter go again, sealed with it.
    const info = this.view.circleInfo();
    if (info && this.current.epoch === membership.currentEpoch + 1) {
      const resealed = await this.write({ kind: 'circle-info', name: info.name, charter: info.charter }, await circleInfoEntryId(this.circleId));
      if (!resealed.ok) logger.warn(`circles: the charter was not sealed with the new key: ${resealed.message}`);
    }
    return appended;
  }

  /** Why the circle shows nothing yet, in words a person can act on; null when all is well. */
  problem(): string | null {
    return this.view.membershipProblem() ?? this.epochProblem;
  }

  /** True when there is a charter this person has not accepted (in its current wording). */
  needsCharterAcceptance(): boolean {
    return this.charterHash === null || this.current.charterAccepted !== this.charterHash;
  }

  /** The post a journal entry was shared as in this circle, if any. */
  sharedPostFor(journalEntryId: string): EntryRef | null {
    const shared = this.current.shared[journalEntryId];
    return shared ? { author: this.me, entryId: shared.entryId } : null;
  }

  status(): CircleStatus {
    const link = this.link.status();
    return { peers: link.peers, lastSyncedAt: link.lastSyncedAt, closedForDamageAt: link.closedForDamageAt, undelivered: this.pending.size, membersOnline: this.onlineNow.size };
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once everything received so far is verified and the members and charter are current. */
  async whenIdle(): Promise<void> {
    let seen: Promise<void>;
    do {
      await this.view.whenIdle();
      seen = this.refreshing;
      await seen;
      await this.reportBox.whenIdle();
    } while (seen !== this.refreshing);
  }

  async acceptCharter(): Promise<Outcome> {
    await this.whenIdle();
    const version = this.charterHash;
    const text = this.view.circleInfo()?.charter;
    if (version === null || text === undefined) return refuse(CHARTER_MISSING);
    await this.updateRecord((record) => ({ ...record, charterAccepted: version, charterAcceptedText: text }));
    this.notify();
    return done();
  }

  /** Shares (or, for a journal entry shared here before, updates) a post with exactly these fields. */
  async share(input: ShareInput): Promise<Outcome<EntryRef>> {
    const charter = this.charterProblem();
    if (charter) return refuse(charter);
    const journalId = input.journalEntryId;
    const entryId = (journalId === undefined ? undefined : this.current.shared[journalId]?.entryId) ?? newEntryId();
    const sharedAt = this.now();
    const body: BodyInput = {
      kind: 'post',
      fields: input.fields,
      ...(input.contentWarning === undefined ? {} : { contentWarning: input.contentWarning }),
      sharedAt,
    };
    const written = await this.write(body, entryId);
    if (written.ok && journalId !== undefined) {
      await this.updateRecord((record) => ({ ...record, shared: { ...record.shared, [journalId]: { entryId, sharedAt } } }));
    }
    return written;
  }

  async reply(parent: EntryRef, text: string): Promise<Outcome<EntryRef>> {
    const charter = this.charterProblem();
    if (charter) return refuse(charter);
    return this.write({ kind: 'reply', parent, text }, newEntryId());
  }

  /** One reaction per person per post or reply; reacting again replaces it. */
  async react(target: EntryRef, reaction: Reaction): Promise<Outcome<EntryRef>> {
    const charter = this.charterProblem();
    if (charter) return refuse(charter);
    return this.write({ kind: 'reaction', target, reaction }, await reactionEntryId(target));
  }

  /**
   * Retracts my own post or reply (a signed tombstone in its slot), or, as a facilitator, hides someone
   * else's for everyone. Members who already received it keep their copy.
   */
  async retract(target: EntryRef): Promise<Outcome<EntryRef>> {
    let entryId = target.entryId;
    if (target.author !== this.me) {
      await this.whenIdle();
      if (this.view.membership()?.memberAt(this.me, this.current.epoch)?.role !== 'facilitator') {
        return refuse('Only the person who wrote this, or a facilitator, can take it down.');
      }
      entryId = await hideEntryId(target);
    }
    const written = await this.write({ kind: 'tombstone', target }, entryId);
    if (written.ok && target.author === this.me) {
      await this.updateRecord((record) => ({
        ...record,
        shared: Object.fromEntries(Object.entries(record.shared).filter(([, shared]) => shared.entryId !== target.entryId)),
      }));
    }
    return written;
  }

  /** Facilitators: rename the circle or change its charter (members are asked to accept the new wording). */
  async updateCircleInfo(name: string, charter: string): Promise<Outcome<EntryRef>> {
    await this.whenIdle();
    const membership = this.view.membership();
    if (membership?.memberAt(this.me, membership.currentEpoch)?.role !== 'facilitator') return refuse('Only a facilitator can change the circle’s name or charter.');
    if (charter.trim() === '') return refuse('Write a few guidelines, so members know what the circle is for.');
    const written = await this.write({ kind: 'circle-info', name, charter }, await circleInfoEntryId(this.circleId));
    if (!written.ok) return written;
    // Whoever wrote the new wording has accepted it.
    await this.whenIdle();
    const version = this.charterHash;
    const text = this.view.circleInfo()?.charter;
    if (version !== null && text !== undefined) await this.updateRecord((record) => ({ ...record, charterAccepted: version, charterAcceptedText: text }));
    this.notify();
    return written;
  }

  /** True when a charter I accepted before was changed since (not for a first acceptance). */
  charterChanged(): boolean {
    return this.needsCharterAcceptance() && this.charterHash !== null && this.current.charterAccepted !== null;
  }

  /** Facilitators: appends a signed entry to the membership log; fails when the log's rules refuse it. */
  async appendLog(action: MembershipActionInput): Promise<Outcome<LogEntry>> {
    return this.serial(async () => {
      if (this.closed) return refuse(CLOSED);
      await this.view.whenIdle();
      const membership = this.view.membership();
      if (!membership) return refuse(NO_MEMBERSHIP);
      const entry = await signLogEntry(this.deps.identity, this.circleId, membership.head, action, this.now());
      await writeLogEntry(this.doc, entry);
      await this.view.whenIdle();
      if (this.view.membership()?.head.hash !== (await logEntryHash(entry))) {
        return refuse('The circle’s membership record did not accept this change. Check that you are still a facilitator and try again.');
      }
      return done(entry);
    });
  }

  /** What a newcomer needs at once: the membership log and the circle-info envelope(s). */
  handoverPack(): { log: LogEntry[]; envelopes: Envelope[] } {
    const log: LogEntry[] = [];
    for (const raw of membershipOf(this.doc).values()) {
      const parsed = LogEntrySchema.safeParse(raw);
      if (parsed.success && log.length < MAX_LOG_ENTRIES) log.push(parsed.data);
    }
    const envelopes: Envelope[] = [];
    for (const raw of envelopesOf(this.doc).values()) {
      const parsed = parseEnvelope(raw);
      if (parsed.ok && envelopes.length < 4 && this.isInfoSlot(parsed.envelope)) envelopes.push(parsed.envelope);
    }
    return { log, envelopes };
  }

  /** Changes this circle's record on disk and here. */
  async updateRecord(change: (record: CircleRecord) => CircleRecord): Promise<CircleRecord> {
    this.current = await this.records.update(this.circleId, change);
    return this.current;
  }

  /** The epoch secret this device writes with (for lockboxes to new members). */
  currentSecret(): Uint8Array<ArrayBuffer> | undefined {
    return epochSecretsOf(this.current).get(this.current.epoch);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.resignTimer);
    clearInterval(this.maintenanceTimer);
    clearTimeout(this.expiryTimer);
    this.closeOldRooms();
    this.stopStatus();
    this.stopPresence();
    // Leaving the room takes the claim back (y-webrtc tells peers at once; otherwise it expires).
    this.link.destroy();
    await this.announcing;
    await this.queue;
    this.stopView();
    this.stopReports();
    this.reportBox.destroy();
    this.view.destroy();
    await this.refreshing;
    await this.stopStoring();
    this.listeners.clear();
    this.doc.destroy();
  }

  // ---- internals ----

  private infoId: string | null = null;

  private isInfoSlot(envelope: Envelope): boolean {
    return envelope.entryId === this.infoId;
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  private charterProblem(): string | null {
    if (this.charterHash === null) return CHARTER_MISSING;
    return this.needsCharterAcceptance() ? CHARTER_FIRST : null;
  }

  /** Orders writes, so each continues its author's sequence from the one before. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task);
    // The queue only orders writes; each caller sees its own failure through `result`.
    this.queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  private async write(body: BodyInput, entryId: string): Promise<Outcome<EntryRef>> {
    const checked = BodySchema.safeParse(body);
    if (!checked.success) return refuse(`This can’t be posted as it is: ${checked.error.issues[0]?.message ?? 'something in it is not allowed'}.`);
    return this.serial(async () => {
      if (this.closed) return refuse(CLOSED);
      await this.view.whenIdle();
      const epoch = this.current.epoch;
      const contentKey = this.contentKeys.get(epoch);
      const membership = this.view.membership();
      if (this.current.removed) return refuse(REMOVED);
      if (!membership || !contentKey) return refuse(NO_MEMBERSHIP);
      if (!membership.memberAt(this.me, epoch)) return refuse(NOT_MEMBER);
      const previous = later(this.view.authorState(this.me), this.lastSealed);
      const sealed = await sealEnvelope(body, { circleId: this.circleId, epoch, contentKey, identity: this.deps.identity, entryId, previous, now: this.now() });
      this.lastSealed = sealed.state;
      writeEnvelope(this.doc, sealed.envelope);
      await this.trackWritten(envelopeKey(sealed.envelope));
      await this.view.whenIdle();
      return done({ author: this.me, entryId });
    });
  }

  private async trackWritten(slot: string): Promise<void> {
    if (this.link.status().peers > 0) return;
    this.pending.set(slot, Date.now());
    await this.persistUndelivered();
    this.notify();
  }

  private onLinkStatus(status: LinkStatus): void {
    // With no peer connected nobody is online as far as this device can know, whatever awareness still holds.
    if ((status.peers > 0) !== this.connected) {
      this.connected = status.peers > 0;
      this.schedulePresence();
    }
    const syncedAt = status.lastSyncedAt;
    if (status.peers > 0 && syncedAt !== null) {
      let changed = false;
      for (const [slot, writtenAt] of this.pending) {
        if (writtenAt <= syncedAt) {
          this.pending.delete(slot);
          changed = true;
        }
      }
      if (changed && !this.closed) {
        this.persistUndelivered().catch((error: unknown) => logger.warn('circles: could not save the delivery state', error));
      }
    }
    this.notify();
  }

  private async persistUndelivered(): Promise<void> {
    await this.updateRecord((record) => ({ ...record, undelivered: [...this.pending.keys()] }));
  }

  private scheduleRefresh(): void {
    this.refreshing = this.refreshing.then(() => this.refresh()).catch((error: unknown) => logger.error('circles: could not refresh the member list', error));
  }

  private async refresh(): Promise<void> {
    this.infoId ??= await circleInfoEntryId(this.circleId);
    // Proof of equivocation goes into the doc, so members who received only one version hide it too.
    if (!this.closed) writeEvidence(this.doc, this.view.evidence());
    const equivocators = this.view.equivocators();
    const membership = this.view.membership();
    const list: MemberView[] = [];
    for (const { record, role } of membership?.activeMembers() ?? []) {
      let print = this.fingerprints.get(record.keyId);
      if (print === undefined) {
        print = await fingerprint(record);
        this.fingerprints.set(record.keyId, print);
      }
      list.push({ keyId: record.keyId, pseudonym: record.pseudonym, role, fingerprint: print, isMe: record.keyId === this.me, sentConflictingVersions: equivocators.has(record.keyId) });
    }
    this.memberList = list;
    const info = this.view.circleInfo();
    this.charterHash = info ? await charterVersion(info.charter) : null;
    const head = membership?.head.hash ?? null;
    if (membership && head !== this.presenceHead) await this.followEpochs(membership);
    for (const post of this.view.posts()) if (post.epoch === this.current.epoch) this.arrived.add(post.ref.author);
    if (head !== this.presenceHead) {
      // Someone joined or left: whether I may announce myself, and whose claims count, may have changed.
      this.presenceHead = head;
      this.seedOldRooms();
      this.maintain();
      this.reportBox.refresh();
      this.scheduleAnnounce();
      this.schedulePresence();
    }
    this.notify();
  }

  // ---- epochs: following rekeys, old rooms, rotation ----

  /**
   * Follows the verified log to its current epoch: opens my lockbox of every epoch I belong to since mine,
   * moves the doc to the new room before writing in the new epoch (so nothing new ever goes to the old room),
   * and keeps the old room open for a while for members who were away. When two facilitators rekeyed at once
   * the log's winner decides, so the secret held for the current epoch is checked against its lockbox too.
   * Moved on without me: I was removed, and this device leaves the room.
   */
  private async followEpochs(membership: Membership): Promise<void> {
    if (this.closed || this.current.removed) return;
    const fate = epochFate(membership, this.me, this.current.epoch);
    if (fate.kind === 'removed') {
      this.link.moveTo(null);
      this.closeOldRooms();
      await this.updateRecord((record) => ({ ...record, removed: { epoch: fate.epoch, noticedAt: Date.now() }, oldRooms: [] }));
      return;
    }
    const target = fate.kind === 'move' ? membership.currentEpoch : this.current.epoch;
    const toCheck = new Set(fate.kind === 'move' ? fate.epochs : []);
    toCheck.add(target);
    const held = epochSecretsOf(this.current);
    const found = new Map<number, Bytes>();
    this.epochProblem = null;
    for (const epoch of toCheck) {
      // A member who joined after an epoch began got its secret with the approval, not in the rekey.
      const start = membership.epochStarts.get(epoch);
      // The genesis carries no lockbox: the founder made the secret; the others got it with their approval.
      if (start?.lockboxes.length === 0 && held.has(epoch)) continue;
      if (!start?.members.includes(this.me)) {
        if (!held.has(epoch)) this.epochProblem = KEY_UNREADABLE;
        continue;
      }
      const opened = await openEpochSecret(membership, epoch, this.deps.identity);
      if (!opened.ok) {
        this.epochProblem = KEY_UNREADABLE;
        continue;
      }
      const mine = held.get(epoch);
      if (!mine || !sameBytes(mine, opened.secret)) found.set(epoch, opened.secret);
    }
    const targetSecret = found.get(target) ?? held.get(target);
    if (this.closed || !targetSecret || (found.size === 0 && target === this.current.epoch)) return;
    for (const [epoch, secret] of found) {
      const { contentKey } = await deriveEpochKeys(secret, this.circleId, epoch);
      this.contentKeys.set(epoch, contentKey);
      this.view.addEpochKey(epoch, contentKey);
    }
    const from = this.current.epoch;
    const moved = target !== from;
    if (found.has(target) || moved) this.link.moveTo(roomOf(await deriveEpochKeys(targetSecret, this.circleId, target), this.current));
    const until = Date.now() + this.rekeyTiming.oldRoomOpenMs;
    await this.updateRecord((record) => ({
      ...record,
      epoch: target,
      epochSecrets: { ...record.epochSecrets, ...Object.fromEntries([...found].map(([epoch, secret]) => [String(epoch), toBase64Url(secret)])) },
      oldRooms: moved ? [...(record.oldRooms ?? []).filter((room) => room.epoch !== from), { epoch: from, until }].slice(-REKEY_TIMING.maxOldRooms) : (record.oldRooms ?? []),
    }));
    if (moved) {
      this.arrived = new Set();
      await this.openOldRoom(from);
    }
  }

  /** After a restart: the old rooms still inside their time. */
  private async reopenOldRooms(): Promise<void> {
    for (const room of this.current.oldRooms ?? []) if (room.until > Date.now()) await this.openOldRoom(room.epoch);
    this.seedOldRooms();
  }

  private async openOldRoom(epoch: number): Promise<void> {
    const secret = epochSecretsOf(this.current).get(epoch);
    if (this.closed || this.current.removed || !secret || this.oldRooms.has(epoch)) return;
    const doc = new Y.Doc();
    // Log entries up to the epoch's end come back from the old room: another facilitator's rekey of the same
    // epoch (written at the same time) has to reach this doc, so that the log's tie-break settles both.
    const fromOldRoom = (): void => {
      const end = this.view.membership()?.epochStarts.get(epoch + 1)?.seq;
      if (end === undefined || this.closed) return;
      for (const entry of logUpTo(membershipOf(doc).values(), end)) {
        if (entry.circleId !== this.circleId) continue;
        writeLogEntry(this.doc, entry).catch((error: unknown) => logger.warn('circles: could not take in a membership entry from an old room', error));
      }
    };
    membershipOf(doc).observe(fromOldRoom);
    const link = this.deps.connect(doc, roomOf(await deriveEpochKeys(secret, this.circleId, epoch), this.current));
    this.oldRooms.set(epoch, { doc, link });
    this.seedOldRooms();
  }

  /**
   * Hands each old room the log up to the rekey that ended its epoch and nothing later: a member who was away
   * learns where the circle went; a removed member learns only that it moved on without them.
   */
  private seedOldRooms(): void {
    const starts = this.view.membership()?.epochStarts;
    for (const [epoch, room] of this.oldRooms) {
      const end = starts?.get(epoch + 1);
      if (!end) continue;
      for (const entry of logUpTo(membershipOf(this.doc).values(), end.seq)) {
        writeLogEntry(room.doc, entry).catch((error: unknown) => logger.warn('circles: could not hand the old room the membership record', error));
      }
    }
  }

  private closeOldRooms(): void {
    for (const room of this.oldRooms.values()) {
      room.link.destroy();
      room.doc.destroy();
    }
    this.oldRooms.clear();
  }

  /** Leaves old rooms whose time is up, and starts a rotation when one is due. */
  private maintain(): void {
    if (this.closed) return;
    const now = Date.now();
    const expired = (this.current.oldRooms ?? []).filter((room) => room.until <= now);
    if (expired.length > 0) {
      for (const { epoch } of expired) {
        const room = this.oldRooms.get(epoch);
        room?.link.destroy();
        room?.doc.destroy();
        this.oldRooms.delete(epoch);
      }
      this.updateRecord((record) => ({ ...record, oldRooms: (record.oldRooms ?? []).filter((room) => room.until > now) })).catch((error: unknown) =>
        logger.warn('circles: could not save which old rooms are left', error),
      );
    }
    void this.rotateIfDue().catch((error: unknown) => logger.warn('circles: could not rotate the circle’s keys', error));
  }

  /** Facilitators: a new epoch with the same members about monthly (a race between two is settled by the log). */
  private async rotateIfDue(): Promise<void> {
    const membership = this.view.membership();
    if (this.rotating || this.closed || this.current.removed || !membership) return;
    if (membership.currentEpoch !== this.current.epoch || membership.memberAt(this.me, membership.currentEpoch)?.role !== 'facilitator') return;
    if (!rotationDue(membership, this.now(), this.rekeyTiming.rotateEveryMs)) return;
    this.rotating = true;
    try {
      const everyone = membership.activeMembers().map(({ record }) => record.keyId);
      const outcome = await this.rekey(everyone);
      if (!outcome.ok) logger.warn(`circles: a key rotation was not made: ${outcome.message}`);
    } finally {
      this.rotating = false;
    }
  }

  // ---- presence ----

  private presenceContextOf(epoch: number): Promise<string> {
    let context = this.presenceContexts.get(epoch);
    if (context === undefined) {
      context = presenceContext(this.circleId, epoch);
      this.presenceContexts.set(epoch, context);
    }
    return context;
  }

  private scheduleAnnounce(): void {
    this.announcing = this.announcing.then(() => this.announce()).catch((error: unknown) => logger.warn('circles: could not sign this device’s presence', error));
  }

  /** Puts a freshly signed claim in the room while I am a member of this epoch; takes it back when I am not. */
  private async announce(): Promise<void> {
    if (this.closed) return;
    const epoch = this.current.epoch;
    if (this.view.membership()?.memberAt(this.me, epoch) === undefined) {
      if (this.published) this.link.setPresence(null);
      this.published = false;
      return;
    }
    const claim = await signPresenceClaim(this.deps.identity, await this.presenceContextOf(epoch), this.now());
    if (this.closed) return;
    this.link.setPresence(claim);
    this.published = true;
  }

  /** Re-evaluates who is online; calls coming in while one runs are folded into one more run after it. */
  private schedulePresence(): void {
    if (this.closed) return;
    if (this.evaluating) {
      this.evaluateAgain = true;
      return;
    }
    this.evaluating = true;
    void this.evaluatePresence()
      .catch((error: unknown) => logger.error('circles: could not work out who is online', error))
      .finally(() => {
        this.evaluating = false;
        if (this.evaluateAgain) {
          this.evaluateAgain = false;
          this.schedulePresence();
        }
      });
  }

  private async evaluatePresence(): Promise<void> {
    clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
    const membership = this.view.membership();
    const epoch = this.current.epoch;
    let online: ReadonlySet<string> = new Set();
    if (membership && this.link.status().peers > 0) {
      const now = this.now();
      const result = await this.presenceVerifier.evaluate(this.presenceStates, { context: await this.presenceContextOf(epoch), epoch, roster: membership, now, me: this.me });
      online = result.online;
      // Claims expire with no event from the room: look again when the first one does.
      if (result.nextExpiry !== null && !this.closed) {
        this.expiryTimer = setTimeout(() => this.schedulePresence(), Math.max(0, result.nextExpiry - now) + EXPIRY_SLACK_MS);
      }
    }
    if (this.closed || sameKeys(online, this.onlineNow)) return;
    // Presence is judged in this epoch's context: someone online here has moved to it.
    for (const keyId of online) this.arrived.add(keyId);
    this.onlineNow = online;
    this.notify();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

function roomOf(keys: EpochKeys, record: CircleRecord): RoomSpec {
  return { roomName: keys.roomName, password: keys.webrtcPassword, signalingUrls: record.signalingUrls, iceServers: record.iceServers };
}

function sameBytes(a: Bytes, b: Bytes): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}

/** Timers can fire a millisecond early; look a little after a claim's expiry so it has surely expired. */
const EXPIRY_SLACK_MS = 25;

function sameKeys(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const key of a) if (!b.has(key)) return false;
  return true;
}

function later(a: AuthorState | null, b: AuthorState | null): AuthorState | null {
  if (!a) return b;
  if (!b) return a;
  return b.seq > a.seq ? b : a;
}
