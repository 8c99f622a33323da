// The circles part of `npm run bench` (DESIGN.md "Budgets"): in real Chromium, separate launches as devices,
// Hearth's relay on 127.0.0.1 and the framed peer, it times (1) a shared post becoming visible at a peer,
// (2) a new member receiving and verifying 1,000 posts, (3) 8 peers all showing a new post — each beside
// raw y-webrtc + Yjs doing the same exchange, interleaved in the same run. Run it in the loopback-only
// namespace (tests/support/netns.sh; run.ts re-executes itself there when this part is chosen).
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { build } from 'vite';
import { framedPeerAlias } from '../../renderer/src/circles/transport/viteAlias';
import { startRelay, type RunningRelay } from '../e2e/circles/relay';
import { call, launchDevice, pollUntil, type BenchDevice } from './circlesDevices';
import { freshMarker, freshRawRoom, freshSecret, makeBenchCircle, type BenchCircle } from './circlesFixture';
import type { SlotOptions } from './circlesPage/contract';
import { APP_ALIASES, REPO_ROOT, serveFolder, type BenchEnv, type BenchPart, type StaticServer } from './harness';
import { p50p95, percentile, roundMs, roundRatio } from './stats';

const PAGE_SOURCE = resolve(REPO_ROOT, 'tests/bench/circlesPage');
const PAGE_OUT = resolve(REPO_ROOT, '.bench/circlesPage');

const BUDGETS = {
  postVisibleP50Ms: 10,
  newMemberReceives1000PostsP95Ms: 1_000,
  eightPeersAllShowP95Ms: 500,
} as const;

/** Bounded so the whole part stays near two minutes on two cores. */
const PLAN = {
  visible: { warmUp: 5, samples: 60, timeoutMs: 5_000 },
  newMember: { warmUp: 1, runs: 8, posts: 1_000, timeoutMs: 20_000, rawRetries: 2 },
  eight: { peers: 8, warmUp: 3, samples: 30, timeoutMs: 10_000, joinGapMs: 150 },
  /** Characters of a post's note: a few sentences, as people write them. */
  noteChars: 200,
  /** Raw entries are 500-byte strings, as in TESTING.md's floor. */
  rawValueBytes: 500,
  meshTimeoutMs: 30_000,
} as const;

type Side = 'product' | 'raw';

interface Samples {
  readonly product: number[];
  readonly raw: number[];
}

function samples(): Samples {
  return { product: [], raw: [] };
}

/** Runs product and raw alternately, switching which goes first each round; the first `warmUp` rounds are dropped. */
async function interleaved(rounds: number, warmUp: number, measure: (side: Side, keep: boolean) => Promise<void>): Promise<void> {
  for (let round = 0; round < warmUp + rounds; round += 1) {
    const keep = round >= warmUp;
    const order: Side[] = round % 2 === 0 ? ['product', 'raw'] : ['raw', 'product'];
    for (const side of order) await measure(side, keep);
  }
}

async function buildCirclesBenchPage(): Promise<string> {
  await build({
    configFile: false,
    root: PAGE_SOURCE,
    base: './',
    logLevel: 'warn',
    resolve: {
      alias: [...APP_ALIASES, framedPeerAlias(resolve(REPO_ROOT, 'renderer/src/circles/transport/chunkedPeer.ts'))],
    },
    build: { outDir: PAGE_OUT, emptyOutDir: true, target: 'chrome130', reportCompressedSize: false, minify: process.env.HEARTH_BENCH_PROFILE === undefined },
  });
  return PAGE_OUT;
}

interface Rig {
  readonly env: BenchEnv;
  readonly circle: BenchCircle;
  readonly signalingUrl: string;
}

function productSlot(rig: Rig, secret: string, person: number | null, holdsLog = true): SlotOptions {
  const identity = person === null ? null : (rig.circle.people[person]?.stored ?? null);
  if (person !== null && identity === null) throw new Error(`the bench circle has no person ${String(person)}`);
  return { kind: 'product', circle: { circleId: rig.circle.circleId, founder: rig.circle.founder, secret, log: holdsLog ? rig.circle.log : [], identity, signalingUrl: rig.signalingUrl } };
}

