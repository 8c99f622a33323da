// Captures Support for a person to look at, in light and dark: the safety plan filled in, the crisis-line
// directory, and the gentle offer under a check-in note (with the Support sheet over it). Run after
// `npm run build:web`: `npx tsx tests/visual/safety.ts`; images go to out/screenshots/safety-*.png.
// HEARTH_CAPTURE_PORT moves the preview server off 4393.
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { preview } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { gotoUnlocked } from '../support/lock';

const root = resolve(import.meta.dirname, '../..');
const outDir = resolve(root, 'out/screenshots');
const port = Number(process.env.HEARTH_CAPTURE_PORT ?? 4393);
const base = `http://127.0.0.1:${String(port)}`;

function captured(name: string): void {
  process.stderr.write(`captured ${name}\n`);
}

async function capture(browser: Browser, scheme: 'light' | 'dark'): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: scheme, timezoneId: 'Europe/London', locale: 'en-GB' });
  const page = await context.newPage();
  page.on('pageerror', (error) => process.stderr.write(`[page error] ${error.message}\n`));

  // An empty plan first: the kind guidance.
  await gotoUnlocked(page, `${base}/#/support`);
  await page.getByRole('heading', { name: 'My safety plan' }).waitFor();
  await page.waitForTimeout(600);
  await page.screenshot({ path: resolve(outDir, `safety-${scheme}-support-empty.png`) });
  captured(`safety-${scheme}-support-empty`);
  await page.setViewportSize({ width: 1280, height: 2600 });
  await page.waitForTimeout(300);
  await page.getByRole('region', { name: 'My safety plan' }).screenshot({ path: resolve(outDir, `safety-${scheme}-plan-empty.png`) });
  captured(`safety-${scheme}-plan-empty`);
  await page.setViewportSize({ width: 1280, height: 900 });

  const fill = async (label: string, text: string): Promise<void> => page.getByLabel(label).fill(text);
  await fill('Step 1: Warning signs', 'Not sleeping, cancelling plans, thinking "what\'s the point"');
  await fill('Step 2: Things I can do on my own', 'A hot shower\nA walk round the block\nThe playlist that calms me');
  await fill('Step 3: People and places that take my mind off things', 'The café on the corner, the library, calling my cousin about football');
  const helpers = page.getByRole('group', { name: 'Step 4: People I can ask for help' });
  await helpers.getByLabel('Name').fill('Ana (sister)');
  await helpers.getByLabel('Phone').fill('07700 900123');
  await helpers.getByRole('button', { name: 'Add a person' }).click();
  await helpers.getByLabel('Name').nth(1).fill('Jo from work');
  await helpers.getByLabel('Phone').nth(1).fill('ask Ana');
  const professionals = page.getByRole('group', { name: 'Step 5: Professionals and services I can contact' });
  await professionals.getByLabel('Name').fill('Dr Okafor, GP surgery');
  await professionals.getByLabel('Phone').fill('020 7946 0000');
  await fill('Step 6: Making my surroundings safer', 'Ask Ana to keep my spare medication');
  await fill('My reasons for living', 'My niece, the sea in summer, finishing the quilt');
  await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
  await page.getByLabel('Country', { exact: true }).selectOption('GB');
  await page.waitForTimeout(600);

  // Tall enough for each section to be on screen whole (the main area scrolls on its own).
  await page.setViewportSize({ width: 1280, height: 2600 });
  await page.waitForTimeout(300);
  const plan = page.getByRole('region', { name: 'My safety plan' });
  await plan.screenshot({ path: resolve(outDir, `safety-${scheme}-plan.png`) });
  captured(`safety-${scheme}-plan`);
  const lines = page.getByRole('region', { name: 'Crisis lines' });
  await lines.screenshot({ path: resolve(outDir, `safety-${scheme}-lines.png`) });
  captured(`safety-${scheme}-lines`);
  await page.getByLabel('Country', { exact: true }).selectOption('INTL');
  await page.waitForTimeout(300);
  await lines.screenshot({ path: resolve(outDir, `safety-${scheme}-lines-elsewhere.png`) });
  captured(`safety-${scheme}-lines-elsewhere`);

  await page.setViewportSize({ width: 1280, height: 900 });

  // The offer under a check-in note, then the Support sheet over the dialog.
  await gotoUnlocked(page, `${base}/#/today`);
  await page.getByRole('button', { name: 'Check in' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New check-in' });
  await dialog.getByRole('radio', { name: 'Very low', exact: true }).check();
  const note = dialog.getByRole('textbox', { name: /^Note/ });
  await note.fill('Another night awake. Honestly I don’t want to be here anymore.');
  const offer = dialog.getByRole('region', { name: 'Support is here if you need it' });
  await offer.waitFor();
  await offer.scrollIntoViewIfNeeded();
  await page.waitForTimeout(400);
  await page.screenshot({ path: resolve(outDir, `safety-${scheme}-offer.png`) });
  captured(`safety-${scheme}-offer`);
  await offer.getByRole('button', { name: 'Open my safety plan' }).click();
  await page.getByRole('dialog', { name: 'Support' }).waitFor();
  await page.waitForTimeout(600);
  await page.screenshot({ path: resolve(outDir, `safety-${scheme}-sheet.png`) });
  captured(`safety-${scheme}-sheet`);

  // Settings → Support and safety.
  await page.keyboard.press('Escape');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.getByRole('button', { name: 'Discard' }).click();
  await gotoUnlocked(page, `${base}/#/settings`);
  const section = page.getByRole('region', { name: 'Support and safety' });
  await section.waitFor();
  await page.waitForTimeout(400);
  await section.screenshot({ path: resolve(outDir, `safety-${scheme}-settings.png`) });
  captured(`safety-${scheme}-settings`);
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
