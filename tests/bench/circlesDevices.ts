// Simulated devices for the circles bench: each is its own chromium.launch() with the WebRTC-on-loopback
// flags (TESTING.md), one page on the circles bench page, called through its typed window API.
import { chromium, type Browser, type Page } from 'playwright-core';
import type { BenchEnv } from './harness';
import type { CirclesBenchApi } from './circlesPage/contract';

/** Without both the loopback flag and a media permission, Chromium gathers no ICE candidates on loopback. */
export const WEBRTC_LOOPBACK_ARGS: readonly string[] = ['--allow-loopback-in-peer-connection', '--use-fake-ui-for-media-stream'];

export interface BenchDevice {
  readonly name: string;
  readonly browser: Browser;
  readonly page: Page;
  close(): Promise<void>;
}

type Method = keyof CirclesBenchApi;
type Result<K extends Method> = Awaited<ReturnType<CirclesBenchApi[K]>>;

/** Calls one method of the page's window.hearthCirclesBench. */
export async function call<K extends Method>(device: BenchDevice, name: K, ...args: Parameters<CirclesBenchApi[K]>): Promise<Result<K>> {
  const result: unknown = await device.page.evaluate(
    async ({ name: method, args: callArgs }) => {
      const api = window.hearthCirclesBench;
      if (api === undefined) throw new Error('the circles bench page is not ready');
      const fn = api[method] as (...values: unknown[]) => unknown;
      return await fn.apply(api, callArgs);
    },
    { name, args: [...args] as unknown[] },
  );
  // The page's contract says what each method returns; the value crossed as JSON.
  return result as Result<K>;
}

export async function launchDevice(env: BenchEnv, pageUrl: string, name: string): Promise<BenchDevice> {
  const browser = await chromium.launch({ executablePath: env.chromiumPath, args: [...env.chromiumArgs, ...WEBRTC_LOOPBACK_ARGS], headless: true, timeout: 30_000 });
  try {
    const context = await browser.newContext();
    await context.grantPermissions(['microphone'], { origin: new URL(pageUrl).origin });
    const page = await context.newPage();
    page.on('pageerror', (error) => env.progress(`circles: page error on ${name}: ${error.message}`));
    page.on('console', (message) => {
      // The product logs only warnings and errors (a watchdog retry, a bad frame): worth seeing in progress.
      if (message.type() === 'error' || message.type() === 'warning') env.progress(`circles: ${name} ${message.type()}: ${message.text()}`);
    });
    await page.goto(pageUrl);
    await page.waitForFunction(() => document.body.dataset.ready === 'true', undefined, { timeout: 15_000 });
    return { name, browser, page, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** Polls `check` every 100 ms until it holds or `timeoutMs` passes; returns whether it held. */
export async function pollUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((done) => setTimeout(done, 100));
  }
}
