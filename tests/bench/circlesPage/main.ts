// The circles bench page: one simulated device holding product circles (our provider, sealed envelopes,
// the verified view) and raw rooms (plain y-webrtc + a Y.Map) side by side, driven through window.hearthCirclesBench.
import * as Y from 'yjs';
import { WebrtcProvider } from 'y-webrtc';
import { isFramedPeer } from '../../../renderer/src/circles/transport/chunkedPeer';
import { createCircleProvider, type CircleProvider } from '../../../renderer/src/circles/transport/circleProvider';
import type { PostBody } from '../../../shared/circles/body';
import { fromBase64Url } from '../../../shared/circles/bytes';
import { envelopesOf, writeEnvelope, writeLogEntry } from '../../../shared/circles/circleDoc';
import { deriveEpochKeys } from '../../../shared/circles/circleKeys';
import { newEntryId, sealEnvelope, type AuthorState, type Envelope } from '../../../shared/circles/envelope';
import { importIdentity, type DeviceIdentity, type StoredIdentity } from '../../../shared/circles/identity';
import { createVerifiedView, type VerifiedView } from '../../../shared/circles/view';
import type { CirclesBenchApi, ProductCircleOptions, RawRoomOptions, SeenTimes, SlotOptions, SlotStatus } from './contract';

const now = (): number => performance.timeOrigin + performance.now();

interface Watch {
  docAt?: number;
  shownAt?: number;
}

interface SlotBase {
  readonly doc: Y.Doc;
  readonly provider: WebrtcProvider;
  /** Armed markers and when they arrived. */
  readonly watches: Map<string, Watch>;
  /** Called after every change that may settle a wait. */
  readonly waiters: Set<() => void>;
  connectedAt: number | undefined;
  destroy(): void;
}

interface ProductSlot extends SlotBase {
  readonly kind: 'product';
  readonly circle: CircleProvider;
  readonly view: VerifiedView;
  readonly circleId: string;
  readonly contentKey: CryptoKey;
  readonly author: { readonly identity: DeviceIdentity; state: AuthorState | null } | null;
}

interface RawSlot extends SlotBase {
  readonly kind: 'raw';
  readonly map: Y.Map<string>;
}

type Slot = ProductSlot | RawSlot;

const slots = new Map<string, Slot>();

function slotOf(name: string): Slot {
  const slot = slots.get(name);
  if (slot === undefined) throw new Error(`no circle open in slot "${name}"`);
  return slot;
}

function notify(slot: Slot): void {
  for (const waiter of [...slot.waiters]) waiter();
}

/** Resolves with check()'s first defined value, re-checking after every change in the slot. */
function until<T>(slot: Slot, timeoutMs: number, what: string, check: () => T | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const first = check();
    if (first !== undefined) {
      resolve(first);
      return;
    }
    const waiter = (): void => {
      const value = check();
      if (value === undefined) return;
      finish();
      resolve(value);
    };
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`timed out after ${String(timeoutMs)} ms waiting for ${what}`));
    }, timeoutMs);
    const finish = (): void => {
      clearTimeout(timer);
      slot.waiters.delete(waiter);
    };
    slot.waiters.add(waiter);
  });
}

async function importAuthor(stored: StoredIdentity): Promise<DeviceIdentity> {
  const imported = await importIdentity(stored);
  if (!imported.ok) throw new Error(`the bench identity did not import: ${imported.message}`);
  return imported.identity;
}

/** Records when y-webrtc first reports an open WebRTC connection. */
function watchConnections(slot: SlotBase): void {
  slot.provider.on('peers', ({ webrtcPeers }) => {
    if (slot.connectedAt === undefined && webrtcPeers.length > 0) slot.connectedAt = now();
  });
}

