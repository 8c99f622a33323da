// One y-webrtc provider per circle: our signaling URLs and ICE servers only, framed messages, every
// update staged before it reaches the doc, per-peer limits with a strike-out, a watchdog for stuck
// connections, and an honest status (synced peers, last sync, a connection closed for damaged data).
import type * as Y from 'yjs';
import { WebrtcProvider, type WebrtcConn } from 'y-webrtc';
import { Awareness } from 'y-protocols/awareness';
import { logger } from '../../logger';
import { isFramedPeer, PEER_GATE_OPTION, PEER_STRUCK_OUT_EVENT, PEER_SYNC_EVENT } from './chunkedPeer';
import { DEFAULT_PEER_LIMITS, KeepOut, type PeerGate, type PeerLimits } from './peerGuard';
import { forwardToPeersOnly } from './roomForwarding';
import { createUpdateStager } from './updateStager';
import { ConnectionWatchdog, type WatchdogPolicy } from './watchdog';

export interface CircleTransportStatus {
  /** Peers connected over WebRTC that have completed a sync with us. */
  readonly peers: number;
  /** When a peer last completed a sync with us or sent an update (ms since epoch); null if never. */
  readonly lastSyncedAt: number | null;
  /**
   * When a connection was last closed because it sent damaged data or far too much (ms since epoch); null if
   * never. Which peer it was is not known for sure (a peer id is the remote's own claim), so no one is named.
   */
  readonly closedForDamageAt: number | null;
}

export interface CircleProviderOptions {
  readonly doc: Y.Doc;
  /** The opaque room name derived from the circle secret; the relay sees only this. */
  readonly roomName: string;
  /** y-webrtc's signaling password (derived, high-entropy); it encrypts signaling, not the data channel. */
  readonly password: string;
  readonly signalingUrls: readonly string[];
  /** From settings or the invite; an empty list means host candidates only. Never a public default. */
  readonly iceServers: readonly RTCIceServer[];
  readonly onStatus?: (status: CircleTransportStatus) => void;
  /** Most WebRTC connections per circle; a little randomness keeps peers from forming closed clusters. */
  readonly maxConns?: number;
  readonly watchdog?: Partial<WatchdogPolicy>;
  /** Per-connection limits (tests lower them); DEFAULT_PEER_LIMITS otherwise. */
  readonly peerLimits?: Partial<PeerLimits>;
}

export interface CircleProvider {
  readonly provider: WebrtcProvider;
  /** The room's awareness. Its local state starts empty; only a signed presence claim is ever put there. */
  readonly awareness: Awareness;
  status(): CircleTransportStatus;
  /** Stuck connections the watchdog destroyed so far, for diagnostics and tests. */
  watchdogRetries(): number;
  /** Disconnects and destroys the provider; the doc stays usable. Safe to call twice. */
  destroy(): void;
}

/** How often connections are re-checked besides y-webrtc's 'peers' events (sync and close are not events). */
const SWEEP_INTERVAL_MS = 500;

/** y-webrtc allows one provider per room name in a realm and fails later, inside a promise, otherwise. */
const openRooms = new Set<string>();

