// Sharing a journal entry to a circle on one device (a facilitator can post in their own circle, offline):
// choose fields and a content warning, check the preview holds exactly those, share, see "Shared to" on
// the card and the covered post in the circle, update the circle copy after an edit, take it back, and
// find each state again after a reload. Deleting a shared check-in asks what should happen to the copy.
import { expect, test, type Locator, type Page, openApp, reloadAndUnlock } from './test';

test.use({ timezoneId: 'Europe/Berlin', locale: 'en-GB' });

const CIRCLE = 'Tuesday evening circle';
const NOTE = 'Called my sister after a hard morning.';
const EDITED = 'Called my sister after a hard morning. Slept better after the walk.';

async function createCircle(page: Page): Promise<void> {
  await openApp(page, '/#/circles');
  await page.getByRole('button', { name: 'Create a circle' }).click();
  const create = page.getByRole('dialog', { name: 'Create a circle' });
  await create.getByLabel('Circle name').fill(CIRCLE);
  await create.getByLabel('Your name in this circle').fill('Robin');
  await create.getByRole('button', { name: 'Create circle' }).click();
  await expect(create).toBeHidden();
  await page.getByRole('link', { name: CIRCLE }).click();
  await expect(page.getByRole('heading', { name: CIRCLE, level: 1 })).toBeVisible();
  // The founder wrote the charter and has accepted it; there is no gate before sharing.
  await expect(page.getByRole('heading', { name: 'Accept the charter to take part' })).toHaveCount(0);
}

