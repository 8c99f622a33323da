// Joining a circle with an invite code: asking → waiting for a facilitator (kept across restarts, retried)
// → joined or refused. Nothing is half-joined: the circle record is written only after the lockbox opened
// and the facilitator-signed membership log shows this device.
import * as Y from 'yjs';
import { toBase64Url } from '@shared/circles/bytes';
import { writeEnvelope, writeLogEntry } from '@shared/circles/circleDoc';
import { newRequestId, readResponse, responsesOf, writeJoinRequest, type Approval, type HandshakeResponse, type RefusalReason } from '@shared/circles/handshake';
import type { DeviceIdentity } from '@shared/circles/identity';
import { deriveHandshakeRoom, INVITE_STATUS_MESSAGES, parseInvite, type HandshakeRoom } from '@shared/circles/invite';
import { openLockbox } from '@shared/circles/lockbox';
import { PseudonymSchema, verifyMembershipLog } from '@shared/circles/membership';
import { CircleDocStore } from '../../db/circleDocStore';
import type { HearthDatabase } from '../../db/database';
import { logger } from '../../logger';
import { CircleRecords, type CircleRecord, type JoinState, type PendingJoin } from './circleRecords';
import type { CircleLink, ConnectDoc, LinkStatus, RoomConnection } from './link';
import { done, refuse, type Outcome } from './outcome';

export interface JoinerDeps {
  readonly db: HearthDatabase;
  readonly identity: DeviceIdentity;
  readonly connect: ConnectDoc;
  /**
   * The person's settings, read each time a join starts: the relays to meet the facilitator on when the
   * invite names none (a bare code), and always the STUN/TURN servers (a link never carries those).
   */
  readonly connection: () => Promise<RoomConnection>;
  readonly now?: () => number;
  /** With no peer in the handshake room this long, the state becomes 'waiting-for-facilitator'. */
  readonly waitingAfterMs?: number;
}

export interface JoinView {
  readonly joinId: string;
  readonly state: JoinState;
  readonly pseudonym: string;
  /** What to tell the person about this join, in plain words. */
  readonly message: string;
  readonly reason?: RefusalReason;
  /** Set once joined: open the circle with this id. */
  readonly circleId?: string;
}

const DECLINED = 'The facilitator didn’t accept this request. If you think that’s a mistake, talk to them directly.';

export function joinMessage(join: Pick<PendingJoin, 'state' | 'reason'>): string {
  switch (join.state) {
    case 'asking':
      return 'Asking the facilitator to let you in…';
    case 'waiting-for-facilitator':
      return 'Waiting for a facilitator to come online. Hearth keeps asking, even after a restart.';
    case 'joined':
      return 'You’re in. Read the circle’s guidelines before your first post.';
    case 'refused':
      return join.reason === undefined || join.reason === 'declined' ? DECLINED : INVITE_STATUS_MESSAGES[join.reason];
  }
}

interface Attempt {
  join: PendingJoin;
  /** Where this attempt meets the facilitator; also the circle's relays if an approval names none. */
  readonly connection: RoomConnection;
  readonly room: HandshakeRoom;
  readonly doc: Y.Doc;
  readonly link: CircleLink;
  readonly stop: () => void;
  graceOver: boolean;
  checking: Promise<void>;
}

const WAITING_AFTER_MS = 8_000;

export class Joiner {
  private readonly records: CircleRecords;
  private readonly attempts = new Map<string, Attempt>();
  private readonly known = new Map<string, PendingJoin>();
  private readonly listeners = new Set<() => void>();
  private closed = false;

  constructor(private readonly deps: JoinerDeps) {
    this.records = new CircleRecords(deps.db);
  }

  /** Starts joining with a pasted code or link. Returns at once; follow progress with joins()/subscribe. */
  async join(codeOrLink: string, pseudonym: string): Promise<Outcome<JoinView>> {
    const invite = parseInvite(codeOrLink);
    if (!invite.ok) return refuse(invite.message);
    const name = PseudonymSchema.safeParse(pseudonym);
    if (!name.success) return refuse('Choose a name to use in this circle, up to 40 characters.');
    const same = [...this.known.values()].find((join) => join.code === invite.code && (join.state === 'asking' || join.state === 'waiting-for-facilitator'));
    if (same) return done(viewOf(same));
    const join: PendingJoin = {
      kind: 'join',
      v: 1,
      joinId: newRequestId(),
      code: invite.code,
      ...(invite.relays.length > 0 ? { relays: [...invite.relays] } : {}),
      ...(invite.facilitator === null ? {} : { facilitator: invite.facilitator }),
      pseudonym: name.data,
      startedAt: this.now(),
      state: 'asking',
    };
    await this.save(join);
    await this.start(join);
    return done(viewOf(this.known.get(join.joinId) ?? join));
  }

