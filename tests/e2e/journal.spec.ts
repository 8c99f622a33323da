// The whole private journaling flow, as a person would do it in the browser preview.
import { expect, test, type Page, openApp, reloadAndUnlock } from './test';

test.use({ timezoneId: 'Europe/Berlin', locale: 'en-GB' });

async function openNewCheckIn(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Check in' }).first().click();
  await expect(page.getByRole('dialog', { name: 'New check-in' })).toBeVisible();
}

test('a check-in can be done with the keyboard alone', async ({ page }) => {
  await openApp(page, '/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.keyboard.press('Control+n');
  const dialog = page.getByRole('dialog', { name: 'New check-in' });
  await expect(dialog).toBeVisible();
  // Saving without a mood explains what is missing and keeps the dialog open.
  await page.keyboard.press('Control+Enter');
  await expect(dialog.getByRole('alert')).toContainText('Choose how you are feeling');
  await page.keyboard.press('2');
  await expect(dialog.getByRole('radio', { name: 'Low', exact: true })).toBeChecked();
  await page.keyboard.press('Control+Enter');
  await expect(dialog).toBeHidden();
  const card = page.getByRole('article').first();
  await expect(card).toContainText('Low');
  await expect(page.getByRole('status')).toContainText('Check-in saved');
});

test('check in with every field, find it, see it everywhere, edit, delete and undo, and keep it after reload', async ({ page }) => {
  await openApp(page, '/');
  await openNewCheckIn(page);
  const dialog = page.getByRole('dialog', { name: 'New check-in' });

  await dialog.getByRole('radio', { name: 'Good', exact: true }).check();
  await dialog.getByRole('radio', { name: 'Energetic' }).check();
  await dialog.getByRole('checkbox', { name: 'hopeful' }).check();
  await dialog.getByRole('checkbox', { name: 'calm', exact: true }).check();
  await dialog.getByLabel('Add your own word').fill('sunlit');
  await dialog.getByLabel('Add your own word').press('Enter');
  await expect(dialog.getByRole('checkbox', { name: 'sunlit' })).toBeChecked();
  await dialog.getByRole('checkbox', { name: 'walk', exact: true }).check();
  await dialog.getByLabel('Add an activity').fill('pottery');
  await dialog.getByLabel('Add an activity').press('Enter');
  await expect(dialog.getByRole('checkbox', { name: 'pottery' })).toBeChecked();
  await dialog.getByLabel(/Sleep last night/).fill('7.5');
  await dialog.getByRole('radio', { name: 'Taken', exact: true }).check();
  await dialog.getByRole('textbox', { name: /^Note/ }).fill('Walked to the **lighthouse** with Mara.\n\n<img src=x onerror=alert(1)> ![remote](https://example.org/a.png)');
  await dialog.getByRole('tab', { name: 'Preview' }).click();
  await expect(dialog.getByRole('tabpanel', { name: 'Note preview' }).locator('strong')).toHaveText('lighthouse');
  await dialog.getByRole('button', { name: 'Save check-in' }).click();
  await expect(dialog).toBeHidden();

  const card = page.getByRole('article').first();
  await expect(card).toContainText('Good');
  await expect(card).toContainText('Energy: Energetic');
  await expect(card).toContainText('Slept 7 h 30 min');
  await expect(card).toContainText('Medication taken');
  for (const label of ['hopeful', 'calm', 'sunlit', 'walk', 'pottery']) await expect(card.getByRole('listitem').filter({ hasText: new RegExp(`^${label}$`) })).toHaveCount(1);
  await expect(card.locator('strong')).toHaveText('lighthouse');
  // Raw HTML is dropped and images are never loaded.
  await expect(card.locator('img')).toHaveCount(0);
  await expect(card).toContainText('[image: remote]');

  // Search by a word of the note.
  await page.keyboard.press('Control+f');
  const search = page.getByLabel('Search your journal');
  await search.fill('lighthouse');
  await expect(page.getByRole('article')).toHaveCount(1);
  await expect(page.getByRole('article')).toContainText('Mara');

  // The calendar colours today by the mood.
  await openApp(page, '/#/calendar');
  await expect(page.getByRole('grid')).toBeVisible();
  await expect(page.getByRole('gridcell').getByRole('button', { name: /Good, 1 check-in/ })).toHaveCount(1);

  // Insights count it.
  await openApp(page, '/#/insights?range=7');
  await expect(page.getByRole('heading', { name: 'Insights', level: 1 })).toBeVisible();
  await expect(page.getByText(/1 day with check-ins|1 day/).first()).toBeVisible();

  // Edit it.
  await openApp(page, '/#/today');
  await page.getByRole('button', { name: /^Edit check-in/ }).click();
  const editDialog = page.getByRole('dialog', { name: 'Edit check-in' });
  await expect(editDialog.getByRole('radio', { name: 'Good', exact: true })).toBeChecked();
  await editDialog.getByRole('radio', { name: 'Very good' }).check();
  await editDialog.getByRole('textbox', { name: /^Note/ }).fill('Walked to the **lighthouse** with Mara. The sea was calm.');
  await editDialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(editDialog).toBeHidden();
  await expect(page.getByRole('article').first()).toContainText('Very good');
  await expect(page.getByRole('article').first()).toContainText('The sea was calm.');

  // Delete, then undo.
  await page.getByRole('button', { name: /^Delete check-in/ }).click();
  await expect(page.getByRole('article')).toHaveCount(0);
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('article')).toHaveCount(1);
  await expect(page.getByRole('article')).toContainText('The sea was calm.');

  // Everything is still there after a reload.
  await reloadAndUnlock(page);
  const reloaded = page.getByRole('article').first();
  await expect(reloaded).toContainText('Very good');
  await expect(reloaded).toContainText('Slept 7 h 30 min');
  await expect(reloaded.getByRole('listitem').filter({ hasText: /^pottery$/ })).toHaveCount(1);
  await openApp(page, '/#/search');
  await page.getByLabel('Search your journal').fill('sea');
  await expect(page.getByRole('article')).toHaveCount(1);
  await openApp(page, '/#/timeline');
  await expect(page.getByRole('article')).toHaveCount(1);
});

