// registerIpcHandlers with a fake ipcMain: sender frames and payloads are checked before any handler runs.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppUrlCheck, createFilePageCheck, IpcRejection, registerIpcHandlers, sendEvent, type IpcHandlers, type IpcMainLike, type InvokeEvent, type SenderFrame } from '../../../electron/main/ipc';
import { setLogSink, type LogSink } from '../../../electron/main/log';
import { INVOKE_CHANNELS } from '@shared/ipc/contract';
import { DEFAULT_REMINDER } from '@shared/reminder/settings';

type Listener = (event: InvokeEvent, ...args: unknown[]) => unknown;

function fakeIpcMain() {
  const listeners = new Map<string, Listener>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (listeners.has(channel)) throw new Error(`second handler for ${channel}`);
      listeners.set(channel, listener);
    },
    removeHandler: (channel) => {
      listeners.delete(channel);
    },
  };
  const call = (channel: string, event: InvokeEvent, ...args: unknown[]): Promise<unknown> => {
    const listener = listeners.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    return Promise.resolve(listener(event, ...args));
  };
  return { ipcMain, listeners, call };
}

const APP_URL = 'http://localhost:5173/';
const top = (url = APP_URL): InvokeEvent => ({ senderFrame: { url, parent: null } });

const RELAY_OFF = { enabled: false, shareOnNetwork: false, state: 'off' as const, localUrl: null, networkUrls: [], problem: null };

function fakeHandlers() {
  return {
    'file:save': vi.fn(() => 'saved' as const),
    'file:open': vi.fn(() => ({ kind: 'cancelled' as const })),
    'reminder:configure': vi.fn(() => null),
    'notification:permission': vi.fn(() => 'granted' as const),
    'notification:circle': vi.fn(() => 'closed' as const),
    'shell:open-external': vi.fn(() => null),
    'relay:status': vi.fn(() => RELAY_OFF),
    'relay:configure': vi.fn(() => RELAY_OFF),
    'keychain:status': vi.fn(() => ({ state: 'available' as const, message: null })),
    'keychain:create': vi.fn(() => ({ ok: false as const, message: 'no keychain' })),
    'keychain:open': vi.fn(() => ({ ok: false as const, message: 'no keychain' })),
    'storage:migration-plan': vi.fn(() => ({ kind: 'none' as const })),
    'storage:migration-chunk': vi.fn(() => ({ store: 'checkIns', rows: [] })),
    'storage:migration-finish': vi.fn(() => null),
  } satisfies IpcHandlers;
}

let previousSink: LogSink;
const logged: string[] = [];
beforeAll(() => {
  previousSink = setLogSink((level, scope, message) => logged.push(`${level} ${scope} ${message}`));
});
afterAll(() => {
  setLogSink(previousSink);
});

