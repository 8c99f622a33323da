// Test support for the circles engine: an in-memory network that links Y.Docs in the same room on a shared
// relay (instead of WebRTC) and carries presence states between them like y-webrtc's awareness, devices that
// go offline and online, and a bounded wait.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import * as Y from 'yjs';
import type { DeviceIdentity } from '../../shared/circles/identity';
import type { PresenceTiming } from '../../shared/circles/presence';
import { CircleRecords } from '../../renderer/src/circles/engine/circleRecords';
import { CircleSession, type RekeyTiming } from '../../renderer/src/circles/engine/circleSession';
import { loadDeviceIdentity } from '../../renderer/src/circles/engine/deviceIdentity';
import { createCircle, FacilitatorDesk } from '../../renderer/src/circles/engine/facilitator';
import { Joiner } from '../../renderer/src/circles/engine/joiner';
import type { CircleLink, ConnectDoc, LinkStatus, PresenceStates, RoomSpec } from '../../renderer/src/circles/engine/link';
import { HearthDatabase } from '../../renderer/src/db/database';

const FROM_PEER = Symbol('memory-link');

interface Endpoint {
  readonly device: string;
  readonly doc: Y.Doc;
  readonly room: RoomSpec;
  readonly peers: Set<Endpoint>;
  readonly listeners: Set<(status: LinkStatus) => void>;
  lastSyncedAt: number | null;
  readonly onUpdate: (update: Uint8Array, origin: unknown) => void;
  /** What this endpoint tells its peers about itself, as awareness would carry it (null: nothing). */
  presence: unknown;
  /** Other endpoints' presence as last heard, by their doc's client id (awareness keys states by it). */
  readonly heard: Map<number, unknown>;
  readonly presenceListeners: Set<(states: PresenceStates) => void>;
}

/** A link as a peer could drive it: `setRawPresence` puts any value in its presence state, as a hostile peer can. */
export interface MemoryLink extends CircleLink {
  setRawPresence(state: unknown): void;
}

/** Docs in the same room (with the same password, on a relay both name) on online devices are linked, full mesh. */
export class MemoryNetwork {
  private readonly rooms = new Map<string, Set<Endpoint>>();
  private readonly offline = new Set<string>();
  /** Every room name any device asked for, to check nothing derived from secrets leaks in a name. */
  readonly roomsSeen = new Set<string>();

  connectFor(device: string): ConnectDoc {
    return (doc, room) => this.connect(device, doc, room);
  }

  /** Joins a doc to a room directly, for tests that play a peer the engine does not drive. */
  join(device: string, doc: Y.Doc, room: RoomSpec): MemoryLink {
    return this.connect(device, doc, room);
  }

  setOnline(device: string, online: boolean): void {
    if (online) this.offline.delete(device);
    else this.offline.add(device);
    for (const endpoints of this.rooms.values()) {
      for (const endpoint of endpoints) {
        if (endpoint.device !== device) continue;
        if (online) for (const other of endpoints) this.link(endpoint, other);
        else for (const peer of [...endpoint.peers]) this.unlink(endpoint, peer, 'dropped');
      }
    }
  }

