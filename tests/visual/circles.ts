// Captures a circle page with another member online, for a person to look at: two devices (separate
// Chromium launches) go through the real UI — create, invite, join, approve, accept the charter — over WebRTC
// through a local relay on the app's default address. Images go to out/screenshots/circle-*.png.
// Run after `npm run build:web`, inside the loopback-only namespace (the relay takes port 4444 there), with
// HEARTH_SCHEME=dark for the dark theme:
//   sh tests/support/netns.sh npx tsx tests/visual/circles.ts
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { preview } from 'vite';
import { silentLog } from '../../signaling/log';
import { createRelay } from '../../signaling/relay';
import { CHROMIUM_ARGS, CHROMIUM_PATH, WEBRTC_LOOPBACK_ARGS } from '../support/chromium';
import { gotoUnlocked } from '../support/lock';

const root = resolve(import.meta.dirname, '../..');
const outDir = resolve(root, 'out/screenshots');
const origin = 'http://127.0.0.1:4392';
/** Connecting, the handshake and presence each take a moment; WebRTC set-up can need a watchdog retry. */
const NETWORK_TIMEOUT_MS = 30_000;

async function device(browser: Browser, scheme: 'light' | 'dark'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: scheme, timezoneId: 'Europe/Berlin', locale: 'en-GB' });
  await context.grantPermissions(['microphone'], { origin });
  const page = await context.newPage();
  page.on('pageerror', (error) => process.stderr.write(`[page error] ${error.message}\n`));
  await gotoUnlocked(page, `${origin}/#/circles`);
  return page;
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(800);
  await page.screenshot({ path: resolve(outDir, `${name}.png`), fullPage: true });
  process.stderr.write(`captured ${name}\n`);
}

async function main(): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const relay = createRelay({ host: '127.0.0.1', port: 4444, log: silentLog });
  await relay.listen();
  const server = await preview({ configFile: resolve(root, 'renderer/vite.config.ts'), build: { outDir: resolve(root, 'out/web') }, preview: { port: 4392, strictPort: true } });
  const launch = () => chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...WEBRTC_LOOPBACK_ARGS] });
  const [facilitatorBrowser, memberBrowser] = await Promise.all([launch(), launch()]);
  try {
    const scheme = process.env.HEARTH_SCHEME === 'dark' ? 'dark' : 'light';
    const facilitator = await device(facilitatorBrowser, scheme);
    const member = await device(memberBrowser, scheme);

    await facilitator.getByRole('button', { name: 'Create a circle' }).click();
    const create = facilitator.getByRole('dialog', { name: 'Create a circle' });
    await create.getByLabel('Circle name').fill('Tuesday evening circle');
    await create.getByLabel('Your name in this circle').fill('Robin');
    await create.getByRole('button', { name: 'Create circle' }).click();
    await facilitator.getByRole('link', { name: 'Tuesday evening circle' }).click();
    await facilitator.getByRole('button', { name: 'Create invite' }).click();
    const code = (await facilitator.getByRole('region', { name: 'New invite' }).locator('.invite-code').innerText()).replace(/\s+/g, '');

    await member.getByRole('button', { name: 'Join with an invite code' }).click();
    const join = member.getByRole('dialog', { name: 'Join a circle' });
    await join.getByLabel('Invite code or link').fill(code);
    await join.getByLabel('Your name in this circle').fill('Willow');
    await join.getByRole('button', { name: 'Ask to join' }).click();

    await facilitator.getByRole('button', { name: 'Approve' }).click({ timeout: NETWORK_TIMEOUT_MS });
    await join.getByRole('link', { name: 'Open the circle' }).click({ timeout: NETWORK_TIMEOUT_MS });
    await member.getByRole('button', { name: 'I accept the charter' }).click({ timeout: NETWORK_TIMEOUT_MS });

    const willow = facilitator.getByRole('region', { name: 'Members' }).getByRole('listitem').filter({ hasText: 'Willow' });
    await willow.getByText('Online now').waitFor({ timeout: NETWORK_TIMEOUT_MS });
    await facilitator.getByText('1 member online').waitFor({ timeout: NETWORK_TIMEOUT_MS });
    await shoot(facilitator, `circle-${scheme}-facilitator`);
    await member.getByRole('region', { name: 'Members' }).getByText('Online now').waitFor({ timeout: NETWORK_TIMEOUT_MS });
    await shoot(member, `circle-${scheme}-member`);
    await gotoUnlocked(facilitator, `${origin}/#/circles`);
    await shoot(facilitator, `circle-${scheme}-list`);
  } finally {
    await Promise.all([facilitatorBrowser.close(), memberBrowser.close()]);
    await new Promise<void>((done) => server.httpServer.close(() => done()));
    await relay.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
