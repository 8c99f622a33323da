// Circle notifications between two people in the real app over WebRTC: Rowan turns them on and steps away
// from the window; Willow shares two check-ins. Rowan gets one calm notification (the second is folded
// into it), with fixed words and nothing of what was written; clicking it opens the circle.
import { expect, test, type Page } from '@playwright/test';
import { at, useRelay } from './appSteps';
import { launchDevices, testEnvironment } from './devices';
import { startRelay } from './relay';

const NETWORK_TIMEOUT_MS = 30_000;

// Every action is bounded, so a missing button fails the step that needs it instead of the whole test's budget.
test.use({ actionTimeout: NETWORK_TIMEOUT_MS });
const CIRCLE_NAME = 'Evening lantern circle';
const CANARY = 'The heron on the weir counts the boats at dusk.';

/** Records every notification the page raises (title and body), and keeps each one so a test can click it. */
const RECORDER = `(() => {
  const Real = window.Notification;
  const shown = [];
  class Recording extends Real {
    constructor(title, options) {
      super(title, options);
      shown.push({ title, body: (options && options.body) || '', notification: this });
    }
  }
  Object.defineProperty(Recording, 'permission', { get: () => Real.permission });
  Recording.requestPermission = (...args) => Real.requestPermission(...args);
  window.Notification = Recording;
  window.__notifications = shown;
})();`;

const shownNotifications = (page: Page): Promise<{ title: string; body: string }[]> =>
  page.evaluate(() => (Reflect.get(window, '__notifications') as { title: string; body: string }[]).map(({ title, body }) => ({ title, body })));

async function shareCheckIn(page: Page, note: string): Promise<void> {
  await page.goto(new URL('#/today', page.url()).href);
  await page.getByRole('button', { name: 'Check in' }).first().click();
  const form = page.getByRole('dialog', { name: 'New check-in' });
  await form.getByRole('radio', { name: 'Okay', exact: true }).check();
  await form.getByRole('textbox', { name: /^Note/ }).fill(note);
  await form.getByRole('button', { name: 'Save check-in' }).click();
  await expect(form).toBeHidden();
  // This check-in's own card: right after saving, the list may still show only the earlier (already shared) one first.
  const card = page.getByRole('article', { name: /^Check-in/ }).filter({ hasText: note });
  await card.getByRole('button', { name: /^Share to circle…/ }).click();
  const share = page.getByRole('dialog', { name: 'Share to circle' });
  // The circle is offered and chosen (if not, the dialog says why, and this shows it).
  await expect(share.getByRole('checkbox', { name: new RegExp(`^${CIRCLE_NAME}`) }), await share.innerText()).toBeChecked();
  await share.getByRole('checkbox', { name: /^Note / }).check();
  await share.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(share).toBeHidden();
}

test('a new post raises one calm notification for a member who is away, and clicking it opens the circle', async () => {
  test.setTimeout(180_000);
  const { origin } = testEnvironment();
  const relay = await startRelay();
  const devices = await launchDevices(origin, 2, 'app/');
  const [rowan, willow] = [at(devices, 0), at(devices, 1)];
  try {
    await test.step('Rowan allows notifications and turns circle notifications on', async () => {
      await rowan.context().grantPermissions(['notifications'], { origin: new URL(origin).origin });
      await rowan.context().addInitScript(RECORDER);
      await rowan.reload();
      await useRelay(rowan, relay.url);
      const healthy = rowan.getByRole('region', { name: 'Healthy use' });
      await healthy.getByRole('switch', { name: 'Circle notifications' }).check();
      await expect(healthy.getByRole('switch', { name: 'Circle notifications' })).toBeChecked();
    });

    let inviteLink = '';
    await test.step('Rowan creates the circle and an invite; Willow joins and accepts the charter', async () => {
      await rowan.goto(new URL('#/circles', rowan.url()).href);
      await rowan.getByRole('button', { name: 'Create a circle' }).click();
      const create = rowan.getByRole('dialog', { name: 'Create a circle' });
      await create.getByLabel('Circle name').fill(CIRCLE_NAME);
      await create.getByLabel('Your name in this circle').fill('Rowan');
      await create.getByRole('button', { name: 'Create circle' }).click();
      await rowan.getByRole('link', { name: CIRCLE_NAME }).click();
      await rowan.getByRole('button', { name: 'Create invite' }).click();
      inviteLink = (await rowan.getByRole('region', { name: 'New invite' }).getByText(/^hearth:\/\/join#/).textContent()) ?? '';

      await willow.goto(new URL('#/circles', willow.url()).href);
      await willow.getByRole('button', { name: 'Join with an invite code' }).click();
      const join = willow.getByRole('dialog', { name: 'Join a circle' });
      await join.getByLabel('Invite code or link').fill(inviteLink);
      await join.getByLabel('Your name in this circle').fill('Willow');
      await join.getByRole('button', { name: 'Ask to join' }).click();
      await willow.keyboard.press('Escape');

      const request = rowan.getByRole('listitem').filter({ hasText: 'Willow' }).filter({ has: rowan.getByRole('button', { name: 'Approve' }) });
      await expect(request).toBeVisible({ timeout: NETWORK_TIMEOUT_MS });
      await request.getByRole('button', { name: 'Approve' }).click();
      const joined = willow.locator('.join-item').filter({ hasText: 'Joined' });
      await expect(joined).toBeVisible({ timeout: NETWORK_TIMEOUT_MS });
      await joined.getByRole('link', { name: 'Open circle' }).click();
      await willow.getByRole('button', { name: 'I accept the charter' }).click({ timeout: NETWORK_TIMEOUT_MS });
      await expect(willow.getByRole('heading', { name: 'Accept the charter to take part' })).toHaveCount(0);
      await expect(rowan.getByRole('region', { name: 'Members' })).toContainText('Willow', { timeout: NETWORK_TIMEOUT_MS });
    });

    await test.step('Rowan goes back to the journal and steps away from the window', async () => {
      await rowan.getByRole('link', { name: 'Today' }).click();
      await rowan.evaluate(() => {
        // The window is no longer in front of Rowan (headless pages always report focus).
        document.hasFocus = () => false;
      });
      expect(await shownNotifications(rowan)).toEqual([]);
    });

    await test.step('Willow shares two check-ins; Rowan gets one notification with fixed words', async () => {
      await shareCheckIn(willow, CANARY);
      await expect.poll(() => shownNotifications(rowan), { timeout: NETWORK_TIMEOUT_MS }).toEqual([{ title: 'New post in a circle', body: 'Open Hearth when you are ready to read it.' }]);
      await shareCheckIn(willow, 'A second, shorter note.');
    });

    await test.step('clicking the notification opens the circle, where both posts are', async () => {
      await rowan.evaluate(() => {
        const [first] = Reflect.get(window, '__notifications') as { notification: Notification }[];
        first?.notification.dispatchEvent(new Event('click'));
      });
      await expect(rowan.getByRole('heading', { name: CIRCLE_NAME, level: 1 })).toBeVisible();
      await expect(rowan.getByRole('article', { name: 'Shared by Willow' })).toHaveCount(2, { timeout: NETWORK_TIMEOUT_MS });
      // The second post was folded into the first notification.
      expect(await shownNotifications(rowan)).toHaveLength(1);
    });
  } finally {
    await Promise.allSettled(devices.map((device) => device.close()));
    await relay.close();
  }
});