  private connect(device: string, doc: Y.Doc, room: RoomSpec): MemoryLink {
    this.roomsSeen.add(room.roomName);
    const endpoint: Endpoint = {
      device,
      doc,
      room,
      peers: new Set(),
      listeners: new Set(),
      lastSyncedAt: null,
      presence: null,
      heard: new Map(),
      presenceListeners: new Set(),
      onUpdate: (update, origin) => {
        if (origin === FROM_PEER) return; // full mesh: every peer already got it from its writer
        for (const peer of endpoint.peers) {
          Y.applyUpdate(peer.doc, update, FROM_PEER);
          peer.lastSyncedAt = Date.now();
          emit(peer);
        }
      },
    };
    doc.on('update', endpoint.onUpdate);
    const endpoints = this.rooms.get(room.roomName) ?? new Set<Endpoint>();
    this.rooms.set(room.roomName, endpoints);
    endpoints.add(endpoint);
    for (const other of endpoints) this.link(endpoint, other);
    const setRawPresence = (state: unknown): void => {
      endpoint.presence = state;
      for (const peer of endpoint.peers) hear(peer, endpoint);
    };
    return {
      status: () => statusOf(endpoint),
      onStatus(listener) {
        endpoint.listeners.add(listener);
        return () => endpoint.listeners.delete(listener);
      },
      setPresence: setRawPresence,
      setRawPresence,
      presence: () => presenceOf(endpoint),
      onPresence(listener) {
        endpoint.presenceListeners.add(listener);
        return () => endpoint.presenceListeners.delete(listener);
      },
      destroy: () => {
        doc.off('update', endpoint.onUpdate);
        for (const peer of [...endpoint.peers]) this.unlink(endpoint, peer, 'left');
        endpoints.delete(endpoint);
        endpoint.listeners.clear();
        endpoint.presenceListeners.clear();
      },
    };
  }

  private link(a: Endpoint, b: Endpoint): void {
    if (a === b || a.device === b.device || a.peers.has(b)) return;
    if (this.offline.has(a.device) || this.offline.has(b.device) || a.room.password !== b.room.password) return;
    // Like the relays: two devices meet only through a relay both of them use.
    if (!a.room.signalingUrls.some((url) => b.room.signalingUrls.includes(url))) return;
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc), FROM_PEER);
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc), FROM_PEER);
    a.peers.add(b);
    b.peers.add(a);
    const now = Date.now();
    a.lastSyncedAt = now;
    b.lastSyncedAt = now;
    emit(a);
    emit(b);
    hear(a, b);
    hear(b, a);
  }

  /**
   * As y-webrtc does: a device that leaves takes its presence back, but after a dropped connection the other
   * side keeps what it last heard (awareness only times it out after 30 s).
   */
  private unlink(a: Endpoint, b: Endpoint, how: 'left' | 'dropped'): void {
    a.peers.delete(b);
    b.peers.delete(a);
    emit(a);
    emit(b);
    if (how === 'left') {
      a.heard.delete(b.doc.clientID);
      b.heard.delete(a.doc.clientID);
      emitPresence(a);
      emitPresence(b);
    }
  }
}

function statusOf(endpoint: Endpoint): LinkStatus {
  return { peers: endpoint.peers.size, lastSyncedAt: endpoint.lastSyncedAt, closedForDamageAt: null };
}

function emit(endpoint: Endpoint): void {
  const status = statusOf(endpoint);
  for (const listener of [...endpoint.listeners]) listener(status);
}

function presenceOf(endpoint: Endpoint): PresenceStates {
  return new Map(endpoint.heard);
}

/** `listener` hears `speaker`'s current presence; null (said nothing, or took it back) removes it. */
function hear(listener: Endpoint, speaker: Endpoint): void {
  if (speaker.presence === null) listener.heard.delete(speaker.doc.clientID);
  else listener.heard.set(speaker.doc.clientID, speaker.presence);
  emitPresence(listener);
}

function emitPresence(endpoint: Endpoint): void {
  const states = presenceOf(endpoint);
  for (const listener of [...endpoint.presenceListeners]) listener(states);
}

/** Polls until `check` is true; fails with `what` after `timeoutMs`. */
export async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const opened: HearthDatabase[] = [];

/** A fresh database with a unique name; deleteTestDatabases() removes them all. */
export function testDatabase(name = `circles-engine-${String(Math.random()).slice(2)}`): HearthDatabase {
  const db = new HearthDatabase(name);
  opened.push(db);
  return db;
}

export async function deleteTestDatabases(): Promise<void> {
  const all = opened.splice(0);
  for (const db of all) db.close();
  for (const name of new Set(all.map((db) => db.name))) await Dexie.delete(name);
}

// ---- Devices and a ready-made circle ----

