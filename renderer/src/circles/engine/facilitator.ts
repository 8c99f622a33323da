// A facilitator's tools: found a circle; create, list and revoke invites; answer join requests in each
// invite's one-time handshake room (approve: log entry + lockbox; decline or stale invite: signed refusal);
// remove a member.
import * as Y from 'yjs';
import { CircleInfoBodySchema } from '@shared/circles/body';
import { toBase64Url } from '@shared/circles/bytes';
import { deriveEpochKeys, newEpochSecret } from '@shared/circles/circleKeys';
import { writeEnvelope, writeLogEntry } from '@shared/circles/circleDoc';
import { circleInfoEntryId, sealEnvelope } from '@shared/circles/envelope';
import { hasResponse, readJoinRequests, readResponse, requestsOf, writeResponse, type JoinRequest, type RefusalReason } from '@shared/circles/handshake';
import type { IceServer } from '@shared/circles/connection';
import { fingerprint, type DeviceIdentity } from '@shared/circles/identity';
import {
  createInvite as newInviteCode,
  deriveHandshakeRoom,
  INVITE_DEFAULTS,
  inviteStatus,
  newInviteState,
  parseInvite,
  inviteLink,
  revokeInvite as revokedState,
  type HandshakeRoom,
  type InviteStatus,
} from '@shared/circles/invite';
import { sealLockbox } from '@shared/circles/lockbox';
import { addMemberAction, foundCircle, PseudonymSchema } from '@shared/circles/membership';
import { CircleDocStore } from '../../db/circleDocStore';
import type { HearthDatabase } from '../../db/database';
import { logger } from '../../logger';
import { charterVersion } from './charter';
import { CircleRecords, type CircleRecord, type InviteRecord } from './circleRecords';
import type { CircleSession } from './circleSession';
import type { CircleLink, ConnectDoc } from './link';
import { done, refuse, type Outcome } from './outcome';

export interface CreateCircleInput {
  readonly name: string;
  readonly charter: string;
  /** The founder's own pseudonym in this circle. */
  readonly pseudonym: string;
  /** The circle's relay(s), passed on to joiners in the approval. */
  readonly signalingUrls: readonly string[];
  readonly iceServers: readonly IceServer[];
}

/** Founds a circle on this device: genesis log entry, a fresh epoch secret, the encrypted name and charter. */
export async function createCircle(deps: { readonly db: HearthDatabase; readonly identity: DeviceIdentity; readonly now?: () => number }, input: CreateCircleInput): Promise<Outcome<CircleRecord>> {
  const now = (deps.now ?? Date.now)();
  const info = CircleInfoBodySchema.safeParse({ kind: 'circle-info', name: input.name, charter: input.charter });
  if (!info.success) return refuse('Give the circle a name (up to 80 characters) and guidelines of at most 10,000 characters.');
  const pseudonym = PseudonymSchema.safeParse(input.pseudonym);
  if (!pseudonym.success) return refuse('Choose a name to use in this circle, up to 40 characters.');
  const { circleId, genesis } = await foundCircle(deps.identity, pseudonym.data, now);
  const secret = newEpochSecret();
  const keys = await deriveEpochKeys(secret, circleId, 0);
  const { envelope } = await sealEnvelope(info.data, {
    circleId,
    epoch: 0,
    contentKey: keys.contentKey,
    identity: deps.identity,
    entryId: await circleInfoEntryId(circleId),
    previous: null,
    now,
  });
  const doc = new Y.Doc();
  const stop = await new CircleDocStore(deps.db).attach(circleId, doc);
  await writeLogEntry(doc, genesis);
  writeEnvelope(doc, envelope);
  await stop();
  doc.destroy();
  const record: CircleRecord = {
    kind: 'circle',
    v: 1,
    circleId,
    founder: { ...deps.identity.publicIdentity },
    role: 'facilitator',
    pseudonym: pseudonym.data,
    epoch: 0,
    epochSecrets: { '0': toBase64Url(secret) },
    signalingUrls: [...input.signalingUrls],
    iceServers: [...input.iceServers],
    charterAccepted: await charterVersion(info.data.charter),
    charterAcceptedText: info.data.charter,
    joinedAt: now,
    shared: {},
    undelivered: [],
    invites: [],
  };
  await new CircleRecords(deps.db).put(record);
  return done(record);
}

