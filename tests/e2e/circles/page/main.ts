// The circles test page: one Y.Doc and one circle provider per page, driven through window.hearthCircles.
import * as Y from 'yjs';
import { createCircleProvider, type CircleProvider } from '../../../../renderer/src/circles/transport/circleProvider';
import { isFramedPeer } from '../../../../renderer/src/circles/transport/chunkedPeer';
import type { CirclesPageApi } from './contract';

const now = (): number => performance.timeOrigin + performance.now();

let doc: Y.Doc | undefined;
let circle: CircleProvider | undefined;
const seen = new Map<string, number>();
const armed = new Set<string>();

/**
 * Test entries, each a small record: the provider stages every peer update and lets only flat maps of plain,
 * bounded records into the doc (shared/circles/docValues.ts), as a circle doc holds.
 */
interface Entry {
  readonly text: string;
}

function entries(): Y.Map<Entry> {
  if (doc === undefined) throw new Error('open a circle first');
  return doc.getMap<Entry>('entries');
}

function opened(): CircleProvider {
  if (circle === undefined) throw new Error('open a circle first');
  return circle;
}

function until<T>(timeoutMs: number, what: string, check: () => T | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const first = check();
    if (first !== undefined) {
      resolve(first);
      return;
    }
    const map = entries();
    const onChange = (): void => {
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
      map.unobserve(onChange);
    };
    map.observe(onChange);
  });
}

/** simple-peer keeps the RTCConfiguration it built the connection with in `config`. */
function configuredIceServers(peer: unknown): RTCIceServer[] {
  const config = (peer as { config?: RTCConfiguration } | null)?.config;
  return config?.iceServers ?? [];
}

const api: CirclesPageApi = {
  open({ roomName, password, signalingUrls, iceServers = [] }) {
    if (circle !== undefined) throw new Error('a circle is already open on this page');
    doc = new Y.Doc();
    entries().observe((event) => {
      const at = now();
      for (const key of event.keysChanged) {
        if (typeof key === 'string' && armed.has(key) && !seen.has(key)) seen.set(key, at);
      }
    });
    circle = createCircleProvider({ doc, roomName, password, signalingUrls, iceServers });
  },
  connect: () => opened().provider.connect(),
  disconnect: () => opened().provider.disconnect(),
  close() {
    circle?.destroy();
    doc?.destroy();
    circle = undefined;
    doc = undefined;
  },
  set(key, value) {
    const at = now();
    entries().set(key, { text: value });
    return at;
  },
  fill(prefix, count, valueBytes) {
    const map = entries();
    map.doc?.transact(() => {
      for (let index = 0; index < count; index += 1) {
        const head = `${prefix}${String(index)}:`;
        map.set(`${prefix}${String(index)}`, { text: head + 'x'.repeat(Math.max(0, valueBytes - head.length)) });
      }
    });
  },
  size: () => entries().size,
  get: (key) => entries().get(key)?.text ?? null,
  arm(key) {
    armed.add(key);
    seen.delete(key);
  },
  observed: (key, timeoutMs) => until(timeoutMs, `key ${key}`, () => seen.get(key)),
  waitForSize: (size, timeoutMs) => until(timeoutMs, `${String(size)} entries`, () => (entries().size >= size ? now() : undefined)),
  status() {
    const current = opened();
    const conns = [...(current.provider.room?.webrtcConns.values() ?? [])];
    return {
      ...current.status(),
      connections: conns.length,
      watchdogRetries: current.watchdogRetries(),
      framed: conns.every((conn) => isFramedPeer(conn.peer)),
      iceServers: conns.map((conn) => configuredIceServers(conn.peer)),
    };
  },
  now,
};

window.hearthCircles = api;
document.body.dataset.ready = 'true';