async function openProduct(options: ProductCircleOptions): Promise<ProductSlot> {
  const secret = fromBase64Url(options.secret);
  if (secret === null) throw new Error('the bench circle secret is not base64url');
  const keys = await deriveEpochKeys(secret, options.circleId, 0);
  const identity = options.identity === null ? null : await importAuthor(options.identity);
  const doc = new Y.Doc();
  for (const entry of options.log) await writeLogEntry(doc, entry);
  const view = createVerifiedView(doc, {
    circleId: options.circleId,
    founder: options.founder,
    epochKeys: new Map([[0, keys.contentKey]]),
    ...(identity === null ? {} : { me: identity.publicIdentity.keyId }),
  });
  const circle = createCircleProvider({ doc, roomName: keys.roomName, password: keys.webrtcPassword, signalingUrls: [options.signalingUrl], iceServers: [] });
  const slot: ProductSlot = {
    kind: 'product',
    doc,
    provider: circle.provider,
    circle,
    view,
    circleId: options.circleId,
    contentKey: keys.contentKey,
    author: identity === null ? null : { identity, state: null },
    watches: new Map(),
    waiters: new Set(),
    connectedAt: undefined,
    destroy() {
      view.destroy();
      circle.destroy();
      doc.destroy();
    },
  };
  envelopesOf(doc).observe((event) => {
    const at = now();
    for (const key of event.keysChanged) {
      // Doc keys are `author/entryId`; markers are entry ids.
      const watch = typeof key === 'string' ? slot.watches.get(key.slice(key.indexOf('/') + 1)) : undefined;
      if (watch !== undefined && watch.docAt === undefined) watch.docAt = at;
    }
    notify(slot);
  });
  view.subscribe(() => {
    const at = now();
    let pending = 0;
    for (const watch of slot.watches.values()) if (watch.shownAt === undefined) pending += 1;
    if (pending > 0) {
      // Newest first: a new post is near the top, so the scan is short.
      for (const post of view.posts()) {
        const watch = slot.watches.get(post.ref.entryId);
        if (watch === undefined || watch.shownAt !== undefined) continue;
        watch.shownAt = at;
        pending -= 1;
        if (pending === 0) break;
      }
    }
    notify(slot);
  });
  watchConnections(slot);
  return slot;
}

function openRaw(options: RawRoomOptions): RawSlot {
  const doc = new Y.Doc();
  const provider = new WebrtcProvider(options.roomName, doc, {
    signaling: [options.signalingUrl],
    password: options.password,
    // Host candidates only: never simple-peer's public STUN default (TESTING.md).
    peerOpts: { config: { iceServers: [] } },
  });
  const map = doc.getMap<string>('entries');
  const slot: RawSlot = {
    kind: 'raw',
    doc,
    provider,
    map,
    watches: new Map(),
    waiters: new Set(),
    connectedAt: undefined,
    destroy() {
      provider.disconnect();
      provider.destroy();
      doc.destroy();
    },
  };
  map.observe((event) => {
    const at = now();
    for (const key of event.keysChanged) {
      const watch = typeof key === 'string' ? slot.watches.get(key) : undefined;
      if (watch !== undefined && watch.docAt === undefined) {
        watch.docAt = at;
        watch.shownAt = at;
      }
    }
    notify(slot);
  });
  watchConnections(slot);
  return slot;
}

async function open(name: string, options: SlotOptions): Promise<Slot> {
  if (slots.has(name)) throw new Error(`slot "${name}" is already open`);
  const slot = options.kind === 'product' ? await openProduct(options.circle) : openRaw(options.room);
  slots.set(name, slot);
  return slot;
}

function postBody(noteChars: number, sharedAt: number): PostBody {
  const note = 'Slept badly but the walk by the river helped; grateful for this group. '.repeat(Math.ceil(noteChars / 72)).slice(0, noteChars);
  return { kind: 'post', fields: { mood: 3, emotions: ['tired', 'hopeful'], note }, sharedAt };
}

async function seal(author: { readonly identity: DeviceIdentity; state: AuthorState | null }, slot: ProductSlot, entryId: string, noteChars: number): Promise<Envelope> {
  const at = Date.now();
  const { envelope, state } = await sealEnvelope(postBody(noteChars, at), {
    circleId: slot.circleId,
    epoch: 0,
    contentKey: slot.contentKey,
    identity: author.identity,
    entryId,
    previous: author.state,
    now: at,
  });
  author.state = state;
  return envelope;
}

function rawValue(marker: string, valueBytes: number): string {
  const head = `${marker}:`;
  return head + 'x'.repeat(Math.max(0, valueBytes - head.length));
}

function isConnSynced(conn: { synced: boolean; peer: unknown }): boolean {
  const peer = conn.peer;
  return conn.synced || (isFramedPeer(peer) && peer.syncedAt !== undefined);
}

