// Captures screenshots of every view in light and dark, with a realistic journal, for a person to look
// at (`npx tsx tests/visual/capture.ts` after `npm run build:web`; images go to out/screenshots/).
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { preview } from 'vite';
import { generateJournal } from '../support/fixtures';
import { toJsonExport } from '../../shared/journal/exchange';
import { today } from '../../shared/journal/days';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';

const root = resolve(import.meta.dirname, '../..');
const outDir = resolve(root, 'out/screenshots');

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(1_600);
  await page.screenshot({ path: resolve(outDir, `${name}.png`) });
  process.stderr.write(`captured ${name}\n`);
}

async function main(): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const zone = 'Europe/Berlin';
  const backup = resolve(outDir, 'seed.json');
  await writeFile(backup, toJsonExport(generateJournal(900, { seed: 3, endDay: today(zone), zone }), { activities: [], customEmotions: [] }, new Date()));

  const server = await preview({ configFile: resolve(root, 'renderer/vite.config.ts'), build: { outDir: resolve(root, 'out/web') }, preview: { port: 4391, strictPort: true } });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS],
  });
  try {
    for (const scheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: scheme, timezoneId: zone, locale: 'en-GB' });
      const page = await context.newPage();
      await page.goto('http://127.0.0.1:4391/#/settings');
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Import JSON backup' }).click();
      await (await chooser).setFiles(backup);
      await page.getByText(/Added/).first().waitFor();
      await shoot(page, `${scheme}-settings`);
      for (const view of ['today', 'timeline', 'calendar', 'insights', 'search'] as const) {
        await page.goto(`http://127.0.0.1:4391/#/${view}${view === 'search' ? '?q=walk' : ''}`);
        await page.waitForLoadState('networkidle');
        await shoot(page, `${scheme}-${view}`);
      }
      await page.goto('http://127.0.0.1:4391/#/insights?range=90');
      await shoot(page, `${scheme}-insights-90`);
      await page.goto('http://127.0.0.1:4391/#/today');
      await page.getByRole('button', { name: 'Check in' }).first().click();
      await page.keyboard.press('4');
      await page.getByRole('checkbox', { name: 'hopeful' }).check();
      await page.getByRole('checkbox', { name: 'walk', exact: true }).check();
      await shoot(page, `${scheme}-checkin`);
      await context.close();
    }
  } finally {
    await browser.close();
    await new Promise<void>((done) => server.httpServer.close(() => done()));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
