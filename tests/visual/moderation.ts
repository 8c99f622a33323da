// Captures moderation and reader safety for a person to look at: three devices (separate Chromium launches) go
// through the real UI over WebRTC through a local relay on the app's default address — the charter gate, "the
// charter has changed", a blurred post, the hidden-posts line, the report dialog, the facilitator's reports queue,
// "your reports", the author's note and the content-warning settings. Images go to out/screenshots/moderation-*.png.
// Run after `npm run build:web`, inside the loopback-only namespace, with HEARTH_SCHEME=dark for the dark theme:
//   sh tests/support/netns.sh npx tsx tests/visual/moderation.ts
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { preview } from 'vite';
import { silentLog } from '../../signaling/log';
import { createRelay } from '../../signaling/relay';
import { CHROMIUM_ARGS, CHROMIUM_PATH, WEBRTC_LOOPBACK_ARGS } from '../support/chromium';
import { gotoUnlocked } from '../support/lock';

const root = resolve(import.meta.dirname, '../..');
const outDir = resolve(root, 'out/screenshots');
const port = Number(process.env.HEARTH_CAPTURE_PORT ?? 4342);
const origin = `http://127.0.0.1:${String(port)}`;
const NETWORK_TIMEOUT_MS = 30_000;
const CIRCLE = 'Harbour lights circle';
const scheme = process.env.HEARTH_SCHEME === 'dark' ? 'dark' : 'light';

async function device(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: scheme, timezoneId: 'Europe/Berlin', locale: 'en-GB' });
  await context.grantPermissions(['microphone'], { origin });
  context.setDefaultTimeout(NETWORK_TIMEOUT_MS);
  const page = await context.newPage();
  page.on('pageerror', (error) => process.stderr.write(`[page error] ${error.message}\n`));
  await gotoUnlocked(page, `${origin}/#/circles`);
  return page;
}

async function shoot(target: Page | Locator, name: string): Promise<void> {
  const page = 'page' in target ? target.page() : target;
  await page.waitForTimeout(600);
  const path = resolve(outDir, `moderation-${scheme}-${name}.png`);
  if ('page' in target) await target.screenshot({ path });
  else await target.screenshot({ path, fullPage: true });
  process.stderr.write(`captured ${name}\n`);
}

