// "Host a relay on this computer": runs Hearth's signaling relay inside the app, remembers the person's choice
// in userData, and decides which addresses it binds, serves and shows. Off unless the person turns it on;
// then only this computer, unless they also let others on their network connect.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { NetworkInterfaceInfo } from 'node:os';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { RelayHostChoice, RelayHostStatus } from '@shared/ipc/contract';
import type { Relay, RelayOptions } from '../../signaling/relay';
import { createLogger } from './log';

const log = createLogger('relay-host');

export const RELAY_HOST_FILE = 'relay-host.json';
/** The port of the default relay address in settings (ws://127.0.0.1:4444), so hosting makes the default work. */
export const RELAY_HOST_PORT = 4444;
// A circle on one network is a handful of people; this bounds what a misbehaving device nearby can take.
const MAX_CONNECTIONS = 256;

export const DEFAULT_RELAY_HOST_CHOICE: RelayHostChoice = { enabled: false, shareOnNetwork: false };

const StoredChoiceSchema = z.object({ enabled: z.boolean().catch(false), shareOnNetwork: z.boolean().catch(false) });

export interface RelayHostDeps {
  /** signaling/relay's createRelay: a fresh relay each time hosting starts (a closed one can't listen again). */
  readonly createRelay: (options: RelayOptions) => Relay;
  /** node:os networkInterfaces, read whenever the status is asked for, so a changed network shows. */
  readonly networkInterfaces: () => NodeJS.Dict<NetworkInterfaceInfo[]>;
  /** Where the choice is remembered: userData/relay-host.json. */
  readonly stateFile: string;
  /** Tests pass 0 for a free port; the app uses RELAY_HOST_PORT. */
  readonly port?: number;
}

export interface RelayHost {
  /** At start-up: starts the relay if the person left hosting on. */
  start(): Promise<RelayHostStatus>;
  status(): RelayHostStatus;
  /** Remembers the choice and applies it: starts, restarts on other addresses, or stops the relay. */
  configure(choice: RelayHostChoice): Promise<RelayHostStatus>;
  /** Stops the relay (on quit); the remembered choice stays as it is. */
  stop(): Promise<void>;
  isRunning(): boolean;
}

/** Reads the remembered choice; a missing or damaged file means off. */
export function readRelayHostChoice(file: string): RelayHostChoice {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) log.warn('could not read the relay setting; hosting stays off', error);
    return DEFAULT_RELAY_HOST_CHOICE;
  }
  try {
    const parsed = StoredChoiceSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : DEFAULT_RELAY_HOST_CHOICE;
  } catch (error) {
    log.warn('the relay setting file is damaged; hosting stays off', error);
    return DEFAULT_RELAY_HOST_CHOICE;
  }
}

/** Writes the choice atomically (a temporary file renamed over the old one). */
export function writeRelayHostChoice(file: string, choice: RelayHostChoice): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${String(process.pid)}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ enabled: choice.enabled, shareOnNetwork: choice.shareOnNetwork })}\n`, 'utf8');
  renameSync(temporary, file);
}

function ipv4Parts(address: string): number[] | null {
  const plain = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : address;
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(plain);
  if (!match) return null;
  const parts = match.slice(1).map(Number);
  return parts.every((part) => part <= 255) ? parts : null;
}

/** A home or office network address (RFC 1918): the kind shown to people nearby. */
export function isPrivateNetworkAddress(address: string): boolean {
  const [a = -1, b = -1] = ipv4Parts(address) ?? [];
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

/**
 * Who a relay open to the network serves: this computer, and devices on the same home or office network
 * (private and link-local addresses). Anyone reaching it from the wider internet is refused, so a laptop
 * with a public address doesn't become a relay for strangers.
 */
export function isOwnNetworkAddress(address: string): boolean {
  if (address === '::1') return true;
  const parts = ipv4Parts(address);
  if (!parts) return false;
  const [a, b] = parts;
  return a === 127 || (a === 169 && b === 254) || isPrivateNetworkAddress(address);
}

/** The ws:// addresses people nearby can use: this computer's private IPv4 addresses, each once. */
export function networkRelayUrls(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>, port: number): string[] {
  const urls = new Set<string>();
  for (const entries of Object.values(interfaces)) {
    for (const entry of entries ?? []) {
      // Node before 18 reported the family as a number.
      const family: unknown = entry.family;
      if ((family === 'IPv4' || family === 4) && !entry.internal && isPrivateNetworkAddress(entry.address)) urls.add(`ws://${entry.address}:${String(port)}`);
    }
  }
  return [...urls];
}

