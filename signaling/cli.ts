// `npm run signaling`: runs the relay from the command line until SIGINT or SIGTERM.
import { parseFlags, UsageError, isLoopback, relayUrl } from './flags';
import { createRelay } from './relay';
import { createLog } from './log';

const log = createLog();

function explainListenError(error: unknown, host: string, port: number): string {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  if (code === 'EADDRINUSE') return `port ${port} on ${host} is already in use — pick another with --port.`;
  if (code === 'EACCES') return `not allowed to listen on port ${port} — ports below 1024 need privileges; try --port 4444.`;
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return `${host} is not an address of this computer — check --host.`;
  return `could not start the relay (${error instanceof Error ? error.message : String(error)}).`;
}

async function main(): Promise<number> {
  let command;
  try {
    command = parseFlags(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    log.error(error.message);
    return 2;
  }
  if (command.kind === 'help') {
    process.stdout.write(command.text);
    return 0;
  }

  const { host } = command.options;
  const relay = createRelay({ ...command.options, log });
  let address;
  try {
    address = await relay.listen();
  } catch (error) {
    log.error(explainListenError(error, host, command.options.port ?? 4444));
    return 1;
  }
  if (!isLoopback(host)) {
    log.warn(
      `listening on ${host} lets other computers connect. The relay sees only opaque room names and ` +
        'encrypted handshakes, but across the internet put it behind TLS (see signaling/README.md).',
    );
  }
  log.info(`Hearth relay listening on ${relayUrl(address.host, address.port)}`);

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) {
        log.warn(`${signal} again: stopping now without waiting for clients.`);
        resolve(1);
        return;
      }
      stopping = true;
      log.info('Hearth relay shutting down');
      relay.close().then(
        () => {
          log.info('Hearth relay stopped');
          resolve(0);
        },
        (error: unknown) => {
          log.error(`shutdown failed (${error instanceof Error ? error.message : String(error)})`);
          resolve(1);
        },
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
