// The app:// protocol: which file a URL may read (never one outside the renderer folder, whatever the URL
// or the links on disk say), with the right type and the page's policy as a header.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { promises as fsPromises } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_INDEX_URL, createAppProtocolHandler, isInside, resolveAppUrl, type AppProtocolOptions } from '../../../electron/main/appProtocol';
import { setLogSink, type LogSink } from '../../../electron/main/log';
import { HEADER_POLICY } from '@shared/security/contentSecurityPolicy';

const SECRET = 'the secret outside the app folder';

let base: string;
let options: AppProtocolOptions;
let previousSink: LogSink;

beforeAll(() => {
  previousSink = setLogSink(null);
  base = realpathSync(mkdtempSync(join(tmpdir(), 'hearth-app-protocol-')));
  const folder = join(base, 'renderer');
  mkdirSync(join(folder, 'assets'), { recursive: true });
  writeFileSync(join(folder, 'index.html'), '<!doctype html><title>Hearth</title>');
  writeFileSync(join(folder, 'assets', 'index-CF1F9g88.js'), 'export {};');
  writeFileSync(join(folder, 'assets', 'index-Bq2.css'), 'body{}');
  writeFileSync(join(folder, 'assets', 'argon2.wasm'), new Uint8Array([0, 97, 115, 109]));
  writeFileSync(join(folder, 'assets', 'inter.woff2'), 'font');
  writeFileSync(join(folder, 'favicon.svg'), '<svg/>');
  writeFileSync(join(folder, 'tool.exe'), 'MZ');
  writeFileSync(join(base, 'secret.txt'), SECRET);
  writeFileSync(join(base, 'secret.js'), SECRET);
  mkdirSync(join(base, 'outside'));
  writeFileSync(join(base, 'outside', 'index.js'), SECRET);
  // Links that lead out of the folder, as a file and as a folder, and one that stays inside.
  symlinkSync(join(base, 'secret.js'), join(folder, 'assets', 'leak.js'));
  symlinkSync(join(base, 'outside'), join(folder, 'linked'));
  symlinkSync(join(folder, 'index.html'), join(folder, 'assets', 'again.html'));
  options = { rendererFolder: folder, fs: fsPromises };
});

afterAll(() => {
  setLogSink(previousSink);
  rmSync(base, { recursive: true, force: true });
});

const get = (url: string, method = 'GET'): Promise<Response> => createAppProtocolHandler(options)(new Request(url, { method }));

