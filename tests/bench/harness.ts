// What every bench part shares: building the bench page, serving it on loopback, and how to start Chromium.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { CHROMIUM_ARGS as BASE_ARGS } from '../support/chromium';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PAGE_SOURCE = resolve(REPO_ROOT, 'tests/bench/page');
const PAGE_OUT = resolve(REPO_ROOT, '.bench/page');

export { CHROMIUM_PATH } from '../support/chromium';

/** The shared headless flags (tests/support/chromium.ts), plus gc() for settling between phases. */
export const CHROMIUM_ARGS: readonly string[] = [...BASE_ARGS, '--js-flags=--expose-gc'];

/** What the runner hands each part. */
export interface BenchEnv {
  /** Where the built bench page is served, ending in a slash. */
  readonly origin: string;
  readonly chromiumPath: string;
  readonly chromiumArgs: readonly string[];
  /** Aborted when the bench runs out of time; a part then closes its browser and rejects. */
  readonly signal: AbortSignal;
  progress(message: string): void;
}

/** One section of the bench. Its result is merged into the printed object (one level deep). */
export interface BenchPart {
  readonly name: string;
  run(env: BenchEnv): Promise<Record<string, unknown>>;
}

export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/**
 * The aliases bench pages share with the app's build: '@shared', and zod without its eval probe, so schemas
 * parse the way they do under the app's Content Security Policy (renderer/src/zodWithoutEval.ts).
 */
export const APP_ALIASES = [
  { find: '@shared', replacement: resolve(REPO_ROOT, 'shared') },
  { find: /^zod$/, replacement: resolve(REPO_ROOT, 'renderer/src/zodWithoutEval.ts') },
];

/** Builds tests/bench/page with the app's aliases into .bench/page (git-ignored). */
export async function buildBenchPage(): Promise<string> {
  await build({
    configFile: false,
    root: PAGE_SOURCE,
    base: './',
    // Vite logs info to stdout, which must hold nothing but the result.
    logLevel: 'warn',
    resolve: { alias: APP_ALIASES },
    build: { outDir: PAGE_OUT, emptyOutDir: true, target: 'chrome130', reportCompressedSize: false },
  });
  return PAGE_OUT;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

export interface StaticServer {
  readonly origin: string;
  close(): Promise<void>;
}

/** Serves a folder read-only on 127.0.0.1 at a free port (a loopback origin is a secure context). */
export async function serveFolder(root: string): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const file = resolve(root, `.${path.endsWith('/') ? `${path}index.html` : path}`);
    const refuse = (status: number): void => {
      response.writeHead(status, { 'content-type': 'text/plain' }).end(String(status));
    };
    if (request.method !== 'GET' || (file !== root && !file.startsWith(root + sep))) {
      refuse(404);
      return;
    }
    stat(file).then(
      (info) => {
        if (!info.isFile()) {
          refuse(404);
          return;
        }
        response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
        createReadStream(file).pipe(response);
      },
      () => refuse(404),
    );
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${String(port)}/`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
