// Export and import through the Settings view: a lossless round trip of 1,000 check-ins into an empty
// profile, and damaged, foreign and newer files that are refused without changing anything.
import { readFile, writeFile } from 'node:fs/promises';
import { expect, test, type Page, openApp } from './test';
import { generateJournal } from '../support/fixtures';
import { toJsonExport, type JournalExport } from '../../shared/journal/exchange';
import type { CheckIn } from '../../shared/journal/checkIn';

test.use({ timezoneId: 'Europe/Berlin', locale: 'en-GB' });

const byId = (a: CheckIn, b: CheckIn): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

async function importFile(page: Page, path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import JSON backup' }).click();
  await (await chooser).setFiles(path);
}

async function exportJson(page: Page, path: string): Promise<JournalExport> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  await (await download).saveAs(path);
  return JSON.parse(await readFile(path, 'utf8')) as JournalExport;
}

test('1,000 check-ins survive export and import into an empty profile; bad files change nothing', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const original = generateJournal(1_000, { seed: 42, endDay: '2026-10-31', zone: 'Europe/Berlin' });
  const source = testInfo.outputPath('backup.json');
  await writeFile(source, toJsonExport(original, { activities: ['walk', 'pottery'], customEmotions: ['sunlit'] }, new Date('2026-11-01T10:00:00Z')));

  await openApp(page, '/#/settings');
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await importFile(page, source);
  await expect(page.getByText(/Added 1,000 check-ins/).first()).toBeVisible({ timeout: 30_000 });

  const exported = await exportJson(page, testInfo.outputPath('export-1.json'));
  expect(exported.format).toBe('hearth-journal');
  expect([...exported.checkIns].sort(byId)).toEqual([...original].sort(byId));

  const before = await readFile(testInfo.outputPath('export-1.json'), 'utf8');
  const text = await readFile(source, 'utf8');
  const bad = {
    truncated: text.slice(0, Math.floor(text.length / 2)),
    foreign: JSON.stringify({ name: 'some-package', version: '1.0.0', dependencies: {} }),
    newer: JSON.stringify({ ...(JSON.parse(text) as object), version: 99 }),
  };
  const messages = { truncated: /incomplete or damaged/i, foreign: /isn.t a Hearth journal/i, newer: /newer version of Hearth/i };
  for (const [kind, content] of Object.entries(bad) as [keyof typeof bad, string][]) {
    const path = testInfo.outputPath(`${kind}.json`);
    await writeFile(path, content);
    await importFile(page, path);
    await expect(page.getByText(messages[kind]).first()).toBeVisible();
  }

  const after = await exportJson(page, testInfo.outputPath('export-2.json'));
  // The export time, and so the file's checksum over it, differ between the two exports.
  const strip = (json: string): string => json.replace(/"exportedAt": "[^"]*"/, '').replace(/"checksum": "[^"]*"/, '');
  expect(strip(await readFile(testInfo.outputPath('export-2.json'), 'utf8'))).toBe(strip(before));
  expect(after.checkIns).toHaveLength(1_000);
});
