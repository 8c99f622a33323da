// Encryption at rest, checked where it matters: on disk. Two people use Hearth in two Chromium browsers with
// real on-disk profiles; one writes a check-in holding a canary sentence and shares it to their circle, the
// other sees it. After both browsers close (so everything is flushed), every file under both profiles is
// searched for the canary, as UTF-8, UTF-16 and one-byte text: it must be nowhere. A control in the same run
// writes another canary straight into a plain IndexedDB database of one profile and requires the scan to
// find that one, so a scan that cannot see IndexedDB's files cannot pass.
// Like the other *.peers.ts specs, Playwright's own test: the network promise is this suite's relay frame check.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import { unlockApp } from '../test';
import { approve, askToJoin, checkIn, createCircle, createInvite, NETWORK_TIMEOUT_MS, openCircle, shareCheckIn, useRelay } from './appSteps';
import { testEnvironment } from './devices';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './paths';
import { startRelay } from './relay';

const CIRCLE_NAME = 'Lantern circle';

test.use({ actionTimeout: NETWORK_TIMEOUT_MS });

/** A browser with its profile on disk, as a person's would be. */
async function launchProfile(origin: string, folder: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(folder, { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS], timeout: 30_000 });
  // Chromium gathers no ICE candidates on loopback without a media permission (TESTING.md).
  await context.grantPermissions(['microphone'], { origin: new URL(origin).origin });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => process.stderr.write(`[page error] ${error.message}\n`));
  await page.goto(new URL('app/', origin).href);
  await unlockApp(page);
  return { context, page };
}

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** The files under `folders` that hold `text` in any of the encodings a browser may write it in. */
async function filesHolding(folders: readonly string[], text: string): Promise<string[]> {
  const needles = [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le'), Buffer.from(text, 'latin1')];
  const found: string[] = [];
  for (const folder of folders) {
    for (const file of await filesUnder(folder)) {
      const bytes = await readFile(file).catch(() => null);
      if (bytes !== null && needles.some((needle) => bytes.includes(needle))) found.push(file);
    }
  }
  return found;
}

test('a canary sentence in a check-in and a shared post is in no file of either person’s browser profile', async () => {
  test.setTimeout(240_000);
  const { origin } = testEnvironment();
  const relay = await startRelay();
  const root = await mkdtemp(join(tmpdir(), 'hearth-canary-'));
  const folders = [join(root, 'facilitator'), join(root, 'member')];
  // Random, so nothing else on disk can hold it by chance; words around it, as a person would write.
  const token = randomBytes(16).toString('hex');
  const canary = `Today the lantern canary ${token} sang by the window`;
  const control = `control canary ${randomBytes(16).toString('hex')}`;
  const contexts: BrowserContext[] = [];
  try {
    const facilitator = await launchProfile(origin, folders[0] ?? '');
    contexts.push(facilitator.context);
    const member = await launchProfile(origin, folders[1] ?? '');
    contexts.push(member.context);
    const [f, m] = [facilitator.page, member.page];

    await test.step('the facilitator creates a circle; the member joins and accepts the charter', async () => {
      await Promise.all([useRelay(f, relay.url), useRelay(m, relay.url)]);
      const circleId = await createCircle(f, CIRCLE_NAME, 'Wren');
      const link = await createInvite(f, 1);
      await askToJoin(m, link, 'Sparrow');
      await approve(f, 'Sparrow');
      await expect(m.locator('.join-item').filter({ hasText: 'Joined' })).toBeVisible({ timeout: NETWORK_TIMEOUT_MS });
      await openCircle(m, circleId, CIRCLE_NAME);
      await m.getByRole('button', { name: 'I accept the charter' }).click();
      await openCircle(f, circleId, CIRCLE_NAME);
    });

    await test.step('the facilitator writes the canary in a check-in and shares it; the member sees it', async () => {
      await checkIn(f, canary);
      await shareCheckIn(f, canary, CIRCLE_NAME);
      await expect(m.getByText(canary)).toBeVisible({ timeout: NETWORK_TIMEOUT_MS });
    });

    await test.step('control: a plain IndexedDB record in the member’s profile', async () => {
      await m.evaluate(async (text) => {
        await new Promise<void>((resolve, reject) => {
          const request = indexedDB.open('canary-control', 1);
          request.onupgradeneeded = () => request.result.createObjectStore('notes');
          request.onerror = () => reject(request.error ?? new Error('could not open the control database'));
          request.onsuccess = () => {
            const tx = request.result.transaction('notes', 'readwrite', { durability: 'strict' });
            tx.objectStore('notes').put(text, 'note');
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error ?? new Error('could not write the control record'));
          };
        });
      }, control);
    });

    await test.step('both browsers close; the canary is in no file, the control is found', async () => {
      for (const context of contexts.splice(0)) await context.close();
      expect(await filesHolding(folders, control), 'the scan must see IndexedDB’s files').not.toEqual([]);
      expect(await filesHolding(folders, canary)).toEqual([]);
      // Its random part alone too, in case something split or re-encoded the sentence around it.
      expect(await filesHolding(folders, token)).toEqual([]);
    });
  } finally {
    for (const context of contexts) await context.close().catch(() => undefined);
    await relay.close();
    await rm(root, { recursive: true, force: true });
  }
});
