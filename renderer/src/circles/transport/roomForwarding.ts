// How a circle's room passes document updates on: to WebRTC peers only (never over a BroadcastChannel),
// and never back to the peer an update came from.
//
// Stock y-webrtc also syncs every room over a BroadcastChannel, and lib0 hands each message to the sending
// page's own subscriber too: every update was encrypted, given back to this page, decrypted and applied a
// second time. For a new member receiving 1,000 posts that was about a third of its main-thread work
// before the first post could show (measured with the circles bench's CPU profiles). Hearth opens a circle
// once per device (circleProvider refuses a second), so the channel only costs. y-webrtc also sent every
// received update straight back to the peer that sent it. Updates still go to every other peer, which is
// how they reach members who could not connect to the author directly.
import * as bc from 'lib0/broadcastchannel';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type { WebrtcProvider } from 'y-webrtc';
import { isFramedPeer } from './chunkedPeer';

/** y-webrtc's message tag for sync messages. */
const MESSAGE_SYNC = 0;

/** Applies the forwarding rules to the provider's room once it exists, and again after every reconnect. */
export function forwardToPeersOnly(provider: WebrtcProvider): void {
  // The room is made once the password's key is derived; y-webrtc's own `then` ran first and connected it.
  void provider.key.then(() => {
    const room = provider.room;
    if (room === null) return;
    const forward = (update: Uint8Array): void => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
      const message = encoding.toUint8Array(encoder);
      for (const conn of room.webrtcConns.values()) {
        // y-webrtc types its peer as any; it is our framed peer (or stock simple-peer if the alias is missing).
        const peer = conn.peer as { send(message: Uint8Array): void } | null;
        if (peer === null || (isFramedPeer(peer) && peer.delivering)) continue;
        try {
          peer.send(message);
        } catch {
          // As y-webrtc does: a peer whose channel is not open yet gets the update in its first sync step.
        }
      }
    };
    const leaveBroadcastChannel = (): void => {
      bc.unsubscribe(room.name, room._bcSubscriber);
      room.bcconnected = false;
    };
    room.doc.off('update', room._docUpdateHandler);
    room._docUpdateHandler = forward;
    if (provider.connected) {
      room.doc.on('update', forward);
      leaveBroadcastChannel();
    }
    const connect = room.connect.bind(room);
    room.connect = (): void => {
      connect();
      leaveBroadcastChannel();
    };
  });
}

