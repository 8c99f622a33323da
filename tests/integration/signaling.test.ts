// The signaling relay over real sockets on 127.0.0.1: y-webrtc routing, the health endpoint, and hostile input.
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { createRelay } from '../../signaling/relay';
import { silentLog } from '../../signaling/log';
import { RelayTestClient, assertPairStillWorks, eventually, startTestRelay, within, type TestRelay } from '../support/relay';

let relays: TestRelay[] = [];
let clients: RelayTestClient[] = [];

async function relay(options: Parameters<typeof startTestRelay>[0] = {}): Promise<TestRelay> {
  const started = await startTestRelay(options);
  relays.push(started);
  return started;
}

async function open(url: string, options: { autoPong?: boolean } = {}): Promise<RelayTestClient> {
  const client = await RelayTestClient.open(url, options);
  clients.push(client);
  return client;
}

afterEach(async () => {
  for (const client of clients) client.socket.terminate();
  await Promise.all(relays.map((started) => started.close()));
  relays = [];
  clients = [];
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('signaling relay: y-webrtc protocol', () => {
  it('routes a publish to every subscriber of its topic, with the number of receivers, and to no one else', async () => {
    const { url } = await relay();
    const [a, b, c] = await Promise.all([open(url), open(url), open(url)]);
    a.subscribe('room-1');
    b.subscribe('room-1', 'room-2');
    c.subscribe('room-2');
    await Promise.all([a.sync(), b.sync(), c.sync()]);

    a.publish('room-1', { type: 'announce', from: 'a' });
    await b.waitFor(() => b.publishes('room-1').length === 1, 1000, 'b to receive the publish');
    await a.waitFor(() => a.publishes('room-1').length === 1, 1000, 'the sender to receive its own publish');
    await c.sync();

    expect(b.publishes('room-1')).toEqual([{ type: 'publish', topic: 'room-1', data: { type: 'announce', from: 'a' }, clients: 2 }]);
    expect(c.publishes()).toEqual([]);

    // Publishing to a topic one has not joined reaches its subscribers, as with the reference server.
    c.publish('room-1', 'from outside');
    await b.waitFor(() => b.publishes('room-1').length === 2, 1000, 'b to receive the second publish');
    for (const client of [a, b, c]) expect(client.unexpected).toEqual([]);
  });

  it('stops routing to a client once it unsubscribes, and forgets topics nobody is in', async () => {
    const started = await relay();
    const [a, b] = await Promise.all([open(started.url), open(started.url)]);
    a.subscribe('room');
    b.subscribe('room');
    await Promise.all([a.sync(), b.sync()]);
    expect(started.relay.stats()).toMatchObject({ connections: 2, topics: 1, subscriptions: 2 });

    b.send({ type: 'unsubscribe', topics: ['room'] });
    await b.sync();
    a.publish('room', 'after unsubscribe');
    await a.waitFor(() => a.publishes('room').length === 1, 1000, 'the sender to receive its publish');
    await b.sync();
    expect(b.publishes()).toEqual([]);
    expect(a.publishes('room')[0]?.clients).toBe(1);

    a.send({ type: 'unsubscribe', topics: ['room'] });
    await a.sync();
    expect(started.relay.stats()).toMatchObject({ topics: 0, subscriptions: 0 });
  });

  it('answers ping with pong', async () => {
    const { url } = await relay();
    const a = await open(url);
    a.send({ type: 'ping' });
    await a.waitFor(() => a.messages.length === 1, 1000, 'a pong');
    expect(a.messages).toEqual([{ type: 'pong' }]);
  });

  it('reports health as counts only, never topic names; answers 426 on / and 404 elsewhere', async () => {
    const { url, httpUrl } = await relay();
    const a = await open(url);
    a.subscribe('a-secret-looking-room-name');
    await a.sync();

    const response = await fetch(`${httpUrl}/health`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain('a-secret-looking-room-name');
    const health = z
      .strictObject({ ok: z.literal(true), connections: z.number(), topics: z.number(), uptimeSeconds: z.number() })
      .parse(JSON.parse(text));
    expect(health).toMatchObject({ connections: 1, topics: 1 });

    expect((await fetch(`${httpUrl}/`)).status).toBe(426);
    expect((await fetch(`${httpUrl}/a-secret-looking-room-name`)).status).toBe(404);
    expect((await fetch(`${httpUrl}/health`, { method: 'POST' })).status).toBe(404);
  });

  it('serves only the addresses acceptFrom allows: others get 403 for sockets and health alike', async () => {
    const seen: string[] = [];
    const open403 = await relay({ acceptFrom: (address) => (seen.push(address), false) });
    await expect(RelayTestClient.open(open403.url)).rejects.toThrow(/403/);
    expect((await fetch(`${open403.httpUrl}/health`)).status).toBe(403);
    expect(open403.relay.stats()).toMatchObject({ connections: 0, connectionsRefused: 2 });
    expect(seen).toEqual(['127.0.0.1', '127.0.0.1']);

    const served = await relay({ acceptFrom: (address) => address === '127.0.0.1' });
    await assertPairStillWorks(served.url);
    expect((await fetch(`${served.httpUrl}/health`)).status).toBe(200);
  });

  it('closes every client with 1001 on close() and then refuses connections', async () => {
    const started = await startTestRelay();
    const [a, b] = await Promise.all([open(started.url), open(started.url)]);
    await Promise.all([started.close(), started.close()]);
    expect((await within(a.closed, 2000, 'a to be closed')).code).toBe(1001);
    expect((await within(b.closed, 2000, 'b to be closed')).code).toBe(1001);
    await expect(RelayTestClient.open(started.url)).rejects.toThrow();
  });

  it('refuses options outside their bounds, naming the limit and its range', () => {
    expect(() => createRelay({ log: silentLog, maxFrameBytes: 10 })).toThrow(/maxFrameBytes must be a whole number from 1024 to 1048576/);
    expect(() => createRelay({ log: silentLog, ratePerSecond: 1.5 })).toThrow(/ratePerSecond/);
    expect(() => createRelay({ log: silentLog, port: 70_000 })).toThrow(/port/);
    expect(() => createRelay({ log: silentLog, host: '' })).toThrow(/host/);
  });
});

describe('signaling relay: hostile input leaves it serving everyone else', () => {
  it('hostile: non-JSON text frames are ignored', async () => {
    const started = await relay();
    const hostile = await open(started.url);
    for (const frame of ['not json', '{', '{"type":"subscribe","topics":["x"]', '', '\u0000\u0001', 'null null']) hostile.sendRaw(frame);
    await hostile.sync();
    expect(hostile.isOpen()).toBe(true);
    expect(started.relay.stats()).toMatchObject({ topics: 0, framesIgnored: 6 });
    await assertPairStillWorks(started.url);
  });

  it('hostile: JSON arrays, numbers, strings, booleans and null are ignored', async () => {
    const started = await relay();
    const hostile = await open(started.url);
    for (const value of [[], [{ type: 'ping' }], 42, 'ping', true, null]) hostile.send(value);
    await hostile.sync();
    expect(hostile.messages).toEqual([{ type: 'pong' }]);
    expect(started.relay.stats().framesIgnored).toBe(6);
    await assertPairStillWorks(started.url);
  });

  it('hostile: wrong field types and unknown message types are ignored', async () => {
    const started = await relay();
    const [hostile, bystander] = await Promise.all([open(started.url), open(started.url)]);
    bystander.subscribe('room');
    await bystander.sync();
    const frames: unknown[] = [
      { type: 5 },
      { type: ['subscribe'] },
      { type: 'subscribe' },
      { type: 'subscribe', topics: 'room' },
      { type: 'subscribe', topics: { 0: 'room' } },
      { type: 'unsubscribe', topics: null },
      { type: 'publish' },
      { type: 'publish', topic: 42, data: 'x' },
      { type: 'publish', topic: ['room'], data: 'x' },
      { type: 'publish', topic: { toString: 'room' }, data: 'x' },
      { type: 'hello' },
      { type: 'pong' },
      { type: '__proto__', topics: ['room'] },
    ];
    for (const frame of frames) hostile.send(frame);
    // Inside a valid subscribe, entries that are not strings are skipped one by one.
    hostile.send({ type: 'subscribe', topics: [1, null, {}, ['room'], true, ''] });
    await hostile.sync();
    expect(started.relay.stats()).toMatchObject({ topics: 1, subscriptions: 1, framesIgnored: frames.length });
    await bystander.sync();
    expect(bystander.publishes()).toEqual([]);
    await assertPairStillWorks(started.url);
  });

  it('hostile: a 1 MB frame closes only its sender, with 1009', async () => {
    const started = await relay();
    const [hostile, bystander] = await Promise.all([open(started.url), open(started.url)]);
    bystander.subscribe('room');
    await bystander.sync();
    hostile.publish('room', 'x'.repeat(1024 * 1024));
    expect((await within(hostile.closed, 2000, 'the oversized sender to be closed')).code).toBe(1009);
    expect(bystander.isOpen()).toBe(true);
    await bystander.sync();
    expect(bystander.publishes()).toEqual([]);
    await assertPairStillWorks(started.url);
    await eventually(() => started.relay.stats().connections === 1, 1000, 'the oversized sender to be forgotten');
  });

  it('hostile: binary frames are ignored, even when they hold valid JSON', async () => {
    const started = await relay();
    const hostile = await open(started.url);
    hostile.sendRaw(Buffer.from(JSON.stringify({ type: 'subscribe', topics: ['room'] })), { binary: true });
    hostile.sendRaw(Buffer.from(JSON.stringify({ type: 'ping' })), { binary: true });
    hostile.sendRaw(Buffer.from([0xff, 0x00, 0xfe, 0x01]), { binary: true });
    await hostile.sync();
    expect(hostile.messages).toEqual([{ type: 'pong' }]);
    expect(started.relay.stats()).toMatchObject({ topics: 0, framesIgnored: 3 });
    await assertPairStillWorks(started.url);
  });

  it('hostile: a text frame with invalid UTF-8 closes only its sender, with 1007', async () => {
    const started = await relay();
    const hostile = await open(started.url);
    hostile.sendRaw(Buffer.from([0x7b, 0xc3, 0x28, 0x7d]), { binary: false });
    expect((await within(hostile.closed, 2000, 'the bad UTF-8 sender to be closed')).code).toBe(1007);
    await assertPairStillWorks(started.url);
  });

  it('hostile: subscribing to 10,000 topics at once keeps only maxTopicsPerConnection of them', async () => {
    const started = await relay();
    const hostile = await open(started.url);
    const topics = Array.from({ length: 10_000 }, (_, index) => index.toString(36));
    hostile.send({ type: 'subscribe', topics });
    await hostile.sync();
    expect(started.relay.stats()).toMatchObject({ topics: 64, subscriptions: 64 });
    // Repeating it (or new names) adds nothing more.
    hostile.send({ type: 'subscribe', topics: topics.slice(5000) });
    await hostile.sync();
    expect(started.relay.stats()).toMatchObject({ topics: 64, subscriptions: 64 });
    await assertPairStillWorks(started.url);
  });

  it('hostile: the relay-wide topic cap holds across connections, while existing topics stay joinable', async () => {
    const started = await relay({ maxTopics: 5 });
    const [a, b] = await Promise.all([open(started.url), open(started.url)]);
    a.subscribe('t0', 't1', 't2', 't3', 't4', 't5', 't6');
    await a.sync();
    b.subscribe('t0', 'new');
    await b.sync();
    expect(started.relay.stats()).toMatchObject({ topics: 5, subscriptions: 6 });
    a.publish('t0', 'still routed');
    await b.waitFor(() => b.publishes('t0').length === 1, 1000, 'a publish on an existing topic');
  });

  it('hostile: an overly long topic is neither subscribed nor published to', async () => {
    const started = await relay();
    const [hostile, bystander] = await Promise.all([open(started.url), open(started.url)]);
    const long = 'x'.repeat(129);
    hostile.subscribe(long, 'x'.repeat(60_000));
    bystander.subscribe('x'.repeat(128));
    await Promise.all([hostile.sync(), bystander.sync()]);
    expect(started.relay.stats()).toMatchObject({ topics: 1, subscriptions: 1 });
    hostile.publish(long, 'nobody hears this');
    await hostile.sync();
    expect(hostile.publishes()).toEqual([]);
    await assertPairStillWorks(started.url);
  });

  it('hostile: deeply nested publish data is dropped or relayed without harm', async () => {
    const started = await relay();
    const [hostile, bystander] = await Promise.all([open(started.url), open(started.url)]);
    bystander.subscribe('room');
    hostile.subscribe('room');
    await Promise.all([hostile.sync(), bystander.sync()]);
    const depth = 30_000;
    hostile.sendRaw(`{"type":"publish","topic":"room","data":${'['.repeat(depth)}${']'.repeat(depth)}}`);
    await hostile.sync();
    expect(hostile.isOpen()).toBe(true);
    await assertPairStillWorks(started.url);
  });

  it('hostile: a flood of 5,000 messages from one client is cut off with 1008 while others are served promptly', async () => {
    const started = await relay();
    const [flooder, observer] = await Promise.all([open(started.url), open(started.url)]);
    flooder.subscribe('flooded');
    observer.subscribe('flooded');
    await Promise.all([flooder.sync(), observer.sync()]);

    const startedAt = performance.now();
    for (let index = 0; index < 5000; index += 1) flooder.publish('flooded', index);
    const pairLatencyMs = await assertPairStillWorks(started.url, 1000);

    expect((await within(flooder.closed, 3000, 'the flooder to be closed')).code).toBe(1008);
    const elapsedSeconds = (performance.now() - startedAt) / 1000;
    await observer.sync();
    const relayed = observer.publishes('flooded').length;
    // The subscribe and ping above took 2 tokens of the burst of 120; the rest refill at 40 per second.
    expect(relayed).toBeGreaterThanOrEqual(100);
    expect(relayed).toBeLessThanOrEqual(120 + Math.ceil(40 * elapsedSeconds));
    expect(pairLatencyMs).toBeLessThan(1000);
    expect(started.relay.stats()).toMatchObject({ closedForFlooding: 1 });
    expect(started.relay.stats().framesRateLimited).toBeGreaterThan(100);
  });

  it('hostile: a client briefly over the rate loses the excess messages but is not closed', async () => {
    const started = await relay({ ratePerSecond: 40, burst: 50 });
    const client = await open(started.url);
    // 80 at once: 50 fit the burst; refilling the other 30 would take 750 ms, far longer than handling them.
    for (let index = 0; index < 80; index += 1) client.send({ type: 'ping' });
    await sleep(200);
    await client.sync();
    const pongs = client.messages.length;
    expect(pongs).toBeGreaterThanOrEqual(51);
    expect(pongs).toBeLessThan(81);
    expect(client.isOpen()).toBe(true);
    expect(started.relay.stats().framesRateLimited).toBeGreaterThan(0);
  });

  it('hostile: abrupt disconnects (no close frame) free their connections and topics', async () => {
    const started = await relay();
    const hostiles = await Promise.all(Array.from({ length: 20 }, () => open(started.url)));
    hostiles.forEach((client, index) => client.subscribe('shared', `own-${index}`));
    await Promise.all(hostiles.map((client) => client.sync()));
    expect(started.relay.stats()).toMatchObject({ connections: 20, topics: 21 });
    for (const client of hostiles) client.socket.terminate();
    await eventually(() => started.relay.stats().connections === 0, 2000, 'the relay to notice the dropped sockets');
    expect(started.relay.stats()).toMatchObject({ topics: 0, subscriptions: 0 });
    await assertPairStillWorks(started.url);
  });

  it('hostile: many connections opened and closed leave no trace in memory (stats return to zero)', async () => {
    const started = await relay();
    for (let round = 0; round < 5; round += 1) {
      const batch = await Promise.all(Array.from({ length: 60 }, () => open(started.url)));
      batch.forEach((client, index) => client.subscribe('lobby', `room-${round}-${index}`, `room-${round}-${index % 7}`));
      await Promise.all(batch.map((client) => client.sync()));
      await Promise.all(batch.map((client, index) => (index % 2 === 0 ? client.close() : Promise.resolve(client.socket.terminate()))));
    }
    await eventually(() => started.relay.stats().connections === 0, 3000, 'every connection to be forgotten');
    expect(started.relay.stats()).toMatchObject({ connections: 0, topics: 0, subscriptions: 0 });
    await assertPairStillWorks(started.url);
    await eventually(() => started.relay.stats().connections === 0, 1000, 'the pair to be forgotten');
  });

  it('hostile: connections beyond maxConnections are refused with 503, and a freed slot is reusable', async () => {
    const started = await relay({ maxConnections: 3 });
    const held = await Promise.all([open(started.url), open(started.url), open(started.url)]);
    await expect(RelayTestClient.open(started.url)).rejects.toThrow(/503/);
    expect(started.relay.stats()).toMatchObject({ connections: 3, connectionsRefused: 1 });
    await held[0]?.close();
    await held[1]?.close();
    await eventually(() => started.relay.stats().connections === 1, 1000, 'two slots to free up');
    await assertPairStillWorks(started.url);
  });

  it('hostile: a silent client that never answers pings is closed after the idle timeout; a live one stays', async () => {
    const started = await relay({ idleTimeoutMs: 300 });
    const [silent, live] = await Promise.all([open(started.url, { autoPong: false }), open(started.url)]);
    silent.subscribe('room');
    await silent.sync();
    expect((await within(silent.closed, 2000, 'the silent client to be closed')).code).toBe(1006);
    expect(live.isOpen()).toBe(true);
    expect(started.relay.stats()).toMatchObject({ connections: 1, topics: 0, closedIdle: 1 });
    await live.sync();
  });

  it('hostile: a frame observer that throws does not stop the relay', async () => {
    const { url, close } = await startTestRelay({
      onFrame: () => {
        throw new Error('observer failure');
      },
    });
    try {
      await assertPairStillWorks(url);
    } finally {
      await close();
    }
  });

  it('hostile: random JSON and protocol-shaped frames never break routing for others (property)', async () => {
    const started = await relay({ ratePerSecond: 10_000, burst: 10_000 });
    const hostile = await open(started.url);
    const protocolShaped = fc.record(
      {
        type: fc.constantFrom('subscribe', 'unsubscribe', 'publish', 'ping', 'pong', 'announce'),
        topics: fc.oneof(fc.array(fc.oneof(fc.string(), fc.jsonValue()), { maxLength: 20 }), fc.jsonValue()),
        topic: fc.oneof(fc.string({ maxLength: 200 }), fc.jsonValue()),
        data: fc.jsonValue(),
      },
      { requiredKeys: ['type'] },
    );
    const frame = fc.oneof(
      protocolShaped.map((value) => JSON.stringify(value)),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.string({ maxLength: 300 }),
    );
    for (const text of fc.sample(frame, { numRuns: 500, seed: 20_260_101 })) hostile.sendRaw(text);
    await hostile.sync(5000);
    expect(hostile.isOpen()).toBe(true);
    expect(hostile.unexpected).toEqual([]);
    expect(started.relay.stats().subscriptions).toBeLessThanOrEqual(64);
    await assertPairStillWorks(started.url);
  });
});
