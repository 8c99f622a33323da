// A circle room passes updates to its WebRTC peers only: never over a BroadcastChannel (where lib0 also hands
// every message back to the sending page), and never back to the peer an update came from.
import * as bc from 'lib0/broadcastchannel';
import { describe, expect, it, vi } from 'vitest';
import type { WebrtcProvider } from 'y-webrtc';
import * as Y from 'yjs';
import { FRAMED_PEER } from '../../../renderer/src/circles/transport/chunkedPeer';
import { forwardToPeersOnly } from '../../../renderer/src/circles/transport/roomForwarding';

class FakePeer {
  readonly [FRAMED_PEER] = true as const;
  delivering = false;
  readonly sent: Uint8Array[] = [];
  send(message: Uint8Array): void {
    this.sent.push(message);
  }
}

/** The parts of y-webrtc's provider and room that forwarding touches, as y-webrtc leaves them after connecting. */
function connectedRoom(name: string) {
  const doc = new Y.Doc();
  const a = new FakePeer();
  const b = new FakePeer();
  const stockHandler = vi.fn();
  const bcSubscriber = vi.fn();
  const room = {
    name,
    doc,
    webrtcConns: new Map([
      ['a', { peer: a }],
      ['b', { peer: b }],
    ]),
    bcconnected: true,
    _bcSubscriber: bcSubscriber,
    _docUpdateHandler: stockHandler,
    connect: vi.fn(() => {
      doc.on('update', room._docUpdateHandler);
      bc.subscribe(name, room._bcSubscriber);
      room.bcconnected = true;
    }),
  };
  room.connect();
  room.connect.mockClear();
  const provider = { key: Promise.resolve(null), room, connected: true } as unknown as WebrtcProvider;
  return { doc, a, b, room, provider, stockHandler, bcSubscriber };
}

describe('circle room forwarding', () => {
  it('sends a local change to every peer, and a peer’s change to every peer but that one', async () => {
    const { doc, a, b, provider, stockHandler } = connectedRoom('room-forward');
    forwardToPeersOnly(provider);
    await provider.key;
    doc.getMap('m').set('mine', 1);
    expect(a.sent).toHaveLength(1);
    expect(b.sent).toHaveLength(1);

    const remote = new Y.Doc();
    remote.getMap('m').set('theirs', 2);
    a.delivering = true;
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote), 'room');
    a.delivering = false;
    expect(a.sent).toHaveLength(1);
    expect(b.sent).toHaveLength(2);
    expect(stockHandler).not.toHaveBeenCalled();
  });

  it('leaves the BroadcastChannel, also after a reconnect, so the page never reads its own messages', async () => {
    const { room, provider, bcSubscriber } = connectedRoom('room-bc');
    forwardToPeersOnly(provider);
    await provider.key;
    expect(room.bcconnected).toBe(false);
    bc.publish('room-bc', new Uint8Array([1]));
    room.connect();
    expect(room.bcconnected).toBe(false);
    bc.publish('room-bc', new Uint8Array([2]));
    expect(bcSubscriber).not.toHaveBeenCalled();
  });
});
