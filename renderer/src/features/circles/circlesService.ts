// The circles service for the UI: this device's identity, the circles and joins on it (live), one open
// CircleSession per circle (a FacilitatorDesk beside it where I facilitate) and the Joiner, resumed at start.
// Components read immutable snapshots (useSyncExternalStore) and call the actions, which return Outcomes.
import { liveQuery } from 'dexie';
import type { Settings } from '@shared/settings';
import type { HearthDatabase } from '../../db/database';
import { logger } from '../../logger';
import { CircleRecords, type CircleRecord, type DamagedRecord } from '../../circles/engine/circleRecords';
import { CircleSession, type CircleStatus, type MemberView, type MoveProgress } from '../../circles/engine/circleSession';
import { loadDeviceIdentity } from '../../circles/engine/deviceIdentity';
import { createCircle, FacilitatorDesk, type InviteView, type JoinRequestView } from '../../circles/engine/facilitator';
import { Joiner, type JoinView } from '../../circles/engine/joiner';
import type { ConnectDoc } from '../../circles/engine/link';
import { done, refuse, type Outcome } from '../../circles/engine/outcome';
import type { DeviceIdentity } from '@shared/circles/identity';
import type { HiddenByFacilitator, ViewPost } from '@shared/circles/view';
import type { CircleReport } from '../../circles/engine/reports';

/** What the circle page shows; a new object whenever anything in it changes. */
export interface CircleSnapshot {
  readonly circleId: string;
  readonly record: CircleRecord;
  /** Null until the session has opened. */
  readonly open: null | {
    readonly name: string | null;
    readonly charter: string | null;
    readonly members: readonly MemberView[];
    /** Key ids of the other members online now (verified presence). */
    readonly online: ReadonlySet<string>;
    readonly posts: readonly ViewPost[];
    readonly status: CircleStatus;
    readonly needsCharterAcceptance: boolean;
    readonly problem: string | null;
    /** Set when the circle moved on to new keys without me. */
    readonly removed: { readonly epoch: number; readonly noticedAt: number } | null;
    /** After a rekey: who has arrived in the new room so far. */
    readonly moving: MoveProgress | null;
    /** Moderation: my mutes, reports I can read, my hidden posts, charter changes, the one-time care note. */
    readonly moderation: ModerationSnapshot;
  };
  /** Why the circle could not open, in the engine's words. */
  readonly openProblem: string | null;
  /** Present only where I am a facilitator and the desk is open. */
  readonly desk: null | { readonly invites: readonly InviteView[]; readonly requests: readonly JoinRequestView[] };
}

export interface ModerationSnapshot {
  readonly muted: ReadonlySet<string>;
  /** Others' reports waiting for a decision (facilitators only). */
  readonly queue: readonly CircleReport[];
  /** My own reports with what was decided. */
  readonly myReports: readonly CircleReport[];
  readonly hiddenFromMe: readonly HiddenByFacilitator[];
  /** True when a charter I accepted before was changed; `previousCharter` is what I accepted, when known. */
  readonly charterChanged: boolean;
  readonly previousCharter: string | null;
  readonly careNoteDue: boolean;
}

export interface CirclesSnapshot {
  readonly phase: 'starting' | 'ready' | 'unavailable';
  /** Why circles can't be used on this device (unsupported crypto, damaged keys). */
  readonly message: string | null;
  /** This device's fingerprint, for checking in person. */
  readonly fingerprint: string | null;
  readonly circles: readonly CircleSnapshot[];
  readonly joins: readonly JoinView[];
  readonly damaged: readonly DamagedRecord[];
}

export interface NewCircle {
  readonly name: string;
  readonly charter: string;
  readonly pseudonym: string;
}

export interface CirclesServiceDeps {
  readonly db: HearthDatabase;
  readonly settings: () => Promise<Settings>;
  readonly connect: ConnectDoc;
}

interface Opened {
  readonly session: CircleSession;
  desk: FacilitatorDesk | null;
  readonly stops: (() => void)[];
}

