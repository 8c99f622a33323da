// Puts one peer's incoming frames back into messages, with caps on size, on partial messages and on time.
//
// Pure: time is passed in, so the state machine is tested without timers. The data channel is ordered
// and reliable, so duplicates, gaps and reordering only come from a broken or hostile peer; they are
// tolerated (duplicates ignored, order free) and bounded (partials expire and are evicted), never trusted.
import { decodeFrame, type Frame } from './framing';

export interface ReassemblyLimits {
  /** Largest message put back together; a partial message that grows past it is dropped. */
  readonly maxMessageBytes: number;
  /** Partial messages kept at once per peer; the one idle longest is dropped to make room. */
  readonly maxPartialMessages: number;
  /** A partial message that receives no frame for this long is dropped. */
  readonly partialIdleTimeoutMs: number;
}

export const DEFAULT_REASSEMBLY_LIMITS: ReassemblyLimits = {
  maxMessageBytes: 16 * 1024 * 1024,
  maxPartialMessages: 4,
  partialIdleTimeoutMs: 30_000,
};

export type AcceptResult =
  | { readonly kind: 'message'; readonly message: Uint8Array }
  | { readonly kind: 'pending' }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'rejected'; readonly reason: string };

interface PartialMessage {
  readonly count: number;
  readonly parts: (Uint8Array | undefined)[];
  received: number;
  bytes: number;
  deadline: number;
}

export class Reassembler {
  readonly #limits: ReassemblyLimits;
  readonly #partials = new Map<number, PartialMessage>();
  /** Partial messages given up on (expired, evicted or oversized), for diagnostics. */
  droppedPartials = 0;

  constructor(limits: Partial<ReassemblyLimits> = {}) {
    this.#limits = { ...DEFAULT_REASSEMBLY_LIMITS, ...limits };
  }

  get pendingMessages(): number {
    return this.#partials.size;
  }

  /** Feeds one frame received at `nowMs`. Never throws on bad input. */
  accept(bytes: Uint8Array, nowMs: number): AcceptResult {
    this.expire(nowMs);
    const decoded = decodeFrame(bytes);
    if (!decoded.ok) return { kind: 'rejected', reason: decoded.reason };
    const { frame } = decoded;
    if (frame.count === 1) {
      if (frame.payload.byteLength > this.#limits.maxMessageBytes) return { kind: 'rejected', reason: 'message too large' };
      return { kind: 'message', message: frame.payload };
    }
    return this.#acceptPart(frame, nowMs);
  }

  /** Drops partial messages idle past their deadline; returns how many were dropped. */
  expire(nowMs: number): number {
    let dropped = 0;
    for (const [id, partial] of this.#partials) {
      if (partial.deadline <= nowMs) {
        this.#partials.delete(id);
        dropped += 1;
      }
    }
    this.droppedPartials += dropped;
    return dropped;
  }

  /** When the next partial message expires, or undefined when none is pending. */
  nextDeadline(): number | undefined {
    let next: number | undefined;
    for (const partial of this.#partials.values()) {
      if (next === undefined || partial.deadline < next) next = partial.deadline;
    }
    return next;
  }

  clear(): void {
    this.#partials.clear();
  }

  #acceptPart(frame: Frame, nowMs: number): AcceptResult {
    let partial = this.#partials.get(frame.messageId);
    if (partial !== undefined && partial.count !== frame.count) {
      this.#drop(frame.messageId);
      return { kind: 'rejected', reason: 'frame count differs from earlier frames of the message' };
    }
    if (partial === undefined) {
      if (this.#partials.size >= this.#limits.maxPartialMessages) this.#evictIdlest();
      partial = { count: frame.count, parts: new Array<Uint8Array | undefined>(frame.count), received: 0, bytes: 0, deadline: 0 };
      this.#partials.set(frame.messageId, partial);
    }
    if (partial.parts[frame.index] !== undefined) return { kind: 'duplicate' };
    partial.bytes += frame.payload.byteLength;
    if (partial.bytes > this.#limits.maxMessageBytes) {
      this.#drop(frame.messageId);
      return { kind: 'rejected', reason: 'message too large' };
    }
    partial.parts[frame.index] = frame.payload;
    partial.received += 1;
    partial.deadline = nowMs + this.#limits.partialIdleTimeoutMs;
    if (partial.received < partial.count) return { kind: 'pending' };
    this.#partials.delete(frame.messageId);
    const message = new Uint8Array(partial.bytes);
    let offset = 0;
    for (const part of partial.parts) {
      // Every slot is filled once received === count; the guard only satisfies the type checker.
      if (part === undefined) continue;
      message.set(part, offset);
      offset += part.byteLength;
    }
    return { kind: 'message', message };
  }

  #drop(messageId: number): void {
    if (this.#partials.delete(messageId)) this.droppedPartials += 1;
  }

  #evictIdlest(): void {
    let idlest: number | undefined;
    let idlestDeadline = Infinity;
    for (const [id, partial] of this.#partials) {
      if (partial.deadline < idlestDeadline) {
        idlest = id;
        idlestDeadline = partial.deadline;
      }
    }
    if (idlest !== undefined) this.#drop(idlest);
  }
}
