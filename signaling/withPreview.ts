// `npm run start:web`: the browser preview of the app together with a local relay on 127.0.0.1:4444,
// so a newcomer can try a circle in two browser windows with one command. Stops both on Ctrl+C.
import { spawn } from 'node:child_process';
import { createRelay } from './relay';
import { createLog } from './log';
import { relayUrl } from './flags';

const log = createLog();

async function startRelay(): Promise<(() => Promise<void>) | null> {
  const relay = createRelay({ log });
  try {
    const address = await relay.listen();
    log.info(`Hearth relay listening on ${relayUrl(address.host, address.port)}`);
    return () => relay.close();
  } catch (error) {
    const inUse = error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
    // The preview is still useful without circles; say why there is no relay and carry on.
    log.warn(inUse ? 'port 4444 is already in use (another relay?), so the preview starts without its own relay.' : `the relay could not start (${String(error)}); the preview starts without it.`);
    return null;
  }
}

async function main(): Promise<void> {
  const stopRelay = await startRelay();
  const vite = spawn(process.execPath, ['node_modules/vite/bin/vite.js', '--config', 'renderer/vite.config.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    vite.kill('SIGTERM');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const code = await new Promise<number>((resolve) => vite.on('exit', (exitCode) => resolve(exitCode ?? 0)));
  await stopRelay?.();
  process.exit(code);
}

main().catch((error: unknown) => {
  log.error(`the preview could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
