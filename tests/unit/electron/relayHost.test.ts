// Hosting the relay in the desktop app: off by default, on for this computer or its network, remembered across
// starts, a busy port explained, stopped on quit. Real relays on 127.0.0.1 (free ports); fake network cards.
import { createServer, type Server } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { NetworkInterfaceInfo } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setLogSink, type LogSink } from '../../../electron/main/log';
import {
  createRelayHost,
  isOwnNetworkAddress,
  isPrivateNetworkAddress,
  networkRelayUrls,
  RELAY_HOST_FILE,
  type RelayHost,
  type RelayHostDeps,
} from '../../../electron/main/relayHost';
import { createRelay, type RelayOptions } from '../../../signaling/relay';
import { silentLog } from '../../../signaling/log';
import { RelayTestClient, assertPairStillWorks, within } from '../../support/relay';

let previousSink: LogSink;
beforeAll(() => {
  previousSink = setLogSink(null);
});
afterAll(() => {
  setLogSink(previousSink);
});

const card = (address: string, family: 'IPv4' | 'IPv6', internal = false): NetworkInterfaceInfo =>
  ({ address, family, internal, netmask: '255.255.255.0', mac: '00:00:00:00:00:00', cidr: null, ...(family === 'IPv6' ? { scopeid: 0 } : {}) }) as NetworkInterfaceInfo;

const HOME_NETWORK: NodeJS.Dict<NetworkInterfaceInfo[]> = {
  lo: [card('127.0.0.1', 'IPv4', true), card('::1', 'IPv6', true)],
  wlan0: [card('192.168.1.20', 'IPv4'), card('fe80::1c2a', 'IPv6')],
  eth0: [card('10.0.0.7', 'IPv4')],
  // A public address: never shown, and clients from such addresses are refused.
  wan0: [card('203.0.113.5', 'IPv4')],
};

let directory: string;
let hosts: RelayHost[] = [];
let blockers: Server[] = [];
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'hearth-relay-host-'));
});
afterEach(async () => {
  await Promise.all(hosts.map((host) => host.stop()));
  await Promise.all(blockers.map((server) => new Promise((resolve) => server.close(resolve))));
  hosts = [];
  blockers = [];
  rmSync(directory, { recursive: true, force: true });
});

interface Harness {
  readonly host: RelayHost;
  /** Options of every relay created, as the host asked for them. */
  readonly created: RelayOptions[];
  readonly stateFile: string;
}

/**
 * A relay host over the real createRelay. Relays always bind 127.0.0.1 here, whatever the host asks for
 * (recorded in `created`), so no test opens a port beyond this computer.
 */
function harness(options: { port?: number; interfaces?: NodeJS.Dict<NetworkInterfaceInfo[]> } = {}): Harness {
  const created: RelayOptions[] = [];
  const stateFile = join(directory, RELAY_HOST_FILE);
  const deps: RelayHostDeps = {
    createRelay: (relayOptions) => {
      created.push(relayOptions);
      return createRelay({ ...relayOptions, host: '127.0.0.1', log: silentLog });
    },
    networkInterfaces: () => options.interfaces ?? HOME_NETWORK,
    stateFile,
    port: options.port ?? 0,
  };
  const host = createRelayHost(deps);
  hosts.push(host);
  return { host, created, stateFile };
}

const remembered = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

