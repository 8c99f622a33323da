// `npm run signaling`: flags with clear errors, the listening line, /health, and a clean exit on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { isLoopback, parseFlags, relayUrl } from '../../signaling/flags';
import { RelayTestClient, eventually, within } from '../support/relay';

const cli = fileURLToPath(new URL('../../signaling/cli.ts', import.meta.url));
let children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children = [];
});

function runCli(args: string[]): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

describe('signaling relay: command line', () => {
  it('parses every limit flag, converting the idle timeout to milliseconds', () => {
    const command = parseFlags(['--port', '4455', '--max-frame-bytes', '32768', '--rate', '10', '--burst', '30', '--idle-timeout-seconds', '90', '--max-topics', '50']);
    expect(command).toEqual({
      kind: 'run',
      options: { host: '127.0.0.1', port: 4455, maxFrameBytes: 32_768, ratePerSecond: 10, burst: 30, idleTimeoutMs: 90_000, maxTopics: 50 },
    });
    expect(parseFlags(['--help']).kind).toBe('help');
  });

  it('explains bad flag values with the accepted range', () => {
    expect(() => parseFlags(['--port', 'abc'])).toThrow('--port must be a whole number from 0 to 65535 (got "abc").');
    expect(() => parseFlags(['--port=-1'])).toThrow(/--port must be a whole number/);
    expect(() => parseFlags(['--rate', '1.5'])).toThrow(/--rate must be a whole number from 1 to 10000/);
    expect(() => parseFlags(['--max-frame-bytes', '99999999999'])).toThrow(/--max-frame-bytes/);
    expect(() => parseFlags(['--idle-timeout-seconds', '0'])).toThrow(/from 1 to 3600/);
    expect(() => parseFlags(['--bogus'])).toThrow(/--help/);
    expect(() => parseFlags(['--port'])).toThrow(/--help/);
    expect(() => parseFlags(['extra'])).toThrow(/--help/);
  });

  it('tells loopback hosts from reachable ones, and brackets IPv6 in URLs', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect(isLoopback(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'relay.example.org']) expect(isLoopback(host)).toBe(false);
    expect(relayUrl('::1', 4444)).toBe('ws://[::1]:4444');
    expect(relayUrl('127.0.0.1', 4444)).toBe('ws://127.0.0.1:4444');
  });

  it('starts on 127.0.0.1, serves /health, and on SIGTERM closes clients with 1001 and exits 0', async () => {
    const run = runCli(['--port', '0']);
    await eventually(() => /listening on ws:\/\/127\.0\.0\.1:\d+/.test(run.output()) || run.child.exitCode !== null, 15_000, 'the listening line');
    const url = /Hearth relay listening on (ws:\/\/127\.0\.0\.1:\d+)/.exec(run.output())?.[1];
    expect(url).toBeDefined();
    if (url === undefined) return;
    expect(run.output()).not.toContain('Warning');

    const health = await fetch(`${url.replace('ws:', 'http:')}/health`);
    expect(health.status).toBe(200);
    const client = await RelayTestClient.open(url);

    run.child.kill('SIGTERM');
    expect((await within(client.closed, 5000, 'the client to be closed')).code).toBe(1001);
    expect(await within(run.exited, 5000, 'the relay to exit')).toBe(0);
    expect(run.output()).toContain('Hearth relay stopped');
  });

  it('exits 2 with a message for a bad flag, and 1 when the port is taken', async () => {
    const bad = runCli(['--port', 'abc']);
    expect(await within(bad.exited, 15_000, 'the relay to exit')).toBe(2);
    expect(bad.output()).toContain('--port must be a whole number from 0 to 65535');

    const first = runCli(['--port', '0']);
    await eventually(() => /listening on ws:\/\/127\.0\.0\.1:\d+/.test(first.output()), 15_000, 'the listening line');
    const port = /:(\d+)\s*$/m.exec(first.output())?.[1] ?? '';
    const second = runCli(['--port', port]);
    expect(await within(second.exited, 15_000, 'the second relay to exit')).toBe(1);
    expect(second.output()).toContain(`port ${port} on 127.0.0.1 is already in use`);
    first.child.kill('SIGTERM');
    expect(await within(first.exited, 5000, 'the first relay to exit')).toBe(0);
  });
});
