// The lock in the browser preview: set-up refuses weak passcodes and shows the recovery key once (saved as
// a file that holds it); Ctrl+Shift+L locks at once and keeps a half-written check-in; wrong passcodes get
// a calm wait and lose nothing; the recovery key opens the journal and leads to a new passcode; idle time
// locks; support stays reachable; and (with a stand-in for the desktop keychain) the keychain opens Hearth
// at start, never after a lock, and a reset keychain falls back to the passcode with nothing lost.
import { readFile } from 'node:fs/promises';
import { installFakeHearthBridge, KEYCHAIN_BASIC_TEXT, KEYCHAIN_CHANGED } from '../support/fakeHearthBridge';
import { expect, openApp, reloadAndUnlock, test, TEST_PASSCODE, unlockApp, type Page } from './test';

test.use({ timezoneId: 'Europe/Berlin', locale: 'en-GB' });

const lockHeading = (page: Page) => page.getByRole('heading', { name: 'Hearth is locked', level: 1 });
const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

async function writeCheckIn(page: Page, note: string): Promise<void> {
  // The button, not Ctrl+N: with the desktop stand-in, shortcuts come from the (absent) app menu.
  await page.getByRole('button', { name: 'Check in' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New check-in' });
  await dialog.getByRole('radio', { name: 'Good', exact: true }).check();
  await dialog.getByRole('textbox', { name: /^Note/ }).fill(note);
  await dialog.getByRole('button', { name: 'Save check-in' }).click();
  await expect(dialog).toBeHidden();
}

async function tryPasscode(page: Page, passcode: string): Promise<void> {
  await page.getByLabel('Passcode', { exact: true }).fill(passcode);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
}

test('set-up refuses weak passcodes, shows the recovery key once, and saves it as a file', async ({ page }, testInfo) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Lock your journal with a passcode', level: 1 })).toBeVisible();
  const passcode = page.getByLabel('Passcode', { exact: true });
  const again = page.getByLabel('Passcode again');
  const lock = page.getByRole('button', { name: 'Lock my journal' });
  const problem = page.getByRole('alert');

  await passcode.fill('sunny');
  await expect(page.getByText(/^Strength: /)).toBeVisible();
  await lock.click();
  await expect(problem).toContainText('That passcode is 5 characters long; it needs at least 8.');
  await passcode.fill('password1');
  await again.fill('password1');
  await lock.click();
  await expect(problem).toContainText('easy to guess');
  await expect(passcode).toHaveAttribute('aria-invalid', 'true');
  await passcode.fill(TEST_PASSCODE);
  await again.fill(`${TEST_PASSCODE}s`);
  await lock.click();
  await expect(problem).toContainText('The two don’t match yet.');
  await again.fill(TEST_PASSCODE);
  await lock.click();

  const groups = page.getByRole('list', { name: 'Your recovery key' }).getByRole('listitem');
  await expect(groups).toHaveCount(9, { timeout: 30_000 });
  const recoveryKey = (await groups.allTextContents()).join('-');
  expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){8}[0-9A-Z]{4}$/);
  const screen = page.getByRole('main');
  await expect(screen.getByText('Hearth keeps no copy.', { exact: true })).toBeVisible();
  await expect(screen.getByText(/Without your passcode or this recovery key, your journal cannot be opened by anyone, including you\./)).toBeVisible();

  // Saved as a file (a download in the preview) that holds the key and the same honest words.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save as file' }).click();
  const path = testInfo.outputPath('recovery-key.txt');
  await (await download).saveAs(path);
  const saved = await readFile(path, 'utf8');
  expect(saved).toContain(recoveryKey.replaceAll('-', ' '));
  expect(saved).toContain('Hearth keeps no copy.');

  // The print page exists (shown only when printing) with the key on it.
  await expect(page.locator('.recovery-print')).toContainText(recoveryKey.replaceAll('-', ' '));
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.recovery-print')).toBeVisible();
  await expect(page.locator('#root')).toBeHidden();
  await page.emulateMedia({ media: 'screen' });

  // Going on needs the confirmation first (the button says so rather than doing nothing).
  await expect(page.getByRole('button', { name: 'Open my journal' })).toHaveAttribute('aria-disabled', 'true');
  await page.getByRole('button', { name: 'Open my journal' }).click({ force: true });
  await expect(page.getByRole('alert')).toContainText('tick “I have kept my recovery key”');
  await page.getByLabel('I have kept my recovery key').check();
  await page.getByRole('button', { name: 'Open my journal' }).click();
  await expect(mainNav(page)).toBeVisible();

  // Reloading shows the lock, not the set-up (and not the key) again.
  await page.reload();
  await expect(lockHeading(page)).toBeVisible();
  await expect(page.getByRole('list', { name: 'Your recovery key' })).toHaveCount(0);
});

