// What the circles bench page puts on window, shared by the page and tests/bench/circles.ts that drives it.
// A page is one device; it can hold several circles at once, each in a named slot: a product circle
// (circle provider + signed, encrypted envelopes + verified view) or a raw one (plain y-webrtc + Y.Map).
import type { StoredIdentity } from '../../../shared/circles/identity';
import type { LogEntry } from '../../../shared/circles/membership';

export interface ProductCircleOptions {
  readonly circleId: string;
  /** The founder's key id: the membership log's trust anchor. */
  readonly founder: string;
  /** The epoch-0 secret, base64url; room name, signaling password and content key are derived from it. */
  readonly secret: string;
  /** Log entries this device already holds and writes into its doc (empty for a newcomer, who receives them). */
  readonly log: readonly LogEntry[];
  /** This device's identity, when it posts. */
  readonly identity: StoredIdentity | null;
  readonly signalingUrl: string;
}

export interface RawRoomOptions {
  readonly roomName: string;
  readonly password: string;
  readonly signalingUrl: string;
}

export type SlotOptions = { readonly kind: 'product'; readonly circle: ProductCircleOptions } | { readonly kind: 'raw'; readonly room: RawRoomOptions };

export interface SlotStatus {
  /** WebRTC connections open and synced with us. */
  readonly peers: number;
  readonly connections: number;
  /** Every connection uses the framed peer (the Vite alias is in place). */
  readonly framed: boolean;
  /** Stuck connections the product's watchdog destroyed (0 for raw slots, which have none). */
  readonly watchdogRetries: number;
  /** Product: the verified view knows the membership. Raw: always true. */
  readonly ready: boolean;
}

/** Wall-clock ms (performance.timeOrigin + performance.now()), comparable across browsers on one machine. */
export interface WriteTimes {
  readonly startAt: number;
  /** Product: after sealing, once the envelope is in the doc. Raw: same as startAt's write returning. */
  readonly writtenAt: number;
}

export interface SeenTimes {
  /** When the marker's value arrived in this device's doc. */
  readonly docAt: number;
  /** Product: when the verified view first listed the post. Raw: same as docAt. */
  readonly shownAt: number;
}

export interface SeedFigures {
  readonly entries: number;
  /** Mean JSON size of one stored value (an envelope, or a raw string). */
  readonly meanValueBytes: number;
  /** Y.encodeStateAsUpdate of the whole doc: what a newcomer receives. */
  readonly docUpdateBytes: number;
  /** Product only: this device's own view verifying what it just wrote (no transport), else 0. */
  readonly localVerifyMs: number;
}

export interface ReceiveTimes {
  readonly openedAt: number;
  /** First WebRTC connection open (y-webrtc 'peers' event). */
  readonly connectedAt: number;
  /** The doc holds every expected entry. */
  readonly docCompleteAt: number;
  /** Product: the verified view lists every expected post. Raw: same as docCompleteAt. */
  readonly shownAt: number;
}

export interface CirclesBenchApi {
  open(slot: string, options: SlotOptions): Promise<void>;
  /** Destroys the slot's provider, view and doc. */
  close(slot: string): void;
  status(slot: string): SlotStatus;
  /** Starts watching for `marker` (a post's entry id, or a raw key); seen() then reports when it arrived. */
  arm(slot: string, marker: string): void;
  seen(slot: string, marker: string, timeoutMs: number): Promise<SeenTimes>;
  /** Product: seals a post with entry id `marker` and a note of `valueBytes` characters, and writes it. Raw: sets key `marker` to a `valueBytes` string. */
  write(slot: string, marker: string, valueBytes: number): Promise<WriteTimes>;
  /** Product: `count` posts (notes of `valueBytes` characters) sealed round-robin by `authors`, written in one transaction. Raw: `count` entries of `valueBytes`. */
  seed(slot: string, count: number, valueBytes: number, authors: readonly StoredIdentity[]): Promise<SeedFigures>;
  /** Opens the slot and resolves when it holds (and, for product, shows) `expected` entries. */
  openAndReceive(slot: string, options: SlotOptions, expected: number, timeoutMs: number): Promise<ReceiveTimes>;
  /** Runs a full garbage collection when Chromium exposes gc(), so one run's garbage does not land in the next. */
  collectGarbage(): void;
  now(): number;
}

declare global {
  interface Window {
    hearthCirclesBench?: CirclesBenchApi;
  }
}
