// Steps the multi-browser app tests share: picking a device's page, pointing a device at the test relay,
// creating, inviting, joining, checking in and sharing through the real UI, and reopening the app.
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

/** Long enough for a few watchdog retries (3–6 s each) on a loaded machine. */
export const NETWORK_TIMEOUT_MS = 30_000;

/** Opens the app again in the same profile (same storage) on a new page, as after quitting and restarting, and unlocks it. */
export async function reopenApp(page: Page): Promise<Page> {
  const url = page.url();
  const context = page.context();
  await page.close();
  const next = await context.newPage();
  next.on('pageerror', (error) => process.stderr.write(`[page error] ${error.message}\n`));
  await next.goto(url);
  // A new page starts locked (the key lives only in a page's memory): unlock as the person would.
  await unlockApp(next);
  return next;
}

/** Creates a circle with the default charter; returns its id (from the page address). */
export async function createCircle(page: Page, name: string, pseudonym: string): Promise<string> {
  await page.goto(new URL('#/circles', page.url()).href);
  await page.getByRole('button', { name: 'Create a circle' }).click();
  const create = page.getByRole('dialog', { name: 'Create a circle' });
  await create.getByLabel('Circle name').fill(name);
  await create.getByLabel('Your name in this circle').fill(pseudonym);
  await create.getByRole('button', { name: 'Create circle' }).click();
  await page.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  return new URL(page.url().replace('#/', '')).searchParams.get('circle') ?? '';
}

/** On the circle page: an invite link usable `uses` times. */
export async function createInvite(page: Page, uses: number): Promise<string> {
  await page.getByLabel('Can be used').selectOption(String(uses));
  await page.getByRole('button', { name: 'Create invite' }).click();
  const link = (await page.getByRole('region', { name: 'New invite' }).getByText(/^hearth:\/\/join#/).textContent()) ?? '';
  expect(link).toMatch(/^hearth:\/\/join#/);
  return link;
}

export async function askToJoin(page: Page, link: string, pseudonym: string): Promise<void> {
  await page.goto(new URL('#/circles', page.url()).href);
  await page.getByRole('button', { name: 'Join with an invite code' }).click();
  const join = page.getByRole('dialog', { name: 'Join a circle' });
  await join.getByLabel('Invite code or link').fill(link);
  await join.getByLabel('Your name in this circle').fill(pseudonym);
  await join.getByRole('button', { name: 'Ask to join' }).click();
  await page.keyboard.press('Escape');
}

/** The facilitator approves `pseudonym`'s request (on the circle page, where the desk shows it). */
export async function approve(page: Page, pseudonym: string): Promise<void> {
  const request = page.getByRole('listitem').filter({ hasText: pseudonym }).filter({ has: page.getByRole('button', { name: 'Approve' }) });
  await request.getByRole('button', { name: 'Approve' }).click({ timeout: NETWORK_TIMEOUT_MS });
}

export async function openCircle(page: Page, circleId: string, name: string): Promise<void> {
  await page.goto(new URL(`#/circles?circle=${encodeURIComponent(circleId)}`, page.url()).href);
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible({ timeout: NETWORK_TIMEOUT_MS });
}

/** A low-mood check-in with a note, from Today. */
export async function checkIn(page: Page, note: string): Promise<void> {
  await page.goto(new URL('#/today', page.url()).href);
  await page.getByRole('button', { name: 'Check in' }).first().click();
  const form = page.getByRole('dialog', { name: 'New check-in' });
  await form.getByRole('radio', { name: 'Low', exact: true }).check();
  await form.getByRole('textbox', { name: /^Note/ }).fill(note);
  await form.getByRole('button', { name: 'Save check-in' }).click();
  await expect(form).toBeHidden();
}

/** Shares the check-in with `note` (its note included) to the circle named `circleName`. */
export async function shareCheckIn(page: Page, note: string, circleName: string): Promise<void> {
  const card = page.getByRole('article', { name: /^Check-in/ }).filter({ hasText: note.slice(0, 20) });
  await card.getByRole('button', { name: /^Share to circle…/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Share to circle' });
  await expect(dialog.getByRole('checkbox', { name: new RegExp(`^${circleName}`) })).toBeChecked({ timeout: NETWORK_TIMEOUT_MS });
  await dialog.getByRole('checkbox', { name: /^Note / }).check();
  await dialog.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(dialog).toBeHidden();
}
