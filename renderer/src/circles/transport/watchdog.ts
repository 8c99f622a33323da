// Destroys y-webrtc connections that have not synced in a random 3–6 s, so the peers announce again.
//
// Two peers that start together sometimes deadlock (stuck in have-local-offer, or connected but never
// synced); y-webrtc never recovers on its own. The random delay keeps both sides from retrying in step.
// Retries per remote peer are bounded: a few fast ones, then backing off, then giving up on that peer id.

export interface WatchdogPolicy {
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
  /** Attempts that use the 3–6 s delay before backing off. */
  readonly fastAttempts: number;
  /** Longest delay while backing off. */
  readonly maxBackoffMs: number;
  /** After this many unsynced connections to one remote peer id, stop destroying them. */
  readonly maxAttempts: number;
}

export const DEFAULT_WATCHDOG_POLICY: WatchdogPolicy = {
  minDelayMs: 3_000,
  maxDelayMs: 6_000,
  fastAttempts: 5,
  maxBackoffMs: 60_000,
  maxAttempts: 12,
};

/**
 * How long connection attempt `attempt` (0 for the first) may stay unsynced, given `random` in [0, 1);
 * undefined once attempts to that peer are used up.
 */
export function watchdogDelayMs(attempt: number, random: number, policy: WatchdogPolicy = DEFAULT_WATCHDOG_POLICY): number | undefined {
  if (attempt >= policy.maxAttempts) return undefined;
  const spread = policy.maxDelayMs - policy.minDelayMs;
  const jitter = Math.min(Math.max(random, 0), 1);
  if (attempt < policy.fastAttempts) return policy.minDelayMs + jitter * spread;
  const base = Math.min(policy.maxBackoffMs, policy.maxDelayMs * 2 ** (attempt - policy.fastAttempts + 1));
  return base / 2 + (jitter * base) / 2;
}

/** What the watchdog needs to know about one connection. */
export interface WatchedConnection {
  isSynced(): boolean;
  isClosed(): boolean;
  destroy(): void;
}

export interface WatchdogOptions {
  readonly policy?: Partial<WatchdogPolicy>;
  readonly random?: () => number;
  /** Called after a stuck connection was destroyed (attempt counts from 1). */
  readonly onRetry?: (remotePeerId: string, attempt: number) => void;
  /** Called once when a remote peer id has used up its attempts. */
  readonly onGiveUp?: (remotePeerId: string) => void;
}

/** Remote peer ids remembered at most; y-webrtc gives every provider instance a fresh one. */
const MAX_REMEMBERED_PEERS = 256;

export class ConnectionWatchdog<Conn extends object> {
  readonly #policy: WatchdogPolicy;
  readonly #random: () => number;
  readonly #options: WatchdogOptions;
  readonly #timers = new Map<Conn, ReturnType<typeof setTimeout>>();
  readonly #attempts = new Map<string, number>();
  readonly #view: (conn: Conn) => WatchedConnection;
  #stopped = false;

  constructor(view: (conn: Conn) => WatchedConnection, options: WatchdogOptions = {}) {
    this.#view = view;
    this.#options = options;
    this.#policy = { ...DEFAULT_WATCHDOG_POLICY, ...options.policy };
    this.#random = options.random ?? Math.random;
  }

  /** Looks at the current connections by remote peer id; call whenever they may have changed. */
  sweep(connections: ReadonlyMap<string, Conn>): void {
    if (this.#stopped) return;
    const current = new Set<Conn>();
    for (const [remotePeerId, conn] of connections) {
      current.add(conn);
      const view = this.#view(conn);
      if (view.isClosed()) continue;
      if (view.isSynced()) {
        this.#attempts.delete(remotePeerId);
        this.#clear(conn);
        continue;
      }
      if (this.#timers.has(conn)) continue;
      const attempt = this.#attempts.get(remotePeerId) ?? 0;
      const delay = watchdogDelayMs(attempt, this.#random(), this.#policy);
      if (delay === undefined) continue;
      this.#timers.set(
        conn,
        setTimeout(() => this.#fire(remotePeerId, conn), delay),
      );
    }
    for (const conn of this.#timers.keys()) {
      if (!current.has(conn)) this.#clear(conn);
    }
    if (this.#attempts.size > MAX_REMEMBERED_PEERS) {
      for (const remotePeerId of this.#attempts.keys()) {
        if (!connections.has(remotePeerId)) this.#attempts.delete(remotePeerId);
      }
    }
  }

  /** Timers pending, for tests and diagnostics. */
  get watching(): number {
    return this.#timers.size;
  }

  stop(): void {
    this.#stopped = true;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    this.#attempts.clear();
  }

  #fire(remotePeerId: string, conn: Conn): void {
    this.#timers.delete(conn);
    if (this.#stopped) return;
    const view = this.#view(conn);
    if (view.isSynced() || view.isClosed()) return;
    const attempt = (this.#attempts.get(remotePeerId) ?? 0) + 1;
    this.#attempts.set(remotePeerId, attempt);
    view.destroy();
    this.#options.onRetry?.(remotePeerId, attempt);
    if (attempt >= this.#policy.maxAttempts) this.#options.onGiveUp?.(remotePeerId);
  }

  #clear(conn: Conn): void {
    const timer = this.#timers.get(conn);
    if (timer !== undefined) clearTimeout(timer);
    this.#timers.delete(conn);
  }
}