function rawSlot(rig: Rig, room: { roomName: string; password: string }): SlotOptions {
  return { kind: 'raw', room: { ...room, signalingUrl: rig.signalingUrl } };
}

interface MeshState {
  readonly complete: boolean;
  /** Fewest synced peers any device had when the wait ended. */
  readonly fewestPeers: number;
  readonly waitedMs: number;
}

/** Waits until every device's slot is synced with all the others (and, for product, knows the membership). */
async function waitForMesh(devices: readonly BenchDevice[], slot: string, timeoutMs: number): Promise<MeshState> {
  const started = Date.now();
  let fewest = 0;
  const complete = await pollUntil(async () => {
    const states = await Promise.all(devices.map((device) => call(device, 'status', slot)));
    fewest = Math.min(...states.map((state) => state.peers));
    return states.every((state) => state.ready && state.framed && state.peers >= devices.length - 1);
  }, timeoutMs);
  return { complete, fewestPeers: fewest, waitedMs: Date.now() - started };
}

async function watchdogRetries(devices: readonly BenchDevice[], slot: string): Promise<number> {
  const states = await Promise.all(devices.map((device) => call(device, 'status', slot)));
  return states.reduce((sum, state) => sum + state.watchdogRetries, 0);
}

function device(devices: readonly BenchDevice[], index: number): BenchDevice {
  const found = devices[index];
  if (found === undefined) throw new Error(`no bench device ${String(index)}`);
  return found;
}

/** (1) A post sealed on A, synced to B and shown by B's verified view; raw: a Y.Map set on A observed on B. */
async function measurePostVisible(rig: Rig, a: BenchDevice, b: BenchDevice) {
  const { visible } = PLAN;
  const secret = freshSecret();
  const raw = freshRawRoom('visible');
  await Promise.all([call(a, 'open', 'visible', productSlot(rig, secret, 1)), call(a, 'open', 'visible-raw', rawSlot(rig, raw))]);
  await Promise.all([call(b, 'open', 'visible', productSlot(rig, secret, 2)), call(b, 'open', 'visible-raw', rawSlot(rig, raw))]);
  const mesh = { product: await waitForMesh([a, b], 'visible', PLAN.meshTimeoutMs), raw: await waitForMesh([a, b], 'visible-raw', PLAN.meshTimeoutMs) };
  if (!mesh.product.complete || !mesh.raw.complete) throw new Error(`two devices did not connect within ${String(PLAN.meshTimeoutMs)} ms: ${JSON.stringify(mesh)}`);

  const total = samples();
  const seal: number[] = [];
  const transport: number[] = [];
  const verifyShow: number[] = [];
  await interleaved(visible.samples, visible.warmUp, async (side, keep) => {
    const slot = side === 'product' ? 'visible' : 'visible-raw';
    const marker = freshMarker();
    await call(b, 'arm', slot, marker);
    const wrote = await call(a, 'write', slot, marker, side === 'product' ? PLAN.noteChars : PLAN.rawValueBytes);
    const seen = await call(b, 'seen', slot, marker, visible.timeoutMs);
    if (!keep) return;
    total[side].push(seen.shownAt - wrote.startAt);
    if (side === 'product') {
      seal.push(wrote.writtenAt - wrote.startAt);
      transport.push(seen.docAt - wrote.writtenAt);
      verifyShow.push(seen.shownAt - seen.docAt);
    }
  });
  const retries = await watchdogRetries([a, b], 'visible');
  for (const each of [a, b]) {
    await call(each, 'close', 'visible');
    await call(each, 'close', 'visible-raw');
  }
  return { total, seal, transport, verifyShow, mesh, watchdogRetries: retries };
}

