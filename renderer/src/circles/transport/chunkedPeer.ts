// The simple-peer class y-webrtc constructs, swapped in by the Vite alias in viteAlias.ts: sends every
// message as ≤ 64 KiB frames with backpressure, reassembles incoming frames under caps, and lets a message
// through to y-webrtc only once it passed the peer's limits and, for updates, staging (peerGuard.ts).
import SimplePeer, { type SimplePeerOptions } from 'simple-peer/simplepeer.min';
import { logger } from '../../logger';
import { encodeFrames } from './framing';
import { isPeerGate, judgeMessage, PeerGuard, type PeerGate, type StrikeReason } from './peerGuard';
import { Reassembler } from './reassembly';

/** Marks peers built by this class; a symbol from the global registry, so it survives duplicated bundles. */
export const FRAMED_PEER = Symbol.for('hearth.circles.framedPeer');

/** Emitted (no arguments) when the remote's sync step 2 or an update arrives. */
export const PEER_SYNC_EVENT = 'hearth-sync';
/** Emitted (with the StrikeReason) just before the peer closes itself for sending damaged data or too much. */
export const PEER_STRUCK_OUT_EVENT = 'hearth-struck-out';
/** The peerOpts key that carries the PeerGate. */
export const PEER_GATE_OPTION = 'hearthGate';

/** Stop handing frames to the channel while this much is buffered; resume on 'bufferedamountlow'. */
const SEND_HIGH_WATER_BYTES = 1024 * 1024;
/** More than this waiting to be sent means the peer cannot keep up: drop the connection and resync later. */
const MAX_QUEUED_BYTES = 64 * 1024 * 1024;
/** y-protocols message tags: [messageSync=0][syncStep2=1 | update=2]. */
const MESSAGE_SYNC = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

export interface FramedPeerState {
  readonly [FRAMED_PEER]: true;
  /** When the remote's sync step 2 arrived (ms since epoch); y-webrtc's own `synced` flag can miss it. */
  readonly syncedAt: number | undefined;
  /** When the remote last sent sync step 2 or an update. */
  readonly lastSyncMessageAt: number | undefined;
  /** Mutes the connection: nothing more is read from or sent to a peer that is being kept out. */
  keepOut(): void;
  /**
   * True while y-webrtc reads a message from this peer (delivery is synchronous): a doc update raised then
   * came from this peer, and is not sent back to it (roomForwarding.ts).
   */
  readonly delivering: boolean;
}

export function isFramedPeer(value: unknown): value is FramedPeerState {
  return typeof value === 'object' && value !== null && (value as Partial<Record<typeof FRAMED_PEER, unknown>>)[FRAMED_PEER] === true;
}

export default class ChunkedPeer extends SimplePeer implements FramedPeerState {
  readonly [FRAMED_PEER] = true as const;
  syncedAt: number | undefined;
  lastSyncMessageAt: number | undefined;
  delivering = false;
  #nextMessageId = Math.floor(Math.random() * 0x1_0000_0000);
  readonly #queue: Uint8Array[] = [];
  #queuedBytes = 0;
  readonly #reassembler = new Reassembler();
  #expiryTimer: ReturnType<typeof setTimeout> | undefined;
  #rejectedFrames = 0;
  #droppedMessages = 0;
  readonly #gate: PeerGate | undefined;
  readonly #guard: PeerGuard;
  #keptOut = false;

  constructor(options: SimplePeerOptions = {}) {
    const { [PEER_GATE_OPTION]: gate, ...rest } = options;
    // Never fall back to simple-peer's default public STUN servers: no ICE servers means host candidates only.
    super({ ...rest, config: { ...rest.config, iceServers: rest.config?.iceServers ?? [] } });
    this.#gate = isPeerGate(gate) ? gate : undefined;
    this.#guard = new PeerGuard(this.#gate?.limits);
  }

  keepOut(): void {
    this.#keptOut = true;
    this.#queue.length = 0;
    this.#queuedBytes = 0;
    this.#reassembler.clear();
  }

