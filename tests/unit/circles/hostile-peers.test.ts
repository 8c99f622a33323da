// Hostile peers at the connection: per-peer limits with a strike-out (peerGuard.ts), driven through the real
// framed peer (chunkedPeer.ts) over a fake RTCPeerConnection, with a live doc behind its stager. A peer that
// floods, sends damaged frames or updates, or junk, is closed and kept out for a while; an honest peer
// syncing a large circle and posting steadily is never touched, and neither is the live doc.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { envelopesOf, writeEnvelope, writeLogEntry } from '@shared/circles/circleDoc';
import { newEntryId } from '@shared/circles/envelope';
import ChunkedPeer, { PEER_GATE_OPTION, PEER_STRUCK_OUT_EVENT } from '../../../renderer/src/circles/transport/chunkedPeer';
import { encodeFrames, FRAME_HEADER_BYTES, FRAME_VERSION, MAX_FRAME_BYTES } from '../../../renderer/src/circles/transport/framing';
import { DEFAULT_PEER_LIMITS, judgeMessage, KeepOut, PeerGuard, type PeerLimits } from '../../../renderer/src/circles/transport/peerGuard';
import { createUpdateStager } from '../../../renderer/src/circles/transport/updateStager';
import { Author, makeCircle, postBody } from '../../support/circles';

/** Just enough of RTCPeerConnection for simple-peer's constructor; messages are fed in directly. */
class FakePeerConnection {
  createDataChannel() {
    return { readyState: 'connecting', binaryType: '', bufferedAmountLowThreshold: 0, close() {} };
  }
  close() {}
  addEventListener() {}
  getSenders() {
    return [];
  }
}
const fakeWrtc = { RTCPeerConnection: FakePeerConnection, RTCSessionDescription: class {}, RTCIceCandidate: class {} };

