// The built page's Content Security Policy: the strict one (no inline script or style, no remote images),
// every view rendering within it, and the suite's own guard (tests/e2e/test.ts) failing a test that breaks it.
import { PAGE_POLICY } from '@shared/security/contentSecurityPolicy';
import { expect, test, openApp } from './test';

test.use({ timezoneId: 'Europe/Berlin', locale: 'en-GB' });

const VIEWS = ['today', 'timeline', 'calendar', 'search', 'insights', 'circles', 'settings', 'support'];

test('the built page declares the strict policy, first in its head', async ({ page }) => {
  await openApp(page, '/');
  const policy = page.locator('head meta[http-equiv="Content-Security-Policy"]');
  await expect(policy).toHaveCount(1);
  await expect(policy).toHaveAttribute('content', PAGE_POLICY);
  expect(PAGE_POLICY).not.toContain('unsafe-inline');
  expect(PAGE_POLICY).toContain("img-src 'self' data: blob:");
  // Only the charset may come before it.
  const before = await page.evaluate(() => [...document.head.children].findIndex((element) => element.getAttribute('http-equiv') === 'Content-Security-Policy'));
  expect(before).toBe(1);
});

test('every view renders without injecting a <style> element or an inline script', async ({ page }) => {
  await openApp(page, '/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.keyboard.press('Control+n');
  const dialog = page.getByRole('dialog', { name: 'New check-in' });
  await dialog.getByRole('radio', { name: 'Good', exact: true }).check();
  await page.keyboard.press('Control+Enter');
  await expect(dialog).toBeHidden();
  for (const view of VIEWS) {
    await openApp(page, `/#/${view}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const inline = await page.evaluate(() => ({
      styles: document.querySelectorAll('style').length,
      scripts: document.querySelectorAll('script:not([src])').length,
    }));
    expect(inline, `the ${view} view`).toEqual({ styles: 0, scripts: 0 });
  }
});

test('an inline style in markup is blocked and fails the test that caused it', async ({ page }) => {
  // The violation below must fail this test through the guard in tests/e2e/test.ts; if it ever passes, the
  // guard has stopped working and Playwright reports this test as an unexpected pass.
  test.fail();
  await openApp(page, '/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const colour = await page.evaluate(() => {
    const probe = document.createElement('div');
    probe.innerHTML = '<span style="color: rgb(255, 0, 0)">probe</span>';
    document.body.append(probe);
    const span = probe.querySelector('span');
    return span === null ? '' : getComputedStyle(span).color;
  });
  expect(colour).not.toBe('rgb(255, 0, 0)');
  // Give the violation report time to reach the test.
  await page.waitForTimeout(500);
});
