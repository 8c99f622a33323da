// Healthy use in the browser preview: the cover shown on switching away keeps a half-written check-in, a break rests
// circles behind a calm screen (with a way in, and a one-click end), quiet hours hold a reminder, the daily
// circle time note appears once the time is spent and can be closed, and every choice survives a reload.
import { expect, test, type Page, openApp, reloadAndUnlock } from './test';

test.use({ timezoneId: 'Europe/Berlin', locale: 'en-GB' });

/** Records every desktop notification the page raises, by title, in window.__notifications. */
async function recordNotifications(page: Page): Promise<void> {
  await page.addInitScript(`(() => {
    const Real = window.Notification;
    const shown = [];
    class Recording extends Real {
      constructor(title, options) {
        super(title, options);
        shown.push(title);
      }
    }
    Object.defineProperty(Recording, 'permission', { get: () => Real.permission });
    Recording.requestPermission = (...args) => Real.requestPermission(...args);
    window.Notification = Recording;
    window.__notifications = shown;
  })();`);
}

/**
 * Runs the page's clock on while someone keeps using Hearth: a small mouse move every ten minutes, so the
 * idle lock (15 minutes without input, by default) doesn't lock the journal on the way.
 */
async function runWhileActive(page: Page, ms: number): Promise<void> {
  const step = 10 * 60_000;
  for (let done = 0; done < ms; done += step) {
    await page.mouse.move(10 + ((done / step) % 2), 10);
    await page.clock.runFor(Math.min(step, ms - done));
  }
}

const notifications = (page: Page): Promise<string[]> => page.evaluate(() => [...(Reflect.get(window, '__notifications') as string[])]);

async function createCircle(page: Page, name: string): Promise<void> {
  await openApp(page, '/#/circles');
  await page.getByRole('button', { name: 'Create a circle' }).click();
  const create = page.getByRole('dialog', { name: 'Create a circle' });
  await create.getByLabel('Circle name').fill(name);
  await create.getByLabel('Your name in this circle').fill('Robin');
  await create.getByRole('button', { name: 'Create circle' }).click();
  await expect(create).toBeHidden();
}

async function openSettings(page: Page): Promise<ReturnType<Page['getByRole']>> {
  await openApp(page, '/#/settings');
  const section = page.getByRole('region', { name: 'Healthy use' });
  await expect(section).toBeVisible();
  return section;
}

test('the switch-away cover hides everything, opens nothing over it, and gives back a half-written check-in', async ({ page }) => {
  const section = await openSettings(page);
  await section.getByRole('switch', { name: 'Hide when I switch away' }).check();
  await expect(section.getByRole('switch', { name: 'Hide when I switch away' })).toBeChecked();
  await page.keyboard.press('Control+n');
  const dialog = page.getByRole('dialog', { name: 'New check-in' });
  const note = dialog.getByRole('textbox', { name: /^Note/ });
  await note.fill('Half a thought about the lighthouse');

  const cover = page.locator('dialog.hidden-screen');
  await expect(async () => {
    await page.evaluate(() => window.dispatchEvent(new Event('blur')));
    await expect(cover).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 10_000 });
  await expect(cover.getByRole('heading', { name: 'Hearth is hidden' })).toBeVisible();
  await expect(page).toHaveTitle('Hearth');
  // What is on screen where the note was is the cover, not the note.
  const box = await note.boundingBox();
  expect(box).not.toBeNull();
  const onTop = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('dialog')?.className ?? '', { x: (box?.x ?? 0) + 10, y: (box?.y ?? 0) + 10 });
  expect(onTop).toContain('hidden-screen');
  await expect(cover.getByText('Half a thought')).toHaveCount(0);

  // Shortcuts do nothing while hidden, and Escape does not take the cover away.
  await page.keyboard.press('Control+1');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(cover).toBeVisible();
  await expect(page).toHaveURL(/settings/);
  await expect(dialog).toBeVisible();

  await cover.getByRole('button', { name: 'Show Hearth' }).focus();
  await page.keyboard.press('Enter');
  await expect(cover).toBeHidden();
  await expect(note).toHaveValue('Half a thought about the lighthouse');
});

test('hide when I switch away covers Hearth when the window loses focus, and survives a reload', async ({ page }) => {
  const section = await openSettings(page);
  await section.getByRole('switch', { name: 'Hide when I switch away' }).check();
  const cover = page.locator('dialog.hidden-screen');
  // The saved setting (not only the switch) is what listens for the window losing focus.
  await expect(async () => {
    await page.evaluate(() => window.dispatchEvent(new Event('blur')));
    await expect(cover).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 10_000 });
  await cover.getByRole('button', { name: 'Show Hearth' }).click();
  await expect(cover).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();

  await reloadAndUnlock(page);
  await expect(page.getByRole('region', { name: 'Healthy use' }).getByRole('switch', { name: 'Hide when I switch away' })).toBeChecked();
  await page.evaluate(() => window.dispatchEvent(new Event('blur')));
  await expect(cover).toBeVisible();
});

