// Test support: a signaling relay on 127.0.0.1 (any free port) and a raw WebSocket client that speaks its protocol.
import { WebSocket } from 'ws';
import { z } from 'zod';
import { createRelay, type Relay, type RelayOptions } from '../../signaling/relay';
import { silentLog } from '../../signaling/log';

export interface TestRelay {
  relay: Relay;
  url: string;
  httpUrl: string;
  /** Every frame clients sent, as text, when started with captureFrames. */
  frames: string[];
  close: () => Promise<void>;
}

export async function startTestRelay(options: RelayOptions & { captureFrames?: boolean } = {}): Promise<TestRelay> {
  const { captureFrames = false, ...relayOptions } = options;
  const frames: string[] = [];
  const relay = createRelay({
    log: silentLog,
    ...relayOptions,
    host: '127.0.0.1',
    port: 0,
    ...(captureFrames ? { onFrame: (frame: string) => void frames.push(frame) } : {}),
  });
  const { port } = await relay.listen();
  return { relay, url: `ws://127.0.0.1:${port}`, httpUrl: `http://127.0.0.1:${port}`, frames, close: () => relay.close() };
}

/** What the relay sends back. Parsed, so a test fails with a schema error rather than reading garbage. */
export const relayMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('publish'), topic: z.string(), data: z.unknown(), clients: z.number().int() }),
  z.object({ type: z.literal('pong') }),
]);
export type RelayMessage = z.infer<typeof relayMessageSchema>;

function parseRelayMessage(text: string): RelayMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Not JSON: kept in `unexpected` by the caller, where the test sees it.
    return undefined;
  }
  const parsed = relayMessageSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** Polls `ready` every 10 ms until it holds, or fails after `timeoutMs` naming what it waited for. */
export async function eventually(ready: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!ready()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Resolves like `promise`, or rejects after `timeoutMs` naming what it waited for. */
export async function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface Closed {
  code: number;
  reason: string;
}

/** A y-webrtc-shaped client with bounded waits, for driving the relay by hand. */
export class RelayTestClient {
  readonly messages: RelayMessage[] = [];
  /** Frames from the relay that were not a publish or pong: a correct relay leaves this empty. */
  readonly unexpected: string[] = [];
  readonly closed: Promise<Closed>;
  private readonly waiters = new Set<() => void>();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      const text = Buffer.isBuffer(data) ? data.toString('utf8') : '';
      const parsed = isBinary ? undefined : parseRelayMessage(text);
      if (parsed === undefined) this.unexpected.push(text);
      else this.messages.push(parsed);
      for (const wake of this.waiters) wake();
    });
    // Errors (such as a refused upgrade) end in 'close' too; the test reads the close code.
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString('utf8') });
        for (const wake of this.waiters) wake();
      });
    });
  }

  static open(url: string, options: { autoPong?: boolean } = {}): Promise<RelayTestClient> {
    const socket = new WebSocket(url, { autoPong: options.autoPong ?? true, perMessageDeflate: false });
    const client = new RelayTestClient(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(client));
      socket.once('unexpected-response', (_request, response) => reject(new Error(`relay refused: ${response.statusCode}`)));
      socket.once('error', reject);
    });
  }

  send(message: unknown): void {
    this.socket.send(JSON.stringify(message));
  }

  sendRaw(data: string | Buffer, options: { binary?: boolean } = {}): void {
    this.socket.send(data, { binary: options.binary ?? false });
  }

  subscribe(...topics: string[]): void {
    this.send({ type: 'subscribe', topics });
  }

  publish(topic: string, data: unknown): void {
    this.send({ type: 'publish', topic, data });
  }

  publishes(topic?: string): Extract<RelayMessage, { type: 'publish' }>[] {
    return this.messages.flatMap((message) => (message.type === 'publish' && (topic === undefined || message.topic === topic) ? [message] : []));
  }

  /** Resolves once the relay has handled everything this client sent before (frames are handled in order). */
  async sync(timeoutMs = 2000): Promise<void> {
    const pongs = this.messages.filter((message) => message.type === 'pong').length;
    this.send({ type: 'ping' });
    await this.waitFor(() => this.messages.filter((message) => message.type === 'pong').length > pongs, timeoutMs, 'a pong');
  }

  /** Waits until `ready()` holds, or fails after `timeoutMs` naming what it waited for. */
  waitFor(ready: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (ready()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const check = (): void => {
        if (!ready()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
    });
  }

  isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  async close(): Promise<Closed> {
    if (this.socket.readyState !== WebSocket.CLOSED) this.socket.close();
    return within(this.closed, 2000, 'the socket to close');
  }
}

/** Opens two fresh clients and proves a publish still goes from one to the other within a second. */
export async function assertPairStillWorks(url: string, timeoutMs = 1000): Promise<number> {
  const topic = `pair-${Math.random().toString(36).slice(2)}`;
  const [a, b] = await Promise.all([RelayTestClient.open(url), RelayTestClient.open(url)]);
  try {
    a.subscribe(topic);
    b.subscribe(topic);
    await Promise.all([a.sync(), b.sync()]);
    const startedAt = performance.now();
    a.publish(topic, 'hello');
    await b.waitFor(() => b.publishes(topic).some((message) => message.data === 'hello'), timeoutMs, 'the pair to exchange a message');
    return performance.now() - startedAt;
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
}
