// Simulated devices for the circles suite: each one is its own chromium.launch(), so peers meet only
// through the relay and WebRTC, never through a shared BroadcastChannel.
import { chromium, type Browser, type Page } from '@playwright/test';
import type { OpenCircleOptions } from './page/contract';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './paths';
import { unlockApp } from '../test';

export interface Device {
  readonly browser: Browser;
  readonly page: Page;
  /** Opens a fresh page (a fresh Y.Doc) on this device, replacing the current one. */
  reload(): Promise<Page>;
  close(): Promise<void>;
}

export function testEnvironment(): { origin: string; signalingUrl: string } {
  const origin = process.env.HEARTH_CIRCLES_ORIGIN;
  const signalingUrl = process.env.HEARTH_CIRCLES_SIGNALING;
  if (origin === undefined || signalingUrl === undefined) throw new Error('run through tests/e2e/circles/playwright.config.ts (its globalSetup starts the page and relay)');
  return { origin, signalingUrl };
}

/** Opens `entry` (a page of the circles test build: '' for the transport page, 'engine.html', or 'app/' for the app) in a fresh context, its own storage. */
export async function openPage(browser: Browser, origin: string, entry = ''): Promise<Page> {
  const context = await browser.newContext();
  // Chromium gathers no ICE candidates on loopback without a media permission (TESTING.md).
  await context.grantPermissions(['microphone'], { origin: new URL(origin).origin });
  const page = await context.newPage();
  page.on('pageerror', (error) => process.stderr.write(`[page error] ${error.message}\n`));
  if (process.env.HEARTH_DEBUG === '1') {
    await context.addInitScript(() => localStorage.setItem('HEARTH_DEBUG', '1'));
    page.on('console', (message) => process.stderr.write(`[page ${message.type()}] ${message.text()}\n`));
  }
  await page.goto(new URL(entry, origin).href);
  if (entry.startsWith('app/')) {
    // The app itself: a fresh profile is set up with the test passcode; ready once a view's heading shows.
    await unlockApp(page);
    await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 15_000 });
  } else {
    await page.waitForFunction(() => document.body.dataset.ready === 'true', undefined, { timeout: 10_000 });
  }
  return page;
}

export async function launchDevice(origin: string, entry = ''): Promise<Device> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS], timeout: 30_000 });
  let page = await openPage(browser, origin, entry);
  return {
    browser,
    get page() {
      return page;
    },
    async reload() {
      await page.context().close();
      page = await openPage(browser, origin, entry);
      return page;
    },
    close: () => browser.close(),
  };
}

export function launchDevices(origin: string, count: number, entry = ''): Promise<Device[]> {
  return Promise.all(Array.from({ length: count }, () => launchDevice(origin, entry)));
}

/** A room nobody else uses: tests never share state through the relay. */
export function freshRoom(signalingUrl: string, label: string): OpenCircleOptions {
  const random = crypto.getRandomValues(new Uint8Array(16));
  const hex = Array.from(random, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return { roomName: `test-${label}-${hex}`, password: `pw-${hex}`, signalingUrls: [signalingUrl] };
}