async function busyPort(): Promise<number> {
  const server = createServer();
  blockers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

async function refused(url: string): Promise<boolean> {
  try {
    const client = await within(RelayTestClient.open(url), 2000, 'a connection attempt');
    await client.close();
    return false;
  } catch {
    // Connection refused (nothing listens) or the upgrade was turned down: either way, not served.
    return true;
  }
}

describe('the hosted relay', () => {
  it('is off by default and starts nothing', async () => {
    const { host, created } = harness();
    expect(await host.start()).toEqual({ enabled: false, shareOnNetwork: false, state: 'off', localUrl: null, networkUrls: [], problem: null });
    expect(created).toEqual([]);
    expect(host.isRunning()).toBe(false);
  });

  it('serves this computer when turned on, only on loopback, and remembers that', async () => {
    const { host, created, stateFile } = harness();
    const status = await host.configure({ enabled: true, shareOnNetwork: false });
    expect(status).toMatchObject({ enabled: true, shareOnNetwork: false, state: 'running', networkUrls: [], problem: null });
    expect(status.localUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ host: '127.0.0.1' });
    expect(created[0]?.acceptFrom).toBeUndefined();
    await assertPairStillWorks(status.localUrl ?? '');
    expect(remembered(stateFile)).toEqual({ enabled: true, shareOnNetwork: false });

    // The next start of the app brings it back by itself.
    await host.stop();
    const again = createRelayHost({ createRelay: (options) => createRelay({ ...options, host: '127.0.0.1', log: silentLog }), networkInterfaces: () => HOME_NETWORK, stateFile, port: 0 });
    hosts.push(again);
    const restarted = await again.start();
    expect(restarted.state).toBe('running');
    await assertPairStillWorks(restarted.localUrl ?? '');
  });

  it('opens to the network only when asked: binds every interface, serves only private addresses, shows those', async () => {
    const { host, created } = harness();
    const status = await host.configure({ enabled: true, shareOnNetwork: true });
    const port = Number(/:(\d+)$/.exec(status.localUrl ?? '')?.[1]);
    expect(status.networkUrls).toEqual([`ws://192.168.1.20:${String(port)}`, `ws://10.0.0.7:${String(port)}`]);
    const asked = created[0];
    expect(asked?.host).toBe('0.0.0.0');
    expect(asked?.acceptFrom).toBe(isOwnNetworkAddress);
    // Loopback clients are still served through the filter.
    await assertPairStillWorks(status.localUrl ?? '');

    // Back to this computer only: a fresh relay on loopback, without the network addresses.
    const narrowed = await host.configure({ enabled: true, shareOnNetwork: false });
    expect(created.map((options) => options.host)).toEqual(['0.0.0.0', '127.0.0.1']);
    expect(narrowed.networkUrls).toEqual([]);
    expect(await refused(status.localUrl ?? '')).toBe(narrowed.localUrl !== status.localUrl);
  });

  it('says so when open to the network but the computer has no home or office network address', async () => {
    const { host } = harness({ interfaces: { lo: [card('127.0.0.1', 'IPv4', true)], wan0: [card('203.0.113.5', 'IPv4')] } });
    const status = await host.configure({ enabled: true, shareOnNetwork: true });
    expect(status).toMatchObject({ state: 'running', networkUrls: [], problem: 'This computer isn’t on a home or office network right now, so only this computer can use the relay.' });
  });

  it('explains a port already in use, keeps the choice, and starts once the port is free', async () => {
    const port = await busyPort();
    const { host, stateFile } = harness({ port });
    const status = await host.configure({ enabled: true, shareOnNetwork: false });
    expect(status).toEqual({
      enabled: true,
      shareOnNetwork: false,
      state: 'failed',
      localUrl: null,
      networkUrls: [],
      problem: `Port ${String(port)} on this computer is already in use, perhaps by another relay, so Hearth couldn’t start its own. If another relay is running there, circles can use it as it is.`,
    });
    expect(remembered(stateFile)).toEqual({ enabled: true, shareOnNetwork: false });
    await Promise.all(blockers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
    const retried = await host.configure({ enabled: true, shareOnNetwork: false });
    expect(retried).toMatchObject({ state: 'running', localUrl: `ws://127.0.0.1:${String(port)}`, problem: null });
  });

  it('stops when turned off and on quit; connected clients hear “going away”', async () => {
    const { host, stateFile } = harness();
    const { localUrl } = await host.configure({ enabled: true, shareOnNetwork: false });
    const client = await RelayTestClient.open(localUrl ?? '');
    await host.stop();
    expect(await within(client.closed, 3000, 'the client to be closed')).toMatchObject({ code: 1001 });
    expect(host.isRunning()).toBe(false);
    // Quitting is not a choice: the next start brings the relay back.
    expect(remembered(stateFile)).toEqual({ enabled: true, shareOnNetwork: false });

    const { localUrl: second } = await host.configure({ enabled: true, shareOnNetwork: false });
    expect(await host.configure({ enabled: false, shareOnNetwork: false })).toMatchObject({ state: 'off', localUrl: null });
    expect(await refused(second ?? '')).toBe(true);
    expect(remembered(stateFile)).toEqual({ enabled: false, shareOnNetwork: false });
  });

  it('applies quick changes in order, leaving exactly one relay for the last choice', async () => {
    const { host, created } = harness();
    const results = await Promise.all([
      host.configure({ enabled: true, shareOnNetwork: false }),
      host.configure({ enabled: false, shareOnNetwork: false }),
      host.configure({ enabled: true, shareOnNetwork: true }),
    ]);
    expect(results.map((status) => status.state)).toEqual(['running', 'off', 'running']);
    expect(created.map((options) => options.host)).toEqual(['127.0.0.1', '0.0.0.0']);
    expect(await refused(results[0]?.localUrl ?? '')).toBe(results[0]?.localUrl !== results[2]?.localUrl);
    await assertPairStillWorks(results[2]?.localUrl ?? '');
  });

  it('reads a damaged or strange state file as off', async () => {
    for (const text of ['{not json', '"on"', '{"enabled":"yes"}', '']) {
      const stateFile = join(directory, RELAY_HOST_FILE);
      writeFileSync(stateFile, text);
      const { host, created } = harness();
      expect(await host.start()).toMatchObject({ enabled: false, state: 'off' });
      expect(created).toEqual([]);
    }
  });
});

describe('which addresses count as this computer’s network', () => {
  it('shows only private IPv4 addresses of real network cards, each once', () => {
    expect(networkRelayUrls(HOME_NETWORK, 4444)).toEqual(['ws://192.168.1.20:4444', 'ws://10.0.0.7:4444']);
    expect(networkRelayUrls({ a: [card('172.16.0.2', 'IPv4')], b: [card('172.16.0.2', 'IPv4'), card('172.32.0.1', 'IPv4')] }, 1)).toEqual(['ws://172.16.0.2:1']);
    expect(networkRelayUrls({}, 4444)).toEqual([]);
  });

  it('serves loopback, private and link-local clients, and refuses the rest', () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.0.10', '::ffff:192.168.0.10', '169.254.10.20']) {
      expect([address, isOwnNetworkAddress(address)]).toEqual([address, true]);
    }
    for (const address of ['203.0.113.5', '8.8.8.8', '172.32.0.1', '172.15.0.1', '100.64.0.1', '192.169.0.1', '2001:db8::1', '', 'garbage', '999.1.1.1']) {
      expect([address, isOwnNetworkAddress(address)]).toEqual([address, false]);
    }
    expect(isPrivateNetworkAddress('169.254.10.20')).toBe(false);
    expect(isPrivateNetworkAddress('127.0.0.1')).toBe(false);
  });
});
