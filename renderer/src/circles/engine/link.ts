// The seam between a circle's (or a handshake's) Y.Doc and the network: the app passes y-webrtc, tests an in-memory link.
import type * as Y from 'yjs';
import type { IceServer } from '@shared/circles/connection';

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
}

export interface CircleLink {
  status(): LinkStatus;
  /** Called whenever the status changes. */
  onStatus(listener: (status: LinkStatus) => void): () => void;
  /** Leaves the room; the doc stays usable offline. */
  destroy(): void;
}

/** Joins `doc` to a room. One doc per room per device. */
export type ConnectDoc = (doc: Y.Doc, room: RoomSpec) => CircleLink;
