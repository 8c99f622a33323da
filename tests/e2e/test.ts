// The `test` every end-to-end spec imports: Playwright's, plus the network promise the app makes. Each test
// watches every request and WebSocket its browser context opens, and fails if any went anywhere but this
// machine (the preview, the local relay). The multi-peer suite runs inside a loopback-only namespace and
// checks the relay's frames itself (tests/e2e/circles). Each test also fails if the page broke its own
// Content Security Policy (an inline style or script, a remote image), so every spec checks the policy.
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';

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

/** The passcode every end-to-end journal is locked with (long enough for the strength rules). */
export const TEST_PASSCODE = 'quiet harbour lantern morning';

/**
 * Opens Hearth at `path` and gets past the lock: sets up a vault with TEST_PASSCODE on a fresh profile, or
 * unlocks one set up earlier. A full navigation or reload locks again (the page forgets its key); a
 * hash-only navigation (`#/settings`) does not, so tests move between views by hash or by the app's links.
 */
export async function openApp(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await unlockApp(page);
}

/** Completes set-up or unlocks, whichever the page shows, and waits for the app. Returns the recovery key at set-up. */
export async function unlockApp(page: Page, passcode = TEST_PASSCODE): Promise<string | null> {
  const setUp = page.getByRole('heading', { name: 'Lock your journal with a passcode' });
  const locked = page.getByRole('heading', { name: 'Hearth is locked' });
  const app = page.getByRole('navigation', { name: 'Main' });
  await expect(setUp.or(locked).or(app)).toBeVisible({ timeout: 20_000 });
  let recoveryKey: string | null = null;
  if (await setUp.isVisible()) {
    await page.getByLabel('Passcode', { exact: true }).fill(passcode);
    await page.getByLabel('Passcode again').fill(passcode);
    await page.getByRole('button', { name: 'Lock my journal' }).click();
    const groups = page.getByRole('list', { name: 'Your recovery key' }).getByRole('listitem');
    await expect(groups).toHaveCount(9, { timeout: 30_000 });
    recoveryKey = (await groups.allTextContents()).join('-');
    await page.getByLabel('I have kept my recovery key').check();
    await page.getByRole('button', { name: 'Open my journal' }).click();
  } else if (await locked.isVisible()) {
    await page.getByLabel('Passcode', { exact: true }).fill(passcode);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  }
  await expect(app).toBeVisible({ timeout: 30_000 });
  return recoveryKey;
}

/** Reloads the page (which locks Hearth) and unlocks it again with TEST_PASSCODE. */
export async function reloadAndUnlock(page: Page): Promise<void> {
  await page.reload();
  await unlockApp(page);
}

export { expect };
export type { Locator, Page } from '@playwright/test';