const STARTING: CirclesSnapshot = { phase: 'starting', message: null, fingerprint: null, circles: [], joins: [], damaged: [] };

export class CirclesService {
  private snapshot: CirclesSnapshot = STARTING;
  private readonly listeners = new Set<() => void>();
  private identity: DeviceIdentity | null = null;
  private joiner: Joiner | null = null;
  private records: CircleRecord[] = [];
  private readonly opening = new Map<string, Promise<Outcome<CircleSession>>>();
  private readonly opened = new Map<string, Opened>();
  private readonly openProblems = new Map<string, string>();
  private readonly snapshots = new Map<string, CircleSnapshot>();
  private damaged: readonly DamagedRecord[] = [];
  private fingerprint: string | null = null;
  /** False until the circles on this device have been read once, so the list never flashes "none". */
  private loaded = false;
  private stopRecords: (() => void) | null = null;
  private closed = false;

  constructor(private readonly deps: CirclesServiceDeps) {}

  /** Loads the identity, resumes joins and opens every circle on this device. */
  async start(): Promise<void> {
    const loaded = await loadDeviceIdentity(this.deps.db);
    if (this.closed) return;
    if (!loaded.ok) {
      this.set({ ...STARTING, phase: 'unavailable', message: loaded.message });
      return;
    }
    this.identity = loaded.identity;
    this.joiner = new Joiner({
      db: this.deps.db,
      identity: loaded.identity,
      connect: this.deps.connect,
      // Read at each join, so a changed relay or STUN/TURN setting applies to the next join.
      connection: async () => {
        const { signalingUrls, iceServers } = await this.deps.settings();
        return { signalingUrls, iceServers };
      },
    });
    this.joiner.subscribe(() => this.publish());
    this.fingerprint = loaded.fingerprint;
    const subscription = liveQuery(() => new CircleRecords(this.deps.db).list()).subscribe({
      next: ({ circles, damaged }) => this.onRecords(circles, damaged),
      error: (error: unknown) => logger.error('circles: could not read the circles on this device', error),
    });
    this.stopRecords = () => subscription.unsubscribe();
    await this.joiner.resume();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): CirclesSnapshot => this.snapshot;

  async createCircle(input: NewCircle): Promise<Outcome<CircleRecord>> {
    if (!this.identity) return refuse(this.snapshot.message ?? 'Circles are still starting. Try again in a moment.');
    const settings = await this.deps.settings();
    const created = await createCircle({ db: this.deps.db, identity: this.identity }, { ...input, signalingUrls: settings.signalingUrls, iceServers: settings.iceServers });
    if (created.ok) await this.session(created.value.circleId);
    return created;
  }

  async join(codeOrLink: string, pseudonym: string): Promise<Outcome<JoinView>> {
    if (!this.joiner) return refuse(this.snapshot.message ?? 'Circles are still starting. Try again in a moment.');
    return this.joiner.join(codeOrLink, pseudonym);
  }

  async dismissJoin(joinId: string): Promise<void> {
    await this.joiner?.dismiss(joinId);
  }

  /** The open session of a circle, opening it on first use (one per circle). */
  session(circleId: string): Promise<Outcome<CircleSession>> {
    const existing = this.opening.get(circleId);
    if (existing) return existing;
    const opening = this.open(circleId);
    this.opening.set(circleId, opening);
    return opening;
  }

  desk(circleId: string): FacilitatorDesk | null {
    return this.opened.get(circleId)?.desk ?? null;
  }

  /** Re-reads a circle after an action whose effect the engine does not announce (e.g. a new invite). */
  refresh(circleId: string): void {
    this.rebuild(circleId);
    this.publish();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopRecords?.();
    const closing: Promise<void>[] = [];
    for (const opened of this.opened.values()) {
      for (const stop of opened.stops) stop();
      closing.push((async () => {
        await opened.desk?.close();
        await opened.session.close();
      })());
    }
    if (this.joiner) closing.push(this.joiner.close());
    this.opened.clear();
    this.listeners.clear();
    await Promise.allSettled(closing);
  }

