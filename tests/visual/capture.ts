// Captures screenshots of every view in light and dark, with a realistic journal, for a person to look
// at (`npx tsx tests/visual/capture.ts` after `npm run build:web`; images go to out/screenshots/).
// HEARTH_CAPTURE_PORT moves the preview server off 4391 when another checkout is capturing too.
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { preview } from 'vite';
import { generateJournal } from '../support/fixtures';
import { toJsonExport } from '../../shared/journal/exchange';
import { today } from '../../shared/journal/days';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { installFakeHearthBridge } from '../support/fakeHearthBridge';
import { gotoUnlocked } from '../support/lock';

const root = resolve(import.meta.dirname, '../..');
const outDir = resolve(root, 'out/screenshots');
const port = Number(process.env.HEARTH_CAPTURE_PORT ?? 4391);
const base = `http://127.0.0.1:${String(port)}`;

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(1_600);
  await page.screenshot({ path: resolve(outDir, `${name}.png`) });
  process.stderr.write(`captured ${name}\n`);
}

/** Settings → Circles connection as the desktop app shows it (a stand-in preload), filled in, hosting on the network. */
async function captureCirclesConnection(browser: Browser, scheme: 'light' | 'dark', zone: string): Promise<void> {
  // Tall enough for the whole section to be on screen at once.
  const context = await browser.newContext({ viewport: { width: 1280, height: 2600 }, colorScheme: scheme, timezoneId: zone, locale: 'en-GB' });
  const page = await context.newPage();
  await installFakeHearthBridge(page);
  await gotoUnlocked(page, `${base}/#/settings`);
  const section = page.getByRole('region', { name: 'Circles connection' });
  await section.getByLabel('Add relay address').fill('wss://relay.example.org');
  await section.getByLabel('Add relay address').press('Enter');
  await section.getByLabel('Server address').fill('turn:turn.example.org:3478');
  await section.getByLabel('User name').fill('robin');
  await section.getByLabel('Password').fill('correct horse');
  await section.getByLabel('Server address').press('Enter');
  await section.getByRole('switch', { name: 'Host a relay on this computer' }).check();
  await section.getByRole('switch', { name: 'Let others on my network connect' }).check();
  await section.getByLabel('Add relay address').fill('https://relay.example.org');
  await section.getByLabel('Add relay address').press('Enter');
  await section.getByText('web page address').waitFor();
  await page.waitForTimeout(400);
  await section.screenshot({ path: resolve(outDir, `${scheme}-settings-circles-connection.png`) });
  process.stderr.write(`captured ${scheme}-settings-circles-connection\n`);
  await context.close();
}

async function main(): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const zone = 'Europe/Berlin';
  const backup = resolve(outDir, 'seed.json');
  await writeFile(backup, toJsonExport(generateJournal(900, { seed: 3, endDay: today(zone), zone }), { activities: [], customEmotions: [] }, new Date()));

  const server = await preview({ configFile: resolve(root, 'renderer/vite.config.ts'), build: { outDir: resolve(root, 'out/web') }, preview: { port, strictPort: true } });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS],
  });
  try {
    for (const scheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: scheme, timezoneId: zone, locale: 'en-GB' });
      const page = await context.newPage();
      await gotoUnlocked(page, `${base}/#/settings`);
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Import JSON backup' }).click();
      await (await chooser).setFiles(backup);
      await page.getByText(/Added/).first().waitFor();
      await shoot(page, `${scheme}-settings`);
      for (const view of ['today', 'timeline', 'calendar', 'insights', 'search'] as const) {
        await gotoUnlocked(page, `${base}/#/${view}${view === 'search' ? '?q=walk' : ''}`);
        await page.waitForLoadState('networkidle');
        await shoot(page, `${scheme}-${view}`);
      }
      await gotoUnlocked(page, `${base}/#/insights?range=90`);
      await shoot(page, `${scheme}-insights-90`);
      await gotoUnlocked(page, `${base}/#/today`);
      await page.getByRole('button', { name: 'Check in' }).first().click();
      await page.keyboard.press('4');
      await page.getByRole('checkbox', { name: 'hopeful' }).check();
      await page.getByRole('checkbox', { name: 'walk', exact: true }).check();
      await shoot(page, `${scheme}-checkin`);
      await page.keyboard.press('Control+Enter');
      await page.getByRole('dialog', { name: 'New check-in' }).waitFor({ state: 'hidden' });
      await captureSharing(page, scheme);
      await context.close();
      await captureCirclesConnection(browser, scheme, zone);
    }
  } finally {
    await browser.close();
    await new Promise<void>((done) => server.httpServer.close(() => done()));
  }
}

/** The share dialog (choosing, and for an entry already shared) and a card that says where it is shared. */
async function captureSharing(page: Page, scheme: 'light' | 'dark'): Promise<void> {
  await gotoUnlocked(page, `${base}/#/circles`);
  await page.getByRole('button', { name: 'Create a circle' }).click();
  const create = page.getByRole('dialog', { name: 'Create a circle' });
  await create.getByLabel('Circle name').fill('Tuesday evening circle');
  await create.getByLabel('Your name in this circle').fill('Robin');
  await create.getByRole('button', { name: 'Create circle' }).click();
  await create.waitFor({ state: 'hidden' });
  await gotoUnlocked(page, `${base}/#/timeline`);
  // A check-in with a note, so every field has something to show.
  const card = page.getByRole('article', { name: /^Check-in/ }).filter({ has: page.locator('.checkin-card__note') }).first();
  await card.getByRole('button', { name: /^Share to circle…/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Share to circle' });
  await dialog.getByRole('checkbox', { name: /^Note/ }).check();
  await dialog.getByRole('checkbox', { name: /^Add a content warning/ }).check();
  await dialog.getByRole('checkbox', { name: 'Grief' }).check();
  await dialog.evaluate((element) => element.scrollTo(0, 0));
  await shoot(page, `${scheme}-share`);
  await dialog.evaluate((element) => element.scrollTo(0, element.scrollHeight));
  await shoot(page, `${scheme}-share-warning`);
  await dialog.getByRole('button', { name: 'Share', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  await card.getByRole('link', { name: /^Shared to/ }).waitFor();
  await shoot(page, `${scheme}-timeline-shared`);
  await card.getByRole('button', { name: /^Share to circle…/ }).click();
  await dialog.getByRole('button', { name: 'Take it back' }).click();
  await shoot(page, `${scheme}-share-shared`);
  await page.keyboard.press('Escape');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
