// The timeline stays virtualized at 10,000 check-ins: only a screenful of rows exists in the page,
// and the oldest check-in can still be reached by scrolling.
import { writeFile } from 'node:fs/promises';
import { expect, test, openApp } from './test';
import { generateJournal } from '../support/fixtures';
import { toJsonExport } from '../../shared/journal/exchange';

test.use({ timezoneId: 'UTC', locale: 'en-GB' });

test('10,000 check-ins: the timeline renders only what is on screen and reaches the oldest', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const journal = generateJournal(10_000, { seed: 5, endDay: '2026-11-01', zone: 'UTC' });
  const oldest = journal[0];
  if (!oldest) throw new Error('the generator made no check-ins');
  const file = testInfo.outputPath('big.json');
  await writeFile(file, toJsonExport(journal, { activities: [], customEmotions: [] }, new Date('2026-11-02T00:00:00Z')));

  await openApp(page, '/#/settings');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import JSON backup' }).click();
  await (await chooser).setFiles(file);
  await expect(page.getByText(/Added 10,000 check-ins/).first()).toBeVisible({ timeout: 60_000 });

  await openApp(page, '/#/timeline');
  await expect(page.getByText('10,000 check-ins, newest first.')).toBeVisible();
  await expect(page.getByRole('article').first()).toBeVisible();
  const rendered = await page.getByRole('article').count();
  expect(rendered).toBeGreaterThan(2);
  expect(rendered).toBeLessThan(60);

  // Scroll to the very end; the oldest check-in appears and the page still holds only a screenful.
  const oldestLabel = new Date(oldest.at).toLocaleTimeString('en-GB', { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });
  await expect(async () => {
    await page.locator('main').evaluate((main) => main.scrollTo(0, main.scrollHeight));
    await expect(page.locator('li[aria-posinset="10000"] article')).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.locator('li[aria-posinset="10000"] article')).toContainText(oldestLabel);
  expect(await page.getByRole('article').count()).toBeLessThan(60);
});