async function checkInAndShare(page: Page, note: string, warning: string | null): Promise<void> {
  await gotoUnlocked(page, `${origin}/#/today`);
  await page.getByRole('button', { name: 'Check in' }).first().click();
  const form = page.getByRole('dialog', { name: 'New check-in' });
  await form.getByRole('radio', { name: 'Low', exact: true }).check();
  await form.getByRole('textbox', { name: /^Note/ }).fill(note);
  await form.getByRole('button', { name: 'Save check-in' }).click();
  await form.waitFor({ state: 'hidden' });
  await page.getByRole('article', { name: /^Check-in/ }).filter({ hasText: note.slice(0, 20) }).getByRole('button', { name: /^Share to circle…/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Share to circle' });
  await dialog.getByRole('checkbox', { name: /^Note / }).check();
  if (warning) {
    await dialog.getByRole('checkbox', { name: /^Add a content warning/ }).check();
    await dialog.getByRole('group', { name: 'Topics' }).getByRole('checkbox', { name: warning }).check();
  }
  await dialog.getByRole('button', { name: 'Share', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

async function main(): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const relay = createRelay({ host: '127.0.0.1', port: 4444, log: silentLog });
  await relay.listen();
  const server = await preview({ configFile: resolve(root, 'renderer/vite.config.ts'), build: { outDir: resolve(root, 'out/web') }, preview: { port, strictPort: true } });
  const launch = () => chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...WEBRTC_LOOPBACK_ARGS] });
  const browsers = await Promise.all([launch(), launch(), launch()]);
  try {
    const [fern, ash, birch] = await Promise.all(browsers.map((browser) => device(browser)));
    if (!fern || !ash || !birch) throw new Error('no devices');

    await gotoUnlocked(fern, `${origin}/#/settings`);
    await fern.getByRole('radiogroup', { name: 'Posts about self-harm' }).getByRole('radio', { name: 'Hide' }).check();
    await shoot(fern.getByRole('region', { name: 'Content warnings in circles' }), 'settings');

    await gotoUnlocked(fern, `${origin}/#/circles`);
    await fern.getByRole('button', { name: 'Create a circle' }).click();
    const create = fern.getByRole('dialog', { name: 'Create a circle' });
    await create.getByLabel('Circle name').fill(CIRCLE);
    await create.getByLabel('Your name in this circle').fill('Fern');
    await shoot(create, 'create');
    await create.getByRole('button', { name: 'Create circle' }).click();
    await fern.getByRole('link', { name: CIRCLE }).click();
    await fern.getByLabel('Can be used').selectOption('2');
    await fern.getByRole('button', { name: 'Create invite' }).click();
    const code = (await fern.getByRole('region', { name: 'New invite' }).locator('.invite-code').innerText()).replace(/\s+/g, '');

    for (const [page, name] of [[ash, 'Ash'], [birch, 'Birch']] as const) {
      await page.getByRole('button', { name: 'Join with an invite code' }).click();
      const join = page.getByRole('dialog', { name: 'Join a circle' });
      await join.getByLabel('Invite code or link').fill(code);
      await join.getByLabel('Your name in this circle').fill(name);
      await join.getByRole('button', { name: 'Ask to join' }).click();
      await fern.getByRole('listitem').filter({ hasText: name }).getByRole('button', { name: 'Approve' }).click();
      await join.getByRole('link', { name: 'Open the circle' }).click();
    }
    await ash.getByRole('button', { name: 'I accept the charter' }).waitFor();
    await shoot(ash, 'charter-gate');
    await ash.getByRole('button', { name: 'I accept the charter' }).click();
    await birch.getByRole('button', { name: 'I accept the charter' }).click();
    await shoot(birch, 'care-note');
    await birch.getByRole('button', { name: 'I understand' }).click();

    await fern.getByText('Charter', { exact: true }).click();
    await fern.getByRole('button', { name: 'Edit name and charter' }).click();
    const editor = fern.getByRole('dialog', { name: 'Edit the circle’s charter' });
    const charter = editor.getByLabel('Charter');
    await charter.fill(`${(await charter.inputValue()).replace("- Be kind. We are here to support each other, not to judge, fix or argue.\n", '')}\n- Please keep posts about hospital stays short, and add a content warning.`);
    await shoot(editor, 'charter-editor');
    await editor.getByRole('button', { name: 'Save changes' }).click();
    await ash.getByRole('region', { name: 'The charter has changed' }).waitFor();
    await shoot(ash, 'charter-changed');
    await ash.getByRole('button', { name: 'I accept the new charter' }).click();
    await birch.getByRole('button', { name: 'I accept the new charter' }).click();

    await checkInAndShare(ash, 'A very hard night. I am safe now, and I am going to talk to my nurse tomorrow morning.', 'Self-harm');
    await checkInAndShare(ash, 'Walked to the harbour and watched the boats for a while. It helped a little.', null);
    const post = birch.getByRole('article', { name: 'Shared by Ash' }).first();
    await post.waitFor();
    await birch.getByRole('button', { name: /^Show post/ }).waitFor();
    await shoot(birch.getByRole('region', { name: 'Shared in this circle' }), 'blurred');
    await birch.getByRole('button', { name: /^Change how I see self-harm posts/ }).click();
    await shoot(birch.getByRole('article', { name: 'Shared by Ash' }).filter({ has: birch.getByRole('button', { name: /^Show post/ }) }), 'topic-change');
    await birch.getByRole('button', { name: /^Change how I see self-harm posts/ }).click();

    await fern.getByText('1 post hidden by your content settings').click();
    await shoot(fern, 'hidden-line');

    const warned = birch.getByRole('article', { name: 'Shared by Ash' }).filter({ has: birch.getByRole('button', { name: /^Show post/ }) });
    await warned.getByRole('button', { name: 'Report', exact: true }).click();
    const dialog = birch.getByRole('dialog', { name: 'Report this post' });
    await dialog.getByRole('radio', { name: 'Graphic detail' }).check();
    await dialog.getByLabel(/^Anything the facilitators should know/).fill('It might be a lot for some of us to read.');
    await shoot(dialog, 'report-dialog');
    await dialog.getByRole('button', { name: 'Send report' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await fern.getByRole('listitem', { name: 'Report about a post by Ash' }).waitFor();
    await shoot(fern, 'reports-queue');
    await shoot(birch.getByRole('region', { name: 'Your reports' }), 'your-reports-waiting');
    await fern.getByRole('button', { name: 'Hide for everyone' }).click();
    await birch.getByRole('region', { name: 'Your reports' }).getByText(/Reviewed/).waitFor();
    await shoot(birch, 'your-reports');
    await gotoUnlocked(ash, `${origin}/#/circles`);
    await ash.getByRole('link', { name: CIRCLE }).click();
    await ash.getByText(/A facilitator hid your post/).waitFor();
    await shoot(ash, 'author-told');
    await birch.getByRole('region', { name: 'Members' }).getByRole('button', { name: 'Mute Ash' }).click();
    await shoot(birch.getByRole('region', { name: 'Members' }), 'muted');
  } finally {
    await Promise.all(browsers.map((browser) => browser.close()));
    await new Promise<void>((done) => server.httpServer.close(() => done()));
    await relay.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
