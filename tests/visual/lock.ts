// Captures the lock for a person to look at, in light and dark: set-up with the strength meter, the
// recovery key, the lock screen, the calm wait after wrong passcodes, support from the lock, and Settings →
// Privacy & lock as the desktop app shows it (a stand-in preload, with the keychain row). Run after
// `npm run build:web`: `npx tsx tests/visual/lock.ts`; images go to out/screenshots/lock-*.png.
// HEARTH_CAPTURE_PORT moves the preview server off 4394.
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { preview } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { installFakeHearthBridge } from '../support/fakeHearthBridge';
import { SCRIPT_PASSCODE } from '../support/lock';

const root = resolve(import.meta.dirname, '../..');
const outDir = resolve(root, 'out/screenshots');
const port = Number(process.env.HEARTH_CAPTURE_PORT ?? 4394);
const base = `http://127.0.0.1:${String(port)}`;

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(500);
  await page.screenshot({ path: resolve(outDir, `lock-${name}.png`) });
  process.stderr.write(`captured lock-${name}\n`);
}

async function capture(browser: Browser, scheme: 'light' | 'dark'): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: scheme, timezoneId: 'Europe/London', locale: 'en-GB' });
  const page = await context.newPage();
  page.on('pageerror', (error) => process.stderr.write(`[page error] ${error.message}\n`));
  await installFakeHearthBridge(page);

  await page.goto(`${base}/`);
  await page.getByRole('heading', { name: 'Lock your journal with a passcode' }).waitFor({ timeout: 30_000 });
  await page.getByLabel('Passcode', { exact: true }).fill('lantern harbour');
  await page.getByText(/^Strength: /).waitFor();
  await shoot(page, `${scheme}-set-up`);
  await page.getByLabel('Passcode', { exact: true }).fill('sunny');
  await page.getByLabel('Passcode again').fill('sunny');
  await page.getByRole('button', { name: 'Lock my journal' }).click();
  await page.getByRole('alert').filter({ hasText: 'at least 8' }).waitFor();
  await shoot(page, `${scheme}-set-up-refused`);

  await page.getByLabel('Passcode', { exact: true }).fill(SCRIPT_PASSCODE);
  await page.getByLabel('Passcode again').fill(SCRIPT_PASSCODE);
  await page.getByRole('button', { name: 'Lock my journal' }).click();
  await page.getByRole('list', { name: 'Your recovery key' }).waitFor({ timeout: 60_000 });
  await shoot(page, `${scheme}-recovery-key`);
  await page.getByLabel('I have kept my recovery key').check();
  await page.getByRole('button', { name: 'Open my journal' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: 60_000 });

  await page.goto(`${base}/#/settings`);
  const section = page.getByRole('region', { name: 'Privacy & lock' });
  await section.getByRole('switch', { name: 'Unlock with this computer’s keychain' }).check();
  await page.setViewportSize({ width: 1280, height: 2600 });
  await page.waitForTimeout(400);
  await section.screenshot({ path: resolve(outDir, `lock-${scheme}-settings-privacy.png`) });
  process.stderr.write(`captured lock-${scheme}-settings-privacy\n`);
  await page.setViewportSize({ width: 1280, height: 900 });

  // Locked by the person: the passcode is asked for (the keychain is offered, not used by itself).
  await page.getByRole('button', { name: 'Lock now' }).click();
  await page.getByRole('heading', { name: 'Hearth is locked' }).waitFor({ timeout: 30_000 });
  await shoot(page, `${scheme}-locked`);
  for (let attempt = 0; attempt < 4; attempt += 1) {
    await page.getByLabel('Passcode', { exact: true }).fill(`not it ${String(attempt)}`);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'didn’t unlock' }).waitFor({ timeout: 30_000 });
  }
  await page.getByText(/^You can try again in/).waitFor();
  await shoot(page, `${scheme}-wrong-passcode-wait`);
  await page.keyboard.press('F1');
  await page.getByRole('dialog', { name: 'Support' }).waitFor();
  await shoot(page, `${scheme}-locked-support`);
  await context.close();
}

async function main(): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const server = await preview({ configFile: resolve(root, 'renderer/vite.config.ts'), build: { outDir: resolve(root, 'out/web') }, preview: { port, strictPort: true } });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  try {
    for (const scheme of ['light', 'dark'] as const) await capture(browser, scheme);
  } finally {
    await browser.close();
    await new Promise<void>((done) => server.httpServer.close(() => done()));
  }
}

await main();
