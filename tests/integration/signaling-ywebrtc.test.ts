// Stock y-webrtc clients (two processes, one provider each) signal through the Hearth relay, and the relay
// never sees the room password, the document's text or the peers' identities in the clear.
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { RelayTestClient, startTestRelay, type TestRelay } from '../support/relay';
import { fakeSdpMarker, peerReportSchema, type PeerReport } from '../support/relayPeer';

const peerScript = fileURLToPath(new URL('../support/relayPeer.ts', import.meta.url));

interface Peer {
  child: ChildProcess;
  reports: PeerReport[];
  exited: Promise<number | null>;
  peerId: string;
}

let children: ChildProcess[] = [];
let relays: TestRelay[] = [];

afterEach(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await Promise.all(relays.map((relay) => relay.close()));
  children = [];
  relays = [];
});

function waitUntil(ready: () => boolean, timeoutMs: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    const poll = (): void => {
      if (ready()) resolve();
      else if (Date.now() > deadline) reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      else setTimeout(poll, 20);
    };
    poll();
  });
}

async function startPeer(url: string, room: string, password: string, text: string): Promise<Peer> {
  const child = fork(peerScript, [url, room, password, text], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.push(child);
  const reports: PeerReport[] = [];
  child.on('message', (message) => reports.push(peerReportSchema.parse(message)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await waitUntil(() => reports.some((report) => report.kind !== 'peers') || child.exitCode !== null, 10_000, 'the peer to start');
  const first = reports.find((report) => report.kind !== 'peers');
  if (first?.kind !== 'ready') throw new Error(`peer did not start: ${JSON.stringify(first)}`);
  return { child, reports, exited, peerId: first.peerId };
}

const sawPeer = (peer: Peer, other: Peer): boolean =>
  peer.reports.some((report) => report.kind === 'peers' && report.added.includes(other.peerId));

describe('signaling relay: stock y-webrtc clients', () => {
  it('routes encrypted announces and offers between two WebrtcProviders, never seeing secrets in the clear', async () => {
    const relay = await startTestRelay({ captureFrames: true });
    relays.push(relay);
    // Shaped like Hearth's derived room name and password: opaque, high-entropy.
    const room = randomBytes(32).toString('base64url');
    const password = randomBytes(32).toString('base64url');
    const docText = 'Today was hard but I walked to the river';

    const observer = await RelayTestClient.open(relay.url);
    observer.subscribe(room);
    await observer.sync();

    const a = await startPeer(relay.url, room, password, docText);
    const b = await startPeer(relay.url, room, password, docText);

    // A learns of B from B's announce; B learns of A from A's announce or A's offer (whichever it saw).
    await waitUntil(() => sawPeer(a, b) && sawPeer(b, a), 10_000, 'both providers to see each other through the relay');
    expect(relay.relay.stats()).toMatchObject({ connections: 3, topics: 1, subscriptions: 3 });

    // The observer (a third subscriber) received the peers' publishes: A's first announce went to A and the
    // observer (2 receivers), everything after B joined went to all three.
    const publishes = observer.publishes(room);
    expect(publishes.length).toBeGreaterThanOrEqual(2);
    for (const publish of publishes) {
      expect(typeof publish.data).toBe('string');
      expect([2, 3]).toContain(publish.clients);
    }
    expect(publishes.filter((publish) => publish.clients === 3).length).toBeGreaterThanOrEqual(1);

    // Both providers subscribed to the room topic.
    const subscribes = relay.frames.filter((frame) => frame.includes('"subscribe"') && frame.includes(room));
    expect(subscribes.length).toBe(3);

    // Nothing secret crossed the relay, neither in the frames nor inside the base64 payloads.
    const decoded = publishes.map((publish) => (typeof publish.data === 'string' ? Buffer.from(publish.data, 'base64').toString('latin1') : ''));
    const seen = [...relay.frames, ...decoded].join('\n');
    for (const secret of [password, docText, 'walked to the river', a.peerId, b.peerId, '"announce"', '"signal"', fakeSdpMarker]) {
      expect(seen).not.toContain(secret);
    }

    a.child.send({ kind: 'stop' });
    b.child.send({ kind: 'stop' });
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5000));
    expect(await Promise.race([a.exited, timeout])).toBe(0);
    expect(await Promise.race([b.exited, timeout])).toBe(0);
    await observer.close();
    await waitUntil(() => relay.relay.stats().connections === 0, 2000, 'the relay to forget the providers');
    expect(relay.relay.stats()).toMatchObject({ topics: 0, subscriptions: 0 });
  }, 30_000);
});
