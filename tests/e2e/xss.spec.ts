// Hostile text renders inert everywhere a person's or a peer's words appear: a corpus of script tags, event
// handlers, frames, javascript:/data:/file: links and remote images goes into a journal note, a circle name,
// a pseudonym, a charter and a shared post. Nothing runs (no dialog, no flag set), nothing navigates, and no
// request leaves for anywhere but this machine.
import { expect, test, type Locator, type Page, openApp, reloadAndUnlock } from './test';

test.use({ timezoneId: 'Europe/Berlin', locale: 'en-GB' });

const CORPUS = [
  'Ordinary words first.',
  `<script>window.__xss='script'</script>`,
  `<img src="https://evil.example/pixel.png" onerror="window.__xss='img'">`,
  `<svg onload="window.__xss='svg'"><circle r="5"/></svg>`,
  `<iframe src="https://evil.example/frame"></iframe>`,
  `<iframe srcdoc="<script>parent.__xss='srcdoc'</script>"></iframe>`,
  `<a href="javascript:window.__xss='anchor'">raw anchor</a>`,
  `<object data="https://evil.example/x.swf"></object>`,
  `<style>body{background:url(https://evil.example/bg.png)}</style>`,
  `<link rel="stylesheet" href="https://evil.example/x.css">`,
  `<meta http-equiv="refresh" content="0;url=https://evil.example/">`,
  `<details open ontoggle="window.__xss='toggle'">details</details>`,
  '[javascript link](javascript:window.__xss=%27js-link%27)',
  '[data link](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3M9MTwvc2NyaXB0Pg==)',
  '[file link](file:///etc/passwd)',
  '[vbscript link](vbscript:msgbox(1))',
  '![remote image](https://evil.example/tracker.png)',
  '<https://evil.example/autolink>',
  'Ordinary words last.',
].join('\n\n');

// Names are at most 40 characters.
const NAME = `<script>window.__xss=1</script>`;
const PSEUDONYM = `<img src=x onerror=window.__xss=3>`;
const CHARTER = `Be kind.\n\n${CORPUS}`;

interface Watch {
  readonly dialogs: string[];
  readonly foreignRequests: string[];
  readonly navigations: string[];
}

function watch(page: Page): Watch {
  const seen: Watch = { dialogs: [], foreignRequests: [], navigations: [] };
  page.on('dialog', (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
    if (!local && url.protocol !== 'data:' && url.protocol !== 'blob:') seen.foreignRequests.push(request.url());
  });
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame() && !frame.url().startsWith(new URL(page.url()).origin)) seen.navigations.push(frame.url());
  });
  return seen;
}

/** Active elements none of the hostile text may create (the app's own charter disclosure and invite QR excepted). */
const ACTIVE = 'script, iframe, object, embed, img:not(.invite-qr), svg:not([aria-hidden="true"]), style, link, meta, details:not(.charter)';

/** No active content inside a region that shows someone's words. */
async function expectInert(region: Locator): Promise<void> {
  await expect(region.locator(ACTIVE)).toHaveCount(0);
  const handlers = await region.evaluate((root) =>
    [root, ...root.querySelectorAll('*')].flatMap((element) => element.getAttributeNames().filter((name) => name.toLowerCase().startsWith('on'))),
  );
  expect(handlers).toEqual([]);
  const hrefs = await region.locator('a[href]').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  for (const href of hrefs) expect(href).toMatch(/^(https:|mailto:|#)/);
}

async function clickLinkTexts(region: Locator): Promise<void> {
  for (const text of ['javascript link', 'data link', 'file link', 'vbscript link', 'raw anchor']) {
    const target = region.getByText(text, { exact: true });
    if ((await target.count()) > 0) await target.first().click();
  }
}

async function expectNothingHappened(page: Page, seen: Watch): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(seen.dialogs).toEqual([]);
  expect(seen.navigations).toEqual([]);
  expect(seen.foreignRequests).toEqual([]);
}

test('hostile text in a note, a circle name, a pseudonym, a charter and a shared post stays inert', async ({ page }) => {
  const seen = watch(page);

  // The journal: the note renders as text and inert links.
  await openApp(page, '/#/today');
  await page.getByRole('button', { name: 'Check in' }).first().click();
  const editor = page.getByRole('dialog', { name: 'New check-in' });
  await editor.getByRole('radio', { name: 'Low', exact: true }).check();
  await editor.getByRole('textbox', { name: /^Note/ }).fill(CORPUS);
  await editor.getByRole('button', { name: 'Save check-in' }).click();
  await expect(editor).toBeHidden();
  await openApp(page, '/#/timeline');
  const card = page.getByRole('article', { name: /^Check-in/ }).first();
  await expect(card).toContainText('Ordinary words last.');
  await expect(card).toContainText('[image: remote image]');
  await expectInert(card);
  await clickLinkTexts(card);
  await expectNothingHappened(page, seen);

  // A circle whose name, my pseudonym and charter are all hostile.
  await openApp(page, '/#/circles');
  await page.getByRole('button', { name: 'Create a circle' }).click();
  const create = page.getByRole('dialog', { name: 'Create a circle' });
  await create.getByLabel('Circle name').fill(NAME);
  await create.getByLabel('Your name in this circle').fill(PSEUDONYM);
  await create.getByLabel('Charter').fill(CHARTER);
  await create.getByRole('button', { name: 'Create circle' }).click();
  await expect(create).toBeHidden();
  await expectInert(page.locator('main'));
  await page.getByRole('link', { name: NAME }).click();
  await expect(page.getByRole('heading', { name: NAME, level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Members' })).toContainText(PSEUDONYM);

  // Share the check-in, note included, and read it in the circle.
  await openApp(page, '/#/timeline');
  await card.getByRole('button', { name: /^Share to circle…/ }).click();
  const share = page.getByRole('dialog', { name: 'Share to circle' });
  await share.getByRole('checkbox', { name: /^Note Ordinary words first/ }).check();
  await expectInert(share);
  await share.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(share).toBeHidden();
  await card.getByRole('link', { name: `Shared to ${NAME}` }).click();
  await expect(page.getByRole('heading', { name: NAME, level: 1 })).toBeVisible();
  const post = page.getByRole('article', { name: `Shared by ${PSEUDONYM}` });
  await expect(post).toContainText('Ordinary words last.');
  const main = page.locator('main');
  await expectInert(main);
  await clickLinkTexts(post);

  // The charter, wherever the circle page shows it.
  const charterToggle = page.getByRole('button', { name: /charter/i }).first();
  if ((await charterToggle.count()) > 0) await charterToggle.click();
  await expectInert(main);
  await clickLinkTexts(main);

  await reloadAndUnlock(page);
  await expect(page.getByRole('heading', { name: NAME, level: 1 })).toBeVisible();
  await expectInert(page.locator('body'));
  await expectNothingHappened(page, seen);
});