function problemFor(error: unknown, port: number): string {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  if (code === 'EADDRINUSE') {
    return `Port ${String(port)} on this computer is already in use, perhaps by another relay, so Hearth couldn’t start its own. If another relay is running there, circles can use it as it is.`;
  }
  if (code === 'EACCES') return `This computer didn’t let Hearth use port ${String(port)}, so the relay couldn’t start.`;
  return `The relay couldn’t start${code === '' ? '' : ` (${code})`}. Turn it off and on again to retry.`;
}

export function createRelayHost(deps: RelayHostDeps): RelayHost {
  const port = deps.port ?? RELAY_HOST_PORT;
  let choice = readRelayHostChoice(deps.stateFile);
  let running: { relay: Relay; port: number; shareOnNetwork: boolean } | null = null;
  let problem: string | null = null;
  // Starts and stops happen one at a time, in the order asked.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const result = queue.then(task);
    queue = result.catch(() => undefined);
    return result;
  };

  const status = (): RelayHostStatus => {
    const state = running ? 'running' : problem === null ? 'off' : 'failed';
    const shown = running?.shareOnNetwork ? networkRelayUrls(deps.networkInterfaces(), running.port) : [];
    const nowhere = running?.shareOnNetwork === true && shown.length === 0;
    return {
      enabled: choice.enabled,
      shareOnNetwork: choice.shareOnNetwork,
      state,
      localUrl: running ? `ws://127.0.0.1:${String(running.port)}` : null,
      networkUrls: shown,
      problem: nowhere ? 'This computer isn’t on a home or office network right now, so only this computer can use the relay.' : problem,
    };
  };

  const halt = async (): Promise<void> => {
    const current = running;
    running = null;
    if (current) await current.relay.close();
  };

  const apply = async (): Promise<void> => {
    if (!choice.enabled) {
      problem = null;
      await halt();
      return;
    }
    if (running && running.shareOnNetwork === choice.shareOnNetwork) return;
    await halt();
    const shareOnNetwork = choice.shareOnNetwork;
    const relay = deps.createRelay({
      // Wide only when asked, and even then only this computer's own networks are served.
      host: shareOnNetwork ? '0.0.0.0' : '127.0.0.1',
      port,
      maxConnections: MAX_CONNECTIONS,
      ...(shareOnNetwork ? { acceptFrom: isOwnNetworkAddress } : {}),
      log: { info: (message) => log.info(message), warn: (message) => log.warn(message), error: (message) => log.error(message) },
    });
    try {
      const address = await relay.listen();
      running = { relay, port: address.port, shareOnNetwork };
      problem = null;
      log.info(shareOnNetwork ? 'hosting a relay for this computer and its network' : 'hosting a relay for this computer');
    } catch (error) {
      problem = problemFor(error, port);
      log.warn('the relay could not start', error);
      await relay.close();
    }
  };

  return {
    start: () =>
      serial(async () => {
        await apply();
        return status();
      }),
    status,
    configure: (next) =>
      serial(async () => {
        choice = { enabled: next.enabled, shareOnNetwork: next.shareOnNetwork };
        try {
          writeRelayHostChoice(deps.stateFile, choice);
        } catch (error) {
          // The choice still applies now; only the next start won't remember it.
          log.warn('could not remember the relay setting', error);
        }
        await apply();
        return status();
      }),
    stop: () => serial(halt),
    isRunning: () => running !== null,
  };
}
