// A circle's link that can change rooms: when the circle rekeys, the same doc leaves the old epoch's room and
// meets the others in the new one, and the session's status and presence listeners carry over.
import type * as Y from 'yjs';
import type { PresenceClaim } from '@shared/circles/presence';
import type { CircleLink, ConnectDoc, LinkStatus, PresenceStates, RoomSpec } from './link';

const NOBODY: LinkStatus = { peers: 0, lastSyncedAt: null, closedForDamageAt: null };

export class RoomLink implements CircleLink {
  private readonly statusListeners = new Set<(status: LinkStatus) => void>();
  private readonly presenceListeners = new Set<(states: PresenceStates) => void>();
  private inner: CircleLink | null = null;
  private stops: (() => void)[] = [];
  private destroyed = false;

  /** `room` null: stay out of every room (a removed member's device has nowhere to go). */
  constructor(
    private readonly connect: ConnectDoc,
    private readonly doc: Y.Doc,
    room: RoomSpec | null,
  ) {
    if (room) this.enter(room);
  }

  /** Leaves the current room (taking this device's presence with it) and joins `room`; null joins none. */
  moveTo(room: RoomSpec | null): void {
    if (this.destroyed) return;
    this.leave();
    if (room) this.enter(room);
    const status = this.status();
    for (const listener of [...this.statusListeners]) listener(status);
    const states = this.presence();
    for (const listener of [...this.presenceListeners]) listener(states);
  }

  status(): LinkStatus {
    return this.inner?.status() ?? NOBODY;
  }

  onStatus(listener: (status: LinkStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  setPresence(claim: PresenceClaim | null): void {
    this.inner?.setPresence(claim);
  }

  presence(): PresenceStates {
    return this.inner?.presence() ?? new Map();
  }

  onPresence(listener: (states: PresenceStates) => void): () => void {
    this.presenceListeners.add(listener);
    return () => this.presenceListeners.delete(listener);
  }

  destroy(): void {
    this.destroyed = true;
    this.leave();
    this.statusListeners.clear();
    this.presenceListeners.clear();
  }

  private enter(room: RoomSpec): void {
    const inner = this.connect(this.doc, room);
    this.inner = inner;
    this.stops = [
      inner.onStatus((status) => {
        for (const listener of [...this.statusListeners]) listener(status);
      }),
      inner.onPresence((states) => {
        for (const listener of [...this.presenceListeners]) listener(states);
      }),
    ];
  }

  private leave(): void {
    for (const stop of this.stops) stop();
    this.stops = [];
    this.inner?.destroy();
    this.inner = null;
  }
}