  // ---- internals ----

  private onRecords(circles: CircleRecord[], damaged: DamagedRecord[]): void {
    this.loaded = true;
    this.records = circles.sort((a, b) => a.joinedAt - b.joinedAt);
    this.damaged = damaged;
    for (const record of circles) {
      this.rebuild(record.circleId);
      void this.session(record.circleId);
    }
    this.publish();
  }

  private async open(circleId: string): Promise<Outcome<CircleSession>> {
    const identity = this.identity;
    if (!identity || this.closed) return refuse('Circles are not available on this device right now.');
    const found = await new CircleRecords(this.deps.db).get(circleId);
    if (found === null) return refuse('This circle is not on this device.');
    if (!found.ok) return this.failed(circleId, found.damaged.message);
    const opened = await CircleSession.open(found.record, { db: this.deps.db, identity, connect: this.deps.connect });
    if (!opened.ok) return this.failed(circleId, opened.message);
    const session = opened.value;
    if (this.closed) {
      await session.close();
      return refuse('Circles are closing.');
    }
    const entry: Opened = { session, desk: null, stops: [] };
    this.opened.set(circleId, entry);
    entry.stops.push(session.subscribe(() => this.refresh(circleId)));
    if (found.record.role === 'facilitator') {
      try {
        entry.desk = await FacilitatorDesk.open(session, { identity, connect: this.deps.connect });
        entry.stops.push(entry.desk.subscribe(() => this.refresh(circleId)));
      } catch (error) {
        // The circle still opens; only inviting and answering requests are unavailable until the next start.
        logger.error('circles: could not open the facilitator desk', error);
      }
    }
    this.refresh(circleId);
    return done(session);
  }

  private failed(circleId: string, message: string): Outcome<CircleSession> {
    this.openProblems.set(circleId, message);
    // A later visit may try again (e.g. after a restore).
    this.opening.delete(circleId);
    this.refresh(circleId);
    return refuse(message);
  }

  private rebuild(circleId: string): void {
    const opened = this.opened.get(circleId);
    const record = opened?.session.record() ?? this.records.find((candidate) => candidate.circleId === circleId);
    if (!record) return;
    const session = opened?.session;
    const info = session?.circleInfo() ?? null;
    this.snapshots.set(circleId, {
      circleId,
      record,
      open: session
        ? {
            name: info?.name ?? null,
            charter: info?.charter ?? null,
            members: session.members(),
            online: session.online(),
            posts: session.posts(),
            status: session.status(),
            needsCharterAcceptance: session.needsCharterAcceptance(),
            problem: session.problem(),
            removed: session.removed(),
            moving: session.moving(),
            moderation: {
              muted: session.muted(),
              queue: session.reports().queue,
              myReports: session.reports().mine,
              hiddenFromMe: session.hiddenFromMe(),
              charterChanged: session.charterChanged(),
              previousCharter: session.previousCharter(),
              careNoteDue: session.careNoteDue(),
            },
          }
        : null,
      openProblem: this.openProblems.get(circleId) ?? null,
      desk: opened?.desk ? { invites: opened.desk.listInvites(), requests: opened.desk.requests() } : null,
    });
  }

  private publish(): void {
    const known = new Set(this.records.map((record) => record.circleId));
    const circles = [...known].flatMap((id) => {
      const snapshot = this.snapshots.get(id);
      return snapshot ? [snapshot] : [];
    });
    const phase = this.snapshot.phase === 'starting' && this.loaded ? 'ready' : this.snapshot.phase;
    this.set({ ...this.snapshot, phase, fingerprint: this.fingerprint, circles, joins: this.joiner?.joins() ?? [], damaged: this.damaged });
  }

  private set(next: CirclesSnapshot): void {
    this.snapshot = next;
    for (const listener of [...this.listeners]) listener();
  }
}
