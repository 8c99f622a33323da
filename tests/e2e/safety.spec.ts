// Crisis support in the app: Support opens in one keystroke from anywhere (also over a check-in being
// written), the safety plan and country are kept, everything works offline, and the gentle offer under
// a check-in note appears for crisis language, never for idioms, never blocks saving and sends nothing.
import { expect, test, type Page, openApp, reloadAndUnlock } from './test';

test.use({ timezoneId: 'Europe/London', locale: 'en-GB' });

async function newCheckIn(page: Page) {
  await page.getByRole('button', { name: 'Check in' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New check-in' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Waits until the draft's latest text has been checked (typing paused and the check ran). */
async function checked(page: Page): Promise<void> {
  await expect(page.locator('.crisis-offer-region')).toHaveAttribute('aria-busy', 'false');
}

const supportHeading = (page: Page) => page.getByRole('heading', { name: 'Support', level: 1 });

test('F1 and Ctrl+Shift+H open Support from Today and from inside the check-in dialog, keeping the draft', async ({ page }) => {
  await openApp(page);
  await page.keyboard.press('F1');
  await expect(supportHeading(page)).toBeVisible();
  await expect(page).toHaveURL(/#\/support$/);

  await openApp(page, '/#/today');
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Support');
  await page.keyboard.press('Control+Shift+H');
  await expect(supportHeading(page)).toBeVisible();

  // The sidebar link goes there too.
  await openApp(page, '/#/today');
  await page.getByRole('link', { name: 'Need support now?' }).click();
  await expect(supportHeading(page)).toBeVisible();

  await openApp(page, '/#/today');
  const dialog = await newCheckIn(page);
  const note = dialog.getByRole('textbox', { name: /^Note/ });
  await note.fill('Long day, quiet evening.');
  await note.press('F1');
  const sheet = page.getByRole('dialog', { name: 'Support' });
  await expect(sheet).toBeVisible();
  await expect(sheet.getByRole('heading', { name: 'Crisis lines' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await expect(dialog).toBeVisible();
  await expect(note).toHaveValue('Long day, quiet evening.');

  await note.press('Control+Shift+H');
  await expect(sheet).toBeVisible();
  await sheet.getByRole('button', { name: 'Close support' }).click();
  await expect(sheet).toBeHidden();
  await expect(note).toHaveValue('Long day, quiet evening.');
});

test('the safety plan saves and survives a reload, and the country is remembered', async ({ page }) => {
  await openApp(page, '/#/support');
  await expect(supportHeading(page)).toBeVisible();
  await expect(page.getByText('A safety plan is a short list you write for yourself')).toBeVisible();

  await page.getByLabel('Step 1: Warning signs').fill('Not sleeping, skipping meals');
  await page.getByLabel('Step 2: Things I can do on my own').fill('Hot shower, walk round the block');
  const helpers = page.getByRole('group', { name: 'Step 4: People I can ask for help' });
  await expect(helpers).toContainText('Peer support is not a substitute for professional care.');
  await helpers.getByLabel('Name').fill('Ana');
  await helpers.getByLabel('Phone').fill('07700 900123');
  await expect(helpers.getByRole('link', { name: 'Call Ana' })).toHaveAttribute('href', 'tel:07700900123');
  const professionals = page.getByRole('group', { name: 'Step 5: Professionals and services I can contact' });
  await professionals.getByLabel('Name').fill('Dr Okafor');
  await professionals.getByLabel('Phone').fill('ask at reception');
  await expect(professionals.getByText('can’t be dialled as written')).toBeVisible();
  await page.getByLabel('My reasons for living').fill('My niece, the sea in summer');
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

  // The country: a first choice is remembered; looking at another doesn't change it.
  const country = page.getByLabel('Country', { exact: true });
  await expect(country).toHaveValue('GB');
  await country.selectOption('NZ');
  await expect(page.getByRole('link', { name: /Call 1737/ })).toHaveAttribute('href', 'tel:1737');
  await expect(page.getByRole('link', { name: 'Call 111, Emergency' })).toHaveAttribute('href', 'tel:111');
  await expect(page.getByText('Check the number if in doubt; data checked December 2026.')).toBeVisible();

  await reloadAndUnlock(page);
  await expect(page.getByLabel('Step 1: Warning signs')).toHaveValue('Not sleeping, skipping meals');
  await expect(page.getByLabel('Step 2: Things I can do on my own')).toHaveValue('Hot shower, walk round the block');
  await expect(helpers.getByLabel('Name')).toHaveValue('Ana');
  await expect(helpers.getByLabel('Phone')).toHaveValue('07700 900123');
  await expect(professionals.getByLabel('Phone')).toHaveValue('ask at reception');
  await expect(page.getByLabel('My reasons for living')).toHaveValue('My niece, the sea in summer');
  await expect(page.getByText('A safety plan is a short list you write for yourself')).toBeHidden();
  await expect(country).toHaveValue('NZ');

  await country.selectOption('DE');
  await expect(page.getByRole('link', { name: /0800 111 0 111/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Make Germany (Deutschland) my country' })).toBeVisible();
  await reloadAndUnlock(page);
  await expect(country).toHaveValue('NZ');
});

test('Support, the directory and the plan work with the network disabled', async ({ page, context, baseURL }) => {
  await openApp(page);
  const origin = new URL(baseURL ?? '').origin;
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await context.route('**/*', (route) => (new URL(route.request().url()).origin === origin ? route.continue() : route.abort()));
  await context.setOffline(true);

  await page.keyboard.press('F1');
  await expect(supportHeading(page)).toBeVisible();
  const country = page.getByLabel('Country', { exact: true });
  await country.selectOption('IE');
  await expect(page.getByRole('link', { name: /^Call Samaritans Ireland on 116 123$/ })).toHaveAttribute('href', 'tel:116123');
  await expect(page.getByRole('link', { name: /Text HELLO to 50808/ })).toHaveAttribute('href', 'sms:50808?body=HELLO');
  await country.selectOption('INTL');
  await expect(page.getByText('If you are in danger now, call your local emergency number.')).toBeVisible();
  await page.getByLabel('Step 6: Making my surroundings safer').fill('Give spare keys to Ana');
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

  for (const url of requests) expect(new URL(url).origin, url).toBe(origin);
  await context.setOffline(false);
});

test('a crisis sentence in a check-in note gets a gentle offer; Not now hides it and saving still works; nothing is sent', async ({ page, baseURL }) => {
  await openApp(page);
  const origin = new URL(baseURL ?? '').origin;
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));

  const dialog = await newCheckIn(page);
  await dialog.getByRole('radio', { name: 'Low', exact: true }).check();
  const note = dialog.getByRole('textbox', { name: /^Note/ });
  await note.fill('Rough week. Honestly I don’t want to be here anymore.');
  const offer = dialog.getByRole('region', { name: 'Support is here if you need it' });
  await expect(offer).toBeVisible();
  await expect(offer).toContainText('It sounds like things might be really hard right now.');

  // "See crisis lines" opens Support over the dialog; the draft is untouched.
  await offer.getByRole('button', { name: 'See crisis lines' }).click();
  const sheet = page.getByRole('dialog', { name: 'Support' });
  await expect(sheet.getByRole('heading', { name: 'Crisis lines' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await expect(note).toHaveValue('Rough week. Honestly I don’t want to be here anymore.');

  await offer.getByRole('button', { name: 'Not now' }).click();
  await expect(offer).toBeHidden();
  await note.fill('Rough week. Honestly I don’t want to be here anymore. I want to die.');
  await checked(page);
  await expect(offer).toBeHidden();

  await dialog.getByRole('button', { name: 'Save check-in' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('article').first()).toContainText('I want to die.');
  for (const url of requests) expect(new URL(url).origin, url).toBe(origin);
});

test('an idiom gets no offer, and turning the check off in Settings stops it', async ({ page }) => {
  await openApp(page);
  let dialog = await newCheckIn(page);
  const offer = dialog.getByRole('region', { name: 'Support is here if you need it' });
  await dialog.getByRole('textbox', { name: /^Note/ }).fill('This traffic is killing me, I could kill for a coffee.');
  await checked(page);
  await expect(offer).toHaveCount(0);
  // The same draft with a crisis sentence added does get it: the check ran and could have fired.
  await dialog.getByRole('textbox', { name: /^Note/ }).fill('This traffic is killing me. I want to kill myself.');
  await expect(offer).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.getByRole('button', { name: 'Discard' }).click();

  await openApp(page, '/#/settings');
  const toggle = page.getByRole('switch', { name: 'Gently offer support while I write' });
  await expect(toggle).toBeChecked();
  await toggle.uncheck();
  // Settings shown afresh read the saved value: the change is on disk before the reload.
  await openApp(page, '/#/today');
  await openApp(page, '/#/settings');
  await expect(page.getByRole('switch', { name: 'Gently offer support while I write' })).not.toBeChecked();
  await reloadAndUnlock(page);
  await expect(page.getByRole('switch', { name: 'Gently offer support while I write' })).not.toBeChecked();

  dialog = await newCheckIn(page);
  await dialog.getByRole('textbox', { name: /^Note/ }).fill('I want to kill myself.');
  await checked(page);
  // Give a switched-on check every chance to fire (well past its pause), then make sure it didn't.
  await page.waitForTimeout(1_500);
  await expect(dialog.getByRole('region', { name: 'Support is here if you need it' })).toHaveCount(0);
});

test('the safety plan travels in a JSON backup into a new profile', async ({ page, browser }, testInfo) => {
  await openApp(page, '/#/support');
  await page.getByLabel('Step 1: Warning signs').fill('Pacing at night');
  await page.getByLabel('My reasons for living').fill('The allotment in spring');
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await openApp(page, '/#/settings');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  const path = testInfo.outputPath('with-plan.json');
  await (await download).saveAs(path);

  const fresh = await browser.newContext({ timezoneId: 'Europe/London', locale: 'en-GB' });
  const other = await fresh.newPage();
  await openApp(other, '/#/settings');
  await expect(other.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  const chooser = other.waitForEvent('filechooser');
  await other.getByRole('button', { name: 'Import JSON backup' }).click();
  await (await chooser).setFiles(path);
  await expect(other.getByText(/Your safety plan was imported/).first()).toBeVisible();
  await openApp(other, '/#/support');
  await expect(other.getByLabel('Step 1: Warning signs')).toHaveValue('Pacing at night');
  await expect(other.getByLabel('My reasons for living')).toHaveValue('The allotment in spring');
  await fresh.close();
});

test('circle drafts get the same offer: a note about to be shared and a reply, and neither is held back', async ({ page }) => {
  await openApp(page, '/#/circles');
  await page.getByRole('button', { name: 'Create a circle' }).click();
  const create = page.getByRole('dialog', { name: 'Create a circle' });
  await create.getByLabel('Circle name').fill('Evening circle');
  await create.getByLabel('Your name in this circle').fill('Robin');
  await create.getByRole('button', { name: 'Create circle' }).click();
  await expect(create).toBeHidden();

  await openApp(page, '/#/today');
  const editor = await newCheckIn(page);
  await editor.getByRole('radio', { name: 'Low', exact: true }).check();
  await editor.getByRole('textbox', { name: /^Note/ }).fill('Long day. Sometimes I think everyone would be better off without me.');
  await editor.getByRole('button', { name: 'Save check-in' }).click();
  await expect(editor).toBeHidden();

  const card = page.getByRole('article', { name: /^Check-in/ }).first();
  await card.getByRole('button', { name: /^Share to circle…/ }).click();
  const share = page.getByRole('dialog', { name: 'Share to circle' });
  const offer = (scope: ReturnType<Page['getByRole']>) => scope.getByRole('region', { name: 'Support is here if you need it' });
  // The note is off until chosen; the offer is about what would leave the device.
  await checked(page);
  await expect(offer(share)).toHaveCount(0);
  await share.getByRole('checkbox', { name: /^Note Long day/ }).check();
  await expect(offer(share)).toBeVisible();
  await share.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(share).toBeHidden();

  await card.getByRole('link', { name: 'Shared to Evening circle' }).click();
  const post = page.getByRole('article', { name: 'Shared by Robin' });
  await post.getByRole('textbox', { name: 'Reply' }).fill('I feel the same. I have a plan to end it tonight.');
  await expect(offer(page.getByRole('main'))).toBeVisible();
  await post.getByRole('button', { name: 'Reply', exact: true }).click();
  await expect(post).toContainText('I have a plan to end it tonight.');
  await checked(page);
  await expect(offer(page.getByRole('main'))).toHaveCount(0);
});