export interface InviteView {
  readonly inviteId: string;
  /** Grouped code to read aloud or type. */
  readonly code: string;
  /** hearth://join#… with the circle's relays and this device's key id (also the QR code's content). */
  readonly link: string;
  /** The relays the link names: the circle's, where this desk listens for requests. */
  readonly relays: readonly string[];
  readonly status: InviteStatus;
  readonly uses: number;
  readonly maxUses: number;
  readonly createdAt: number;
  readonly expiresAt: number;
}

export interface JoinRequestView {
  readonly requestId: string;
  readonly inviteId: string;
  readonly pseudonym: string;
  readonly keyId: string;
  /** Compare with the fingerprint the person reads from their own screen. */
  readonly fingerprint: string;
  readonly requestedAt: number;
}

export interface FacilitatorDeskDeps {
  readonly identity: DeviceIdentity;
  readonly connect: ConnectDoc;
  readonly now?: () => number;
}

interface Watch {
  readonly inviteId: string;
  readonly room: HandshakeRoom;
  readonly doc: Y.Doc;
  readonly link: CircleLink;
  readonly stop: () => void;
}

interface Pending {
  readonly view: JoinRequestView;
  readonly request: JoinRequest;
}

/** Refusals answer requests for invites this long after they expired; after that the room is left. */
const ANSWER_AFTER_EXPIRY_MS = 14 * 24 * 60 * 60 * 1000;

