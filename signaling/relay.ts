// The Hearth signaling relay: y-webrtc's wire protocol (subscribe, unsubscribe, publish, ping/pong),
// hardened against bad input and bounded in memory. Importing it has no side effects; call listen().
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import { z } from 'zod';
import { createLog, type RelayLog } from './log';

interface Bound {
  readonly min: number;
  readonly max: number;
  readonly default: number;
}

/** Every numeric limit with its default and hard bounds; the CLI builds its flags from this table. */
export const relayLimits = {
  port: { min: 0, max: 65_535, default: 4444 },
  // y-webrtc signaling frames carry an encrypted SDP offer or answer: a few KB.
  maxFrameBytes: { min: 1024, max: 1_048_576, default: 65_536 },
  maxTopicsPerConnection: { min: 1, max: 1024, default: 64 },
  maxTopicLength: { min: 8, max: 1024, default: 128 },
  maxConnections: { min: 1, max: 100_000, default: 2000 },
  maxTopics: { min: 1, max: 1_000_000, default: 10_000 },
  ratePerSecond: { min: 1, max: 10_000, default: 40 },
  burst: { min: 1, max: 100_000, default: 120 },
  idleTimeoutMs: { min: 100, max: 3_600_000, default: 60_000 },
  // Frames waiting to reach one slow receiver; beyond this, new frames for it are dropped.
  maxBufferedBytes: { min: 65_536, max: 67_108_864, default: 1_048_576 },
} as const satisfies Record<string, Bound>;

export type RelayLimitName = keyof typeof relayLimits;
export type RelayLimits = Record<RelayLimitName, number>;

export interface RelayOptions extends Partial<RelayLimits> {
  /** Interface to bind; loopback unless the host says otherwise. */
  host?: string;
  /**
   * Whether to serve a client at this remote address (as the socket reports it). Others get 403 and are
   * counted in `connectionsRefused`. The desktop app uses it to serve only its own network when bound wide.
   */
  acceptFrom?: (remoteAddress: string) => boolean;
  /** Sees every frame a client sends, as text. For tests that prove what never crosses the relay. */
  onFrame?: (frame: string) => void;
  log?: RelayLog;
}

/** Counts only: the relay keeps no topic names, contents or addresses anywhere it reports. */
export interface RelayStats {
  connections: number;
  topics: number;
  subscriptions: number;
  framesReceived: number;
  /** Frames that were not a well-formed y-webrtc message (or were binary) and were dropped. */
  framesIgnored: number;
  /** Frames dropped because their sender was over its rate limit. */
  framesRateLimited: number;
  publishesRelayed: number;
  /** Deliveries skipped because the receiver was not reading fast enough. */
  deliveriesDropped: number;
  connectionsRefused: number;
  closedForFlooding: number;
  closedIdle: number;
  uptimeSeconds: number;
}

export interface RelayAddress {
  host: string;
  port: number;
}

export interface Relay {
  listen(): Promise<RelayAddress>;
  /** Stops accepting, closes every socket with 1001 and resolves once the server has closed. */
  close(): Promise<void>;
  stats(): RelayStats;
}

/** Close codes the relay uses (RFC 6455). */
export const closeCodes = { goingAway: 1001, policyViolation: 1008 } as const;

/** How long close() waits for clients to finish the closing handshake before cutting them off. */
const shutdownGraceMs = 1000;

/** Fills in defaults and refuses values outside the hard bounds, naming the limit and its range. */
export function resolveLimits(options: Partial<RelayLimits>): RelayLimits {
  const limit = (name: RelayLimitName): number => {
    const bound = relayLimits[name];
    const value = options[name] ?? bound.default;
    if (!Number.isInteger(value) || value < bound.min || value > bound.max) {
      throw new RangeError(`${name} must be a whole number from ${bound.min} to ${bound.max} (got ${String(value)})`);
    }
    return value;
  };
  return {
    port: limit('port'),
    maxFrameBytes: limit('maxFrameBytes'),
    maxTopicsPerConnection: limit('maxTopicsPerConnection'),
    maxTopicLength: limit('maxTopicLength'),
    maxConnections: limit('maxConnections'),
    maxTopics: limit('maxTopics'),
    ratePerSecond: limit('ratePerSecond'),
    burst: limit('burst'),
    idleTimeoutMs: limit('idleTimeoutMs'),
    maxBufferedBytes: limit('maxBufferedBytes'),
  };
}