export function createCircleProvider(options: CircleProviderOptions): CircleProvider {
  const { doc, roomName, password, signalingUrls, iceServers, onStatus } = options;
  if (roomName.length === 0) throw new Error('circles: a room name is required');
  if (password.length === 0) throw new Error('circles: a signaling password is required');
  if (openRooms.has(roomName)) throw new Error('circles: this circle is already open on this device');

  // Nothing about this device goes out until the circle session sets a signed presence claim (handshake
  // rooms never do). y-protocols starts every awareness with `{}`; clearing it before the provider exists
  // means that never leaves.
  const awareness = new Awareness(doc);
  awareness.setLocalState(null);

  // Every peer's updates are staged in a scratch copy first; only whole, clean updates reach `doc`.
  const stager = createUpdateStager(doc);
  const gate: PeerGate = { stager, ...(options.peerLimits === undefined ? {} : { limits: options.peerLimits }) };
  const keepOutMs = options.peerLimits?.keepOutMs ?? DEFAULT_PEER_LIMITS.keepOutMs;
  const keptOut = new KeepOut();
  let closedForDamageAt: number | null = null;

  const provider = new WebrtcProvider(roomName, doc, {
    signaling: [...signalingUrls],
    password,
    awareness,
    maxConns: options.maxConns ?? 20 + Math.floor(Math.random() * 10),
    // No BroadcastChannel peers exist (forwardToPeersOnly below leaves the channel), so none are filtered.
    filterBcConns: true,
    peerOpts: { config: { iceServers: iceServers.map((server) => ({ ...server })) }, [PEER_GATE_OPTION]: gate },
  });
  openRooms.add(roomName);
  forwardToPeersOnly(provider);

  let lastSyncedAt: number | null = null;
  let reported: CircleTransportStatus | undefined;
  let warnedUnframed = false;
  let retries = 0;
  const listening = new WeakSet<object>();

  const peerOf = (conn: WebrtcConn): unknown => conn.peer as unknown;
  const isSynced = (conn: WebrtcConn): boolean => {
    const peer = peerOf(conn);
    return conn.synced || (isFramedPeer(peer) && peer.syncedAt !== undefined);
  };

  const watchdog = new ConnectionWatchdog<WebrtcConn>(
    (conn) => ({
      isSynced: () => isSynced(conn),
      isClosed: () => conn.closed,
      destroy: () => {
        logger.warn(`circles: a connection did not sync in time, retrying (${describeConnection(conn)})`);
        conn.destroy();
      },
    }),
    {
      ...(options.watchdog === undefined ? {} : { policy: options.watchdog }),
      onRetry: () => {
        retries += 1;
      },
      onGiveUp: () => logger.warn('circles: a peer never finished connecting; giving up on it until it rejoins'),
    },
  );

  const computeStatus = (): CircleTransportStatus => {
    let peers = 0;
    for (const conn of provider.room?.webrtcConns.values() ?? []) {
      const peer = peerOf(conn);
      if (isFramedPeer(peer) && peer.lastSyncMessageAt !== undefined) {
        lastSyncedAt = Math.max(lastSyncedAt ?? 0, peer.lastSyncMessageAt);
      }
      if (conn.connected && !conn.closed && isSynced(conn) && !keptOut.has(conn.remotePeerId, Date.now())) peers += 1;
    }
    return { peers, lastSyncedAt, closedForDamageAt };
  };

  const sweep = (): void => {
    const conns = provider.room?.webrtcConns;
    if (conns === undefined) return;
    const now = Date.now();
    for (const conn of conns.values()) {
      const peer = peerOf(conn);
      // A peer that was closed for damaged data and comes straight back is muted, not closed again: closing
      // makes y-webrtc announce itself, which would invite the same peer back at once, over and over.
      if (isFramedPeer(peer) && keptOut.has(conn.remotePeerId, now)) peer.keepOut();
      if (!isFramedPeer(peer)) {
        if (!warnedUnframed) {
          warnedUnframed = true;
          logger.error('circles: y-webrtc is not using the framed peer (Vite alias missing); messages over 256 KiB will be lost');
        }
      } else if (!listening.has(peer)) {
        listening.add(peer);
        const events = conn.peer as { on(event: string, listener: () => void): void };
        events.on(PEER_SYNC_EVENT, sweep);
        events.on(PEER_STRUCK_OUT_EVENT, () => {
          const at = Date.now();
          keptOut.add(conn.remotePeerId, at + keepOutMs, at);
          closedForDamageAt = at;
          sweep();
        });
      }
    }
    watchdog.sweep(conns);
    const status = computeStatus();
    if (reported === undefined || status.peers !== reported.peers || status.lastSyncedAt !== reported.lastSyncedAt || status.closedForDamageAt !== reported.closedForDamageAt) {
      reported = status;
      onStatus?.(status);
    }
  };

  provider.on('peers', sweep);
  const interval = setInterval(sweep, SWEEP_INTERVAL_MS);

  let destroyed = false;
  return {
    provider,
    awareness,
    status: computeStatus,
    watchdogRetries: () => retries,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      clearInterval(interval);
      provider.off('peers', sweep);
      watchdog.stop();
      provider.disconnect();
      provider.destroy();
      awareness.destroy();
      stager.destroy();
      openRooms.delete(roomName);
    },
  };
}

/** Where a stuck connection got to, for the log: no addresses, only states. */
function describeConnection(conn: WebrtcConn): string {
  const peer = conn.peer as { _pc?: RTCPeerConnection; _channel?: RTCDataChannel } | null;
  const pc = peer?._pc;
  return [
    `signaling ${pc?.signalingState ?? 'none'}`,
    `ice ${pc?.iceConnectionState ?? 'none'}`,
    `gathering ${pc?.iceGatheringState ?? 'none'}`,
    `channel ${peer?._channel?.readyState ?? 'none'}`,
    `connected ${String(conn.connected)}`,
  ].join(', ');
}