/** A facilitator's desk for one open circle: invites and the join requests they bring. */
export class FacilitatorDesk {
  private readonly watches = new Map<string, Watch>();
  private readonly pending = new Map<string, Pending>();
  private readonly listeners = new Set<() => void>();
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly session: CircleSession,
    private readonly deps: FacilitatorDeskDeps,
  ) {}

  /** Opens the desk and starts listening in the handshake room of every live invite. */
  static async open(session: CircleSession, deps: FacilitatorDeskDeps): Promise<FacilitatorDesk> {
    const desk = new FacilitatorDesk(session, deps);
    for (const invite of session.record().invites) await desk.watch(invite);
    return desk;
  }

  async createInvite(options: { lifetimeMs?: number; uses?: number } = {}): Promise<Outcome<InviteView>> {
    if (this.closed) return refuse('This circle was closed on this device. Open it again to create invites.');
    const invite = newInviteCode();
    const room = await deriveHandshakeRoom(invite.secret);
    const state = newInviteState(room.inviteId, this.now(), { lifetimeMs: options.lifetimeMs ?? INVITE_DEFAULTS.lifetimeMs, maxUses: options.uses ?? INVITE_DEFAULTS.uses });
    const stored: InviteRecord = { ...state, code: invite.code, answers: {} };
    await this.session.updateRecord((record) => ({ ...record, invites: [...record.invites, stored] }));
    await this.watch(stored);
    const view = this.viewOf(stored);
    return view ? done(view) : refuse('The new invite could not be read back. Try again.');
  }

  /** Every invite with its status now: pending, used up, expired or revoked. Newest first. */
  listInvites(): InviteView[] {
    return this.session
      .record()
      .invites.flatMap((invite) => {
        const view = this.viewOf(invite);
        return view ? [view] : [];
      })
      .sort((a, b) => b.createdAt - a.createdAt);
  }

  /** Withdraws an invite; anyone waiting on it (now or later) is told it was withdrawn. */
  async revokeInvite(inviteId: string): Promise<Outcome> {
    return this.serial(async () => {
      if (!this.session.record().invites.some((invite) => invite.inviteId === inviteId)) return refuse('That invite is not on this device.');
      const now = this.now();
      await this.session.updateRecord((record) => ({
        ...record,
        invites: record.invites.map((invite) => (invite.inviteId === inviteId ? { ...invite, ...revokedState(invite, now) } : invite)),
      }));
      for (const [requestId, item] of [...this.pending]) {
        if (item.view.inviteId === inviteId) await this.refuseRequest(inviteId, item.request, 'revoked', requestId);
      }
      this.notify();
      return done();
    });
  }

  /** Requests waiting for a decision, oldest first. */
  requests(): JoinRequestView[] {
    return [...this.pending.values()].map((item) => item.view).sort((a, b) => a.requestedAt - b.requestedAt);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Lets the person in: the membership log gains them, then they receive the circle secret in a lockbox. */
  async approve(requestId: string): Promise<Outcome> {
    return this.serial(async () => {
      const item = this.pending.get(requestId);
      if (!item) return refuse('This request was already answered, or it has gone.');
      const invite = this.invite(item.view.inviteId);
      if (!invite) return refuse('The invite behind this request is no longer on this device.');
      const status = inviteStatus(invite, this.now());
      if (status !== 'pending') {
        await this.refuseRequest(invite.inviteId, item.request, status, requestId);
        return refuse(`This invite is ${status === 'used-up' ? 'used up' : status}, so the request was refused and they were told why. Create a new invite for them.`);
      }
      const { request } = item;
      await this.session.whenIdle();
      const membership = this.session.membership();
      const epoch = this.session.record().epoch;
      const alreadyIn = membership?.memberAt(request.identity.keyId, epoch) !== undefined;
      if (!alreadyIn) {
        const wanted = request.pseudonym.toLocaleLowerCase();
        const clash = membership?.activeMembers(epoch).some(({ record }) => record.pseudonym.toLocaleLowerCase() === wanted);
        if (clash) return refuse(`Someone in this circle already goes by “${request.pseudonym}”. Decline this request and ask them to join again with another name.`);
        const added = await this.session.appendLog(addMemberAction(request.identity, request.pseudonym, 'member', epoch));
        if (!added.ok) return added;
      }
      await this.session.updateRecord((record) => ({
        ...record,
        invites: record.invites.map((stored) =>
          stored.inviteId === invite.inviteId ? { ...stored, uses: stored.uses + 1, answers: { ...stored.answers, [requestId]: 'approved' } } : stored,
        ),
      }));
      await this.sendApproval(invite.inviteId, request);
      this.pending.delete(requestId);
      this.notify();
      return done();
    });
  }

  async decline(requestId: string): Promise<Outcome> {
    return this.serial(async () => {
      const item = this.pending.get(requestId);
      if (!item) return refuse('This request was already answered, or it has gone.');
      await this.session.updateRecord((record) => ({
        ...record,
        invites: record.invites.map((stored) => (stored.inviteId === item.view.inviteId ? { ...stored, answers: { ...stored.answers, [requestId]: 'declined' } } : stored)),
      }));
      await this.refuseRequest(item.view.inviteId, item.request, 'declined', requestId);
      this.notify();
      return done();
    });
  }

  /**
   * Removes a member by rekeying: a new epoch whose secret goes in lockboxes to everyone else, so the removed
   * member cannot reach the new room or read anything written from now on. They keep what they already
   * received; their posts of the epoch they were removed in stop being shown. Resolves once this device has
   * moved to the new room; the others follow as they come online (see CircleSession.moving()).
   */
  async removeMember(keyId: string): Promise<Outcome> {
    if (keyId === this.deps.identity.publicIdentity.keyId) return refuse('You can’t remove yourself here. Hand the circle to another facilitator first.');
    await this.session.whenIdle();
    const membership = this.session.membership();
    const epoch = this.session.record().epoch;
    if (membership?.memberAt(keyId, epoch) === undefined) return refuse('That person is not a member of this circle.');
    const keep = membership.activeMembers(epoch).flatMap(({ record }) => (record.keyId === keyId ? [] : [record.keyId]));
    const rekeyed = await this.session.rekey(keep);
    return rekeyed.ok ? done() : rekeyed;
  }

  /** Resolves once every request seen so far has been handled. */
  async whenIdle(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.queue;
      await seen;
    } while (seen !== this.queue);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.whenIdle();
    for (const watch of this.watches.values()) {
      watch.stop();
      watch.link.destroy();
      watch.doc.destroy();
    }
    this.watches.clear();
    this.listeners.clear();
  }

  // ---- internals ----

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  private invite(inviteId: string): InviteRecord | undefined {
    return this.session.record().invites.find((invite) => invite.inviteId === inviteId);
  }

  private viewOf(invite: InviteRecord): InviteView | null {
    const parsed = parseInvite(invite.code);
    if (!parsed.ok) return null;
    const relays = this.session.record().signalingUrls;
    return {
      inviteId: invite.inviteId,
      code: parsed.code,
      link: inviteLink(parsed, { relays, facilitator: this.deps.identity.publicIdentity.keyId }),
      relays,
      status: inviteStatus(invite, this.now()),
      uses: invite.uses,
      maxUses: invite.maxUses,
      createdAt: invite.createdAt,
      expiresAt: invite.expiresAt,
    };
  }

  private async watch(invite: InviteRecord): Promise<void> {
    if (this.watches.has(invite.inviteId) || this.closed) return;
    const endedAt = Math.min(invite.expiresAt, invite.revokedAt ?? Infinity);
    if (this.now() > endedAt + ANSWER_AFTER_EXPIRY_MS) return;
    const parsed = parseInvite(invite.code);
    if (!parsed.ok) {
      logger.warn('circles: a stored invite code is unreadable; its requests cannot be answered');
      return;
    }
    const room = await deriveHandshakeRoom(parsed.secret);
    const doc = new Y.Doc();
    const record = this.session.record();
    const link = this.deps.connect(doc, { roomName: room.roomName, password: room.password, signalingUrls: record.signalingUrls, iceServers: record.iceServers });
    const onRequests = (): void => {
      void this.serial(() => this.intake(invite.inviteId));
    };
    requestsOf(doc).observe(onRequests);
    this.watches.set(invite.inviteId, { inviteId: invite.inviteId, room, doc, link, stop: () => requestsOf(doc).unobserve(onRequests) });
    onRequests();
  }

  /** Reads new requests: stale invites and earlier decisions are answered at once; the rest wait for the facilitator. */
  private async intake(inviteId: string): Promise<void> {
    const watch = this.watches.get(inviteId);
    const invite = this.invite(inviteId);
    if (!watch || !invite || this.closed) return;
    for (const request of await readJoinRequests(watch.doc, watch.room)) {
      const { requestId } = request;
      if (this.pending.has(requestId) || (await this.answeredByUs(watch, request))) continue;
      const earlier = invite.answers[requestId];
      const status = inviteStatus(invite, this.now());
      const isMember = this.session.membership()?.memberAt(request.identity.keyId, this.session.record().epoch) !== undefined;
      if (earlier === 'approved' && isMember) await this.sendApproval(inviteId, request);
      else if (earlier === 'declined') await this.refuseRequest(inviteId, request, 'declined', requestId);
      else if (status !== 'pending') await this.refuseRequest(inviteId, request, status, requestId);
      else {
        const view: JoinRequestView = {
          requestId,
          inviteId,
          pseudonym: request.pseudonym,
          keyId: request.identity.keyId,
          fingerprint: await fingerprint(request.identity),
          requestedAt: request.requestedAt,
        };
        this.pending.set(requestId, { view, request });
        this.notify();
      }
    }
  }

  /** An answer already in the room counts only if a facilitator of this circle signed it. */
  private async answeredByUs(watch: Watch, request: JoinRequest): Promise<boolean> {
    if (!hasResponse(watch.doc, request.requestId)) return false;
    const response = await readResponse(watch.doc, watch.room, request.identity, request.requestId);
    if (!response) return false;
    return this.session.membership()?.memberAt(response.signer.keyId, this.session.record().epoch)?.role === 'facilitator';
  }

  private async sendApproval(inviteId: string, request: JoinRequest): Promise<void> {
    const watch = this.watches.get(inviteId);
    const secret = this.session.currentSecret();
    if (!watch || !secret) throw new Error('This circle’s key or the invite’s room is missing on this device, so the approval could not be sent.');
    const record = this.session.record();
    const lockbox = await sealLockbox(secret, request.identity, this.deps.identity, { circleId: record.circleId, epoch: record.epoch });
    const pack = this.session.handoverPack();
    await writeResponse(
      watch.doc,
      watch.room,
      this.deps.identity,
      request,
      {
        kind: 'approved',
        circleId: record.circleId,
        founder: record.founder,
        epoch: record.epoch,
        lockbox,
        log: pack.log,
        envelopes: pack.envelopes,
        signalingUrls: record.signalingUrls,
        iceServers: record.iceServers,
      },
      this.now(),
    );
  }

  private async refuseRequest(inviteId: string, request: JoinRequest, reason: RefusalReason, requestId: string): Promise<void> {
    const watch = this.watches.get(inviteId);
    if (watch) await writeResponse(watch.doc, watch.room, this.deps.identity, request, { kind: 'refused', reason }, this.now());
    this.pending.delete(requestId);
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task);
    // The queue only orders work; each caller sees its own failure through `result`, background ones are logged.
    this.queue = result.then(
      () => undefined,
      (error: unknown) => logger.error('circles: handling a join request failed', error),
    );
    return result;
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
