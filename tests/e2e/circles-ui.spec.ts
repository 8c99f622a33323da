// The circles UI on one device, offline: create a circle with the default charter, see it listed and open
// it, find myself as facilitator with my fingerprint, create an invite (code, link, QR), revoke it, and
// find the circle again after a reload. A malformed invite code gets the engine's own clear message.
import { expect, test, openApp, reloadAndUnlock } from './test';

test('a facilitator creates a circle, invites and revokes, and the circle survives a reload', async ({ page }) => {
  await openApp(page, '/#/circles');
  await expect(page.getByRole('heading', { name: 'Circles', level: 1 })).toBeVisible();
  await expect(page.getByText('Peer support is not a substitute for professional care.')).toBeVisible();

  await page.getByRole('button', { name: 'Create a circle' }).click();
  const create = page.getByRole('dialog', { name: 'Create a circle' });
  await expect(create.getByLabel('Charter')).toHaveValue(/not a crisis service/);
  await create.getByRole('button', { name: 'Create circle' }).click();
  await expect(create.getByText('Give the circle a name.')).toBeVisible();
  await create.getByLabel('Circle name').fill('Tuesday evening circle');
  await create.getByLabel('Your name in this circle').fill('Robin');
  await create.getByRole('button', { name: 'Create circle' }).click();
  await expect(create).toBeHidden();

  const listed = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Tuesday evening circle' }) });
  await expect(listed).toContainText('Facilitator');
  await expect(listed).toContainText('1 member');
  await listed.getByRole('link', { name: 'Tuesday evening circle' }).click();

  await expect(page.getByRole('heading', { name: 'Tuesday evening circle', level: 1 })).toBeVisible();
  await expect(page.getByText('Nothing shared yet')).toBeVisible();
  const members = page.getByRole('region', { name: 'Members' });
  const me = members.getByRole('listitem').filter({ hasText: 'Robin' });
  await expect(me).toContainText('(you)');
  await expect(me).toContainText('Facilitator');
  await expect(me.getByLabel(/^Fingerprint( [0-9A-Z]{4}){4}$/)).toBeVisible();

  await page.getByRole('button', { name: 'Create invite' }).click();
  const invite = page.getByRole('region', { name: 'New invite' });
  await expect(invite.getByLabel(/^Invite code( [0-9A-Z]{4})+$/)).toBeVisible();
  // The link names the circle's relay (the preview's default) and this device's key id.
  await expect(invite.getByText(/^hearth:\/\/join#[0-9A-Z]{28}&relay=ws%3A%2F%2F127\.0\.0\.1%3A4444&by=[A-Za-z0-9_-]{22}$/)).toBeVisible();
  await expect(invite).toContainText('The code alone works only if their relay setting matches this circle’s (ws://127.0.0.1:4444); the link carries it for them.');
  await expect(invite).toContainText('This circle’s relay, ws://127.0.0.1:4444, is on this computer only: people elsewhere can’t join.');
  await expect(invite.getByRole('img', { name: 'QR code of the invite link' })).toHaveAttribute('src', /^data:image\/svg\+xml/);
  await expect(invite).toContainText('The code lets someone ask to join; you still approve them');

  const invites = page.getByRole('list').filter({ has: page.getByRole('listitem', { name: /^Invite / }) });
  const item = invites.getByRole('listitem').first();
  await expect(item).toContainText('Pending');
  await item.getByRole('button', { name: 'Revoke' }).click();
  await expect(item).toContainText('Revoked');
  await expect(item.getByRole('button', { name: 'Revoke' })).toHaveCount(0);
  // The revoked code is no longer offered for sharing.
  await expect(invite).toBeHidden();

  await reloadAndUnlock(page);
  await expect(page.getByRole('heading', { name: 'Tuesday evening circle', level: 1 })).toBeVisible();
  await expect(page.getByRole('listitem', { name: /^Invite / }).first()).toContainText('Revoked');
  await page.getByRole('link', { name: 'All circles' }).click();
  await expect(page.getByRole('link', { name: 'Tuesday evening circle' })).toBeVisible();
});

test('a malformed invite code is refused with a clear message', async ({ page }) => {
  await openApp(page, '/#/circles');
  await page.getByRole('button', { name: 'Join with an invite code' }).click();
  const join = page.getByRole('dialog', { name: 'Join a circle' });
  await join.getByLabel('Invite code or link').fill('ABCD-1234');
  await join.getByLabel('Your name in this circle').fill('Kim');
  await join.getByRole('button', { name: 'Ask to join' }).click();
  await expect(join.getByRole('alert')).toHaveText('That code looks incomplete — check that you copied all of it.');
  await expect(page.getByRole('heading', { name: 'Joining' })).toHaveCount(0);
});