// The messages a y-webrtc client sends (y-webrtc.js, lib0/websocket.js). Unknown fields are dropped.
const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('subscribe'), topics: z.array(z.unknown()) }),
  z.object({ type: z.literal('unsubscribe'), topics: z.array(z.unknown()) }),
  z.object({ type: z.literal('publish'), topic: z.string(), data: z.unknown() }),
  z.object({ type: z.literal('ping') }),
]);
type ClientMessage = z.infer<typeof clientMessageSchema>;

interface Connection {
  readonly socket: WebSocket;
  readonly topics: Set<string>;
  tokens: number;
  refilledAt: number;
  /** Frames dropped by the rate limit since the last accepted one. */
  strikes: number;
  lastSeenAt: number;
}

export function createRelay(options: RelayOptions = {}): Relay {
  const limits = resolveLimits(options);
  const host = options.host ?? '127.0.0.1';
  if (host.length === 0 || host.length > 253 || /\s/.test(host)) {
    throw new RangeError('host must be a host name or IP address');
  }
  const log = options.log ?? createLog();
  const onFrame = options.onFrame;
  const acceptFrom = options.acceptFrom ?? (() => true);
  const accepted = (request: IncomingMessage): boolean => acceptFrom(request.socket.remoteAddress ?? '');
  // A client that keeps sending after this many dropped frames in a row is flooding, not bursting.
  const floodStrikes = Math.max(limits.burst, 20);

  const connections = new Set<Connection>();
  const topics = new Map<string, Set<Connection>>();
  const startedAt = Date.now();
  const counts = {
    framesReceived: 0,
    framesIgnored: 0,
    framesRateLimited: 0,
    publishesRelayed: 0,
    deliveriesDropped: 0,
    connectionsRefused: 0,
    closedForFlooding: 0,
    closedIdle: 0,
  };
  let upgrading = 0;
  let closing: Promise<void> | undefined;
  let idleTimer: NodeJS.Timeout | undefined;

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxFrameBytes,
    perMessageDeflate: false,
    clientTracking: false,
  });

  const server = createServer(onRequest);
  server.headersTimeout = 10_000;
  server.requestTimeout = 10_000;
  // Room for health checks beyond the WebSocket cap; the cap itself is enforced on upgrade.
  server.maxConnections = limits.maxConnections + 64;
  server.on('upgrade', onUpgrade);

  function stats(): RelayStats {
    let subscriptions = 0;
    for (const subscribers of topics.values()) subscriptions += subscribers.size;
    return {
      connections: connections.size,
      topics: topics.size,
      subscriptions,
      ...counts,
      uptimeSeconds: Math.floor((Date.now() - startedAt) / 1000),
    };
  }

  function onRequest(request: IncomingMessage, response: ServerResponse): void {
    const path = (request.url ?? '/').split('?')[0];
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    if (!accepted(request)) {
      counts.connectionsRefused += 1;
      response.writeHead(403, { 'Content-Type': 'text/plain', Connection: 'close' });
      response.end('Not served to this address\n');
      return;
    }
    if (path === '/health' && (request.method === 'GET' || request.method === 'HEAD')) {
      const { connections: open, topics: rooms, uptimeSeconds } = stats();
      const body = JSON.stringify({ ok: closing === undefined, connections: open, topics: rooms, uptimeSeconds });
      response.writeHead(closing === undefined ? 200 : 503, { 'Content-Type': 'application/json' });
      response.end(request.method === 'HEAD' ? undefined : body);
      return;
    }
    if (path === '/') {
      response.writeHead(426, { 'Content-Type': 'text/plain', Upgrade: 'websocket' });
      response.end('This is a Hearth signaling relay: connect with a WebSocket.\n');
      return;
    }
    response.writeHead(404, { 'Content-Type': 'text/plain' });
    response.end('Not found\n');
  }

  function onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (!accepted(request)) {
      refuse(socket, '403 Forbidden');
      return;
    }
    if (closing !== undefined || connections.size + upgrading >= limits.maxConnections) {
      refuse(socket, '503 Service Unavailable');
      return;
    }
    // A failed handshake never calls back, so the slot is also released when the socket closes.
    upgrading += 1;
    let settled = false;
    const settle = (): void => {
      if (!settled) {
        settled = true;
        upgrading -= 1;
      }
    };
    socket.once('close', settle);
    wss.handleUpgrade(request, socket, head, (ws) => {
      settle();
      accept(ws);
    });
  }

  function refuse(socket: Duplex, status: string): void {
    counts.connectionsRefused += 1;
    // A reset while refusing needs no report: the socket is being dropped anyway.
    socket.on('error', () => socket.destroy());
    socket.once('finish', () => socket.destroy());
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  }

  function accept(socket: WebSocket): void {
    if (closing !== undefined) {
      socket.close(closeCodes.goingAway, 'relay shutting down');
      return;
    }
    const now = Date.now();
    const connection: Connection = { socket, topics: new Set(), tokens: limits.burst, refilledAt: now, strikes: 0, lastSeenAt: now };
    connections.add(connection);
    socket.on('message', (data, isBinary) => onMessage(connection, data, isBinary));
    socket.on('pong', () => {
      connection.lastSeenAt = Date.now();
    });
    // Oversized frames, bad UTF-8 and protocol errors: ws closes the socket itself; 'close' cleans up.
    socket.on('error', () => undefined);
    socket.on('close', () => forget(connection));
  }

  function forget(connection: Connection): void {
    if (!connections.delete(connection)) return;
    for (const topic of connection.topics) leave(connection, topic);
  }

  function leave(connection: Connection, topic: string): void {
    connection.topics.delete(topic);
    const subscribers = topics.get(topic);
    if (subscribers === undefined) return;
    subscribers.delete(connection);
    if (subscribers.size === 0) topics.delete(topic);
  }

  function takeToken(connection: Connection, now: number): boolean {
    const elapsedSeconds = (now - connection.refilledAt) / 1000;
    connection.tokens = Math.min(limits.burst, connection.tokens + elapsedSeconds * limits.ratePerSecond);
    connection.refilledAt = now;
    if (connection.tokens >= 1) {
      connection.tokens -= 1;
      connection.strikes = 0;
      return true;
    }
    connection.strikes += 1;
    return false;
  }

  function onMessage(connection: Connection, data: RawData, isBinary: boolean): void {
    if (!connections.has(connection)) return;
    const now = Date.now();
    connection.lastSeenAt = now;
    counts.framesReceived += 1;
    const frame = frameText(data);
    if (onFrame !== undefined) observe(frame);
    if (!takeToken(connection, now)) {
      counts.framesRateLimited += 1;
      if (connection.strikes > floodStrikes) {
        counts.closedForFlooding += 1;
        forget(connection);
        connection.socket.close(closeCodes.policyViolation, 'rate limit exceeded');
      }
      return;
    }
    // y-webrtc speaks JSON in text frames only.
    const message = isBinary ? undefined : parseMessage(frame);
    if (message === undefined) {
      counts.framesIgnored += 1;
      return;
    }
    switch (message.type) {
      case 'subscribe':
        for (const topic of message.topics) subscribe(connection, topic);
        return;
      case 'unsubscribe':
        for (const topic of message.topics) {
          if (typeof topic === 'string') leave(connection, topic);
        }
        return;
      case 'publish':
        publish(message.topic, message.data);
        return;
      case 'ping':
        send(connection, JSON.stringify({ type: 'pong' }));
        return;
    }
  }

  function observe(frame: string): void {
    try {
      onFrame?.(frame);
    } catch (error) {
      // An observer is a test aid; its failure must not take the relay down for everyone.
      log.warn(`the frame observer threw (${error instanceof Error ? error.name : 'unknown error'}); ignored`);
    }
  }

  function subscribe(connection: Connection, topic: unknown): void {
    if (!isTopic(topic) || connection.topics.has(topic)) return;
    if (connection.topics.size >= limits.maxTopicsPerConnection) return;
    let subscribers = topics.get(topic);
    if (subscribers === undefined) {
      if (topics.size >= limits.maxTopics) return;
      subscribers = new Set();
      topics.set(topic, subscribers);
    }
    subscribers.add(connection);
    connection.topics.add(topic);
  }

  function publish(topic: string, data: unknown): void {
    if (!isTopic(topic)) return;
    const receivers = topics.get(topic);
    if (receivers === undefined) return;
    // Like the reference server: every subscriber, the sender too, with the number of receivers.
    let text: string;
    try {
      text = JSON.stringify({ type: 'publish', topic, data, clients: receivers.size });
    } catch (error) {
      // Only pathological input gets here (nesting deep enough to exhaust the stack): drop the frame.
      counts.framesIgnored += 1;
      if (!(error instanceof RangeError)) throw error;
      return;
    }
    counts.publishesRelayed += 1;
    for (const receiver of receivers) send(receiver, text);
  }

  function send(connection: Connection, text: string): void {
    const { socket } = connection;
    if (socket.readyState !== WebSocket.OPEN) return;
    if (socket.bufferedAmount > limits.maxBufferedBytes) {
      counts.deliveriesDropped += 1;
      return;
    }
    socket.send(text);
  }

  function isTopic(topic: unknown): topic is string {
    return typeof topic === 'string' && topic.length > 0 && topic.length <= limits.maxTopicLength;
  }

  function sweepIdle(): void {
    const now = Date.now();
    for (const connection of connections) {
      if (now - connection.lastSeenAt >= limits.idleTimeoutMs) {
        counts.closedIdle += 1;
        forget(connection);
        connection.socket.terminate();
      } else if (connection.socket.readyState === WebSocket.OPEN) {
        connection.socket.ping();
      }
    }
  }

  function listen(): Promise<RelayAddress> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      server.once('error', onError);
      server.listen(limits.port, host, () => {
        server.off('error', onError);
        server.on('error', (error) => log.error(`server error (${error.name})`));
        // Ping at half the idle timeout so a live client answers at least once before it expires.
        idleTimer = setInterval(sweepIdle, Math.max(50, Math.floor(limits.idleTimeoutMs / 2)));
        idleTimer.unref();
        const address = server.address();
        resolve({ host, port: typeof address === 'object' && address !== null ? address.port : limits.port });
      });
    });
  }

  function close(): Promise<void> {
    closing ??= new Promise<void>((resolve) => {
      if (idleTimer !== undefined) clearInterval(idleTimer);
      const graceTimer = setTimeout(() => {
        for (const { socket } of connections) socket.terminate();
        server.closeAllConnections();
      }, shutdownGraceMs);
      server.close(() => {
        // Also reached (with ERR_SERVER_NOT_RUNNING) when listen() was never called: closed either way.
        clearTimeout(graceTimer);
        wss.close();
        resolve();
      });
      server.closeIdleConnections();
      for (const { socket } of connections) socket.close(closeCodes.goingAway, 'relay shutting down');
    });
    return closing;
  }

  return { listen, close, stats };
}

function frameText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

function parseMessage(frame: string): ClientMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(frame);
  } catch {
    // Not JSON: a confused or hostile client. Dropping the frame is the whole response.
    return undefined;
  }
  const parsed = clientMessageSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
