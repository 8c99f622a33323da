// Transport measurements in real Chromium, reusable by the bench: one-way latency of a Y.Map change and
// a new peer receiving a large document. Times come from the pages' wall clocks (same machine).
import type { Page } from '@playwright/test';
import { percentile, roundMs } from '../../bench/stats';
import type { OpenCircleOptions } from './page/contract';
import { call } from './remote';

export interface LatencyFigures {
  readonly samples: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
}

/** Sets `samples` keys one after another on `from` and times each until `to` observes it. */
export async function measureOneWayLatency(from: Page, to: Page, samples = 50, timeoutMs = 5_000): Promise<LatencyFigures> {
  const run = Math.random().toString(36).slice(2, 8);
  const times: number[] = [];
  for (let index = 0; index < samples; index += 1) {
    const key = `latency-${run}-${String(index)}`;
    await call(to, 'arm', key);
    const sentAt = await call(from, 'set', key, 'x');
    const seenAt = await call(to, 'observed', key, timeoutMs);
    times.push(seenAt - sentAt);
  }
  return { samples, p50Ms: roundMs(percentile(times, 50)), p95Ms: roundMs(percentile(times, 95)), maxMs: roundMs(Math.max(...times)) };
}

export interface NewPeerFigures {
  readonly entries: number;
  readonly valueBytes: number;
  /** From the newcomer opening the circle (signaling and WebRTC set-up included) to holding every entry. */
  readonly openToCompleteMs: number;
}

/** `holder` must already hold `entries` entries in the room; `newcomer` opens it and waits for all of them. */
export async function measureNewPeerReceive(newcomer: Page, room: OpenCircleOptions, entries: number, valueBytes: number, timeoutMs = 20_000): Promise<NewPeerFigures> {
  const openedAt = await call(newcomer, 'now');
  await call(newcomer, 'open', room);
  const completeAt = await call(newcomer, 'waitForSize', entries, timeoutMs);
  return { entries, valueBytes, openToCompleteMs: roundMs(completeAt - openedAt) };
}
