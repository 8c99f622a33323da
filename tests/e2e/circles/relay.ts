// Starts Hearth's signaling relay (signaling/relay.ts) in-process on 127.0.0.1 at a free port for the
// multi-peer tests, and reports its counters at the end (warnings only: the relay logs no contents).
import { createLog, silentLog } from '../../../signaling/log';
import { createRelay, type RelayStats } from '../../../signaling/relay';

export interface RunningRelay {
  /** ws://127.0.0.1:port */
  readonly url: string;
  stats(): RelayStats;
  close(): Promise<void>;
}

/** `onFrame` sees every frame a client sends (the engine test captures them to prove what never crosses). */
export async function startRelay(options: { onFrame?: (frame: string) => void } = {}): Promise<RunningRelay> {
  const verbose = process.env.HEARTH_RELAY_LOG === '1';
  const relay = createRelay({ host: '127.0.0.1', port: 0, log: verbose ? createLog() : silentLog, ...(options.onFrame === undefined ? {} : { onFrame: options.onFrame }) });
  const { host, port } = await relay.listen();
  return { url: `ws://${host}:${String(port)}`, stats: () => relay.stats(), close: () => relay.close() };
}
