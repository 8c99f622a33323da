// Getting past Hearth's lock in scripts that drive the app without Playwright's test runner (screenshots,
// benchmarks): set up a vault with the test passcode on a fresh profile, or unlock one, then wait for the app.
import type { Page } from 'playwright-core';

/** The passcode scripts lock their journals with (the e2e suite uses the same one). */
export const SCRIPT_PASSCODE = 'quiet harbour lantern morning';

export async function passLock(page: Page, passcode = SCRIPT_PASSCODE): Promise<void> {
  const setUp = page.getByRole('heading', { name: 'Lock your journal with a passcode' });
  const locked = page.getByRole('heading', { name: 'Hearth is locked' });
  const app = page.getByRole('navigation', { name: 'Main' });
  await setUp.or(locked).or(app).first().waitFor({ timeout: 30_000 });
  if (await setUp.isVisible()) {
    await page.getByLabel('Passcode', { exact: true }).fill(passcode);
    await page.getByLabel('Passcode again').fill(passcode);
    await page.getByRole('button', { name: 'Lock my journal' }).click();
    await page.getByLabel('I have kept my recovery key').check({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Open my journal' }).click();
  } else if (await locked.isVisible()) {
    await page.getByLabel('Passcode', { exact: true }).fill(passcode);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  }
  await app.waitFor({ timeout: 60_000 });
}

/** A navigation, then past the lock if it shows (a hash-only navigation keeps the app open). */
export async function gotoUnlocked(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await passLock(page);
}
