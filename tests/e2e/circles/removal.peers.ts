// Removing a member by rekeying, with three people in the real app (three Chromium launches) over WebRTC:
// Fern facilitates, Ash and Birch are members. Birch's app is closed and, when it opens again, cannot reach
// the relay for a while. Fern removes Birch (told honestly what that means) and the circle moves to new keys;
// Ash's device follows. Birch, not knowing yet, shares a post with the old key. Fern and Ash exchange a post
// and a reply in the new room. When Birch's device reaches the relay again it is told calmly that it is no
// longer part of the circle, and sees neither the post nor the reply; Birch's post shows up for nobody. The
// relay, through the old and the new room, sees none of their words, names, the circle's name or id.
// Like the other *.peers.ts specs, Playwright's own test: the network promise is this suite's relay frame check,
// and tests/e2e/test.ts's fixture would launch a browser of its own outside this config.
import { expect, test } from '@playwright/test';
import { approve, askToJoin, at, checkIn, createCircle, createInvite, NETWORK_TIMEOUT_MS, openCircle, reopenApp, shareCheckIn, useRelay } from './appSteps';
import { launchDevices, testEnvironment } from './devices';
import { base64UrlSecret, scanFrames, textSecret } from './relayCapture';
import { startRelay } from './relay';

const CIRCLE_NAME = 'Willow bend circle';
const FERN = 'Fern the facilitator';
const ASH = 'Ash by the harbour';
const BIRCH = 'Birch on the hill';
const FERN_POST = 'The heron stood in the shallows all morning without moving once.';
const ASH_REPLY = 'I love herons. Patient birds for a patient day.';
const BIRCH_POST = 'The weather vane on the barn turned north before the storm came.';

test.use({ actionTimeout: NETWORK_TIMEOUT_MS });

test('a facilitator removes a member: the others move to new keys and keep talking; the removed member sees nothing new and is not heard', async () => {
  test.setTimeout(300_000);
  const { origin } = testEnvironment();
  const frames: string[] = [];
  const relay = await startRelay({ onFrame: (frame) => frames.push(frame) });
  const devices = await launchDevices(origin, 3, 'app/');
  const [fern, ash] = [at(devices, 0), at(devices, 1)];
  let birch = at(devices, 2);
  let circleId = '';
  // Birch's profile reaches the relay only while this is false (checked when each WebSocket opens).
  let birchCutOff = false;
  try {
    await test.step('Fern creates the circle; Ash and Birch join and accept the charter', async () => {
      await Promise.all([useRelay(fern, relay.url), useRelay(ash, relay.url), useRelay(birch, relay.url)]);
      circleId = await createCircle(fern, CIRCLE_NAME, FERN);
      const link = await createInvite(fern, 2);
      await Promise.all([askToJoin(ash, link, ASH), askToJoin(birch, link, BIRCH)]);
      for (const name of [ASH, BIRCH]) await approve(fern, name);
      for (const page of [ash, birch]) await expect(page.locator('.join-item').filter({ hasText: 'Joined' })).toBeVisible({ timeout: NETWORK_TIMEOUT_MS });
      for (const page of [ash, birch]) {
        await openCircle(page, circleId, CIRCLE_NAME);
        await page.getByRole('button', { name: 'I accept the charter' }).click();
      }
      await expect(fern.getByRole('region', { name: 'Members' })).toContainText(BIRCH, { timeout: NETWORK_TIMEOUT_MS });
      await expect(fern.getByRole('region', { name: 'Members' })).toContainText(ASH);
    });

    await test.step('Birch’s app closes; when it opens again it cannot reach the relay', async () => {
      await birch.context().routeWebSocket(/.*/, (socket) => {
        // Closing refuses the connection as an unreachable relay would; y-webrtc keeps retrying.
        if (birchCutOff) void socket.close();
        else socket.connectToServer();
      });
      birchCutOff = true;
      birch = await reopenApp(birch);
    });

    await test.step('Fern removes Birch, told what that means; Ash’s device moves to the new keys', async () => {
      const panel = fern.getByRole('region', { name: 'Facilitator' });
      await panel.getByRole('button', { name: `Remove ${BIRCH} from circle…` }).click();
      const confirm = fern.getByRole('alertdialog', { name: `Remove ${BIRCH} from the circle?` });
      await expect(confirm).toContainText('They keep what they already received. They will not see anything new');
      await confirm.getByRole('button', { name: 'Remove from circle' }).click();
      await expect(fern.getByRole('region', { name: 'Members' })).not.toContainText(BIRCH, { timeout: NETWORK_TIMEOUT_MS });
      const progress = fern.getByRole('region', { name: 'Moving to new keys' });
      await expect(progress).toContainText('Everyone has moved to the circle’s new keys.', { timeout: NETWORK_TIMEOUT_MS });
      await expect(ash.getByRole('region', { name: 'Members' })).not.toContainText(BIRCH, { timeout: NETWORK_TIMEOUT_MS });
    });

    await test.step('Birch, not knowing yet, shares a post with the old key', async () => {
      await checkIn(birch, BIRCH_POST);
      await shareCheckIn(birch, BIRCH_POST, CIRCLE_NAME);
    });

    await test.step('Fern shares a post in the new room; Ash reads it and replies; Fern reads the reply', async () => {
      await checkIn(fern, FERN_POST);
      await shareCheckIn(fern, FERN_POST, CIRCLE_NAME);
      const post = ash.getByRole('article', { name: `Shared by ${FERN}` });
      await expect(post).toContainText(FERN_POST, { timeout: NETWORK_TIMEOUT_MS });
      await post.getByRole('textbox', { name: 'Reply' }).fill(ASH_REPLY);
      await post.getByRole('button', { name: 'Reply', exact: true }).click();
      await openCircle(fern, circleId, CIRCLE_NAME);
      await expect(fern.getByRole('article', { name: `Shared by ${FERN}` })).toContainText(ASH_REPLY, { timeout: NETWORK_TIMEOUT_MS });
    });

    await test.step('Birch reaches the relay again: told calmly, sees nothing new, and is not heard', async () => {
      birchCutOff = false;
      await openCircle(birch, circleId, CIRCLE_NAME);
      const note = birch.getByRole('region', { name: 'You are no longer part of this circle' });
      await expect(note).toContainText('What you already received stays here', { timeout: NETWORK_TIMEOUT_MS * 2 });
      await expect(birch.getByRole('textbox', { name: 'Reply' })).toHaveCount(0);
      await expect(birch.locator('body')).not.toContainText(FERN_POST);
      await expect(birch.locator('body')).not.toContainText(ASH_REPLY);
      // Birch's device has met the old room by now (that is how it learned); give the post time to go anywhere it could.
      await birch.waitForTimeout(3_000);
      for (const page of [fern, ash]) {
        await expect(page.getByRole('article', { name: `Shared by ${BIRCH}` })).toHaveCount(0);
        await expect(page.locator('body')).not.toContainText(BIRCH_POST);
      }
    });
  } finally {
    await Promise.allSettled(devices.map((device) => device.close()));
    await relay.close();
  }
  const report = scanFrames(frames, [
    textSecret('Fern’s post', FERN_POST),
    textSecret('Ash’s reply', ASH_REPLY),
    textSecret('Birch’s post', BIRCH_POST),
    textSecret('circle name', CIRCLE_NAME),
    ...[FERN, ASH, BIRCH].map((name) => textSecret(`${name}’s name`, name)),
    base64UrlSecret('circle id', circleId),
  ]);
  expect(report.frames).toBeGreaterThan(10);
  expect(report.leaks).toEqual([]);
});