test('Ctrl+Shift+L locks at once and keeps a half-written check-in; wrong passcodes wait calmly and lose nothing', async ({ page }) => {
  await openApp(page, '/');
  await writeCheckIn(page, 'Saved before the lock');
  await page.keyboard.press('Control+n');
  const dialog = page.getByRole('dialog', { name: 'New check-in' });
  await dialog.getByRole('textbox', { name: /^Note/ }).fill('Half a thought about the lighthouse');

  await page.keyboard.press('Control+Shift+L');
  await expect(lockHeading(page)).toBeVisible();
  await expect(page.getByText('Half a thought')).toHaveCount(0);
  await expect(page.getByText('Saved before the lock')).toHaveCount(0);
  await expect(page.getByLabel('Passcode', { exact: true })).toBeFocused();
  await expect(page.getByText('However many tries it takes, nothing is ever erased.')).toBeVisible();

  // Three free tries, then a wait, said calmly; the button waits too.
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    await tryPasscode(page, `not the passcode ${String(attempt)}`);
    await expect(page.getByRole('alert').filter({ hasText: 'didn’t unlock your journal' })).toBeVisible();
  }
  await tryPasscode(page, 'still not the passcode');
  await expect(page.getByRole('alert').filter({ hasText: 'didn’t unlock your journal' })).toBeVisible();
  await expect(page.getByText(/^You can try again in \d seconds?\. Nothing has been erased\.$/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Unlock', exact: true })).toHaveAttribute('aria-disabled', 'true');
  await expect(page.getByText('!')).toHaveCount(0);

  // After the wait, the right passcode opens everything, and the draft comes back as it was.
  await expect(page.getByRole('button', { name: 'Unlock', exact: true })).not.toHaveAttribute('aria-disabled', 'true', { timeout: 15_000 });
  await tryPasscode(page, TEST_PASSCODE);
  await expect(mainNav(page)).toBeVisible({ timeout: 30_000 });
  const restored = page.getByRole('dialog', { name: 'New check-in' });
  await expect(restored.getByRole('textbox', { name: /^Note/ })).toHaveValue('Half a thought about the lighthouse');
  await restored.getByRole('button', { name: 'Cancel' }).click();
  await restored.getByRole('button', { name: 'Discard' }).click();
  await expect(page.getByRole('article').filter({ hasText: 'Saved before the lock' })).toBeVisible();

  // The kept draft was taken back once: the next unlock opens no dialog.
  await reloadAndUnlock(page);
  await expect(page.getByRole('dialog', { name: 'New check-in' })).toHaveCount(0);
});

test('the recovery key opens the journal and leads to a new passcode; the old one then stops working', async ({ page }) => {
  await page.goto('/');
  const recoveryKey = await unlockApp(page);
  if (recoveryKey === null) throw new Error('expected a fresh profile');
  await writeCheckIn(page, 'Written before forgetting');
  await page.keyboard.press('Control+Shift+L');
  await expect(lockHeading(page)).toBeVisible();

  await page.getByRole('button', { name: 'Use recovery key instead' }).click();
  const field = page.getByLabel('Recovery key');
  // One character off is caught before anything is tried.
  const typo = `${recoveryKey[0] === 'X' ? 'Y' : 'X'}${recoveryKey.slice(1)}`;
  await field.fill(typo);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'probably mistyped' })).toBeVisible();
  // Typed in lower case with spaces, it works.
  await field.fill(recoveryKey.toLowerCase().replaceAll('-', ' '));
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();

  await expect(page.getByRole('heading', { name: 'Choose a new passcode', level: 1 })).toBeVisible({ timeout: 30_000 });
  const newPasscode = 'copper kettle winter garden';
  await page.getByLabel('Passcode', { exact: true }).fill(newPasscode);
  await page.getByLabel('Passcode again').fill(newPasscode);
  await page.getByRole('button', { name: 'Save passcode and open' }).click();
  await expect(mainNav(page)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('article').filter({ hasText: 'Written before forgetting' })).toBeVisible();

  await page.reload();
  await tryPasscode(page, TEST_PASSCODE);
  await expect(page.getByRole('alert').filter({ hasText: 'didn’t unlock your journal' })).toBeVisible();
  await tryPasscode(page, newPasscode);
  await expect(mainNav(page)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('article').filter({ hasText: 'Written before forgetting' })).toBeVisible();
});