  /** At start-up: loads every join and asks again for those still open. */
  async resume(): Promise<void> {
    const { joins } = await this.records.list();
    for (const join of joins) {
      this.known.set(join.joinId, join);
      if (join.state === 'asking' || join.state === 'waiting-for-facilitator') await this.start(join);
    }
    this.notify();
  }

  joins(): JoinView[] {
    return [...this.known.values()].sort((a, b) => b.startedAt - a.startedAt).map(viewOf);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Forgets a join (after the person has read its outcome, or to stop asking). */
  async dismiss(joinId: string): Promise<void> {
    this.stopAttempt(joinId);
    this.known.delete(joinId);
    await this.records.removeJoin(joinId);
    this.notify();
  }

  /** Resolves once every answer seen so far has been handled. */
  async whenIdle(): Promise<void> {
    for (const attempt of [...this.attempts.values()]) await attempt.checking;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.whenIdle();
    for (const joinId of [...this.attempts.keys()]) this.stopAttempt(joinId);
    this.listeners.clear();
  }

  // ---- internals ----

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  private async start(join: PendingJoin): Promise<void> {
    if (this.attempts.has(join.joinId) || this.closed) return;
    const invite = parseInvite(join.code);
    if (!invite.ok) {
      logger.warn('circles: a saved join has an unreadable code; it stays as it is');
      return;
    }
    const settings = await this.deps.connection();
    const connection: RoomConnection = { signalingUrls: join.relays ?? settings.signalingUrls, iceServers: settings.iceServers };
    const room = await deriveHandshakeRoom(invite.secret);
    if (this.attempts.has(join.joinId) || this.closed) return;
    const doc = new Y.Doc();
    await writeJoinRequest(doc, room, this.deps.identity, join.pseudonym, join.joinId, this.now());
    const link = this.deps.connect(doc, { roomName: room.roomName, password: room.password, ...connection });
    const onResponses = (): void => this.check(join.joinId);
    const timer = setTimeout(() => {
      const attempt = this.attempts.get(join.joinId);
      if (!attempt) return;
      attempt.graceOver = true;
      this.onStatus(attempt, link.status());
    }, this.deps.waitingAfterMs ?? WAITING_AFTER_MS);
    const stopStatus = link.onStatus((status) => {
      const attempt = this.attempts.get(join.joinId);
      if (attempt) this.onStatus(attempt, status);
    });
    responsesOf(doc).observe(onResponses);
    const attempt: Attempt = {
      join,
      connection,
      room,
      doc,
      link,
      graceOver: join.state === 'waiting-for-facilitator',
      checking: Promise.resolve(),
      stop: () => {
        clearTimeout(timer);
        stopStatus();
        responsesOf(doc).unobserve(onResponses);
      },
    };
    this.attempts.set(join.joinId, attempt);
    this.onStatus(attempt, link.status());
    this.check(join.joinId);
  }

  private stopAttempt(joinId: string): void {
    const attempt = this.attempts.get(joinId);
    if (!attempt) return;
    this.attempts.delete(joinId);
    attempt.stop();
    attempt.link.destroy();
    attempt.doc.destroy();
  }

  /** Someone in the handshake room (normally the facilitator's device) means asking; nobody for a while means waiting. */
  private onStatus(attempt: Attempt, status: LinkStatus): void {
    const state = attempt.join.state;
    if (state !== 'asking' && state !== 'waiting-for-facilitator') return;
    const next: JoinState = status.peers > 0 || !attempt.graceOver ? 'asking' : 'waiting-for-facilitator';
    if (next === state) return;
    attempt.join = { ...attempt.join, state: next };
    this.save(attempt.join).catch((error: unknown) => logger.warn('circles: could not save the join state', error));
  }

  private check(joinId: string): void {
    const attempt = this.attempts.get(joinId);
    if (!attempt) return;
    attempt.checking = attempt.checking
      .then(() => this.handleResponse(attempt))
      .catch((error: unknown) => logger.error('circles: handling the facilitator’s answer failed', error));
  }

  private async handleResponse(attempt: Attempt): Promise<void> {
    if (!this.attempts.has(attempt.join.joinId)) return;
    const response = await readResponse(attempt.doc, attempt.room, this.deps.identity.publicIdentity, attempt.join.joinId);
    if (!response) return;
    const expected = attempt.join.facilitator;
    if (expected !== undefined && response.signer.keyId !== expected) {
      // Signed, but not by the facilitator the link named: someone else holding the code. Ignored, and the
      // request is written again so the facilitator's desk, seeing an answer that isn't its own, answers anew.
      logger.warn('circles: ignored an answer not signed by the facilitator the invite link named');
      await writeJoinRequest(attempt.doc, attempt.room, this.deps.identity, attempt.join.pseudonym, attempt.join.joinId, this.now());
      return;
    }
    if (response.outcome.kind === 'refused') {
      await this.finish(attempt, { state: 'refused', reason: response.outcome.reason });
      return;
    }
    const record = await this.acceptApproval(attempt, response, response.outcome);
    if (typeof record === 'string') {
      // A bad answer may come from anyone holding the code; the join stays open for the real one.
      logger.warn(`circles: ignored an approval that did not check out (${record})`);
      return;
    }
    await this.finish(attempt, { state: 'joined', circleId: record.circleId });
  }

  /** Opens the lockbox and checks the log; only then writes the circle's doc and record. Returns why not, otherwise. */
  private async acceptApproval(attempt: Attempt, response: HandshakeResponse, approval: Approval): Promise<CircleRecord | string> {
    const { join } = attempt;
    const me = this.deps.identity.publicIdentity.keyId;
    const { circleId, epoch } = approval;
    const box = await openLockbox(approval.lockbox, this.deps.identity, response.signer, { circleId, epoch });
    if (!box.ok) return `lockbox ${box.reason}`;
    const log = await verifyMembershipLog(approval.log, { circleId, founder: approval.founder.keyId });
    if (!log.ok) return 'membership log';
    const membership = log.membership;
    if (membership.currentEpoch !== epoch) return 'epoch';
    if (membership.memberAt(response.signer.keyId, epoch)?.role !== 'facilitator') return 'signer is not a facilitator';
    if (membership.memberAt(me, epoch) === undefined) return 'not in the log';

    const doc = new Y.Doc();
    const stop = await new CircleDocStore(this.deps.db).attach(circleId, doc);
    for (const entry of approval.log) await writeLogEntry(doc, entry);
    for (const envelope of approval.envelopes) if (envelope.circleId === circleId) writeEnvelope(doc, envelope);
    await stop();
    doc.destroy();

    const existing = await this.records.get(circleId);
    const previous = existing?.ok ? existing.record : null;
    const useApprovalRelay = approval.signalingUrls.length > 0;
    const record: CircleRecord = {
      kind: 'circle',
      v: 1,
      circleId,
      founder: { ...approval.founder },
      role: membership.memberAt(me, epoch)?.role ?? 'member',
      pseudonym: membership.members.get(me)?.pseudonym ?? join.pseudonym,
      epoch,
      epochSecrets: { ...previous?.epochSecrets, [String(epoch)]: toBase64Url(box.secret) },
      // With no relay in the approval, the ones that just reached the facilitator are the circle's best guess.
      signalingUrls: useApprovalRelay ? [...approval.signalingUrls] : [...attempt.connection.signalingUrls],
      iceServers: useApprovalRelay ? [...approval.iceServers] : [...attempt.connection.iceServers],
      charterAccepted: previous?.charterAccepted ?? null,
      joinedAt: previous?.joinedAt ?? this.now(),
      shared: previous?.shared ?? {},
      undelivered: previous?.undelivered ?? [],
      invites: previous?.invites ?? [],
    };
    await this.records.put(record);
    return record;
  }

  private async finish(attempt: Attempt, outcome: { state: 'joined'; circleId: string } | { state: 'refused'; reason: RefusalReason }): Promise<void> {
    attempt.join = { ...attempt.join, ...outcome };
    await this.save(attempt.join);
    this.stopAttempt(attempt.join.joinId);
  }

  private async save(join: PendingJoin): Promise<void> {
    this.known.set(join.joinId, join);
    await this.records.putJoin(join);
    this.notify();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

function viewOf(join: PendingJoin): JoinView {
  return {
    joinId: join.joinId,
    state: join.state,
    pseudonym: join.pseudonym,
    message: joinMessage(join),
    ...(join.reason === undefined ? {} : { reason: join.reason }),
    ...(join.circleId === undefined ? {} : { circleId: join.circleId }),
  };
}
