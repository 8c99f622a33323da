// The `test` every end-to-end spec imports: Playwright's, plus the network promise the app makes. Each test
// watches every request and WebSocket its browser context opens, and fails if any went anywhere but this
// machine (the preview, the local relay). The multi-peer suite runs inside a loopback-only namespace and
// checks the relay's frames itself (tests/e2e/circles).
import { test as base, expect, type BrowserContext } from '@playwright/test';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** Schemes that never leave the page. */
const IN_PAGE = new Set(['data:', 'blob:', 'about:']);

/** Whether a URL the app asked for stays on this machine. */
export function staysLocal(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return IN_PAGE.has(parsed.protocol) || LOCAL_HOSTS.has(parsed.hostname);
}

function watchNetwork(context: BrowserContext): string[] {
  const foreign: string[] = [];
  const record = (url: string): void => {
    if (!staysLocal(url)) foreign.push(url);
  };
  context.on('request', (request) => record(request.url()));
  const watchSockets = (page: { on(event: 'websocket', listener: (socket: { url(): string }) => void): unknown }): void => {
    page.on('websocket', (socket) => record(socket.url()));
  };
  context.pages().forEach(watchSockets);
  context.on('page', watchSockets);
  return foreign;
}

export const test = base.extend<{ networkPromise: undefined }>({
  networkPromise: [
    async ({ context }, use) => {
      const foreign = watchNetwork(context);
      await use(undefined);
      expect(foreign, 'The app reached beyond this machine').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
export type { Locator, Page } from '@playwright/test';
