// A stock y-webrtc peer in a process of its own (y-webrtc allows one provider per room per JavaScript realm),
// for the relay compatibility test. Node has no WebRTC, so a stand-in RTCPeerConnection produces an offer and
// then never connects: enough to drive y-webrtc's whole signaling path (announce, encrypted offer) through the relay.
// Usage (forked with an IPC channel): relayPeer.ts <relay url> <room> <password> <doc text>
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { z } from 'zod';

/** Messages between this peer and the test. */
export const peerReportSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready'), peerId: z.string() }),
  z.object({ kind: z.literal('peers'), added: z.array(z.string()) }),
  z.object({ kind: z.literal('failed'), message: z.string() }),
]);
export type PeerReport = z.infer<typeof peerReportSchema>;
const stopSchema = z.object({ kind: z.literal('stop') });

/** A marker inside the fake SDP, so the test can prove offers cross the relay only encrypted. */
export const fakeSdpMarker = 'hearth-fake-sdp-offer';

class FakeSessionDescription {
  readonly type: string;
  readonly sdp: string;
  constructor(init: { type: string; sdp: string }) {
    this.type = init.type;
    this.sdp = init.sdp;
  }
}

class FakeDataChannel {
  readonly label = 'fake';
  readyState = 'connecting';
  binaryType = 'blob';
  close(): void {
    this.readyState = 'closed';
  }
}

/** Just enough of RTCPeerConnection for simple-peer to create an offer and wait forever for ICE. */
class FakePeerConnection {
  localDescription: FakeSessionDescription | null = null;
  remoteDescription: FakeSessionDescription | null = null;
  signalingState = 'stable';
  iceConnectionState = 'new';
  iceGatheringState = 'new';
  connectionState = 'new';
  createDataChannel(): FakeDataChannel {
    return new FakeDataChannel();
  }
  createOffer(): Promise<{ type: string; sdp: string }> {
    return Promise.resolve({ type: 'offer', sdp: `v=0 ${fakeSdpMarker}` });
  }
  createAnswer(): Promise<never> {
    return new Promise<never>(() => undefined);
  }
  setLocalDescription(description: { type: string; sdp: string }): Promise<void> {
    this.localDescription = new FakeSessionDescription(description);
    return Promise.resolve();
  }
  setRemoteDescription(description: FakeSessionDescription): Promise<void> {
    this.remoteDescription = description;
    return Promise.resolve();
  }
  addIceCandidate(): Promise<void> {
    return Promise.resolve();
  }
  close(): void {
    this.connectionState = 'closed';
  }
}

function report(message: PeerReport): void {
  process.send?.(message);
}

async function run(): Promise<void> {
  const [url, room, password, text] = process.argv.slice(2);
  if (url === undefined || room === undefined || password === undefined || text === undefined) {
    report({ kind: 'failed', message: 'usage: relayPeer.ts <relay url> <room> <password> <doc text>' });
    process.exitCode = 2;
    return;
  }
  // lib0/websocket looks WebSocket up on globalThis when it connects (TESTING.md).
  Object.assign(globalThis, { WebSocket });
  // Without BroadcastChannel, lib0 falls back to an in-memory stand-in. Two reasons: this peer must reach the
  // other only through the relay, and with a password y-webrtc's disconnect() re-opens a Node BroadcastChannel
  // after closing it (an encrypted goodbye published asynchronously), which keeps the process alive forever.
  Reflect.deleteProperty(globalThis, 'BroadcastChannel');
  const { WebrtcProvider } = await import('y-webrtc');
  const doc = new Y.Doc();
  doc.getText('journal').insert(0, text);
  const provider = new WebrtcProvider(room, doc, {
    signaling: [url],
    password,
    peerOpts: {
      config: { iceServers: [] },
      wrtc: { RTCPeerConnection: FakePeerConnection, RTCSessionDescription: FakeSessionDescription, RTCIceCandidate: Object },
    },
  });
  provider.on('peers', ({ added }) => report({ kind: 'peers', added }));
  // The room opens once the key is derived from the password.
  await provider.key;
  await new Promise((resolve) => setImmediate(resolve));
  const peerId = provider.room?.peerId;
  if (peerId === undefined) {
    report({ kind: 'failed', message: 'the provider has no room' });
    return;
  }
  report({ kind: 'ready', peerId });
  process.on('message', (message) => {
    if (!stopSchema.safeParse(message).success) return;
    // disconnect() before destroy(), or the process never exits (TESTING.md).
    provider.disconnect();
    provider.destroy();
    doc.destroy();
    process.disconnect();
  });
}

run().catch((error: unknown) => {
  report({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  process.exitCode = 1;
});
