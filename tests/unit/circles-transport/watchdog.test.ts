// The connection watchdog: random 3–6 s deadlines, spares synced connections, bounded retries, clean stop.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectionWatchdog, DEFAULT_WATCHDOG_POLICY, watchdogDelayMs, type WatchdogOptions } from '../../../renderer/src/circles/transport/watchdog';

interface FakeConn {
  synced: boolean;
  closed: boolean;
  destroyed: number;
}

const conn = (): FakeConn => ({ synced: false, closed: false, destroyed: 0 });

function watchdog(options: WatchdogOptions = {}): ConnectionWatchdog<FakeConn> {
  return new ConnectionWatchdog<FakeConn>(
    (c) => ({
      isSynced: () => c.synced,
      isClosed: () => c.closed,
      destroy: () => {
        c.destroyed += 1;
        c.closed = true;
      },
    }),
    options,
  );
}

describe('watchdogDelayMs', () => {
  it('waits a random 3–6 s for the first attempts, then backs off up to a cap, then gives up', () => {
    fc.assert(
      fc.property(fc.nat({ max: 40 }), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), (attempt, random) => {
        const delay = watchdogDelayMs(attempt, random);
        if (attempt < DEFAULT_WATCHDOG_POLICY.fastAttempts) {
          expect(delay).toBeGreaterThanOrEqual(3_000);
          expect(delay).toBeLessThanOrEqual(6_000);
        } else if (attempt < DEFAULT_WATCHDOG_POLICY.maxAttempts) {
          expect(delay).toBeGreaterThanOrEqual(3_000);
          expect(delay).toBeLessThanOrEqual(DEFAULT_WATCHDOG_POLICY.maxBackoffMs);
        } else {
          expect(delay).toBeUndefined();
        }
      }),
    );
  });

  it('spreads peers apart: different random draws give different deadlines', () => {
    expect(watchdogDelayMs(0, 0)).toBe(3_000);
    expect(watchdogDelayMs(0, 0.5)).toBe(4_500);
    expect(watchdogDelayMs(0, 0.999)).toBeCloseTo(5_997);
  });
});

describe('ConnectionWatchdog', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('destroys a connection that has not synced by its deadline, and not before', () => {
    const stuck = conn();
    const retries: [string, number][] = [];
    const dog = watchdog({ random: () => 0.5, onRetry: (peer, attempt) => retries.push([peer, attempt]) });
    dog.sweep(new Map([['peer-a', stuck]]));
    vi.advanceTimersByTime(4_499);
    expect(stuck.destroyed).toBe(0);
    vi.advanceTimersByTime(1);
    expect(stuck.destroyed).toBe(1);
    expect(retries).toEqual([['peer-a', 1]]);
  });

  it('spares connections that are synced, or that sync before the deadline', () => {
    const synced = { ...conn(), synced: true };
    const late = conn();
    const dog = watchdog({ random: () => 0 });
    dog.sweep(new Map([['a', synced], ['b', late]]));
    expect(dog.watching).toBe(1);
    vi.advanceTimersByTime(2_000);
    late.synced = true;
    vi.advanceTimersByTime(10_000);
    expect(synced.destroyed).toBe(0);
    expect(late.destroyed).toBe(0);
  });

  it('forgets connections that went away', () => {
    const gone = conn();
    const dog = watchdog();
    dog.sweep(new Map([['a', gone]]));
    dog.sweep(new Map());
    expect(dog.watching).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(gone.destroyed).toBe(0);
  });

  it('retries one remote peer a bounded number of times, then gives up on it', () => {
    const giveUps: string[] = [];
    const dog = watchdog({ policy: { maxAttempts: 4 }, onGiveUp: (peer) => giveUps.push(peer) });
    let destroyed = 0;
    for (let round = 0; round < 10; round += 1) {
      // y-webrtc replaces a destroyed connection with a new one when the peer announces again.
      const attempt = conn();
      dog.sweep(new Map([['b', attempt]]));
      vi.advanceTimersByTime(DEFAULT_WATCHDOG_POLICY.maxBackoffMs);
      destroyed += attempt.destroyed;
    }
    expect(destroyed).toBe(4);
    expect(giveUps).toEqual(['b']);
  });

  it('starts counting again once the peer has synced', () => {
    const dog = watchdog({ random: () => 0, policy: { fastAttempts: 1 } });
    dog.sweep(new Map([['c', conn()]]));
    vi.advanceTimersByTime(3_000);
    dog.sweep(new Map([['c', { ...conn(), synced: true }]]));
    const next = conn();
    dog.sweep(new Map([['c', next]]));
    vi.advanceTimersByTime(3_000);
    expect(next.destroyed).toBe(1);
  });

  it('stops every timer on stop()', () => {
    const dog = watchdog();
    const conns = [conn(), conn(), conn()];
    dog.sweep(new Map(conns.map((c, index) => [String(index), c])));
    dog.stop();
    expect(dog.watching).toBe(0);
    vi.advanceTimersByTime(120_000);
    expect(conns.map((c) => c.destroyed)).toEqual([0, 0, 0]);
    dog.sweep(new Map([['late', conns[0] ?? conn()]]));
    expect(dog.watching).toBe(0);
  });
});
