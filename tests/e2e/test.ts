// The `test` every end-to-end spec imports: Playwright's, plus the network promise the app makes. Each test
// watches every request and WebSocket its browser context opens, and fails if any went anywhere but this
// machine (the preview, the local relay). The multi-peer suite runs inside a loopback-only namespace and
// checks the relay's frames itself (tests/e2e/circles). Each test also fails if the page broke its own
// Content Security Policy (an inline style or script, a remote image), so every spec checks the policy.
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

/** The name of the binding the init script reports a violation through. */
const CSP_BINDING = '__hearthReportCspViolation';

/**
 * Records every Content Security Policy violation in the context's pages: the page's own
 * securitypolicyviolation events (with what was blocked and where), and Chromium's console messages about
 * the policy, which also cover workers.
 */
async function watchPolicy(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  await context.exposeBinding(CSP_BINDING, (_source, report: unknown) => {
    violations.push(typeof report === 'string' ? report : JSON.stringify(report));
  });
  await context.addInitScript((binding: string) => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (globalThis as unknown as Record<string, ((text: string) => Promise<void>) | undefined>)[binding];
      const where = event.sourceFile === '' ? '' : ` at ${event.sourceFile}:${String(event.lineNumber)}`;
      void report?.(`${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'}${where}: ${event.sample}`);
    });
  }, CSP_BINDING);
  const watchConsole = (page: { on(event: 'console', listener: (message: { text(): string }) => void): unknown }): void => {
    page.on('console', (message) => {
      const text = message.text();
      if (/Content Security Policy/i.test(text)) violations.push(text);
    });
  };
  context.pages().forEach(watchConsole);
  context.on('page', watchConsole);
  return violations;
}

export const test = base.extend<{ networkPromise: undefined; contentPolicy: undefined }>({
  networkPromise: [
    async ({ context }, use) => {
      const foreign = watchNetwork(context);
      await use(undefined);
      expect(foreign, 'The app reached beyond this machine').toEqual([]);
    },
    { auto: true },
  ],
  contentPolicy: [
    async ({ context }, use) => {
      const violations = await watchPolicy(context);
      await use(undefined);
      expect(violations, 'The page broke its Content Security Policy').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
export type { Locator, Page } from '@playwright/test';
