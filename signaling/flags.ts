// Command-line flags of the relay: parsed into RelayOptions, with messages a person can act on.
import { parseArgs } from 'node:util';
import { isIP } from 'node:net';
import { relayLimits, type RelayLimitName, type RelayOptions } from './relay';

interface NumericFlag {
  readonly limit: RelayLimitName;
  /** Flag units per option unit: the idle timeout is given in seconds but kept in milliseconds. */
  readonly perSecond?: true;
  readonly help: string;
}

const numericFlags = {
  port: { limit: 'port', help: 'port to listen on (0 picks a free one)' },
  'max-frame-bytes': { limit: 'maxFrameBytes', help: 'largest frame a client may send; larger ones close it' },
  'max-topics-per-connection': { limit: 'maxTopicsPerConnection', help: 'rooms one connection may join' },
  'max-topic-length': { limit: 'maxTopicLength', help: 'longest room name, in characters' },
  'max-connections': { limit: 'maxConnections', help: 'open connections at once; more are refused (503)' },
  'max-topics': { limit: 'maxTopics', help: 'rooms in use at once across all connections' },
  rate: { limit: 'ratePerSecond', help: 'messages per second each connection may send' },
  burst: { limit: 'burst', help: 'messages a connection may send at once before the rate applies' },
  'idle-timeout-seconds': { limit: 'idleTimeoutMs', perSecond: true, help: 'close connections silent this long' },
  'max-buffered-bytes': { limit: 'maxBufferedBytes', help: 'bytes queued for one slow reader before dropping' },
} as const satisfies Record<string, NumericFlag>;

const flagTable: Readonly<Record<string, NumericFlag>> = numericFlags;

export type CliCommand = { kind: 'help'; text: string } | { kind: 'run'; options: RelayOptions & { host: string } };

/** A mistake in the command line, with a message that says how to fix it. */
export class UsageError extends Error {
  override name = 'UsageError';
}

function bounds(flag: NumericFlag): { min: number; max: number; default: number } {
  const bound = relayLimits[flag.limit];
  if (flag.perSecond !== true) return bound;
  return { min: Math.ceil(bound.min / 1000), max: Math.floor(bound.max / 1000), default: bound.default / 1000 };
}

export function usage(): string {
  const lines = [
    'Hearth signaling relay: introduces y-webrtc peers to each other. It sees only opaque room names',
    'and encrypted handshakes. See signaling/README.md.',
    '',
    'Usage: npm run signaling -- [flags]',
    '',
    '  --host <address>                  interface to bind (default 127.0.0.1; 0.0.0.0 for every interface)',
  ];
  for (const [name, flag] of Object.entries(flagTable)) {
    const { min, max, default: fallback } = bounds(flag);
    lines.push(`  --${`${name} <n>`.padEnd(32)}${flag.help} (default ${fallback}; ${min}–${max})`);
  }
  lines.push('  --help                            show this text');
  return `${lines.join('\n')}\n`;
}

export function parseFlags(args: readonly string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        host: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        ...Object.fromEntries(Object.keys(flagTable).map((name) => [name, { type: 'string' } as const])),
      },
    });
  } catch (error) {
    // parseArgs explains unknown flags and missing values well; keep its words, add the way out.
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}. Run with --help for the list of flags.`);
  }
  const values: Record<string, string | boolean | undefined> = parsed.values;
  if (values['help'] === true) return { kind: 'help', text: usage() };

  const host = values['host'] ?? '127.0.0.1';
  if (typeof host !== 'string' || host.length === 0 || /\s/.test(host)) {
    throw new UsageError('--host needs a host name or IP address, such as 127.0.0.1 or 0.0.0.0.');
  }
  const options: RelayOptions & { host: string } = { host };
  for (const [name, flag] of Object.entries(flagTable)) {
    const raw = values[name];
    if (typeof raw !== 'string') continue;
    const { min, max } = bounds(flag);
    const value = /^\d{1,10}$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got "${raw}").`);
    }
    options[flag.limit] = flag.perSecond === true ? value * 1000 : value;
  }
  return { kind: 'run', options };
}

/** Loopback means only this computer can connect; anything else deserves a warning. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || /^::ffff:127\./i.test(bare);
  return false;
}

/** The URL clients use, with IPv6 addresses in brackets. */
export function relayUrl(host: string, port: number): string {
  return `ws://${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
}
