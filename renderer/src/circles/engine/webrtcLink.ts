// The app's ConnectDoc: a y-webrtc provider per room (chunked frames, watchdog) via createCircleProvider,
// with presence carried in the room's awareness.
import type { Awareness } from 'y-protocols/awareness';
import { MAX_PRESENCE_STATES } from '@shared/circles/presence';
import { logger } from '../../logger';
import { createCircleProvider } from '../transport/circleProvider';
import type { CircleLink, ConnectDoc, LinkStatus, PresenceStates } from './link';

export const connectWebrtc: ConnectDoc = (doc, room): CircleLink => {
  const listeners = new Set<(status: LinkStatus) => void>();
  const presenceListeners = new Set<(states: PresenceStates) => void>();
  const provider = createCircleProvider({
    doc,
    roomName: room.roomName,
    password: room.password,
    signalingUrls: room.signalingUrls,
    iceServers: room.iceServers.map((server): RTCIceServer => ({ ...server, urls: typeof server.urls === 'string' ? server.urls : [...server.urls] })),
    onStatus: (status) => {
      for (const listener of [...listeners]) listener(status);
    },
  });
  const awareness = provider.awareness;
  let states = remoteStates(awareness);

  // Runs inside y-webrtc's message handling (applyAwarenessUpdate emits synchronously): nothing may throw out.
  const onAwarenessChange = (): void => {
    try {
      states = remoteStates(awareness);
      for (const listener of [...presenceListeners]) listener(states);
    } catch (error) {
      logger.error('circles: could not pass on who is online', error);
    }
  };
  awareness.on('change', onAwarenessChange);

  return {
    status: () => provider.status(),
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setPresence(claim) {
      // Awareness sends this as JSON to every peer in the room, and repeats it every 15 s while it stands.
      awareness.setLocalState(claim === null ? null : { ...claim });
    },
    presence: () => states,
    onPresence(listener) {
      presenceListeners.add(listener);
      return () => presenceListeners.delete(listener);
    },
    destroy() {
      listeners.clear();
      presenceListeners.clear();
      awareness.off('change', onAwarenessChange);
      provider.destroy();
    },
  };
};

/** A capped copy of other devices' states: a peer flooding client ids cannot make us walk them all. */
function remoteStates(awareness: Awareness): PresenceStates {
  const out = new Map<number, unknown>();
  for (const [clientId, state] of awareness.getStates()) {
    if (out.size >= MAX_PRESENCE_STATES) break;
    if (clientId !== awareness.clientID) out.set(clientId, state);
  }
  return out;
}
