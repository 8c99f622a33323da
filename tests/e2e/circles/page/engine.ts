// The circles engine test page: one device (real IndexedDB, real WebRTC through the test's relay) driven through window.hearthEngine.
import { CircleRecords } from '../../../../renderer/src/circles/engine/circleRecords';
import { CircleSession } from '../../../../renderer/src/circles/engine/circleSession';
import { loadDeviceIdentity } from '../../../../renderer/src/circles/engine/deviceIdentity';
import { createCircle, FacilitatorDesk } from '../../../../renderer/src/circles/engine/facilitator';
import { Joiner } from '../../../../renderer/src/circles/engine/joiner';
import { done, refuse } from '../../../../renderer/src/circles/engine/outcome';
import { pickSharedFields } from '../../../../renderer/src/circles/engine/sharedFields';
import { connectWebrtc } from '../../../../renderer/src/circles/engine/webrtcLink';
import { HearthDatabase } from '../../../../renderer/src/db/database';
import type { DeviceIdentity } from '../../../../shared/circles/identity';
import type { EnginePageApi } from './engineContract';

interface Device {
  readonly db: HearthDatabase;
  readonly identity: DeviceIdentity;
  readonly signalingUrl: string;
  readonly joiner: Joiner;
}

let device: Device | undefined;
let desk: FacilitatorDesk | undefined;
const sessions = new Map<string, CircleSession>();

function started(): Device {
  if (device === undefined) throw new Error('call start() first');
  return device;
}

function session(circleId: string): CircleSession {
  const found = sessions.get(circleId);
  if (found === undefined) throw new Error(`circle ${circleId} is not open on this device`);
  return found;
}

function openDesk(): FacilitatorDesk {
  if (desk === undefined) throw new Error('open the facilitator desk first');
  return desk;
}

const api: EnginePageApi = {
  async start({ databaseName, signalingUrl }) {
    if (device !== undefined) return refuse('this page has already started a device');
    const db = new HearthDatabase(databaseName);
    await db.open();
    const loaded = await loadDeviceIdentity(db);
    if (!loaded.ok) return refuse(loaded.message);
    const joiner = new Joiner({ db, identity: loaded.identity, connect: connectWebrtc, connection: () => Promise.resolve({ signalingUrls: [signalingUrl], iceServers: [] }) });
    await joiner.resume();
    device = { db, identity: loaded.identity, signalingUrl, joiner };
    return done({ keyId: loaded.identity.publicIdentity.keyId, fingerprint: loaded.fingerprint });
  },

  async createCircle({ name, charter, pseudonym }) {
    const { db, identity, signalingUrl } = started();
    const created = await createCircle({ db, identity }, { name, charter, pseudonym, signalingUrls: [signalingUrl], iceServers: [] });
    return created.ok ? done(created.value.circleId) : created;
  },

  async openCircle(circleId) {
    const { db, identity } = started();
    if (sessions.has(circleId)) return refuse('this circle is already open on this device');
    const found = await new CircleRecords(db).get(circleId);
    if (found === null) return refuse('no record of this circle on this device');
    if (!found.ok) return refuse(found.damaged.message);
    const opened = await CircleSession.open(found.record, { db, identity, connect: connectWebrtc });
    if (!opened.ok) return opened;
    sessions.set(circleId, opened.value);
    return done();
  },

  async closeCircle(circleId) {
    const open = session(circleId);
    if (desk !== undefined) {
      await desk.close();
      desk = undefined;
    }
    sessions.delete(circleId);
    await open.close();
  },

  async openDesk(circleId) {
    if (desk !== undefined) throw new Error('the facilitator desk is already open');
    desk = await FacilitatorDesk.open(session(circleId), { identity: started().identity, connect: connectWebrtc });
  },

  createInvite: (options) => openDesk().createInvite(options),
  invites: () => openDesk().listInvites(),
  requests: () => openDesk().requests(),
  approve: (requestId) => openDesk().approve(requestId),
  decline: (requestId) => openDesk().decline(requestId),

  join: (code, pseudonym) => started().joiner.join(code, pseudonym),
  joins: () => started().joiner.joins(),

  pickSharedFields: (checkIn, chosen) => pickSharedFields(checkIn, chosen),

  circleInfo: (circleId) => session(circleId).circleInfo(),
  needsCharterAcceptance: (circleId) => session(circleId).needsCharterAcceptance(),
  acceptCharter: (circleId) => session(circleId).acceptCharter(),
  share: (circleId, input) => session(circleId).share(input),
  reply: (circleId, parent, text) => session(circleId).reply(parent, text),
  react: (circleId, target, reaction) => session(circleId).react(target, reaction),
  posts: (circleId) => [...session(circleId).posts()],
  members: (circleId) => [...session(circleId).members()],
  online: (circleId) => [...session(circleId).online()].sort(),
  status: (circleId) => session(circleId).status(),

  secrets(circleId) {
    const record = session(circleId).record();
    const epochSecret = record.epochSecrets[String(record.epoch)];
    if (epochSecret === undefined) throw new Error('this device holds no secret for the circle’s current epoch');
    return { circleId, epoch: record.epoch, epochSecret };
  },

  async shutdown() {
    if (desk !== undefined) await desk.close();
    desk = undefined;
    for (const open of sessions.values()) await open.close();
    sessions.clear();
    if (device !== undefined) {
      await device.joiner.close();
      device.db.close();
    }
    device = undefined;
  },
};

window.hearthEngine = api;
document.body.dataset.ready = 'true';
