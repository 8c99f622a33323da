// The app's ConnectDoc: a y-webrtc provider per room (chunked frames, watchdog) via createCircleProvider.
import { createCircleProvider } from '../transport/circleProvider';
import type { CircleLink, ConnectDoc, LinkStatus } from './link';

export const connectWebrtc: ConnectDoc = (doc, room): CircleLink => {
  const listeners = new Set<(status: LinkStatus) => void>();
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
  return {
    status: () => provider.status(),
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      listeners.clear();
      provider.destroy();
    },
  };
};
