// An invite link opened from outside the app (hearth://join…, handed over by the desktop app's main process,
// or #/circles?join=<link> in the preview) opens the Join dialog with the code filled in and sends nothing
// until the person asks; closing it leaves the circles page as it was.
import { expect, test, openApp, reloadAndUnlock } from './test';
import { installFakeHearthBridge } from '../support/fakeHearthBridge';

const LINK = 'hearth://join#0123456789ABCDEFGHJKMNPQRSTV&relay=ws%3A%2F%2F127.0.0.1%3A4444';

test('a link in the address opens the Join dialog filled in, and closing it clears the link', async ({ page }) => {
  await openApp(page, `/#/circles?join=${encodeURIComponent(LINK)}`);
  const join = page.getByRole('dialog', { name: 'Join a circle' });
  await expect(join.getByLabel('Invite code or link')).toHaveValue(LINK);
  await expect(join).toContainText('You opened an invite link, so its code is filled in below. Join only if it came from someone you trust.');
  await expect(page.getByRole('heading', { name: 'Joining' })).toHaveCount(0);
  await join.getByRole('button', { name: 'Cancel' }).click();
  await expect(join).toBeHidden();
  await expect(page).toHaveURL(/#\/circles$/);
  await reloadAndUnlock(page);
  await expect(page.getByRole('heading', { name: 'Circles', level: 1 })).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('the desktop app hands over a clicked link from any page', async ({ page }) => {
  await installFakeHearthBridge(page);
  await openApp(page, '/#/timeline');
  await expect(page.getByRole('heading', { name: 'Timeline', level: 1 })).toBeVisible();
  await page.evaluate((link) => (window as unknown as { __hearthOpenInvite: (link: string) => void }).__hearthOpenInvite(link), LINK);
  const join = page.getByRole('dialog', { name: 'Join a circle' });
  await expect(join.getByLabel('Invite code or link')).toHaveValue(LINK);
  await join.getByLabel('Your name in this circle').fill('Kim');
  // The code is checked exactly as if pasted: this one's check characters are wrong.
  await join.getByRole('button', { name: 'Ask to join' }).click();
  await expect(join.getByRole('alert')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Joining' })).toHaveCount(0);
});
