// The app:// protocol that serves the built page (out/renderer) to the window, instead of file://. A page on
// file:// shares its origin with every file on the disk; app://hearth is an origin of its own, and this
// module decides, for every request, which single file inside the renderer folder it may read — or refuses.
// The resolving is pure (resolveAppUrl) and the file checks take the file system as a parameter, so both
// are unit-tested without Electron.
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import { HEADER_POLICY } from '@shared/security/contentSecurityPolicy';
import { createLogger } from './log';

const log = createLogger('app-protocol');

export const APP_SCHEME = 'app';
export const APP_HOST = 'hearth';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the window loads. The app routes with the URL's fragment, so this is its only entry. */
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * How the scheme is registered (protocol.registerSchemesAsPrivileged, before the app is ready): a standard,
 * secure origin (so IndexedDB, WebCrypto, module scripts and workers work), fetch() of its own files (the
 * vault's WebAssembly), and a code cache for a faster start. Deliberately NOT bypassCSP: the page's policy
 * applies to it like any other origin.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const;

/** Longest URL looked at; anything longer is refused before it is parsed. */
const MAX_URL_LENGTH = 2048;

/**
 * One path segment of a file the build writes: letters, digits, '_', '-' and inner dots (Vite's hashed
 * names like index-CF1F9g88.js). No leading dot (so no '.', '..' or hidden files), no trailing dot (Windows
 * drops it), no '%' escapes, slashes, backslashes, colons (drive letters, Windows streams) or NUL.
 */
const SEGMENT = /^[A-Za-z0-9_-](?:[A-Za-z0-9._-]*[A-Za-z0-9_-])?$/;

/** Windows device names open a device, not a file, in any folder and with any extension. */
const WINDOWS_DEVICE = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(?:\.|$)/i;

/** The only types served; a file of any other kind is not part of the page and is not found. */
export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export type AppUrlTarget =
  | { readonly kind: 'file'; readonly segments: readonly string[] }
  | { readonly kind: 'refused'; readonly status: 400 | 404; readonly reason: string };

const refuse = (status: 400 | 404, reason: string): AppUrlTarget => ({ kind: 'refused', status, reason });

/**
 * Which file inside the renderer folder a URL names, as path segments, or why it names none. Works on the
 * URL as written, before any parser normalises it, so '..' and its encodings are seen and refused rather
 * than resolved; the query and fragment never reach the path.
 */
export function resolveAppUrl(url: string): AppUrlTarget {
  if (url.length > MAX_URL_LENGTH) return refuse(400, 'too long');
  const prefix = `${APP_ORIGIN}/`;
  if (!url.startsWith(prefix)) return refuse(400, 'not the app’s own origin');
  const rest = url.slice(prefix.length);
  const end = rest.search(/[?#]/);
  const path = end === -1 ? rest : rest.slice(0, end);
  // The site root is the page itself; every other name must be a file the build wrote.
  if (path === '') return { kind: 'file', segments: ['index.html'] };
  const segments = path.split('/');
  for (const segment of segments) {
    if (!SEGMENT.test(segment)) return refuse(400, 'not a plain file path');
    if (WINDOWS_DEVICE.test(segment)) return refuse(400, 'a device name');
  }
  // Belt and braces: a URL parser must read the same origin and path.
  if (!URL.canParse(url)) return refuse(400, 'unparseable');
  const parsed = new URL(url);
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST || parsed.username !== '' || parsed.password !== '' || parsed.pathname !== `/${path}`) {
    return refuse(400, 'the URL reads differently when parsed');
  }
  if (MIME_TYPES[extname(path).toLowerCase()] === undefined) return refuse(404, 'not a kind of file the page uses');
  return { kind: 'file', segments };
}

/** Whether `path` is `folder` itself or lies inside it (both absolute and already resolved). */
export function isInside(folder: string, path: string): boolean {
  const fromFolder = relative(folder, path);
  return fromFolder === '' || (!fromFolder.startsWith(`..${sep}`) && fromFolder !== '..' && !isAbsolute(fromFolder));
}

/** The parts of node:fs/promises the protocol reads with (Electron's asar-aware versions in the app). */
export interface AppFileSystem {
  realpath(path: string): Promise<string>;
  stat(path: string): Promise<{ isFile(): boolean }>;
  readFile(path: string): Promise<Uint8Array<ArrayBuffer>>;
}

export interface AppProtocolOptions {
  /** The built renderer folder (out/renderer). */
  readonly rendererFolder: string;
  readonly fs: AppFileSystem;
}

/**
 * The file a target names, if it is a regular file whose real path (after every symbolic link) is still
 * inside the renderer folder; otherwise undefined.
 */
export async function locateAppFile(target: Extract<AppUrlTarget, { kind: 'file' }>, options: AppProtocolOptions): Promise<string | undefined> {
  const candidate = join(options.rendererFolder, ...target.segments);
  if (!isInside(options.rendererFolder, candidate)) return undefined;
  try {
    const [realFolder, realFile] = await Promise.all([options.fs.realpath(options.rendererFolder), options.fs.realpath(candidate)]);
    if (!isInside(realFolder, realFile)) {
      log.warn('refused a file that leads outside the app folder');
      return undefined;
    }
    return (await options.fs.stat(realFile)).isFile() ? realFile : undefined;
  } catch (error) {
    // Missing files are the ordinary "not found"; anything else is worth a line in the log.
    if (!(error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR'))) log.warn('could not look up a page file', error);
    return undefined;
  }
}

/** Headers every answer carries, the page's policy among them. */
function baseHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': HEADER_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
}

function problem(status: 400 | 404 | 405, text: string): Response {
  return new Response(text, { status, headers: { ...baseHeaders(), 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** The handler for protocol.handle('app', …): GET (and HEAD) of the page's own files, nothing else. */
export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return problem(405, 'Only reading is allowed here.');
    const target = resolveAppUrl(request.url);
    if (target.kind === 'refused') {
      if (target.status === 400) log.warn(`refused a request: ${target.reason}`);
      return problem(target.status, target.status === 404 ? 'Not found.' : 'Not a file of this app.');
    }
    const file = await locateAppFile(target, options);
    if (file === undefined) return problem(404, 'Not found.');
    const type = MIME_TYPES[extname(file).toLowerCase()];
    if (type === undefined) return problem(404, 'Not found.');
    const body = request.method === 'HEAD' ? null : await options.fs.readFile(file);
    return new Response(body, { status: 200, headers: { ...baseHeaders(), 'Content-Type': type } });
  };
}