async function checkIn(page: Page): Promise<Locator> {
  await openApp(page, '/#/today');
  await page.getByRole('button', { name: 'Check in' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New check-in' });
  await dialog.getByRole('radio', { name: 'Low', exact: true }).check();
  await dialog.getByRole('checkbox', { name: 'anxious' }).check();
  await dialog.getByRole('checkbox', { name: 'walk', exact: true }).check();
  await dialog.getByLabel(/Sleep last night/).fill('6');
  await dialog.getByRole('radio', { name: 'Taken', exact: true }).check();
  await dialog.getByRole('textbox', { name: /^Note/ }).fill(NOTE);
  await dialog.getByRole('button', { name: 'Save check-in' }).click();
  await expect(dialog).toBeHidden();
  return page.getByRole('article', { name: /^Check-in/ }).first();
}

function toast(page: Page, text: string | RegExp): Locator {
  return page.locator('.toast-region').getByText(text);
}

test('share a check-in with chosen fields and a warning, update the circle copy after an edit, and take it back', async ({ page }) => {
  // A long scenario (about 30 s on a quiet machine); a busy one needs more than the default minute.
  test.setTimeout(120_000);
  await createCircle(page);
  const card = await checkIn(page);

  // Keyboard: the action is reachable and labelled; Escape closes and focus returns to it.
  const shareButton = card.getByRole('button', { name: /^Share to circle…/ });
  await shareButton.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Share to circle' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(shareButton).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();

  // The only circle is chosen already; mood and emotions are on, the note is off until chosen.
  await expect(dialog.getByRole('checkbox', { name: new RegExp(`^${CIRCLE}`) })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: /^Mood Low$/ })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: /^Emotions anxious$/ })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: /^Activities walk$/ })).not.toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: /^Sleep 6 h$/ })).not.toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: /^Energy/ })).toBeDisabled();
  const note = dialog.getByRole('checkbox', { name: /^Note Called my sister/ });
  await expect(note).not.toBeChecked();
  await expect(dialog).toContainText('Your medication answer is never shared.');

  const preview = dialog.getByRole('group', { name: 'Preview' });
  await expect(preview).toContainText('Low');
  await expect(preview.getByRole('listitem').filter({ hasText: /^anxious$/ })).toHaveCount(1);
  await expect(preview).not.toContainText(NOTE);

  await note.check();
  await dialog.getByRole('checkbox', { name: /^Add a content warning/ }).check();
  // A warning needs a topic before anything is shared.
  await dialog.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Choose a topic for the content warning, or turn the warning off.');
  await dialog.getByRole('group', { name: 'Topics' }).getByRole('checkbox', { name: 'Hospital' }).check();

  // Exactly the chosen fields, and none of the others.
  await expect(preview).toContainText('Content warning: hospital');
  await expect(preview).toContainText('Low');
  await expect(preview.getByRole('listitem').filter({ hasText: /^anxious$/ })).toHaveCount(1);
  await expect(preview).toContainText(NOTE);
  await expect(preview).not.toContainText('walk');
  await expect(preview).not.toContainText('Slept');
  await expect(preview).not.toContainText(/medication|taken/i);
  await expect(dialog).toContainText('Only what is shown here leaves this device. Your medication answer and private journal never do.');
  await expect(dialog).toContainText(`No one else in ${CIRCLE} is online right now.`);

  await dialog.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(toast(page, `Shared to ${CIRCLE}. No one else in ${CIRCLE} is online right now. It will reach members when one of them is.`)).toBeVisible();
  const chip = card.getByRole('link', { name: `Shared to ${CIRCLE}` });
  await expect(chip).toBeVisible();

  // In the circle the post is covered by its warning until opened on purpose.
  await chip.click();
  await expect(page.getByRole('heading', { name: CIRCLE, level: 1 })).toBeVisible();
  const post = page.getByRole('article', { name: 'Shared by Robin' });
  await expect(post.getByRole('button', { name: 'Show post (content warning: hospital)' })).toBeVisible();
  await expect(post).not.toContainText(NOTE);
  await post.getByRole('button', { name: /^Show post/ }).click();
  await expect(post).toContainText(NOTE);
  await expect(post).not.toContainText('walk');

  // The share survives a reload.
  await openApp(page, '/#/today');
  await reloadAndUnlock(page);
  await expect(card.getByRole('link', { name: `Shared to ${CIRCLE}` })).toBeVisible();

  // Edit the entry, then update the circle copy; the earlier choices (note, warning) are kept.
  await card.getByRole('button', { name: /^Edit check-in/ }).click();
  const edit = page.getByRole('dialog', { name: 'Edit check-in' });
  await edit.getByRole('textbox', { name: /^Note/ }).fill(EDITED);
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();
  await card.getByRole('button', { name: /^Share to circle…/ }).click();
  const shared = dialog.getByRole('list', { name: 'Already shared to' }).getByRole('listitem').filter({ hasText: CIRCLE });
  await expect(shared).toContainText(/Shared on \d/);
  await expect(shared).toContainText('the circle has an earlier version');
  await expect(dialog.getByRole('checkbox', { name: /^Note Called my sister/ })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: /^Add a content warning/ })).toBeChecked();
  await expect(preview).toContainText('Slept better after the walk.');
  await shared.getByRole('button', { name: 'Update the circle copy' }).click();
  await expect(toast(page, new RegExp(`^Updated the copy in ${CIRCLE}\\.`))).toBeVisible();
  await expect(shared).toContainText('the circle has this version');
  await expect(shared.getByRole('button', { name: 'Update the circle copy' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
  await expect(dialog).toBeHidden();

  await card.getByRole('link', { name: `Shared to ${CIRCLE}` }).click();
  await expect(post).toHaveCount(1);
  await post.getByRole('button', { name: /^Show post/ }).click();
  await expect(post).toContainText('Slept better after the walk.');

  // Take it back, after a calm question that says what taking back can and cannot do.
  await openApp(page, '/#/today');
  await card.getByRole('button', { name: /^Share to circle…/ }).click();
  await shared.getByRole('button', { name: 'Take it back' }).click();
  const question = shared.getByRole('group', { name: `Take this back from ${CIRCLE}?` });
  await expect(question).toContainText('Members who already received it keep their copy; Hearth asks their devices to hide it.');
  await expect(question.getByRole('button', { name: 'Keep it shared' })).toBeFocused();
  await question.getByRole('button', { name: 'Take it back' }).click();
  await expect(toast(page, new RegExp(`^Taken back from ${CIRCLE}\\.`))).toBeVisible();
  await expect(dialog.getByRole('list', { name: 'Already shared to' })).toHaveCount(0);
  await expect(dialog.getByRole('checkbox', { name: new RegExp(`^${CIRCLE}`) })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(card.getByRole('link', { name: /^Shared to/ })).toHaveCount(0);

  await openApp(page, '/#/circles');
  await page.getByRole('link', { name: CIRCLE }).click();
  await expect(page.getByText('Nothing shared yet')).toBeVisible();

  await reloadAndUnlock(page);
  await expect(page.getByRole('heading', { name: CIRCLE, level: 1 })).toBeVisible();
  await expect(page.getByText('Nothing shared yet')).toBeVisible();
  await openApp(page, '/#/today');
  await expect(card).toContainText(NOTE.slice(0, 20));
  await expect(card.getByRole('link', { name: /^Shared to/ })).toHaveCount(0);
});

test('with no circle the dialog explains circles kindly; deleting a shared check-in asks about the circle copy', async ({ page }) => {
  const card = await checkIn(page);
  await card.getByRole('button', { name: /^Share to circle…/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Share to circle' });
  await expect(dialog).toContainText('You’re not in a circle yet');
  await dialog.getByRole('link', { name: 'Go to Circles' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Circles', level: 1 })).toBeVisible();

  await createCircle(page);
  await openApp(page, '/#/today');
  await card.getByRole('button', { name: /^Share to circle…/ }).click();
  await dialog.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(card.getByRole('link', { name: `Shared to ${CIRCLE}` })).toBeVisible();

  // Deleting asks first, and keeping it shared says so in the undo message.
  await card.getByRole('button', { name: /^Delete check-in/ }).click();
  const ask = page.getByRole('dialog', { name: 'Delete this check-in?' });
  await expect(ask).toContainText(`This check-in is shared to ${CIRCLE}.`);
  await expect(ask).toContainText('Members who already received it keep their copy; Hearth asks their devices to hide it.');
  await ask.getByRole('button', { name: 'Delete, keep it shared' }).click();
  await expect(ask).toBeHidden();
  await expect(toast(page, `Check-in deleted. It stays shared in ${CIRCLE}; you can take it back from the circle’s page.`)).toBeVisible();
  await expect(page.getByRole('article', { name: /^Check-in/ })).toHaveCount(0);
  await page.locator('.toast-region').getByRole('button', { name: 'Undo' }).click();
  await expect(card.getByRole('link', { name: `Shared to ${CIRCLE}` })).toBeVisible();

  // Taking it back and deleting leaves nothing in the circle.
  await card.getByRole('button', { name: /^Delete check-in/ }).click();
  await ask.getByRole('button', { name: 'Take it back and delete' }).click();
  await expect(ask).toBeHidden();
  await expect(toast(page, `Check-in deleted and taken back from ${CIRCLE}.`)).toBeVisible();
  await openApp(page, '/#/circles');
  await page.getByRole('link', { name: CIRCLE }).click();
  await expect(page.getByText('Nothing shared yet')).toBeVisible();
});

test('a post can be taken back from the circle’s page too, and the card no longer says it is shared', async ({ page }) => {
  await createCircle(page);
  const card = await checkIn(page);
  await card.getByRole('button', { name: /^Share to circle…/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Share to circle' });
  await dialog.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(dialog).toBeHidden();
  await card.getByRole('link', { name: `Shared to ${CIRCLE}` }).click();

  const post = page.getByRole('article', { name: 'Shared by Robin' });
  await post.getByRole('button', { name: 'Take it back' }).click();
  const question = post.getByRole('group', { name: 'Take this back from this circle?' });
  await question.getByRole('button', { name: 'Keep it shared' }).click();
  await expect(question).toHaveCount(0);
  await expect(post.getByRole('button', { name: 'Take it back' })).toBeFocused();
  await post.getByRole('button', { name: 'Take it back' }).click();
  await question.getByRole('button', { name: 'Take it back' }).click();
  await expect(page.getByText('Nothing shared yet')).toBeVisible();
  await expect(toast(page, 'Taken back. Members who already received it keep their copy; Hearth asks their devices to hide it.')).toBeVisible();

  await openApp(page, '/#/today');
  await expect(card).toContainText(NOTE.slice(0, 20));
  await expect(card.getByRole('link', { name: /^Shared to/ })).toHaveCount(0);
});