test('discarding a half-written check-in asks first', async ({ page }) => {
  await openApp(page, '/');
  await openNewCheckIn(page);
  const dialog = page.getByRole('dialog', { name: 'New check-in' });
  await dialog.getByRole('radio', { name: 'Okay' }).check();
  await page.keyboard.press('Escape');
  await expect(dialog.getByText('Discard what you wrote?')).toBeVisible();
  await dialog.getByRole('button', { name: 'Keep editing' }).click();
  await expect(dialog.getByRole('radio', { name: 'Okay' })).toBeChecked();
  await page.keyboard.press('Escape');
  await dialog.getByRole('button', { name: 'Discard' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('article')).toHaveCount(0);
});

test('a damaged record on disk is reported calmly, hidden, and the rest still shows', async ({ page }) => {
  await openApp(page, '/');
  // Shortcuts work once the app has opened its database and rendered.
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  for (const mood of ['3', '4']) {
    await page.keyboard.press('Control+n');
    await expect(page.getByRole('dialog', { name: 'New check-in' })).toBeVisible();
    await page.keyboard.press(mood);
    await page.keyboard.press('Control+Enter');
    await expect(page.getByRole('dialog')).toBeHidden();
  }
  await expect(page.getByRole('article')).toHaveCount(2);
  // Damage one stored row behind the app's back, as a disk fault or a foreign tool might.
  await page.evaluate(
    () =>
      new Promise<void>((done, fail) => {
        const request = indexedDB.open('hearth-journal');
        request.onerror = () => fail(new Error('could not open the database'));
        request.onsuccess = () => {
          const tx = request.result.transaction('checkIns', 'readwrite');
          const store = tx.objectStore('checkIns');
          const cursor = store.openCursor();
          cursor.onsuccess = () => {
            const row = cursor.result;
            if (row) row.update({ ...(row.value as object), body: { mood: 'not a mood' } });
          };
          tx.oncomplete = () => {
            request.result.close();
            done();
          };
        };
      }),
  );
  await reloadAndUnlock(page);
  await expect(page.getByRole('alert')).toContainText('1 check-in could not be read');
  await expect(page.getByRole('alert')).toContainText('Nothing has been deleted');
  await expect(page.getByRole('article')).toHaveCount(1);
});