/** (2) A new member opens the circle and receives 1,000 posts from a holder; raw: 1,000 × 500 B entries. */
async function measureNewMember(rig: Rig, holder: BenchDevice, newcomer: BenchDevice) {
  const { newMember } = PLAN;
  const secret = freshSecret();
  const raw = freshRawRoom('members');
  await call(holder, 'open', 'members', productSlot(rig, secret, 0));
  await call(holder, 'open', 'members-raw', rawSlot(rig, raw));
  // Four members wrote the posts, so the newcomer verifies several authors' keys, as in a real circle.
  const authors = rig.circle.people.slice(0, 4).map((person) => person.stored);
  const seeded = { product: await call(holder, 'seed', 'members', newMember.posts, PLAN.noteChars, authors), raw: await call(holder, 'seed', 'members-raw', newMember.posts, PLAN.rawValueBytes, []) };

  const total = samples();
  const fromConnect = samples();
  const productDoc: number[] = [];
  const productVerify: number[] = [];
  let rawStalls = 0;
  let retries = 0;
  await interleaved(newMember.runs, newMember.warmUp, async (side, keep) => {
    for (let attempt = 0; ; attempt += 1) {
      await call(newcomer, 'collectGarbage');
      const slot = side === 'product' ? 'members' : 'members-raw';
      const options = side === 'product' ? productSlot(rig, secret, null, false) : rawSlot(rig, raw);
      try {
        const profiles = side === 'product' && keep ? [await startProfile(newcomer), await startProfile(holder)] : [];
        const times = await call(newcomer, 'openAndReceive', slot, options, newMember.posts, side === 'product' ? newMember.timeoutMs : 10_000);
        for (const [index, profile] of profiles.entries()) await profile?.stop(`new-member-${String(total.product.length)}-${index === 0 ? 'newcomer' : 'holder'}`);
        if (side === 'product') retries += (await call(newcomer, 'status', slot)).watchdogRetries;
        if (keep) {
          total[side].push(times.shownAt - times.openedAt);
          fromConnect[side].push(times.shownAt - times.connectedAt);
          if (side === 'product') {
            productDoc.push(times.docCompleteAt - times.openedAt);
            productVerify.push(times.shownAt - times.docCompleteAt);
          }
        }
        return;
      } catch (error) {
        // Raw y-webrtc has no watchdog: a connection that deadlocks never syncs. Count it and try a fresh join.
        if (side === 'product' || attempt >= newMember.rawRetries) throw error;
        rawStalls += 1;
        rig.env.progress(`circles: raw newcomer stalled (${error instanceof Error ? error.message : String(error)}); joining again`);
      } finally {
        await call(newcomer, 'close', slot);
        // Let the holder see the old connection close before the next newcomer arrives.
        await new Promise((done) => setTimeout(done, 200));
      }
    }
  });
  for (const slot of ['members', 'members-raw']) await call(holder, 'close', slot);
  return { total, fromConnect, productDoc, productVerify, seeded, rawStalls, watchdogRetries: retries };
}

/**
 * With HEARTH_BENCH_PROFILE=<folder>, records a CPU profile of the newcomer's page during each kept product
 * run (open it in Chrome DevTools' Performance panel); off by default, as profiling slows the page.
 */
async function startProfile(device: BenchDevice): Promise<{ stop(name: string): Promise<void> } | null> {
  const folder = process.env.HEARTH_BENCH_PROFILE;
  if (folder === undefined || folder === '') return null;
  const session = await device.page.context().newCDPSession(device.page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 200 });
  await session.send('Profiler.start');
  return {
    async stop(name) {
      const { profile } = await session.send('Profiler.stop');
      await mkdir(folder, { recursive: true });
      await writeFile(resolve(folder, `${name}.cpuprofile`), JSON.stringify(profile));
      await session.detach();
    },
  };
}