describe('resolveAppUrl', () => {
  it('maps the app’s own URLs to files in the folder', () => {
    expect(resolveAppUrl(APP_INDEX_URL)).toEqual({ kind: 'file', segments: ['index.html'] });
    expect(resolveAppUrl('app://hearth/')).toEqual({ kind: 'file', segments: ['index.html'] });
    expect(resolveAppUrl('app://hearth/assets/index-CF1F9g88.js')).toEqual({ kind: 'file', segments: ['assets', 'index-CF1F9g88.js'] });
  });

  it('keeps the query and fragment out of the path', () => {
    expect(resolveAppUrl('app://hearth/index.html?/../../etc/passwd')).toEqual({ kind: 'file', segments: ['index.html'] });
    expect(resolveAppUrl('app://hearth/index.html#/../../secret.txt')).toEqual({ kind: 'file', segments: ['index.html'] });
    expect(resolveAppUrl('app://hearth/?x=..%2f..%2fsecret.txt')).toEqual({ kind: 'file', segments: ['index.html'] });
  });

  it.each([
    ['a parent segment', 'app://hearth/../secret.txt'],
    ['a parent segment inside', 'app://hearth/assets/../../secret.txt'],
    ['a current-folder segment', 'app://hearth/./index.html'],
    ['an encoded parent', 'app://hearth/%2e%2e/secret.txt'],
    ['an encoded parent, mixed case', 'app://hearth/%2E%2e/secret.txt'],
    ['a half-encoded parent', 'app://hearth/.%2e/secret.txt'],
    ['an encoded slash', 'app://hearth/assets%2f..%2f..%2fsecret.txt'],
    ['an encoded backslash', 'app://hearth/..%5c..%5csecret.txt'],
    ['a backslash', 'app://hearth/..\\secret.txt'],
    ['an absolute path', 'app://hearth//etc/passwd'],
    ['a drive letter', 'app://hearth/C:/Windows/win.ini'],
    ['a drive letter, encoded', 'app://hearth/C%3a/Windows/win.ini'],
    ['a NUL', 'app://hearth/index.html\u0000.js'],
    ['an encoded NUL', 'app://hearth/index.html%00.js'],
    ['a hidden file', 'app://hearth/.env'],
    ['a trailing dot', 'app://hearth/index.html.'],
    ['a Windows device', 'app://hearth/nul.txt'],
    ['a Windows device, upper case', 'app://hearth/assets/CON'],
    ['a space', 'app://hearth/index%20.html'],
    ['another host', 'app://evil/index.html'],
    ['a look-alike host', 'app://hearth.evil/index.html'],
    ['credentials', 'app://user@hearth/index.html'],
    ['a port', 'app://hearth:8080/index.html'],
    ['another scheme', 'file:///etc/passwd'],
    ['the web', 'https://hearth/index.html'],
    ['no path at all', 'app://hearth'],
    ['an empty segment', 'app://hearth/assets//index-CF1F9g88.js'],
    ['an oversize URL', `app://hearth/${'a'.repeat(3000)}.js`],
  ])('refuses %s', (_what, url) => {
    expect(resolveAppUrl(url)).toMatchObject({ kind: 'refused', status: 400 });
  });

  it('does not serve kinds of file the page never uses', () => {
    expect(resolveAppUrl('app://hearth/tool.exe')).toMatchObject({ kind: 'refused', status: 404 });
    expect(resolveAppUrl('app://hearth/assets')).toMatchObject({ kind: 'refused', status: 404 });
  });

  it('never names a file outside the folder, whatever the URL (property)', () => {
    const folder = join(sep, 'opt', 'Hearth', 'renderer');
    const piece = fc.oneof(
      fc.constantFrom('..', '.', '%2e', '%2E', '%2f', '%2F', '%5c', '%5C', '\\', '/', '//', ':', 'C:', '%00', '\u0000', '?', '#', '@', '~', 'index.html', 'assets', 'a.js', 'nul', '%252e'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.constantFrom('app://hearth/', 'app://hearth', 'app://hearth.', 'app://'), (pieces, prefix) => {
        const target = resolveAppUrl(prefix + pieces.join(''));
        if (target.kind === 'refused') return;
        const path = join(folder, ...target.segments);
        expect(isInside(folder, path)).toBe(true);
        for (const segment of target.segments) {
          expect(segment.startsWith('.')).toBe(false);
          expect([...segment].some((char) => '\\/:%\u0000'.includes(char))).toBe(false);
        }
      }),
      { numRuns: 5_000 },
    );
  });
});

describe('the app:// handler', () => {
  it('serves the page and its files with their types and the policy as a header', async () => {
    const page = await get(APP_INDEX_URL);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(HEADER_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Hearth</title>');
    const types = await Promise.all(
      ['assets/index-CF1F9g88.js', 'assets/index-Bq2.css', 'assets/argon2.wasm', 'assets/inter.woff2', 'favicon.svg'].map(async (path) => (await get(`app://hearth/${path}`)).headers.get('content-type')),
    );
    expect(types).toEqual(['text/javascript; charset=utf-8', 'text/css; charset=utf-8', 'application/wasm', 'font/woff2', 'image/svg+xml']);
  });

  it('answers 404 for what is not there, with the policy still attached', async () => {
    for (const url of ['app://hearth/missing.js', 'app://hearth/assets/missing.css', 'app://hearth/tool.exe', 'app://hearth/index.html/x.js']) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(HEADER_POLICY);
    }
  });

  it('refuses links that lead out of the folder, and follows one that stays inside', async () => {
    const leak = await get('app://hearth/assets/leak.js');
    expect(leak.status).toBe(404);
    expect(await leak.text()).not.toContain(SECRET);
    expect((await get('app://hearth/linked/index.js')).status).toBe(404);
    expect((await get('app://hearth/assets/again.html')).status).toBe(200);
  });

  it('only reads: other methods are refused, HEAD has no body', async () => {
    expect((await get(APP_INDEX_URL, 'POST')).status).toBe(405);
    expect((await get(APP_INDEX_URL, 'PUT')).status).toBe(405);
    const head = await get(APP_INDEX_URL, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('never answers with a file from outside the folder, whatever the URL (property, real files)', async () => {
    const piece = fc.constantFrom('..', '.', '%2e%2e', '%2f', '%5c', '\\', '/', 'secret.txt', 'secret.js', 'outside', 'linked', 'index.js', 'assets', 'leak.js', 'index.html', '?', '#');
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 8 }), async (pieces) => {
        const url = `app://hearth/${pieces.join('')}`;
        if (!URL.canParse(url)) return;
        const response = await get(url);
        if (response.status === 200) expect(await response.text()).not.toContain(SECRET);
      }),
      { numRuns: 500 },
    );
  });
});