  override send(chunk: ArrayBufferView | ArrayBuffer | string | Blob): void {
    if (this.#keptOut) return;
    if (this.destroying || this.destroyed || chunk instanceof Blob) {
      // Destroyed: simple-peer throws or ignores as before. Blobs: y-webrtc never sends them.
      super.send(chunk);
      return;
    }
    if (this._channel?.readyState !== 'open') {
      // As stock simple-peer does (y-webrtc catches it): updates broadcast before the channel opens are
      // dropped, and the sync step that follows 'connect' carries them instead of an ever-growing queue.
      throw new Error('circles: the data channel is not open yet');
    }
    for (const frame of encodeFrames(this.#nextMessageId, toBytes(chunk))) {
      this.#queue.push(frame);
      this.#queuedBytes += frame.byteLength;
    }
    this.#nextMessageId = (this.#nextMessageId + 1) >>> 0;
    if (this.#queuedBytes > MAX_QUEUED_BYTES) {
      this.destroy(new Error('circles: send queue overflow, reconnecting to resync'));
      return;
    }
    this.#flush();
  }

  override destroy(error?: Error): void {
    this.#queue.length = 0;
    this.#queuedBytes = 0;
    this.#reassembler.clear();
    if (this.#expiryTimer !== undefined) clearTimeout(this.#expiryTimer);
    this.#expiryTimer = undefined;
    super.destroy(error);
  }

  protected override _onChannelBufferedAmountLow(): void {
    super._onChannelBufferedAmountLow();
    this.#flush();
  }

  protected override _onChannelMessage(event: { data: unknown }): void {
    if (this.destroyed || this.#keptOut || this.#guard.closed) return;
    const bytes = event.data instanceof ArrayBuffer ? new Uint8Array(event.data) : undefined;
    if (bytes === undefined) {
      this.#reject('not a binary frame');
      return;
    }
    const now = Date.now();
    const result = this.#reassembler.accept(bytes, now);
    switch (result.kind) {
      case 'message':
        this.#deliver(result.message, now);
        break;
      case 'pending':
        this.#scheduleExpiry(now);
        break;
      case 'duplicate':
        break;
      case 'rejected':
        this.#reject(result.reason);
        break;
    }
  }

  #deliver(message: Uint8Array, now: number): void {
    const verdict = judgeMessage(message, this.#guard, this.#gate?.stager, now);
    if (verdict.kind === 'close') {
      this.#strikeOut(verdict.reason);
      return;
    }
    if (verdict.kind === 'drop') {
      this.#droppedMessages += 1;
      if (this.#droppedMessages % 1000 === 1) logger.warn(`circles: held back a message from a peer (${verdict.reason}); ${String(this.#droppedMessages)} so far`);
      return;
    }
    if (message[0] === MESSAGE_SYNC && (message[1] === SYNC_STEP_2 || message[1] === SYNC_UPDATE)) {
      if (message[1] === SYNC_STEP_2) this.syncedAt = now;
      this.lastSyncMessageAt = now;
    }
    this.delivering = true;
    try {
      // simple-peer pushes it into its stream, which emits 'data' to y-webrtc synchronously.
      super._onChannelMessage({ data: message });
    } catch (error) {
      // y-webrtc decodes without a guard; a malformed message from one peer must not break the channel.
      logger.warn('circles: a message from a peer could not be read', error);
      if (this.#guard.strike('unreadable', now).kind === 'close') this.#strikeOut('unreadable');
    } finally {
      this.delivering = false;
    }
    if (this.lastSyncMessageAt === now) this.emit(PEER_SYNC_EVENT);
  }

  #flush(): void {
    const channel = this._channel;
    while (this.#queue.length > 0) {
      if (this.destroyed || channel?.readyState !== 'open' || channel.bufferedAmount > SEND_HIGH_WATER_BYTES) return;
      const frame = this.#queue.shift();
      if (frame === undefined) return;
      this.#queuedBytes -= frame.byteLength;
      try {
        super.send(frame);
      } catch (error) {
        // The remote now holds half a message; a fresh connection resyncs the whole document.
        logger.warn('circles: sending a frame failed, reconnecting', error);
        this.destroy(error instanceof Error ? error : new Error(String(error)));
        return;
      }
    }
  }

  #scheduleExpiry(now: number): void {
    if (this.#expiryTimer !== undefined) return;
    const deadline = this.#reassembler.nextDeadline();
    if (deadline === undefined) return;
    this.#expiryTimer = setTimeout(
      () => {
        this.#expiryTimer = undefined;
        const at = Date.now();
        if (this.#reassembler.expire(at) > 0) logger.warn('circles: dropped an incomplete message from a peer');
        this.#scheduleExpiry(at);
      },
      Math.max(0, deadline - now),
    );
  }

  #reject(reason: string): void {
    this.#rejectedFrames += 1;
    // A hostile peer could send garbage all day: say so once, then every thousandth time.
    if (this.#rejectedFrames % 1000 === 1) logger.warn(`circles: ignored a bad frame from a peer (${reason}); ${String(this.#rejectedFrames)} so far`);
    if (this.#guard.strike('bad-frame', Date.now()).kind === 'close') this.#strikeOut('bad-frame');
  }

  #strikeOut(reason: StrikeReason): void {
    logger.warn(`circles: closed a connection that sent damaged data or too much (${reason})`);
    this.emit(PEER_STRUCK_OUT_EVENT, reason);
    this.destroy();
  }
}

function toBytes(chunk: ArrayBufferView | ArrayBuffer | string): Uint8Array {
  if (typeof chunk === 'string') return new TextEncoder().encode(chunk);
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}