export interface TestDevice {
  readonly name: string;
  readonly db: HearthDatabase;
  readonly identity: DeviceIdentity;
  readonly connect: ConnectDoc;
}

export async function makeDevice(network: MemoryNetwork, name: string, db: HearthDatabase = testDatabase()): Promise<TestDevice> {
  const loaded = await loadDeviceIdentity(db);
  if (!loaded.ok) throw new Error(loaded.message);
  return { name, db, identity: loaded.identity, connect: network.connectFor(name) };
}

export const RELAY = ['ws://127.0.0.1:4444'];

export function joinerFor(device: TestDevice, options: { waitingAfterMs?: number; now?: () => number; signalingUrls?: readonly string[] } = {}): Joiner {
  const { signalingUrls = RELAY, ...rest } = options;
  return new Joiner({ db: device.db, identity: device.identity, connect: device.connect, connection: () => Promise.resolve({ signalingUrls, iceServers: [] }), ...rest });
}

export interface SessionOptions {
  /** The clock for claimed times and presence (tests fix it). */
  readonly now?: () => number;
  readonly presenceTiming?: PresenceTiming;
  readonly rekeyTiming?: RekeyTiming;
}

export async function openSession(device: TestDevice, circleId: string, options: SessionOptions = {}): Promise<CircleSession> {
  const found = await new CircleRecords(device.db).get(circleId);
  if (!found?.ok) throw new Error(`no readable record for ${circleId} on ${device.name}`);
  const opened = await CircleSession.open(found.record, { db: device.db, identity: device.identity, connect: device.connect, ...options });
  if (!opened.ok) throw new Error(opened.message);
  return opened.value;
}

export interface TestCircleSetup {
  readonly facilitator: TestDevice;
  readonly session: CircleSession;
  readonly desk: FacilitatorDesk;
  readonly circleId: string;
}

/** A circle founded on a facilitator's device, with its session and desk open. */
export async function foundTestCircle(network: MemoryNetwork, options: SessionOptions = {}): Promise<TestCircleSetup> {
  const now = options.now;
  const facilitator = await makeDevice(network, 'facilitator');
  const created = await createCircle(
    { db: facilitator.db, identity: facilitator.identity, ...(now === undefined ? {} : { now }) },
    { name: 'Tuesday evening circle', charter: 'Be kind. What is shared here stays here.', pseudonym: 'Sam', signalingUrls: RELAY, iceServers: [] },
  );
  if (!created.ok) throw new Error(created.message);
  const circleId = created.value.circleId;
  const session = await openSession(facilitator, circleId, options);
  const desk = await FacilitatorDesk.open(session, { identity: facilitator.identity, connect: facilitator.connect, ...(now === undefined ? {} : { now }) });
  return { facilitator, session, desk, circleId };
}

/** A member joins through a fresh invite, approved by the facilitator; returns their open session (charter accepted). */
export async function joinMember(setup: TestCircleSetup, device: TestDevice, pseudonym: string, options: SessionOptions = {}): Promise<CircleSession> {
  const invite = await setup.desk.createInvite();
  if (!invite.ok) throw new Error(invite.message);
  const joiner = joinerFor(device);
  const started = await joiner.join(invite.value.link, pseudonym);
  if (!started.ok) throw new Error(started.message);
  await waitUntil('the join request reaches the facilitator', () => setup.desk.requests().some((request) => request.pseudonym === pseudonym));
  const request = setup.desk.requests().find((item) => item.pseudonym === pseudonym);
  if (!request) throw new Error('no request');
  const approved = await setup.desk.approve(request.requestId);
  if (!approved.ok) throw new Error(approved.message);
  await waitUntil('the joiner is in', () => joiner.joins().some((join) => join.state === 'joined'));
  await joiner.close();
  const session = await openSession(device, setup.circleId, options);
  const accepted = await session.acceptCharter();
  if (!accepted.ok) throw new Error(accepted.message);
  return session;
}
