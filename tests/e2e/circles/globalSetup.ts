// Builds the circles test page (with the framed-peer alias) and the app itself (under app/), serves both and
// starts Hearth's relay on 127.0.0.1; hands the addresses to the tests through the environment and returns
// the teardown.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { framedPeerAlias } from '../../../renderer/src/circles/transport/viteAlias';
import { serveFolder } from '../../bench/harness';
import { REPO_ROOT } from './paths';
import { startRelay } from './relay';

export const ORIGIN_VARIABLE = 'HEARTH_CIRCLES_ORIGIN';
export const SIGNALING_VARIABLE = 'HEARTH_CIRCLES_SIGNALING';

/** Builds tests/e2e/circles/page (index.html: transport, engine.html: engine) into `outDir` the way the renderer is built (same alias). */
export async function buildCirclesPage(outDir: string): Promise<void> {
  const page = resolve(REPO_ROOT, 'tests/e2e/circles/page');
  await build({
    configFile: false,
    root: page,
    base: './',
    logLevel: 'warn',
    resolve: {
      alias: [
        { find: '@shared', replacement: resolve(REPO_ROOT, 'shared') },
        framedPeerAlias(resolve(REPO_ROOT, 'renderer/src/circles/transport/chunkedPeer.ts')),
      ],
    },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'chrome130',
      minify: false,
      reportCompressedSize: false,
      rollupOptions: { input: { index: resolve(page, 'index.html'), engine: resolve(page, 'engine.html') } },
    },
  });
}

/** Builds the real renderer (the browser preview's build) into `outDir`, for tests that use the app as a person would. */
export async function buildApp(outDir: string): Promise<void> {
  await build({ configFile: resolve(REPO_ROOT, 'renderer/vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true, reportCompressedSize: false } });
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const outDir = await mkdtemp(join(tmpdir(), 'hearth-circles-page-'));
  await buildCirclesPage(outDir);
  // The page build empties its folder, so the app goes in after it.
  await buildApp(join(outDir, 'app'));
  const server = await serveFolder(outDir);
  const relay = await startRelay();
  process.env[ORIGIN_VARIABLE] = server.origin;
  process.env[SIGNALING_VARIABLE] = relay.url;
  return async () => {
    const { framesIgnored, framesRateLimited, deliveriesDropped, closedForFlooding } = relay.stats();
    if (framesIgnored + framesRateLimited + deliveriesDropped + closedForFlooding > 0) {
      process.stderr.write(`[circles] relay refused traffic: ${JSON.stringify({ framesIgnored, framesRateLimited, deliveriesDropped, closedForFlooding })}\n`);
    }
    await relay.close();
    await server.close();
    await rm(outDir, { recursive: true, force: true });
  };
}