test('a break rests circles behind a calm screen, open anyway works, and ending it is one click', async ({ page }) => {
  await createCircle(page, 'Thursday circle');
  const section = await openSettings(page);
  await section.getByLabel('Take a break from circles').selectOption({ label: '3 days' });
  await section.getByRole('button', { name: 'Start break' }).click();
  await expect(section).toContainText('You’re taking a break until');

  await page.getByRole('link', { name: 'Circles' }).click();
  const breakScreen = page.getByRole('region', { name: 'You’re taking a break' });
  await expect(breakScreen).toContainText(/Your break from circles ends on \w+day \d+ \w+ at \d\d:\d\d/);
  await expect(page.getByRole('link', { name: 'Thursday circle' })).toHaveCount(0);

  // The journal is not affected.
  await page.getByRole('link', { name: 'Today' }).click();
  await expect(page.getByRole('button', { name: 'Check in' }).first()).toBeVisible();

  await page.getByRole('link', { name: 'Circles' }).click();
  await breakScreen.getByRole('button', { name: 'Open circles anyway' }).click();
  await expect(page.getByRole('link', { name: 'Thursday circle' })).toBeVisible();

  // The break is still on after a reload; ending it is one click.
  await reloadAndUnlock(page);
  await expect(breakScreen).toBeVisible();
  await breakScreen.getByRole('button', { name: 'End my break' }).click();
  await expect(page.getByRole('link', { name: 'Thursday circle' })).toBeVisible();
  const after = await openSettings(page);
  await expect(after.getByRole('button', { name: 'Start break' })).toBeVisible();
});

test('quiet hours hold the check-in reminder until they end', async ({ page, context }) => {
  await context.grantPermissions(['notifications']);
  await recordNotifications(page);
  await page.clock.install({ time: new Date('2026-06-10T22:50:00+02:00') });
  const section = await openSettings(page);
  await page.getByLabel('Remind me to check in').check();
  await page.getByLabel('Reminder time').fill('23:00');
  await section.getByRole('switch', { name: 'Quiet hours' }).check();
  await expect(section.getByLabel('From', { exact: true })).toHaveValue('22:00');
  await expect(section.getByLabel('Until', { exact: true })).toHaveValue('08:00');
  await expect(page.getByRole('region', { name: 'Daily reminder' })).toContainText('a reminder that falls in them waits until they end');

  // 23:00 passes in silence.
  await runWhileActive(page, 20 * 60_000);
  expect(await notifications(page)).toEqual([]);
  // At 08:00 the held reminder arrives, once.
  await runWhileActive(page, 9 * 60 * 60_000);
  await expect.poll(() => notifications(page)).toEqual(['Time for a check-in']);
});

test('the daily circle time note appears once the time is spent, and stays closed after a reload', async ({ page }) => {
  await page.clock.install({ time: new Date('2026-06-10T12:00:00+02:00') });
  await createCircle(page, 'Thursday circle');
  const section = await openSettings(page);
  await section.getByLabel('Daily circle time').selectOption({ label: '15 minutes a day' });
  // Half an hour away below would otherwise lock Hearth (after 15 minutes, by default).
  await page.getByRole('region', { name: 'Privacy & lock' }).getByLabel('Lock after').selectOption({ label: '1 hour' });
  await expect(page.getByLabel('Lock after')).toHaveValue('60');
  await expect(async () => {
    await reloadAndUnlock(page);
    await expect(section.getByLabel('Daily circle time')).toHaveValue('15', { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });

  await page.getByRole('link', { name: 'Circles' }).click();
  await page.getByRole('link', { name: 'Thursday circle' }).click();
  await expect(page.getByRole('heading', { name: 'Thursday circle', level: 1 })).toBeVisible();
  const nudge = page.getByText('You’ve spent your circle time for today. Maybe time for something else? You can keep going if you need to.');

  // Twelve active minutes, then half an hour away (only two minutes of it count): no note yet.
  for (let minute = 0; minute < 12; minute += 1) {
    await page.mouse.move(200 + minute, 300);
    await page.clock.runFor(60_000);
  }
  await expect(nudge).toHaveCount(0);
  await page.clock.runFor(30 * 60_000);
  await expect(nudge).toHaveCount(0);
  for (let minute = 0; minute < 3; minute += 1) {
    await page.mouse.move(300 + minute, 300);
    await page.clock.runFor(60_000);
  }
  await expect(nudge).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Thursday circle', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Okay' }).click();
  await expect(nudge).toHaveCount(0);

  await reloadAndUnlock(page);
  await expect(page.getByRole('heading', { name: 'Thursday circle', level: 1 })).toBeVisible();
  await page.mouse.move(10, 10);
  await page.clock.runFor(60_000);
  await expect(nudge).toHaveCount(0);
});

test('healthy-use choices survive a reload', async ({ page, context }) => {
  await context.grantPermissions(['notifications']);
  const section = await openSettings(page);
  await section.getByRole('switch', { name: 'Circle notifications' }).check();
  await section.getByRole('switch', { name: 'Quiet hours' }).check();
  await section.getByLabel('From', { exact: true }).fill('21:30');
  await section.getByLabel('Until', { exact: true }).fill('07:15');
  await section.getByLabel('Daily circle time').selectOption({ label: '30 minutes a day' });
  await expect(section.getByLabel('Daily circle time')).toHaveValue('30');

  // Saves land in order; a reload shows them once the last one has.
  const again = page.getByRole('region', { name: 'Healthy use' });
  await expect(async () => {
    await reloadAndUnlock(page);
    await expect(again.getByLabel('Daily circle time')).toHaveValue('30', { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(again.getByRole('switch', { name: 'Circle notifications' })).toBeChecked();
  await expect(again.getByRole('switch', { name: 'Quiet hours' })).toBeChecked();
  await expect(again.getByLabel('From', { exact: true })).toHaveValue('21:30');
  await expect(again.getByLabel('Until', { exact: true })).toHaveValue('07:15');
  await expect(again.getByLabel('Daily circle time')).toHaveValue('30');
  await expect(again.getByRole('switch', { name: 'Hide when I switch away' })).not.toBeChecked();
});
