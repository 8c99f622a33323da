// Per-connection limits with a strike-out, and the check every reassembled message passes before y-webrtc
// sees it. Pure apart from the stager: time is passed in, so the rules are tested without a network.
//
// A peer earns a strike for each damaged or refused message (a frame that cannot be read, an update that does
// not apply whole or carries junk, a message y-webrtc cannot decode) and for each second it spends over the
// rate limits. At STRIKES_TO_CLOSE strikes within the window the connection is closed and the peer is not
// let back for a while. Honest peers never send damaged data, and the limits sit far above what a circle
// sends (a full sync is one message), so they are never touched by this.
import type { StageProblem, UpdateStager } from './updateStager';

export interface PeerLimits {
  /** Messages a peer may send in a burst, and how many more per second. */
  readonly messageBurst: number;
  readonly messagesPerSecond: number;
  /** Bytes a peer may send in a burst (a full sync of a large circle fits), and how many more per second. */
  readonly byteBurst: number;
  readonly bytesPerSecond: number;
  /** Strikes within `strikeWindowMs` that close the connection. */
  readonly strikesToClose: number;
  readonly strikeWindowMs: number;
  /** How long a closed peer is kept out. */
  readonly keepOutMs: number;
}

export const DEFAULT_PEER_LIMITS: PeerLimits = {
  messageBurst: 1_000,
  messagesPerSecond: 200,
  byteBurst: 48 * 1024 * 1024,
  bytesPerSecond: 8 * 1024 * 1024,
  strikesToClose: 3,
  strikeWindowMs: 10 * 60_000,
  keepOutMs: 10 * 60_000,
};

export type StrikeReason = 'bad-frame' | 'over-rate' | 'unreadable' | StageProblem;

export type Verdict = { readonly kind: 'deliver' } | { readonly kind: 'drop'; readonly reason: StrikeReason } | { readonly kind: 'close'; readonly reason: StrikeReason };

/** One connection's counters: two token buckets (messages, bytes) and recent strikes. */
export class PeerGuard {
  readonly #limits: PeerLimits;
  #messages: number;
  #bytes: number;
  #refilledAt: number | undefined;
  #strikes: number[] = [];
  #overRateStrikeAt = -Infinity;
  #closed = false;
  /** Every strike so far by reason, for diagnostics and tests. */
  readonly struck = new Map<StrikeReason, number>();

