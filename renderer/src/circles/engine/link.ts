// The seam between a circle's (or a handshake's) Y.Doc and the network: the app passes y-webrtc, tests an in-memory link.
import type * as Y from 'yjs';
import type { IceServer } from '@shared/circles/connection';
import type { PresenceClaim } from '@shared/circles/presence';

/** Where to meet: the opaque room and password derived from a secret, and our own relay and ICE servers. */
export interface RoomSpec {
  readonly roomName: string;
  readonly password: string;
  readonly signalingUrls: readonly string[];
  /** From settings or the invite; empty means host candidates only. Never a third-party default. */
  readonly iceServers: readonly IceServer[];
}

/** Where rooms meet when nothing more specific says: the person's settings. */
export type RoomConnection = Pick<RoomSpec, 'signalingUrls' | 'iceServers'>;

export interface LinkStatus {
  /** Peers connected that have completed a sync with us. */
  readonly peers: number;
  /** When a peer last completed a sync with us or sent an update (ms since epoch); null if never. */
  readonly lastSyncedAt: number | null;
  /** When a connection was last closed because it sent damaged data (ms since epoch); null if never. */
  readonly closedForDamageAt: number | null;
}

/**
 * Other devices' presence states as the room carries them (y-webrtc awareness: client id → state), unparsed:
 * any peer in the room can put anything there. At most MAX_PRESENCE_STATES; never this device's own.
 */
export type PresenceStates = ReadonlyMap<number, unknown>;

export interface CircleLink {
  status(): LinkStatus;
  /** Called whenever the status changes. */
  onStatus(listener: (status: LinkStatus) => void): () => void;
  /** What this device tells the room about itself: a signed presence claim, or nothing (the default). */
  setPresence(claim: PresenceClaim | null): void;
  presence(): PresenceStates;
  /** Called whenever another device's presence state appears, changes or goes. */
  onPresence(listener: (states: PresenceStates) => void): () => void;
  /** Leaves the room; the doc stays usable offline. */
  destroy(): void;
}

/** Joins `doc` to a room. One doc per room per device. */
export type ConnectDoc = (doc: Y.Doc, room: RoomSpec) => CircleLink;
