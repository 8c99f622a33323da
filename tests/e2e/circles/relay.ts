// Starts a signaling relay on 127.0.0.1 for the multi-peer tests: y-webrtc's reference server for now
// (signaling/relay.ts replaces it once it lands), on a free port, as a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { REPO_ROOT } from './paths';

export interface RunningRelay {
  /** ws://127.0.0.1:port */
  readonly url: string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (address === null || typeof address === 'string') throw new Error('no port from the OS');
  return address.port;
}

async function waitUntilServing(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the relay exited with code ${String(child.exitCode)}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet: try again shortly.
    }
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`the relay did not start within ${String(timeoutMs)} ms`);
}

export async function startRelay(): Promise<RunningRelay> {
  const port = await freePort();
  const child = spawn(process.execPath, [resolve(REPO_ROOT, 'node_modules/y-webrtc/bin/server.js')], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitUntilServing(`http://127.0.0.1:${String(port)}/`, child, 10_000);
  return {
    url: `ws://127.0.0.1:${String(port)}`,
    close: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) {
          done();
          return;
        }
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
