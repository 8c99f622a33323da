// Settings a person changes stay changed: theme, week start, activity list and the daily reminder.
import { expect, test, openApp, reloadAndUnlock } from './test';

test.use({ timezoneId: 'Europe/Berlin', locale: 'en-GB' });

test('theme, week start, reminder and activities persist across a reload', async ({ page, context }) => {
  await context.grantPermissions(['notifications']);
  await openApp(page, '/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.keyboard.press('Control+,');
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();

  await page.getByRole('radiogroup', { name: 'Theme' }).getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByLabel('First day of week').selectOption({ label: 'Sunday' });

  const reminder = page.getByLabel('Remind me to check in');
  await expect(reminder).not.toBeChecked();
  await reminder.check();
  await page.getByLabel('Reminder time').fill('21:15');

  await page.getByLabel('Add activity').fill('choir');
  await page.getByLabel('Add activity').press('Enter');
  // The list shows what the database holds; once the new activity is there, every earlier change is saved too.
  await expect(page.getByRole('list', { name: 'Your activities' }).getByRole('button', { name: 'Remove choir' })).toBeVisible();

  await reloadAndUnlock(page);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByLabel('Remind me to check in')).toBeChecked();
  await expect(page.getByLabel('Reminder time')).toHaveValue('21:15');
  await expect(page.getByLabel('First day of week')).toHaveValue('0');

  // The new activity is offered in the next check-in, and the calendar starts weeks on Sunday.
  await page.keyboard.press('Control+n');
  await expect(page.getByRole('dialog', { name: 'New check-in' }).getByRole('checkbox', { name: 'choir' })).toBeVisible();
  await page.keyboard.press('Escape');
  await openApp(page, '/#/calendar');
  await expect(page.getByRole('columnheader').first()).toContainText('Sun');
});