const api: CirclesBenchApi = {
  async open(name, options) {
    await open(name, options);
  },
  close(name) {
    slots.get(name)?.destroy();
    slots.delete(name);
  },
  status(name): SlotStatus {
    const slot = slotOf(name);
    const conns = [...(slot.provider.room?.webrtcConns.values() ?? [])];
    return {
      peers: conns.filter((conn) => conn.connected && !conn.closed && isConnSynced(conn)).length,
      connections: conns.length,
      framed: conns.every((conn) => isFramedPeer(conn.peer)),
      watchdogRetries: slot.kind === 'product' ? slot.circle.watchdogRetries() : 0,
      ready: slot.kind === 'product' ? slot.view.membership() !== null : true,
    };
  },
  arm(name, marker) {
    slotOf(name).watches.set(marker, {});
  },
  seen(name, marker, timeoutMs) {
    const slot = slotOf(name);
    return until(slot, timeoutMs, `"${marker}" in slot ${name}`, (): SeenTimes | undefined => {
      const watch = slot.watches.get(marker);
      if (watch?.docAt === undefined || watch.shownAt === undefined) return undefined;
      slot.watches.delete(marker);
      return { docAt: watch.docAt, shownAt: watch.shownAt };
    });
  },
  async write(name, marker, valueBytes) {
    const slot = slotOf(name);
    const startAt = now();
    if (slot.kind === 'raw') {
      slot.map.set(marker, rawValue(marker, valueBytes));
      return { startAt, writtenAt: now() };
    }
    if (slot.author === null) throw new Error(`slot "${name}" has no identity to post with`);
    writeEnvelope(slot.doc, await seal(slot.author, slot, marker, valueBytes));
    return { startAt, writtenAt: now() };
  },
  async seed(name, count, valueBytes, authors) {
    const slot = slotOf(name);
    if (slot.kind === 'raw') {
      slot.doc.transact(() => {
        for (let index = 0; index < count; index += 1) slot.map.set(`seed-${String(index)}`, rawValue(`seed-${String(index)}`, valueBytes));
      });
      return { entries: slot.map.size, meanValueBytes: valueBytes, docUpdateBytes: Y.encodeStateAsUpdate(slot.doc).byteLength, localVerifyMs: 0 };
    }
    const writers = await Promise.all(authors.map(async (stored) => ({ identity: await importAuthor(stored), state: null as AuthorState | null })));
    if (writers.length === 0) throw new Error('seeding a product circle needs at least one author');
    const envelopes: Envelope[] = [];
    for (let index = 0; index < count; index += 1) {
      const writer = writers[index % writers.length];
      if (writer !== undefined) envelopes.push(await seal(writer, slot, newEntryId(), valueBytes));
    }
    const started = performance.now();
    slot.doc.transact(() => {
      for (const envelope of envelopes) writeEnvelope(slot.doc, envelope);
    });
    await slot.view.whenIdle();
    const localVerifyMs = performance.now() - started;
    const bytes = envelopes.reduce((sum, envelope) => sum + JSON.stringify(envelope).length, 0);
    return { entries: envelopesOf(slot.doc).size, meanValueBytes: bytes / Math.max(1, envelopes.length), docUpdateBytes: Y.encodeStateAsUpdate(slot.doc).byteLength, localVerifyMs };
  },
  async openAndReceive(name, options, expected, timeoutMs) {
    const openedAt = now();
    const slot = await open(name, options);
    const docSize = (): number => (slot.kind === 'product' ? envelopesOf(slot.doc).size : slot.map.size);
    let docCompleteAt: number | undefined;
    const shownSize = (): number => (slot.kind === 'product' ? slot.view.posts().length : slot.map.size);
    const shownAt = await until(slot, timeoutMs, `${String(expected)} entries in slot ${name}`, () => {
      const at = now();
      if (docCompleteAt === undefined && docSize() >= expected) docCompleteAt = at;
      return shownSize() >= expected ? at : undefined;
    });
    return { openedAt, connectedAt: slot.connectedAt ?? Number.NaN, docCompleteAt: docCompleteAt ?? shownAt, shownAt };
  },
  collectGarbage() {
    (globalThis as { gc?: () => void }).gc?.();
  },
  now,
};

window.hearthCirclesBench = api;
document.body.dataset.ready = 'true';
