// The renderer's Electron platform: each Platform call goes to the matching preload function.
import { describe, expect, it, vi } from 'vitest';
import type { HearthApi } from '@shared/ipc/contract';
import { DEFAULT_REMINDER } from '@shared/reminder/settings';
import { createElectronPlatform, hasElectronBridge } from '../../../renderer/src/platform/electron';

const RELAY_OFF = { enabled: false, shareOnNetwork: false, state: 'off' as const, localUrl: null, networkUrls: [], problem: null };
const RELAY_RUNNING = { ...RELAY_OFF, enabled: true, state: 'running' as const, localUrl: 'ws://127.0.0.1:4444' };

/** 32 bytes 0..31 as base64url. */
const SECRET = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8';

function fakeApi() {
  const unsubscribe = vi.fn();
  return {
    unsubscribe,
    api: {
      saveFile: vi.fn<HearthApi['saveFile']>(() => Promise.resolve('saved')),
      openFile: vi.fn<HearthApi['openFile']>(() => Promise.resolve({ kind: 'too-large', bytes: 5 })),
      configureReminder: vi.fn<HearthApi['configureReminder']>(() => Promise.resolve(null)),
      notificationPermission: vi.fn<HearthApi['notificationPermission']>(() => Promise.resolve('granted')),
      showCircleNotice: vi.fn<HearthApi['showCircleNotice']>(() => Promise.resolve('clicked')),
      openExternal: vi.fn<HearthApi['openExternal']>(() => Promise.resolve(null)),
      onMenuCommand: vi.fn<HearthApi['onMenuCommand']>(() => unsubscribe),
      onInviteLink: vi.fn<HearthApi['onInviteLink']>(() => unsubscribe),
      relayHostStatus: vi.fn<HearthApi['relayHostStatus']>(() => Promise.resolve(RELAY_OFF)),
      configureRelayHost: vi.fn<HearthApi['configureRelayHost']>(() => Promise.resolve(RELAY_RUNNING)),
      keychainStatus: vi.fn<HearthApi['keychainStatus']>(() => Promise.resolve({ state: 'available', message: null })),
      createKeychainSecret: vi.fn<HearthApi['createKeychainSecret']>(() => Promise.resolve({ ok: true, secret: SECRET, sealed: 'c2VhbGVk' })),
      openKeychainSecret: vi.fn<HearthApi['openKeychainSecret']>(() => Promise.resolve({ ok: false, message: 'The keychain changed.' })),
      earlierJournalPlan: vi.fn<HearthApi['earlierJournalPlan']>(() => Promise.resolve({ kind: 'none' })),
      earlierJournalChunk: vi.fn<HearthApi['earlierJournalChunk']>(() => Promise.resolve({ store: 'settings', rows: [] })),
      finishEarlierJournal: vi.fn<HearthApi['finishEarlierJournal']>(() => Promise.resolve(null)),
    } satisfies HearthApi,
  };
}

describe('createElectronPlatform', () => {
  it('forwards every call to the preload API', async () => {
    const { api, unsubscribe } = fakeApi();
    const platform = createElectronPlatform(api);
    expect(platform.kind).toBe('electron');

    await expect(platform.saveFile({ suggestedName: 'a.csv', content: 'x', mimeType: 'text/csv' })).resolves.toBe('saved');

    await expect(platform.earlierJournal?.plan()).resolves.toEqual({ kind: 'none' });
    await expect(platform.earlierJournal?.chunk(3)).resolves.toEqual({ store: 'settings', rows: [] });
    expect(api.earlierJournalChunk).toHaveBeenCalledWith({ index: 3 });
    await platform.earlierJournal?.finish('target-exists');
    expect(api.finishEarlierJournal).toHaveBeenCalledWith({ outcome: 'target-exists' });
    expect(api.saveFile).toHaveBeenCalledWith({ suggestedName: 'a.csv', content: 'x', mimeType: 'text/csv' });

    await expect(platform.openFile({ extensions: ['json'], maxBytes: 4 })).resolves.toEqual({ kind: 'too-large', bytes: 5 });
    expect(api.openFile).toHaveBeenCalledWith({ extensions: ['json'], maxBytes: 4 });

    await expect(platform.configureReminder({ settings: DEFAULT_REMINDER, checkedInDay: '2025-06-10' })).resolves.toBeUndefined();
    expect(api.configureReminder).toHaveBeenCalledWith({ settings: DEFAULT_REMINDER, checkedInDay: '2025-06-10' });

    await expect(platform.notificationPermission()).resolves.toBe('granted');
    await expect(platform.requestNotificationPermission()).resolves.toBe('granted');

    await expect(platform.showCircleNotice('reply', 'c1')).resolves.toBe('clicked');
    expect(api.showCircleNotice).toHaveBeenCalledWith({ kind: 'reply', tag: 'c1' });

    await expect(platform.openExternal('https://example.org/')).resolves.toBeUndefined();
    expect(api.openExternal).toHaveBeenCalledWith({ url: 'https://example.org/' });

    await expect(platform.relayHost?.status()).resolves.toEqual(RELAY_OFF);
    await expect(platform.relayHost?.configure({ enabled: true, shareOnNetwork: false })).resolves.toEqual(RELAY_RUNNING);
    expect(api.configureRelayHost).toHaveBeenCalledWith({ enabled: true, shareOnNetwork: false });

    await expect(platform.keychain?.status()).resolves.toEqual({ state: 'available', message: null });
    // The secret arrives as bytes; a refusal arrives as main's sentence.
    await expect(platform.keychain?.create()).resolves.toEqual({ ok: true, secret: Uint8Array.from({ length: 32 }, (_, i) => i), sealed: 'c2VhbGVk' });
    await expect(platform.keychain?.open('c2VhbGVk')).resolves.toEqual({ ok: false, message: 'The keychain changed.' });
    expect(api.openKeychainSecret).toHaveBeenCalledWith({ sealed: 'c2VhbGVk' });

    const listener = vi.fn();
    const off = platform.onMenuCommand(listener);
    expect(api.onMenuCommand).toHaveBeenCalledWith(listener);
    off();
    expect(unsubscribe).toHaveBeenCalledOnce();

    const onLink = vi.fn();
    platform.onInviteLink(onLink)();
    expect(api.onInviteLink).toHaveBeenCalledWith(onLink);
    expect(unsubscribe).toHaveBeenCalledTimes(2);
  });

  it('passes a refusal from main on as a rejection', async () => {
    const { api } = fakeApi();
    api.openExternal.mockRejectedValueOnce(new Error('shell:open-external refused'));
    await expect(createElectronPlatform(api).openExternal('http://example.org/')).rejects.toThrow('refused');
  });
});

describe('hasElectronBridge', () => {
  it('finds the preload API only when it is there', () => {
    expect(hasElectronBridge({})).toBe(false);
    expect(hasElectronBridge({ hearth: null })).toBe(false);
    expect(hasElectronBridge({ hearth: 'yes' })).toBe(false);
    expect(hasElectronBridge({ hearth: { saveFile: () => undefined } })).toBe(true);
    expect(hasElectronBridge()).toBe(false);
  });
});
