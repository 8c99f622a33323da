// Steps the multi-browser app tests share: picking a device's page, and pointing a device at the test relay.
import { expect, type Page } from '@playwright/test';
import type { Device } from './devices';
import { unlockApp } from '../test';

/** The page of the device at `index`, or a clear error when the launch gave fewer devices. */
export function at(devices: readonly Device[], index: number): Page {
  const device = devices[index];
  if (device === undefined) throw new Error(`no device ${String(index)}`);
  return device.page;
}

/** Settings → Circles connection: only the test relay (the default one does not exist in the test namespace). */
export async function useRelay(page: Page, url: string): Promise<void> {
  // After a reload the page is locked again (it forgot its key): unlock first.
  await unlockApp(page);
  await page.goto(new URL('#/settings', page.url()).href);
  const section = page.getByRole('region', { name: 'Circles connection' });
  const relays = section.getByRole('list', { name: 'Relay addresses' });
  await section.getByLabel('Add relay address').fill(url);
  await section.getByRole('button', { name: 'Add relay' }).click();
  await expect(relays.getByText(url)).toBeVisible();
  await section.getByRole('button', { name: 'Remove relay ws://127.0.0.1:4444' }).click();
  await expect(relays.getByRole('listitem')).toHaveCount(1);
}
