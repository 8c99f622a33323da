// The preload, with the electron module replaced by a fake (the real one is never loaded): it exposes one
// object of named functions, never ipcRenderer, and checks what comes back.
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_METHODS, type HearthApi } from '@shared/ipc/contract';

const bridge = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(),
  listeners: new Map<string, (event: unknown, ...args: unknown[]) => void>(),
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => bridge.exposed.set(key, api),
  },
  ipcRenderer: {
    invoke: bridge.invoke,
    on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => bridge.listeners.set(channel, listener),
  },
}));

let api: HearthApi;
beforeAll(async () => {
  await import('../../../electron/preload/index');
  const exposed = bridge.exposed.get('hearth');
  if (typeof exposed !== 'object' || exposed === null) throw new Error('the preload exposed nothing under hearth');
  api = exposed as HearthApi;
});
beforeEach(() => {
  bridge.invoke.mockReset();
});

const emit = (payload: unknown): void => bridge.listeners.get('menu:command')?.({ sender: 'ipc event' }, payload);

describe('preload', () => {
  it('exposes exactly one global with only the contract’s functions', () => {
    expect([...bridge.exposed.keys()]).toEqual(['hearth']);
    expect(Object.keys(api).sort()).toEqual([...Object.keys(API_METHODS), 'onMenuCommand', 'onInviteLink'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('calls the declared channel with the request', async () => {
    bridge.invoke.mockResolvedValueOnce('saved');
    const request = { suggestedName: 'a.json', content: '{}', mimeType: 'application/json' };
    await expect(api.saveFile(request)).resolves.toBe('saved');
    expect(bridge.invoke).toHaveBeenCalledWith('file:save', request);

    bridge.invoke.mockResolvedValueOnce('granted');
    await expect(api.notificationPermission()).resolves.toBe('granted');
    expect(bridge.invoke).toHaveBeenLastCalledWith('notification:permission', undefined);

    const off = { enabled: false, shareOnNetwork: false, state: 'off', localUrl: null, networkUrls: [], problem: null };
    bridge.invoke.mockResolvedValueOnce(off);
    await expect(api.configureRelayHost({ enabled: false, shareOnNetwork: false })).resolves.toEqual(off);
    expect(bridge.invoke).toHaveBeenLastCalledWith('relay:configure', { enabled: false, shareOnNetwork: false });
  });

  it('rejects a response outside the contract', async () => {
    bridge.invoke.mockResolvedValueOnce({ kind: 'opened' });
    await expect(api.openFile({ extensions: ['json'], maxBytes: 10 })).rejects.toThrow();
  });

  it('delivers valid menu commands without the IPC event, and unsubscribes', () => {
    const listener = vi.fn();
    const other = vi.fn();
    const unsubscribe = api.onMenuCommand(listener);
    const unsubscribeOther = api.onMenuCommand(other);
    emit('go-today');
    emit('format-disk');
    expect(listener).toHaveBeenCalledExactlyOnceWith('go-today');
    unsubscribe();
    emit('go-timeline');
    expect(listener).toHaveBeenCalledOnce();
    expect(other).toHaveBeenLastCalledWith('go-timeline');
    unsubscribeOther();
  });

  it('keeps commands that arrive before anyone listens for the first listener', async () => {
    emit('new-check-in');
    const listener = vi.fn();
    const unsubscribe = api.onMenuCommand(listener);
    await Promise.resolve();
    expect(listener).toHaveBeenCalledExactlyOnceWith('new-check-in');
    unsubscribe();
  });

  it('keeps the newest invite link until the page listens, then delivers only links', async () => {
    const emitLink = (payload: unknown): void => bridge.listeners.get('invite:open')?.({ sender: 'ipc event' }, payload);
    emitLink('hearth://join#FIRST');
    emitLink('hearth://join#SECOND');
    emitLink('https://evil.example/');
    const listener = vi.fn();
    const unsubscribe = api.onInviteLink(listener);
    await Promise.resolve();
    expect(listener).toHaveBeenCalledExactlyOnceWith('hearth://join#SECOND');
    emitLink({ link: 'hearth://join#X' });
    emitLink('hearth://join#THIRD');
    expect(listener).toHaveBeenLastCalledWith('hearth://join#THIRD');
    expect(listener).toHaveBeenCalledTimes(2);
    unsubscribe();
    expect(() => api.onInviteLink('not a function' as never)).toThrow(TypeError);
  });
});
