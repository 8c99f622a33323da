// The circles transport between separate Chromium "devices": sync both ways, a document larger than
// Chromium's 256 KiB message limit, simultaneous joins (watchdog), and catching up after being offline.
import { expect, test } from '@playwright/test';
import { freshRoom, launchDevices, testEnvironment, type Device } from './devices';
import { measureNewPeerReceive, measureOneWayLatency } from './measure';
import type { PageTransportStatus } from './page/contract';
import { call } from './remote';

/** Long enough for a few watchdog retries (3–6 s each) on a loaded machine; every wait is bounded by it. */
const CONNECT_TIMEOUT_MS = 30_000;

function record(name: string, figures: object): void {
  process.stdout.write(`[circles measure] ${name} ${JSON.stringify(figures)}\n`);
  test.info().annotations.push({ type: name, description: JSON.stringify(figures) });
}

async function withDevices(count: number, body: (devices: Device[]) => Promise<void>): Promise<void> {
  const devices = await launchDevices(testEnvironment().origin, count);
  try {
    await body(devices);
  } finally {
    await Promise.all(devices.map((device) => device.close()));
  }
}

function device(devices: Device[], index: number): Device {
  const found = devices[index];
  if (found === undefined) throw new Error(`no device ${String(index)}`);
  return found;
}

async function expectSyncedPeers(target: Device, peers: number): Promise<void> {
  await expect
    .poll(async (): Promise<Pick<PageTransportStatus, 'peers' | 'framed'>> => {
      const { peers: synced, framed } = await call(target.page, 'status');
      return { peers: synced, framed };
    }, { timeout: CONNECT_TIMEOUT_MS })
    .toEqual({ peers, framed: true });
}

test('two peers sync a Y.Map change both ways', async () => {
  const { signalingUrl } = testEnvironment();
  await withDevices(2, async (devices) => {
    const [a, b] = [device(devices, 0), device(devices, 1)];
    const room = freshRoom(signalingUrl, 'both-ways');
    // Never simple-peer's public STUN default: none at all, or exactly the servers settings or the invite give.
    const ownStun: RTCIceServer[] = [{ urls: 'stun:127.0.0.1:3478' }];
    await call(a.page, 'open', room);
    await call(b.page, 'open', { ...room, iceServers: ownStun });
    await call(a.page, 'set', 'from-a', 'hello from A');
    await expect.poll(() => call(b.page, 'get', 'from-a'), { timeout: CONNECT_TIMEOUT_MS }).toBe('hello from A');
    await call(b.page, 'set', 'from-b', 'hello from B');
    await expect.poll(() => call(a.page, 'get', 'from-b'), { timeout: CONNECT_TIMEOUT_MS }).toBe('hello from B');
    await expectSyncedPeers(a, 1);
    await expectSyncedPeers(b, 1);
    const status = await call(b.page, 'status');
    expect(status.lastSyncedAt).not.toBeNull();
    expect(status.iceServers).toEqual([ownStun]);
    expect((await call(a.page, 'status')).iceServers).toEqual([[]]);

    record('oneWayLatencyAtoB', await measureOneWayLatency(a.page, b.page, 50));
  });
});

test('a new peer receives 1,000 entries of 500 B (a sync message over 256 KiB)', async () => {
  const { signalingUrl } = testEnvironment();
  await withDevices(2, async (devices) => {
    const [holder, newcomer] = [device(devices, 0), device(devices, 1)];
    const room = freshRoom(signalingUrl, 'large');
    await call(holder.page, 'open', room);
    await call(holder.page, 'fill', 'entry-', 1_000, 500);
    expect(await call(holder.page, 'size')).toBe(1_000);

    const figures = await measureNewPeerReceive(newcomer.page, room, 1_000, 500, CONNECT_TIMEOUT_MS);
    // A stuck first connection (the watchdog's case) adds 3–6 s; the figure says so rather than hiding it.
    const watchdogRetries = (await call(newcomer.page, 'status')).watchdogRetries + (await call(holder.page, 'status')).watchdogRetries;
    record('newPeerReceives1000x500B', { ...figures, watchdogRetries });
    expect(await call(newcomer.page, 'size')).toBe(1_000);
    expect(await call(newcomer.page, 'get', 'entry-999')).toBe(await call(holder.page, 'get', 'entry-999'));
    expect(await call(newcomer.page, 'get', 'entry-0')).toHaveLength(500);
  });
});

test('three peers started together all connect and converge, five times over', async () => {
  test.setTimeout(150_000);
  const { signalingUrl } = testEnvironment();
  await withDevices(3, async (devices) => {
    const rounds: number[] = [];
    let watchdogRetries = 0;
    for (let round = 0; round < 5; round += 1) {
      await Promise.all(devices.map((each) => each.reload()));
      const room = freshRoom(signalingUrl, `together-${String(round)}`);
      const startedAt = Date.now();
      await Promise.all(devices.map((each) => call(each.page, 'open', room)));
      await Promise.all(devices.map((each, index) => call(each.page, 'set', `peer-${String(index)}`, `round ${String(round)}`)));
      for (const each of devices) {
        await call(each.page, 'waitForSize', devices.length, CONNECT_TIMEOUT_MS);
        for (let index = 0; index < devices.length; index += 1) {
          expect(await call(each.page, 'get', `peer-${String(index)}`)).toBe(`round ${String(round)}`);
        }
      }
      // Content can arrive through a third peer; every pair must still end up connected and synced.
      for (const each of devices) await expectSyncedPeers(each, devices.length - 1);
      rounds.push(Date.now() - startedAt);
      for (const each of devices) watchdogRetries += (await call(each.page, 'status')).watchdogRetries;
    }
    record('threePeersTogether', { roundsMs: rounds, watchdogRetries });
  });
});

test('a peer that goes offline catches up when it comes back', async () => {
  const { signalingUrl } = testEnvironment();
  await withDevices(3, async (devices) => {
    const [a, b, c] = [device(devices, 0), device(devices, 1), device(devices, 2)];
    const room = freshRoom(signalingUrl, 'offline');
    for (const each of [a, b, c]) await call(each.page, 'open', room);
    await call(a.page, 'set', 'before', 'everyone');
    for (const each of [b, c]) await expect.poll(() => call(each.page, 'get', 'before'), { timeout: CONNECT_TIMEOUT_MS }).toBe('everyone');

    // B disconnects its provider (keeping its doc); C closes its page altogether. A notices B at once;
    // C's abrupt close only shows when ICE consent times out, which catching up must not wait for.
    await call(b.page, 'disconnect');
    await c.reload();
    await expect.poll(() => call(a.page, 'status').then((status) => status.connections), { timeout: CONNECT_TIMEOUT_MS }).toBeLessThanOrEqual(1);
    await call(a.page, 'fill', 'while-away-', 20, 100);
    // Long enough for a connected peer to get it many times over (one-way latency is about 1–2 ms).
    await b.page.waitForTimeout(500);
    expect(await call(b.page, 'get', 'while-away-0')).toBeNull();

    await call(b.page, 'set', 'b-offline', 'written offline');
    await call(b.page, 'connect');
    await call(c.page, 'open', room);
    for (const each of [b, c]) await call(each.page, 'waitForSize', 22, CONNECT_TIMEOUT_MS);
    expect(await call(c.page, 'get', 'while-away-19')).toBe(await call(a.page, 'get', 'while-away-19'));
    await expect.poll(() => call(a.page, 'get', 'b-offline'), { timeout: CONNECT_TIMEOUT_MS }).toBe('written offline');
  });
});
