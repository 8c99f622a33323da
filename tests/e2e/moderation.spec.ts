// Content-warning preferences in Settings: every topic starts blurred; a choice made with the keyboard stays
// chosen after a reload, and other topics are left as they were.
import { expect, test, openApp, reloadAndUnlock } from './test';

test('content-warning choices default to blur and persist across a reload', async ({ page }) => {
  await openApp(page, '/#/settings');
  const section = page.getByRole('region', { name: 'Content warnings in circles' });
  await expect(section).toBeVisible();
  const groups = section.getByRole('radiogroup');
  await expect(groups).toHaveCount(10);
  for (const group of await groups.all()) await expect(group.getByRole('radio', { name: 'Blur' })).toBeChecked();

  const selfHarm = section.getByRole('radiogroup', { name: 'Posts about self-harm' });
  await selfHarm.getByRole('radio', { name: 'Blur' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(selfHarm.getByRole('radio', { name: 'Hide' })).toBeChecked();
  const grief = section.getByRole('radiogroup', { name: 'Posts about grief' });
  await grief.getByRole('radio', { name: 'Show' }).check();
  await expect(grief.getByRole('radio', { name: 'Show' })).toBeChecked();

  await reloadAndUnlock(page);
  await expect(section.getByRole('radiogroup', { name: 'Posts about self-harm' }).getByRole('radio', { name: 'Hide' })).toBeChecked();
  await expect(section.getByRole('radiogroup', { name: 'Posts about grief' }).getByRole('radio', { name: 'Show' })).toBeChecked();
  await expect(section.getByRole('radiogroup', { name: 'Posts about suicide' }).getByRole('radio', { name: 'Blur' })).toBeChecked();
  await expect(section.getByRole('radiogroup', { name: 'Posts about other or unnamed topics' }).getByRole('radio', { name: 'Blur' })).toBeChecked();
});
