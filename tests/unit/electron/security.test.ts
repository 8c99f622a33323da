// The security policy applied to fake webContents and sessions: what is blocked and what still works.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setLogSink, type LogSink } from '../../../electron/main/log';
import {
  hardenSession,
  hardenWebContents,
  redactUrl,
  type HardenableContents,
  type HardenableSession,
  type NavigationEvent,
  type PreventableEvent,
  type WindowOpenDecision,
} from '../../../electron/main/security';

let previousSink: LogSink;
beforeAll(() => {
  previousSink = setLogSink(null);
});
afterAll(() => {
  setLogSink(previousSink);
});

function fakeContents() {
  const navigation = new Map<string, (event: NavigationEvent) => void>();
  // The webview listener only ever reads preventDefault; it is stored with the wider navigation type.
  let webview: ((event: NavigationEvent) => void) | null = null;
  let openHandler: ((details: { url: string }) => WindowOpenDecision) | null = null;
  const setWebRTCIPHandlingPolicy = vi.fn();
  function on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): void;
  function on(event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', listener: (event: NavigationEvent) => void): void;
  function on(event: string, listener: (event: NavigationEvent) => void): void {
    if (event === 'will-attach-webview') webview = listener;
    else navigation.set(event, listener);
  }
  const contents = {
    on,
    setWindowOpenHandler: (handler: (details: { url: string }) => WindowOpenDecision) => {
      openHandler = handler;
    },
    setWebRTCIPHandlingPolicy,
  } satisfies HardenableContents;
  const navigate = (kind: string, url: string, isSameDocument = false): boolean => {
    const listener = navigation.get(kind);
    if (!listener) throw new Error(`no ${kind} listener`);
    const preventDefault = vi.fn();
    listener({ url, isSameDocument, preventDefault });
    return preventDefault.mock.calls.length > 0;
  };
  return {
    contents,
    navigate,
    attachWebview: (): boolean => {
      const preventDefault = vi.fn();
      webview?.({ url: 'https://webview.example/', isSameDocument: false, preventDefault });
      return preventDefault.mock.calls.length > 0;
    },
    openWindow: (url: string) => openHandler?.({ url }),
    setWebRTCIPHandlingPolicy,
  };
}

const APP = 'file:///opt/hearth/out/renderer/index.html';
const policy = { isAppUrl: (url: string) => url.startsWith(APP) };

describe('hardenWebContents', () => {
  it('blocks navigation, frame navigation and redirects away from the app', () => {
    const fake = fakeContents();
    hardenWebContents(fake.contents, policy);
    for (const kind of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(fake.navigate(kind, 'https://evil.example/')).toBe(true);
      expect(fake.navigate(kind, 'file:///etc/passwd')).toBe(true);
      expect(fake.navigate(kind, 'javascript:alert(1)')).toBe(true);
    }
  });

  it('lets same-document navigation and reloads of the app through', () => {
    const fake = fakeContents();
    hardenWebContents(fake.contents, policy);
    expect(fake.navigate('will-navigate', 'https://evil.example/#x', true)).toBe(false);
    expect(fake.navigate('will-navigate', APP)).toBe(false);
    expect(fake.navigate('will-navigate', `${APP}#/settings`)).toBe(false);
  });

  it('denies every new window and webview', () => {
    const fake = fakeContents();
    hardenWebContents(fake.contents, policy);
    expect(fake.openWindow('https://example.org/')).toEqual({ action: 'deny' });
    expect(fake.openWindow(APP)).toEqual({ action: 'deny' });
    expect(fake.attachWebview()).toBe(true);
  });

  it('keeps local addresses out of WebRTC', () => {
    const fake = fakeContents();
    hardenWebContents(fake.contents, policy);
    expect(fake.setWebRTCIPHandlingPolicy).toHaveBeenCalledWith('default_public_interface_only');
  });
});

describe('hardenSession', () => {
  it('denies every permission request and check', () => {
    const captured: {
      request?: Parameters<HardenableSession['setPermissionRequestHandler']>[0];
      check?: Parameters<HardenableSession['setPermissionCheckHandler']>[0];
    } = {};
    hardenSession({
      setPermissionRequestHandler: (handler) => {
        captured.request = handler;
      },
      setPermissionCheckHandler: (handler) => {
        captured.check = handler;
      },
    });
    const { request, check } = captured;
    if (!request || !check) throw new Error('no permission handlers installed');
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'unknown']) {
      const callback = vi.fn();
      request(null, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(check(null, permission)).toBe(false);
    }
  });
});

describe('redactUrl', () => {
  it('keeps the scheme and host, never the path or query', () => {
    expect(redactUrl('https://example.org/diary?entry=sad')).toBe('https://example.org/…');
    expect(redactUrl('file:///home/me/journal.json')).toBe('file:…');
    expect(redactUrl('nonsense')).toBe('(unparseable URL)');
  });
});