/** (3) One of 8 peers posts; the time until all 8 verified views show it. Raw: a Y.Map set seen by the other 7. */
async function measureEightPeers(rig: Rig, devices: readonly BenchDevice[]) {
  const { eight } = PLAN;
  const secret = freshSecret();
  const raw = freshRawRoom('eight');
  // Joins are staggered the same way for both sides: raw y-webrtc has no watchdog for simultaneous joins.
  for (const [index, each] of devices.entries()) {
    await call(each, 'open', 'eight', productSlot(rig, secret, index + 1));
    await call(each, 'open', 'eight-raw', rawSlot(rig, raw));
    await new Promise((done) => setTimeout(done, eight.joinGapMs));
  }
  const mesh = { product: await waitForMesh(devices, 'eight', PLAN.meshTimeoutMs), raw: await waitForMesh(devices, 'eight-raw', PLAN.meshTimeoutMs) };
  rig.env.progress(`circles: 8-peer meshes ${JSON.stringify(mesh)}`);

  const total = samples();
  const slowestPeerTransport: number[] = [];
  let round = 0;
  await interleaved(eight.samples, eight.warmUp, async (side, keep) => {
    const slot = side === 'product' ? 'eight' : 'eight-raw';
    // The author rotates, so no one device's connections decide the figure.
    const authorIndex = Math.floor(round / 2) % devices.length;
    round += 1;
    const author = device(devices, authorIndex);
    // Product: all 8 views, the author's own included (it verifies its own post too). Raw: the other 7 maps.
    const watchers = side === 'product' ? devices : devices.filter((each) => each !== author);
    const marker = freshMarker();
    await Promise.all(watchers.map((each) => call(each, 'arm', slot, marker)));
    const wrote = await call(author, 'write', slot, marker, side === 'product' ? PLAN.noteChars : PLAN.rawValueBytes);
    const seen = await Promise.all(watchers.map((each) => call(each, 'seen', slot, marker, eight.timeoutMs)));
    if (!keep) return;
    total[side].push(Math.max(...seen.map((times) => times.shownAt)) - wrote.startAt);
    if (side === 'product') slowestPeerTransport.push(Math.max(...seen.filter((_, index) => watchers[index] !== author).map((times) => times.docAt)) - wrote.writtenAt);
  });
  const retries = await watchdogRetries(devices, 'eight');
  for (const each of devices) {
    await call(each, 'close', 'eight');
    await call(each, 'close', 'eight-raw');
  }
  return { total, slowestPeerTransport, mesh, watchdogRetries: retries };
}

function ratio(product: readonly number[], raw: readonly number[], p: number): number {
  return roundRatio(percentile(product, p) / percentile(raw, p));
}

type Measured = {
  readonly visible: Awaited<ReturnType<typeof measurePostVisible>>;
  readonly newMember: Awaited<ReturnType<typeof measureNewMember>>;
  readonly eight: Awaited<ReturnType<typeof measureEightPeers>>;
  readonly chromium: string;
  readonly relay: Record<string, number>;
  readonly launchMs: { readonly twoDevices: number; readonly sixMore: number };
};