describe('registerIpcHandlers', () => {
  const isTrusted = (url: string): boolean => url.startsWith(APP_URL);

  it('registers every contract channel and removes them again', () => {
    const { ipcMain, listeners } = fakeIpcMain();
    const unregister = registerIpcHandlers(ipcMain, fakeHandlers(), isTrusted);
    expect([...listeners.keys()].sort()).toEqual(Object.keys(INVOKE_CHANNELS).sort());
    unregister();
    expect(listeners.size).toBe(0);
  });

  it('passes a valid payload to its handler and returns the response', async () => {
    const { ipcMain, call } = fakeIpcMain();
    const handlers = fakeHandlers();
    registerIpcHandlers(ipcMain, handlers, isTrusted);
    const request = { suggestedName: 'export.json', content: '{"a":1}', mimeType: 'application/json' };
    await expect(call('file:save', top(), request)).resolves.toBe('saved');
    expect(handlers['file:save']).toHaveBeenCalledWith(request);
    await expect(call('notification:permission', top())).resolves.toBe('granted');
    const plan = { settings: DEFAULT_REMINDER, checkedInDay: '2025-06-10' };
    await expect(call('reminder:configure', top(), plan)).resolves.toBeNull();
    expect(handlers['reminder:configure']).toHaveBeenCalledWith(plan);
    await expect(call('notification:circle', top(), { kind: 'reply', tag: 'c2' })).resolves.toBe('closed');
    expect(handlers['notification:circle']).toHaveBeenCalledWith({ kind: 'reply', tag: 'c2' });
  });

  it('gives the handler the parsed payload, without unknown keys', async () => {
    const { ipcMain, call } = fakeIpcMain();
    const handlers = fakeHandlers();
    registerIpcHandlers(ipcMain, handlers, isTrusted);
    await call('shell:open-external', top(), { url: 'https://example.org/', sneaky: 'extra' });
    expect(handlers['shell:open-external']).toHaveBeenCalledWith({ url: 'https://example.org/' });
  });

  it('rejects a bad payload with a clear error, and the handler never sees it', async () => {
    const { ipcMain, call } = fakeIpcMain();
    const handlers = fakeHandlers();
    registerIpcHandlers(ipcMain, handlers, isTrusted);
    await expect(call('file:save', top(), { suggestedName: '../../.bashrc', content: 'x', mimeType: 'text/plain' })).rejects.toThrow(
      /file:save refused: invalid payload \(suggestedName: a plain file name/,
    );
    await expect(call('shell:open-external', top(), { url: 'file:///etc/passwd' })).rejects.toBeInstanceOf(IpcRejection);
    await expect(call('file:open', top(), 'json')).rejects.toThrow(/invalid payload/);
    await expect(call('notification:permission', top(), { extra: 1 })).rejects.toThrow(/invalid payload/);
    await expect(call('reminder:configure', top(), { settings: DEFAULT_REMINDER, checkedInDay: null }, 'second')).rejects.toThrow(/at most one argument/);
    // A circle notification carries only its kind and a short tag: never words of the page's choosing.
    await expect(call('notification:circle', top(), { kind: 'post', tag: 'c1', title: 'Ana wrote: …' })).rejects.toThrow(/invalid payload/);
    await expect(call('notification:circle', top(), { kind: 'secret', tag: 'c1' })).rejects.toThrow(/invalid payload/);
    await expect(call('notification:circle', top(), { kind: 'reply', tag: 'a/b' })).rejects.toThrow(/invalid payload/);
    for (const handler of Object.values(handlers)) expect(handler).not.toHaveBeenCalled();
  });

  it('rejects calls from other pages, subframes and vanished frames', async () => {
    const { ipcMain, call } = fakeIpcMain();
    const handlers = fakeHandlers();
    registerIpcHandlers(ipcMain, handlers, isTrusted);
    const parent: SenderFrame = { url: APP_URL, parent: null };
    const events: InvokeEvent[] = [
      top('https://evil.example/'),
      { senderFrame: { url: APP_URL, parent } },
      { senderFrame: { url: 'https://ads.example/', parent } },
      { senderFrame: null },
    ];
    for (const event of events) {
      await expect(call('notification:permission', event)).rejects.toThrow(/not the app's own page/);
    }
    expect(handlers['notification:permission']).not.toHaveBeenCalled();
  });

  it('does not send back a response outside the contract', async () => {
    const { ipcMain, call } = fakeIpcMain();
    const handlers = { ...fakeHandlers(), 'file:save': vi.fn(() => 'deleted everything') };
    // The cast stands in for a buggy handler the type system would normally catch.
    registerIpcHandlers(ipcMain, handlers as unknown as IpcHandlers, isTrusted);
    await expect(call('file:save', top(), { suggestedName: 'a.json', content: '', mimeType: 'application/json' })).rejects.toThrow(/failed inside the app/);
  });

  it('passes a handler’s own error back as a rejection', async () => {
    const { ipcMain, call } = fakeIpcMain();
    const handlers = {
      ...fakeHandlers(),
      'file:open': vi.fn(() => {
        throw new Error('disk on fire');
      }),
    };
    registerIpcHandlers(ipcMain, handlers, isTrusted);
    await expect(call('file:open', top(), { extensions: ['json'], maxBytes: 10 })).rejects.toThrow('disk on fire');
  });
});

describe('sendEvent', () => {
  it('sends a valid menu command and drops an invalid one', () => {
    const send = vi.fn();
    const target = { send, isDestroyed: () => false };
    sendEvent(target, 'menu:command', 'go-today');
    expect(send).toHaveBeenCalledWith('menu:command', 'go-today');
    // @ts-expect-error: a command outside the contract
    sendEvent(target, 'menu:command', 'format-disk');
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('does nothing once the page is gone', () => {
    const send = vi.fn();
    sendEvent({ send, isDestroyed: () => true }, 'menu:command', 'go-today');
    expect(send).not.toHaveBeenCalled();
  });
});

describe('createAppUrlCheck', () => {
  it('trusts app://hearth/index.html, with any route in query or fragment', () => {
    const check = createAppUrlCheck({});
    expect(check('app://hearth/index.html')).toBe(true);
    expect(check('app://hearth/')).toBe(true);
    expect(check('app://hearth/index.html#/timeline')).toBe(true);
    expect(check('app://hearth/index.html?x=1')).toBe(true);
  });

  it('distrusts file://, other app:// paths and hosts, and every other origin', () => {
    const check = createAppUrlCheck({});
    const fileUrl = pathToFileURL(join('/opt/Hearth/resources/app.asar/out/renderer', 'index.html')).href;
    expect(check(fileUrl)).toBe(false);
    expect(check('app://hearth/assets/index.js')).toBe(false);
    expect(check('app://hearth/other.html')).toBe(false);
    expect(check('app://hearth/x/../index.html')).toBe(false);
    expect(check('app://evil/index.html')).toBe(false);
    expect(check('app://hearth.evil/index.html')).toBe(false);
    expect(check('app://user@hearth/index.html')).toBe(false);
    expect(check('app://hearth:1/index.html')).toBe(false);
    expect(check('http://localhost:5173/')).toBe(false);
    expect(check('not a url')).toBe(false);
    expect(check('about:blank')).toBe(false);
  });

  it('trusts the dev server origin only when one is given', () => {
    const check = createAppUrlCheck({ devServerUrl: 'http://localhost:5173' });
    expect(check('http://localhost:5173/')).toBe(true);
    expect(check('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(check('http://localhost:5174/')).toBe(false);
    expect(check('https://localhost:5173/')).toBe(false);
    expect(check('app://hearth/index.html')).toBe(true);
  });
});

describe('createFilePageCheck', () => {
  const htmlPath = join('/opt/Hearth/resources/app.asar/out/renderer', 'migrate.html');
  const fileUrl = pathToFileURL(htmlPath).href;

  it('trusts exactly that file, with any query or fragment', () => {
    const check = createFilePageCheck({ htmlPath });
    expect(check(fileUrl)).toBe(true);
    expect(check(`${fileUrl}#x`)).toBe(true);
    expect(check(`${fileUrl}?x=1`)).toBe(true);
  });

  it('distrusts other files, hosts and origins', () => {
    const check = createFilePageCheck({ htmlPath });
    expect(check(pathToFileURL('/tmp/evil.html').href)).toBe(false);
    expect(check(fileUrl.replace('migrate.html', 'index.html'))).toBe(false);
    expect(check(fileUrl.replace('file:///', 'file://server/'))).toBe(false);
    expect(check('app://hearth/index.html')).toBe(false);
    expect(check('not a url')).toBe(false);
  });

  it('compares paths without case when asked (Windows)', () => {
    const check = createFilePageCheck({ htmlPath, caseInsensitivePaths: true });
    expect(check(fileUrl.toUpperCase().replace('FILE:', 'file:'))).toBe(true);
    expect(createFilePageCheck({ htmlPath })(fileUrl.replace('renderer', 'RENDERER'))).toBe(false);
  });
});