/** A y-protocols sync message: [messageSync=0][update=2][length-prefixed update]. */
function updateMessage(update: Uint8Array): Uint8Array {
  const length: number[] = [];
  let n = update.byteLength;
  while (n >= 0x80) {
    length.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  length.push(n);
  return new Uint8Array([0, 2, ...length, ...update]);
}

/** The update inside an update message (the inverse of updateMessage). */
function updateOf(message: Uint8Array): Uint8Array {
  let at = 2;
  let length = 0;
  let scale = 1;
  for (;;) {
    const byte = message[at++] ?? 0;
    length += (byte & 0x7f) * scale;
    if (byte < 0x80) break;
    scale *= 128;
  }
  return message.subarray(at, at + length);
}

async function room(limits: Partial<PeerLimits> = {}) {
  const circle = await makeCircle(2);
  const alice = circle.people[1];
  if (!alice) throw new Error('pool');
  const author = new Author(alice, circle.circleId, circle.keys.contentKey);
  const live = new Y.Doc();
  for (const entry of circle.log) await writeLogEntry(live, entry);
  const stager = createUpdateStager(live);
  const peer = new ChunkedPeer({ initiator: false, wrtc: fakeWrtc, [PEER_GATE_OPTION]: { stager, limits } });
  let struckOut: unknown = null;
  peer.on(PEER_STRUCK_OUT_EVENT, (reason: never) => {
    struckOut = reason;
  });
  // y-webrtc's part: whatever the peer lets through is applied to the live doc.
  let delivered = 0;
  peer.on('data', (data: never) => {
    delivered += 1;
    const message = new Uint8Array(data);
    if (message[0] === 0 && message[1] === 2) Y.applyUpdate(live, updateOf(message), 'peer');
  });
  let messageId = 1;
  const sendFrames = (frames: readonly Uint8Array[]): void => {
    for (const frame of frames) (peer as unknown as { _onChannelMessage(event: { data: unknown }): void })._onChannelMessage({ data: frame.slice().buffer });
  };
  return {
    circle,
    author,
    live,
    peer,
    struckOut: () => struckOut,
    delivered: () => delivered,
    /** The peer sends one y-protocols message (framed). */
    send(message: Uint8Array) {
      sendFrames(encodeFrames(messageId++, message));
    },
    sendFrames,
    /** The update a peer holding the live doc's state sends after `write`. */
    changesOf(write: (doc: Y.Doc) => void): Uint8Array {
      const attacker = new Y.Doc();
      Y.applyUpdate(attacker, Y.encodeStateAsUpdate(live));
      const before = Y.encodeStateVector(attacker);
      write(attacker);
      return Y.encodeStateAsUpdate(attacker, before);
    },
  };
}

describe('hostile peers: limits and strike-out', () => {
  it('three damaged (truncated) updates close the connection; the live doc never changes', async () => {
    const r = await room();
    const post = await r.author.seal(postBody('post'));
    const update = r.changesOf((doc) => writeEnvelope(doc, post));
    const before = Y.encodeStateAsUpdate(r.live);
    for (let i = 0; i < 3; i += 1) r.send(updateMessage(update.subarray(0, update.length - 3 - i)));
    expect(r.struckOut()).toBeTruthy();
    expect(r.peer.destroying || r.peer.destroyed).toBe(true);
    expect(Y.encodeStateAsUpdate(r.live)).toEqual(before);
  });

  it('a flood of 5,000 junk updates is closed after three, and none of them reaches the doc', async () => {
    const r = await room();
    const author = r.author.keyId;
    for (let i = 0; i < 5_000 && r.struckOut() === null; i += 1) r.send(updateMessage(r.changesOf((doc) => envelopesOf(doc).set(`${author}/flood${String(i)}`, i))));
    expect(r.struckOut()).toBe('not-a-record');
    expect(envelopesOf(r.live).size).toBe(0);
    expect(r.delivered()).toBe(0);
  });

  it('a flood of well-formed updates faster than the rate limit is closed within seconds; what got through is bounded', () => {
    const guard = new PeerGuard();
    let delivered = 0;
    let closedAt = -1;
    // 5,000 messages a second for ten seconds.
    for (let i = 0; i < 50_000 && closedAt < 0; i += 1) {
      const verdict = guard.admit(200, i / 5);
      if (verdict.kind === 'deliver') delivered += 1;
      if (verdict.kind === 'close') closedAt = i / 5;
    }
    expect(closedAt).toBeGreaterThan(0);
    expect(closedAt).toBeLessThan(3_000);
    expect(delivered).toBeLessThanOrEqual(DEFAULT_PEER_LIMITS.messageBurst + (DEFAULT_PEER_LIMITS.messagesPerSecond * closedAt) / 1000 + 1);
  });

  it('a 64 MiB update is refused by the reassembly cap and counts as a strike (three close the connection)', async () => {
    const r = await room();
    const payload = MAX_FRAME_BYTES - FRAME_HEADER_BYTES;
    const count = Math.ceil((64 * 1024 * 1024) / payload);
    const frame = new Uint8Array(MAX_FRAME_BYTES);
    const view = new DataView(frame.buffer);
    for (let message = 0; message < 3 && r.struckOut() === null; message += 1) {
      for (let index = 0; index < count && r.struckOut() === null; index += 1) {
        view.setUint8(0, FRAME_VERSION);
        view.setUint32(1, 1000 + message);
        view.setUint16(5, index);
        view.setUint16(7, count);
        r.sendFrames([frame]);
      }
    }
    expect(r.struckOut()).toBe('bad-frame');
    expect(r.delivered()).toBe(0);
  });

  it('an update that builds on changes the doc lacks is held back without a strike (its sender’s sync step 2 brings it whole)', async () => {
    const r = await room();
    const ahead = new Y.Doc();
    Y.applyUpdate(ahead, Y.encodeStateAsUpdate(r.live));
    const start = Y.encodeStateVector(ahead);
    const [first, second] = [await r.author.seal(postBody('first')), await r.author.seal(postBody('second'))];
    writeEnvelope(ahead, first);
    const middle = Y.encodeStateVector(ahead);
    writeEnvelope(ahead, second);
    for (let i = 0; i < 5; i += 1) r.send(updateMessage(Y.encodeStateAsUpdate(ahead, middle)));
    expect(r.struckOut()).toBeNull();
    expect(envelopesOf(r.live).size).toBe(0);
    expect(r.live.store.pendingStructs).toBeNull();
    r.send(updateMessage(Y.encodeStateAsUpdate(ahead, start)));
    expect(envelopesOf(r.live).size).toBe(2);
    r.peer.destroy();
  });

  it('messages y-webrtc cannot read (unknown type, truncated length) are struck as unreadable', async () => {
    const r = await room();
    r.send(new Uint8Array([9, 9, 9]));
    r.send(new Uint8Array([0, 2, 0xff, 0xff, 0xff]));
    r.send(new Uint8Array([0, 7]));
    expect(r.struckOut()).toBe('unreadable');
  });

  it('an honest peer sending a 1,000-post sync and then ten posts a second for a minute is never struck', async () => {
    const r = await room();
    const source = new Y.Doc();
    Y.applyUpdate(source, Y.encodeStateAsUpdate(r.live));
    const template = await r.author.seal(postBody('x'.repeat(500)));
    source.transact(() => {
      for (let i = 0; i < 1_000; i += 1) writeEnvelope(source, { ...template, entryId: newEntryId() });
    });
    r.send(updateMessage(Y.encodeStateAsUpdate(source, Y.encodeStateVector(r.live))));
    expect(envelopesOf(r.live).size).toBe(1_000);
    const guard = new PeerGuard();
    for (let i = 0; i < 600; i += 1) expect(guard.admit(2_000, 1_000 + i * 100).kind).toBe('deliver');
    expect(r.struckOut()).toBeNull();
    expect(r.peer.destroying || r.peer.destroyed).toBe(false);
    r.peer.destroy();
  });

  it('strikes older than the window are forgotten: one damaged message every 20 minutes never closes', () => {
    const guard = new PeerGuard();
    for (let i = 0; i < 10; i += 1) expect(guard.strike('damaged', i * 20 * 60_000).kind).toBe('drop');
    expect(guard.closed).toBe(false);
  });

  it('each connection has its own counters: one peer struck out leaves another untouched', async () => {
    const live = new Y.Doc();
    const stager = createUpdateStager(live);
    const [bad, good] = [new PeerGuard(), new PeerGuard()];
    for (let i = 0; i < 3; i += 1) judgeMessage(new Uint8Array([0, 2, 3, 1, 2, 3]), bad, stager, i);
    expect(bad.closed).toBe(true);
    const honest = new Y.Doc();
    honest.getMap('envelopes');
    expect(judgeMessage(updateMessage(Y.encodeStateAsUpdate(honest)), good, stager, 4).kind).toBe('deliver');
    expect(good.closed).toBe(false);
    await Promise.resolve();
  });

  it('a closed peer is kept out for the keep-out time, then let back; at most 256 are remembered', () => {
    const keepOut = new KeepOut();
    keepOut.add('mallory', 10 * 60_000, 0);
    expect(keepOut.has('mallory', 9 * 60_000)).toBe(true);
    expect(keepOut.has('mallory', 10 * 60_000)).toBe(false);
    for (let i = 0; i < 1_000; i += 1) keepOut.add(`peer${String(i)}`, 1_000_000 + i, 0);
    expect(keepOut.size).toBe(256);
    expect(keepOut.has('peer999', 0)).toBe(true);
  });

  it('a kept-out connection is muted: nothing it sends reaches y-webrtc', async () => {
    const r = await room();
    r.peer.keepOut();
    const post = await r.author.seal(postBody('from a kept-out peer'));
    r.send(updateMessage(r.changesOf((doc) => writeEnvelope(doc, post))));
    expect(r.delivered()).toBe(0);
    expect(envelopesOf(r.live).size).toBe(0);
    r.peer.destroy();
  });
});