/** Turns the samples into the printed circles sections (merged one level deep with the other parts'). */
export function summariseCircles(measured: Measured): Record<string, unknown> {
  const { visible, newMember, eight } = measured;
  const circles = {
    ...p50p95('postVisible', visible.total.product),
    ...p50p95('newMemberReceives1000Posts', newMember.total.product),
    ...p50p95('eightPeersAllShow', eight.total.product),
  };
  const baseline = {
    ...p50p95('postVisible', visible.total.raw),
    ...p50p95('newMemberReceives1000Posts', newMember.total.raw),
    ...p50p95('eightPeersAllShow', eight.total.raw),
  };
  const ratios = {
    postVisibleP50Ratio: ratio(visible.total.product, visible.total.raw, 50),
    postVisibleP95Ratio: ratio(visible.total.product, visible.total.raw, 95),
    newMemberReceives1000PostsP50Ratio: ratio(newMember.total.product, newMember.total.raw, 50),
    newMemberReceives1000PostsP95Ratio: ratio(newMember.total.product, newMember.total.raw, 95),
    eightPeersAllShowP50Ratio: ratio(eight.total.product, eight.total.raw, 50),
    eightPeersAllShowP95Ratio: ratio(eight.total.product, eight.total.raw, 95),
  };
  const withinBudget = {
    postVisibleP50Ms: (circles.postVisibleP50Ms ?? Infinity) <= BUDGETS.postVisibleP50Ms,
    newMemberReceives1000PostsP95Ms: (circles.newMemberReceives1000PostsP95Ms ?? Infinity) <= BUDGETS.newMemberReceives1000PostsP95Ms,
    eightPeersAllShowP95Ms: (circles.eightPeersAllShowP95Ms ?? Infinity) <= BUDGETS.eightPeersAllShowP95Ms,
  };
  return {
    machine: { chromium: measured.chromium },
    circles,
    baseline,
    ratios,
    budgets: BUDGETS,
    withinBudget,
    circlesBreakdown: {
      ...p50p95('postVisibleSeal', visible.seal),
      ...p50p95('postVisibleTransport', visible.transport),
      ...p50p95('postVisibleVerifyAndShow', visible.verifyShow),
      ...p50p95('newMemberDocComplete', newMember.productDoc),
      ...p50p95('newMemberVerifyAndShow', newMember.productVerify),
      ...p50p95('newMemberFromConnect', newMember.fromConnect.product),
      ...p50p95('rawNewMemberFromConnect', newMember.fromConnect.raw),
      holderVerifies1000PostsLocallyMs: roundMs(newMember.seeded.product.localVerifyMs),
      ...p50p95('eightPeersSlowestTransport', eight.slowestPeerTransport),
    },
    circlesSetup: {
      devices: `${String(PLAN.eight.peers)} separate chromium.launch() (one page each); devices 1–2 also run (1) and (2)`,
      // tests/support/netns.sh sets this inside the namespace; it falls back (with a warning) where none can be made.
      loopbackOnlyNamespace: process.env.HEARTH_NETNS === '1',
      launchMs: measured.launchMs,
      runs: {
        postVisible: { warmUp: PLAN.visible.warmUp, kept: visible.total.product.length },
        newMemberReceives1000Posts: { warmUp: PLAN.newMember.warmUp, kept: newMember.total.product.length },
        eightPeersAllShow: { warmUp: PLAN.eight.warmUp, kept: eight.total.product.length },
      },
      sizes: {
        postNoteChars: PLAN.noteChars,
        productEnvelopeMeanBytes: Math.round(newMember.seeded.product.meanValueBytes),
        productDoc1000PostsBytes: newMember.seeded.product.docUpdateBytes,
        rawValueBytes: PLAN.rawValueBytes,
        rawDoc1000EntriesBytes: newMember.seeded.raw.docUpdateBytes,
      },
      meshes: { postVisible: visible.mesh, eightPeers: eight.mesh },
      watchdogRetries: { postVisible: visible.watchdogRetries, newMember: newMember.watchdogRetries, eightPeers: eight.watchdogRetries },
      rawNewMemberStalledJoins: newMember.rawStalls,
      relay: measured.relay,
    },
    notes: {
      circles:
        'Real Chromium, each device its own chromium.launch() with --allow-loopback-in-peer-connection and --use-fake-ui-for-media-stream, in the loopback-only namespace; Hearth relay (createRelay) on 127.0.0.1; y-webrtc with the framed peer (Vite alias). Times are wall clock (performance.timeOrigin + now) across browsers on one machine.',
      circlesBaseline:
        "Raw y-webrtc + Yjs in the same pages and run, interleaved round by round with the product (order alternating): a plain WebrtcProvider (password, iceServers [], nothing else) and a Y.Map of 500-byte strings. It still uses the framed peer, because the page's alias swaps it in for every provider and 1,000 × 500 B cannot sync unframed (over 256 KiB); it has no watchdog, envelopes or view.",
      postVisible:
        'Product: from just before sealing a post on A (sign + encrypt a 200-character note with mood and emotions) and writing it to the circle doc, to the moment B’s verified view lists it (after verifying, decrypting and rebuilding). Baseline: from just before Y.Map.set on A to B’s observer. The breakdown splits the product into seal, transport (A’s write → B’s doc) and verify-and-show.',
      newMemberReceives1000Posts:
        'Product: a newcomer with an empty doc opens the circle (key derivation, signaling, WebRTC set-up included) until its verified view lists all 1,000 posts (4 authors, the membership log arriving in the same sync). Baseline: the same open until its Y.Map holds 1,000 × 500 B entries. Budget held to the slowest runs (p95 by nearest rank = max at this count). Breakdown: docComplete (open → doc holds all envelopes), verifyAndShow (→ view lists them), fromConnect (first WebRTC connection → shown).',
      eightPeersAllShow:
        'Product: 8 devices in one circle, full mesh; a post by one (the author rotates) until all 8 verified views list it, the author’s own included. Baseline: a Y.Map set by one until the other 7 observe it. Joins are staggered for both sides; meshes records whether every pair connected.',
      circlesPercentiles: 'Nearest rank over kept runs; warm-up rounds of both sides are discarded.',
    },
  };
}

