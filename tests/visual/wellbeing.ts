// Captures the healthy-use screens in light and dark for a person to look at: the Healthy use settings,
// the break screen, the daily circle time note and the quick-hide cover (over an open check-in).
// `npx tsx tests/visual/wellbeing.ts` after `npm run build:web`; images go to out/screenshots/.
// HEARTH_CAPTURE_PORT moves the preview server off 4391 when another checkout is capturing too.
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { preview } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { gotoUnlocked, passLock } from '../support/lock';

const root = resolve(import.meta.dirname, '../..');
const outDir = resolve(root, 'out/screenshots');
const port = Number(process.env.HEARTH_CAPTURE_PORT ?? 4391);
const base = `http://127.0.0.1:${String(port)}`;

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(600);
  await page.screenshot({ path: resolve(outDir, `${name}.png`) });
  process.stderr.write(`captured ${name}\n`);
}

async function createCircle(page: Page): Promise<void> {
  await gotoUnlocked(page, `${base}/#/circles`);
  await page.getByRole('button', { name: 'Create a circle' }).click();
  const create = page.getByRole('dialog', { name: 'Create a circle' });
  await create.getByLabel('Circle name').fill('Tuesday evening circle');
  await create.getByLabel('Your name in this circle').fill('Robin');
  await create.getByRole('button', { name: 'Create circle' }).click();
  await create.waitFor({ state: 'hidden' });
}

async function capture(browser: Browser, scheme: 'light' | 'dark'): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: scheme, timezoneId: 'Europe/Berlin', locale: 'en-GB' });
  await context.grantPermissions(['notifications']);
  const page = await context.newPage();
  await page.clock.install({ time: new Date('2026-06-10T12:00:00+02:00') });
  await createCircle(page);

  await gotoUnlocked(page, `${base}/#/settings`);
  // A fresh page, without the "circle created" toast.
  await page.reload();
  await passLock(page);
  const section = page.getByRole('region', { name: 'Healthy use' });
  await section.getByRole('switch', { name: 'Circle notifications' }).check();
  await section.getByRole('switch', { name: 'Quiet hours' }).check();
  await section.getByLabel('Daily circle time').selectOption({ label: '15 minutes a day' });
  await section.getByRole('switch', { name: 'Hide when I switch away' }).check();
  await page.waitForTimeout(400);
  await section.screenshot({ path: resolve(outDir, `${scheme}-settings-healthy-use.png`) });
  process.stderr.write(`captured ${scheme}-settings-healthy-use\n`);

  // The circle time note, after a quarter of an hour on a circle page.
  await gotoUnlocked(page, `${base}/#/circles`);
  await page.getByRole('link', { name: 'Tuesday evening circle' }).click();
  await page.getByRole('heading', { name: 'Tuesday evening circle', level: 1 }).waitFor();
  for (let minute = 0; minute < 16; minute += 1) {
    await page.mouse.move(600 + minute, 400);
    await page.clock.runFor(60_000);
  }
  await page.getByRole('button', { name: 'Okay' }).waitFor();
  await shoot(page, `${scheme}-circle-time-note`);

  // A three-day break.
  await gotoUnlocked(page, `${base}/#/settings`);
  await section.getByLabel('Take a break from circles').selectOption({ label: '3 days' });
  await section.getByRole('button', { name: 'Start break' }).click();
  await section.getByRole('button', { name: 'End my break' }).waitFor();
  await page.waitForTimeout(300);
  await section.screenshot({ path: resolve(outDir, `${scheme}-settings-healthy-use-on-break.png`) });
  await page.getByRole('link', { name: 'Circles' }).click();
  await page.getByRole('heading', { name: 'You’re taking a break' }).waitFor();
  await shoot(page, `${scheme}-break`);

  // The cover shown on switching away, over a half-written check-in.
  await gotoUnlocked(page, `${base}/#/today`);
  await page.getByRole('button', { name: 'Check in' }).first().click();
  await page.getByRole('textbox', { name: /^Note/ }).fill('Something private I was in the middle of writing.');
  await page.evaluate(() => window.dispatchEvent(new Event('blur')));
  await page.getByRole('button', { name: 'Show Hearth' }).waitFor();
  await shoot(page, `${scheme}-hidden`);
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