  constructor(limits: Partial<PeerLimits> = {}) {
    this.#limits = { ...DEFAULT_PEER_LIMITS, ...limits };
    this.#messages = this.#limits.messageBurst;
    this.#bytes = this.#limits.byteBurst;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Takes one message of `bytes` from the buckets; over the limits it is dropped (one strike per second of it). */
  admit(bytes: number, nowMs: number): Verdict {
    if (this.#closed) return { kind: 'drop', reason: 'over-rate' };
    this.#refill(nowMs);
    if (this.#messages >= 1 && this.#bytes >= bytes) {
      this.#messages -= 1;
      this.#bytes -= bytes;
      return { kind: 'deliver' };
    }
    if (nowMs - this.#overRateStrikeAt < 1_000) return { kind: 'drop', reason: 'over-rate' };
    this.#overRateStrikeAt = nowMs;
    return this.strike('over-rate', nowMs);
  }

  /** Records a strike; at the limit the connection is to be closed. */
  strike(reason: StrikeReason, nowMs: number): Verdict {
    this.struck.set(reason, (this.struck.get(reason) ?? 0) + 1);
    this.#strikes = this.#strikes.filter((at) => nowMs - at < this.#limits.strikeWindowMs);
    this.#strikes.push(nowMs);
    if (this.#strikes.length >= this.#limits.strikesToClose) this.#closed = true;
    return this.#closed ? { kind: 'close', reason } : { kind: 'drop', reason };
  }

  #refill(nowMs: number): void {
    const since = this.#refilledAt === undefined ? 0 : Math.max(0, nowMs - this.#refilledAt);
    this.#refilledAt = nowMs;
    this.#messages = Math.min(this.#limits.messageBurst, this.#messages + (since / 1000) * this.#limits.messagesPerSecond);
    this.#bytes = Math.min(this.#limits.byteBurst, this.#bytes + (since / 1000) * this.#limits.bytesPerSecond);
  }
}

/** y-protocols message tags: [messageSync=0][syncStep1=0 | syncStep2=1 | update=2][update bytes]. */
const MESSAGE_SYNC = 0;
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;
const MESSAGE_AWARENESS = 1;
const MESSAGE_QUERY_AWARENESS = 3;

/**
 * The check a reassembled y-webrtc message passes before y-webrtc applies it: the rate limits, then, for
 * a sync step 2 or update, staging the update whole in the scratch doc. 'deliver' means y-webrtc may apply
 * it to the live doc (where it applies exactly as it did in the scratch doc).
 */
export function judgeMessage(message: Uint8Array, guard: PeerGuard, stager: UpdateStager | undefined, nowMs: number): Verdict {
  const rate = guard.admit(message.byteLength, nowMs);
  if (rate.kind !== 'deliver') return rate;
  const read = readMessage(message);
  if (read === null) return guard.strike('unreadable', nowMs);
  if (read.update === undefined || stager === undefined) return { kind: 'deliver' };
  const staged = stager.stage(read.update);
  if (staged.ok) return { kind: 'deliver' };
  // An update that builds on what this doc lacks is held back without a strike: at the start of a connection
  // an honest peer's broadcast can overtake its sync step 2, which then brings the same changes whole.
  if (staged.problem === 'incomplete') return { kind: 'drop', reason: 'incomplete' };
  return guard.strike(staged.problem, nowMs);
}

/** The message's kind and, for sync step 2 and updates, the update bytes; null when it cannot be read. */
function readMessage(message: Uint8Array): { update?: Uint8Array } | null {
  const reader = { at: 0 };
  const type = readVarUint(message, reader);
  if (type === MESSAGE_AWARENESS || type === MESSAGE_QUERY_AWARENESS) return {};
  if (type !== MESSAGE_SYNC) return null;
  const step = readVarUint(message, reader);
  if (step === SYNC_STEP_1) return {};
  if (step !== SYNC_STEP_2 && step !== SYNC_UPDATE) return null;
  const length = readVarUint(message, reader);
  if (length === null || reader.at + length > message.byteLength) return null;
  return { update: message.subarray(reader.at, reader.at + length) };
}

/** lib0's variable-length unsigned integer (7 bits a byte, low first); null when truncated or too long. */
function readVarUint(bytes: Uint8Array, reader: { at: number }): number | null {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 8; i += 1) {
    const byte = bytes[reader.at];
    if (byte === undefined) return null;
    reader.at += 1;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return value;
    scale *= 128;
  }
  return null;
}

/**
 * Peers (by y-webrtc's peer id) closed for damaged data, kept out until their time is up. The id is chosen
 * by the remote, so a determined peer can come back under a new one; each new connection starts with no
 * strikes to spare beyond the limit, so that costs it a fresh strike-out, not the circle its sync.
 */
export class KeepOut {
  readonly #until = new Map<string, number>();
  readonly #max: number;

  constructor(max = 256) {
    this.#max = max;
  }

  add(peerId: string, untilMs: number, nowMs: number): void {
    this.#prune(nowMs);
    if (this.#until.size >= this.#max && !this.#until.has(peerId)) {
      // Full: the entry that ends soonest makes room (the list never grows without bound).
      let soonest: string | undefined;
      let soonestAt = Infinity;
      for (const [id, at] of this.#until) if (at < soonestAt) [soonest, soonestAt] = [id, at];
      if (soonest !== undefined) this.#until.delete(soonest);
    }
    this.#until.set(peerId, untilMs);
  }

  has(peerId: string, nowMs: number): boolean {
    const until = this.#until.get(peerId);
    if (until === undefined) return false;
    if (until > nowMs) return true;
    this.#until.delete(peerId);
    return false;
  }

  get size(): number {
    return this.#until.size;
  }

  #prune(nowMs: number): void {
    for (const [id, until] of this.#until) if (until <= nowMs) this.#until.delete(id);
  }
}

/** What a framed peer is given (through y-webrtc's peerOpts) to guard the messages it receives. */
export interface PeerGate {
  readonly stager: UpdateStager;
  readonly limits?: Partial<PeerLimits>;
}

export function isPeerGate(value: unknown): value is PeerGate {
  return typeof value === 'object' && value !== null && 'stager' in value && typeof value.stager === 'object';
}