async function runCircles(env: BenchEnv): Promise<Record<string, unknown>> {
  env.progress('circles: building the circles bench page');
  const pageDir = await buildCirclesBenchPage();
  const devices: BenchDevice[] = [];
  let server: StaticServer | undefined;
  let relay: RunningRelay | undefined;
  const closeAll = async (): Promise<void> => {
    await Promise.allSettled(devices.map((each) => each.close()));
  };
  const stop = (): void => {
    // Closing the browsers makes the pending calls reject; the finally below waits for the rest.
    closeAll().catch((error: unknown) => env.progress(`circles: closing browsers after the time limit failed: ${String(error)}`));
  };
  env.signal.addEventListener('abort', stop, { once: true });
  try {
    server = await serveFolder(pageDir);
    relay = await startRelay();
    const pageUrl = `${server.origin}index.html`;
    const rig: Rig = { env, circle: await makeBenchCircle(PLAN.eight.peers + 1), signalingUrl: relay.url };

    let started = Date.now();
    devices.push(...(await Promise.all([launchDevice(env, pageUrl, 'device 1'), launchDevice(env, pageUrl, 'device 2')])));
    const twoDevices = Date.now() - started;
    const [a, b] = [device(devices, 0), device(devices, 1)];
    env.progress('circles: (1) a post visible at a peer');
    const visible = await measurePostVisible(rig, a, b);
    env.signal.throwIfAborted();
    env.progress('circles: (2) a new member receiving 1,000 posts');
    const newMember = await measureNewMember(rig, a, b);
    env.signal.throwIfAborted();

    env.progress('circles: launching 6 more devices');
    started = Date.now();
    // Two at a time: eight launches at once on two cores mostly measure the scheduler.
    for (let index = devices.length; index < PLAN.eight.peers; index += 2) {
      const batch = [index, index + 1].filter((each) => each < PLAN.eight.peers);
      devices.push(...(await Promise.all(batch.map((each) => launchDevice(env, pageUrl, `device ${String(each + 1)}`)))));
    }
    const sixMore = Date.now() - started;
    env.progress('circles: (3) 8 peers all showing a new post');
    const eight = await measureEightPeers(rig, devices);
    const { framesIgnored, framesRateLimited, deliveriesDropped, closedForFlooding, publishesRelayed } = relay.stats();
    return summariseCircles({
      visible,
      newMember,
      eight,
      chromium: a.browser.version(),
      relay: { publishesRelayed, framesIgnored, framesRateLimited, deliveriesDropped, closedForFlooding },
      launchMs: { twoDevices, sixMore },
    });
  } catch (error) {
    env.signal.throwIfAborted();
    throw error;
  } finally {
    env.signal.removeEventListener('abort', stop);
    await closeAll();
    await relay?.close();
    await server?.close();
  }
}

export const circlesPart: BenchPart = { name: 'circles', run: runCircles };
