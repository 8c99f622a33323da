// The security policy for every web page the app shows (the window's locked-down web preferences are
// written out where it is created, in index.ts, for the static check to read): no navigation away,
// no new windows, no webviews, no permissions, and a WebRTC policy that keeps local addresses private.
import { createLogger } from './log';

const log = createLogger('security');

/** A preventable Electron event. */
export interface PreventableEvent {
  preventDefault(): void;
}

/** The details Electron passes with will-navigate / will-frame-navigate / will-redirect. */
export interface NavigationEvent extends PreventableEvent {
  readonly url: string;
  readonly isSameDocument: boolean;
}

export type WindowOpenDecision = { action: 'deny' };

/** The parts of Electron's WebContents the policy uses. */
export interface HardenableContents {
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => WindowOpenDecision): void;
  setWebRTCIPHandlingPolicy(policy: 'default_public_interface_only'): void;
}

/** The parts of Electron's Session the policy uses. */
export interface HardenableSession {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
}

export interface ContentsPolicy {
  /** The app's own page; navigating to it (a reload) is allowed, anything else is not. */
  readonly isAppUrl: (url: string) => boolean;
}

/**
 * Applies the policy to one webContents (main code calls it from `web-contents-created`, so it covers
 * every page, including any the app did not mean to create).
 */
export function hardenWebContents(contents: HardenableContents, policy: ContentsPolicy): void {
  const guardNavigation = (kind: string) => (event: NavigationEvent): void => {
    if (event.isSameDocument || policy.isAppUrl(event.url)) return;
    event.preventDefault();
    log.warn(`blocked ${kind}`, redactUrl(event.url));
  };
  contents.on('will-navigate', guardNavigation('navigation'));
  contents.on('will-frame-navigate', guardNavigation('frame navigation'));
  contents.on('will-redirect', guardNavigation('redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('blocked a webview');
  });
  contents.setWindowOpenHandler(({ url }) => {
    log.warn('blocked a new window', redactUrl(url));
    return { action: 'deny' };
  });
  contents.setWebRTCIPHandlingPolicy('default_public_interface_only');
}

/** Denies every permission request and check (camera, microphone, geolocation, notifications, …). */
export function hardenSession(session: HardenableSession): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.info(`denied permission request: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
}

/** Logs say where a blocked request went (scheme and host), never the path or query, which may be personal. */
export function redactUrl(url: string): string {
  if (!URL.canParse(url)) return '(unparseable URL)';
  const parsed = new URL(url);
  return parsed.host === '' ? `${parsed.protocol}…` : `${parsed.protocol}//${parsed.host}/…`;
}
