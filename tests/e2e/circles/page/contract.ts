// What the circles test page puts on window, shared by the page and the Node side that drives it.
import type { CircleTransportStatus } from '../../../../renderer/src/circles/transport/circleProvider';

export interface OpenCircleOptions {
  readonly roomName: string;
  readonly password: string;
  readonly signalingUrls: readonly string[];
  /** Defaults to none (host candidates only), as in every test. */
  readonly iceServers?: readonly RTCIceServer[];
}

export interface PageTransportStatus extends CircleTransportStatus {
  /** WebRTC connections y-webrtc holds now, synced or not. */
  readonly connections: number;
  /** True when every connection uses the framed peer (the Vite alias is in place). */
  readonly framed: boolean;
  /** Stuck connections the watchdog destroyed since the circle was opened. */
  readonly watchdogRetries: number;
  /** The ICE servers each connection's RTCPeerConnection was configured with. */
  readonly iceServers: readonly (readonly RTCIceServer[])[];
}

/** Times are wall-clock milliseconds (performance.timeOrigin + performance.now()), comparable across browsers on one machine. */
export interface CirclesPageApi {
  open(options: OpenCircleOptions): void;
  connect(): void;
  disconnect(): void;
  /** Destroys the provider and the doc. */
  close(): void;
  /** Sets one entry and returns the time just before the write. */
  set(key: string, value: string): number;
  /** Writes `count` entries of `valueBytes` characters in one transaction. */
  fill(prefix: string, count: number, valueBytes: number): void;
  size(): number;
  get(key: string): string | null;
  /** Starts watching for `key`; observed() then reports when it first appeared. */
  arm(key: string): void;
  observed(key: string, timeoutMs: number): Promise<number>;
  /** Resolves with the time the map first held at least `size` entries. */
  waitForSize(size: number, timeoutMs: number): Promise<number>;
  status(): PageTransportStatus;
  now(): number;
}

declare global {
  interface Window {
    hearthCircles?: CirclesPageApi;
  }
}