test('idle time locks Hearth after the chosen minutes, and only then', async ({ page }) => {
  await page.clock.install({ time: new Date('2026-06-10T09:00:00+02:00') });
  await openApp(page, '/#/settings');
  const section = page.getByRole('region', { name: 'Privacy & lock' });
  await expect(section.getByLabel('Lock after')).toHaveValue('15');
  await section.getByLabel('Lock after').selectOption({ label: '5 minutes' });
  await expect(section.getByLabel('Lock after')).toHaveValue('5');

  // Input keeps it open: four minutes, a key, four more minutes.
  await page.clock.runFor(4 * 60_000);
  await page.keyboard.press('Shift');
  await page.clock.runFor(4 * 60_000);
  await expect(mainNav(page)).toBeVisible();
  await expect(lockHeading(page)).toHaveCount(0);
  // Five minutes without input locks it.
  await page.clock.runFor(60_000 + 1_000);
  await expect(lockHeading(page)).toBeVisible();
  await unlockApp(page);
  await expect(page.getByRole('region', { name: 'Privacy & lock' }).getByLabel('Lock after')).toHaveValue('5');
});

test('from the lock screen, crisis lines are one key away and the safety plan is said to open after unlocking', async ({ page }) => {
  await openApp(page, '/');
  await page.keyboard.press('Control+Shift+L');
  await expect(lockHeading(page)).toBeVisible();
  await page.keyboard.press('F1');
  const sheet = page.getByRole('dialog', { name: 'Support' });
  await expect(sheet).toBeVisible();
  await expect(sheet.getByText('Your safety plan is locked with your journal; it opens after you unlock Hearth.')).toBeVisible();
  await expect(sheet.getByRole('note', { name: 'Emergency numbers' })).toBeVisible();
  await sheet.getByRole('button', { name: 'Close support' }).click();
  await expect(sheet).toBeHidden();
  await page.getByRole('button', { name: /Need support now/ }).click();
  await expect(page.getByRole('dialog', { name: 'Support' })).toBeVisible();
});

test('the desktop keychain opens Hearth at start but never after a lock, and a reset keychain falls back to the passcode', async ({ page }) => {
  await installFakeHearthBridge(page);
  await openApp(page, '/');
  await writeCheckIn(page, 'Kept through a keychain reset');
  await page.goto('/#/settings');
  const section = page.getByRole('region', { name: 'Privacy & lock' });
  const keychain = section.getByRole('switch', { name: 'Unlock with this computer’s keychain' });
  await expect(keychain).not.toBeChecked();
  await keychain.check();
  await expect(keychain).toBeChecked();

  // Starting again opens without the passcode.
  await page.reload();
  await expect(mainNav(page)).toBeVisible({ timeout: 30_000 });
  // After a lock, the passcode is needed; the keychain is offered, not used by itself.
  await page.keyboard.press('Control+Shift+L');
  await expect(lockHeading(page)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Unlock with this computer’s keychain' })).toBeVisible();
  await page.waitForTimeout(1_500);
  await expect(lockHeading(page)).toBeVisible();

  // The keychain is reset: it can't open the secret; the passcode can, and the journal is whole.
  await page.evaluate(() => (Reflect.get(window, '__hearthResetKeychain') as () => void)());
  await page.reload();
  await expect(page.getByRole('alert').filter({ hasText: KEYCHAIN_CHANGED })).toBeVisible({ timeout: 20_000 });
  await expect(lockHeading(page)).toBeVisible();
  await tryPasscode(page, TEST_PASSCODE);
  await expect(mainNav(page)).toBeVisible({ timeout: 30_000 });
  await page.goto('/#/today');
  await expect(page.getByRole('article').filter({ hasText: 'Kept through a keychain reset' })).toBeVisible();
});

test('a keychain stored as plain text (Linux basic_text) is refused with the reason', async ({ page }) => {
  await installFakeHearthBridge(page, { keychain: 'basic-text' });
  await openApp(page, '/#/settings');
  const section = page.getByRole('region', { name: 'Privacy & lock' });
  await expect(section.getByText(KEYCHAIN_BASIC_TEXT)).toBeVisible();
  await expect(section.getByRole('switch', { name: 'Unlock with this computer’s keychain' })).toHaveCount(0);
  await expect(section.getByText('Not available')).toBeVisible();
});
