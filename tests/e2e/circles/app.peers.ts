// The README's two-window walkthrough, done by two people in the real app (two Chromium launches, two
// profiles) over WebRTC through our relay: Rowan creates a circle and invites, Willow asks to join with the
// link, Rowan checks her fingerprint and approves, Willow accepts the charter and shares a check-in with a
// content warning, Rowan opens it, replies and reacts, and Willow sees both. Every relay frame is captured
// and shown to hold none of their words, the circle's name or id, their names or the invite.
import { expect, test } from '@playwright/test';
import { at, useRelay } from './appSteps';
import { launchDevices, testEnvironment } from './devices';
import { base64UrlSecret, scanFrames, textSecret } from './relayCapture';
import { startRelay } from './relay';

/** Long enough for a few watchdog retries (3–6 s each) on a loaded machine. */
const NETWORK_TIMEOUT_MS = 30_000;

const CIRCLE_NAME = 'Thursday lantern circle';
const ROWAN = 'Rowan of the lanterns';
const WILLOW = 'Willow by the river';
const CANARY = 'The ferryman whistles seven notes to the herons every dusk.';
const REPLY = 'Those herons sound like good company. Sending you warmth tonight.';
/** Chosen in Willow's check-in but not shared: Rowan must never see it. (Too short to scan frames for.) */
const UNSHARED_ACTIVITY = 'walk';

test('two people use a circle through the app, as the README walks through; the relay sees none of it', async () => {
  test.setTimeout(180_000);
  const { origin } = testEnvironment();
  const frames: string[] = [];
  const relay = await startRelay({ onFrame: (frame) => frames.push(frame) });
  const devices = await launchDevices(origin, 2, 'app/');
  const [rowan, willow] = [at(devices, 0), at(devices, 1)];
  let circleId = '';
  let inviteLink = '';
  try {
    await test.step('Rowan points the app at the relay and creates the circle', async () => {
      await useRelay(rowan, relay.url);
      await rowan.goto(new URL('#/circles', rowan.url()).href);
      await rowan.getByRole('button', { name: 'Create a circle' }).click();
      const create = rowan.getByRole('dialog', { name: 'Create a circle' });
      await create.getByLabel('Circle name').fill(CIRCLE_NAME);
      await create.getByLabel('Your name in this circle').fill(ROWAN);
      await create.getByRole('button', { name: 'Create circle' }).click();
      await rowan.getByRole('link', { name: CIRCLE_NAME }).click();
      await expect(rowan.getByRole('heading', { name: CIRCLE_NAME, level: 1 })).toBeVisible();
      circleId = new URL(rowan.url().replace('#/', '')).searchParams.get('circle') ?? '';
      expect(circleId).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    });

    await test.step('Rowan creates an invite; its link carries the relay', async () => {
      await rowan.getByRole('button', { name: 'Create invite' }).click();
      const shown = rowan.getByRole('region', { name: 'New invite' });
      inviteLink = (await shown.getByText(/^hearth:\/\/join#/).textContent()) ?? '';
      expect(inviteLink).toMatch(/^hearth:\/\/join#[0-9A-Z]{28}/);
    });

    let willowPrint = '';
    await test.step('Willow, with no settings changed, asks to join with the link', async () => {
      await willow.goto(new URL('#/circles', willow.url()).href);
      await willow.getByRole('button', { name: 'Join with an invite code' }).click();
      const join = willow.getByRole('dialog', { name: 'Join a circle' });
      await join.getByLabel('Invite code or link').fill(inviteLink);
      await join.getByLabel('Your name in this circle').fill(WILLOW);
      await join.getByRole('button', { name: 'Ask to join' }).click();
      await willow.keyboard.press('Escape');
      const asking = willow.locator('.join-item');
      await expect(asking).toContainText(/Asking the facilitator|Waiting for a facilitator/);
      willowPrint = (await asking.getByLabel(/^Fingerprint /).getAttribute('aria-label')) ?? '';
      expect(willowPrint).toMatch(/^Fingerprint( [0-9A-Z]{4}){4}$/);
    });

    await test.step('Rowan sees the request with the same fingerprint and approves', async () => {
      const request = rowan.getByRole('listitem').filter({ hasText: WILLOW }).filter({ has: rowan.getByRole('button', { name: 'Approve' }) });
      await expect(request).toBeVisible({ timeout: NETWORK_TIMEOUT_MS });
      await expect(request.getByLabel(willowPrint)).toBeVisible();
      await request.getByRole('button', { name: 'Approve' }).click();
    });

    await test.step('Willow is in, and accepts the charter', async () => {
      const joined = willow.locator('.join-item').filter({ hasText: 'Joined' });
      await expect(joined).toBeVisible({ timeout: NETWORK_TIMEOUT_MS });
      await joined.getByRole('link', { name: 'Open circle' }).click();
      await expect(willow.getByRole('heading', { name: CIRCLE_NAME, level: 1 })).toBeVisible({ timeout: NETWORK_TIMEOUT_MS });
      await willow.getByRole('button', { name: 'I accept the charter' }).click();
      await expect(willow.getByRole('region', { name: 'Members' })).toContainText(ROWAN);
    });

    await test.step('Willow checks in and shares it with a content warning', async () => {
      await willow.goto(new URL('#/today', willow.url()).href);
      await willow.getByRole('button', { name: 'Check in' }).first().click();
      const form = willow.getByRole('dialog', { name: 'New check-in' });
      await form.getByRole('radio', { name: 'Low', exact: true }).check();
      await form.getByRole('checkbox', { name: 'anxious' }).check();
      await form.getByRole('checkbox', { name: UNSHARED_ACTIVITY, exact: true }).check();
      await form.getByRole('textbox', { name: /^Note/ }).fill(`A long day. ${CANARY}`);
      await form.getByRole('button', { name: 'Save check-in' }).click();
      await expect(form).toBeHidden();
      const card = willow.getByRole('article', { name: /^Check-in/ }).first();
      await card.getByRole('button', { name: /^Share to circle…/ }).click();
      const share = willow.getByRole('dialog', { name: 'Share to circle' });
      await expect(share.getByRole('checkbox', { name: new RegExp(`^${CIRCLE_NAME}`) })).toBeChecked();
      await share.getByRole('checkbox', { name: /^Note A long day/ }).check();
      await expect(share.getByRole('checkbox', { name: /^Activities walk$/ })).not.toBeChecked();
      await share.getByRole('checkbox', { name: /^Add a content warning/ }).check();
      await share.getByRole('group', { name: 'Topics' }).getByRole('checkbox', { name: 'Self-harm' }).check();
      const preview = share.getByRole('group', { name: 'Preview' });
      await expect(preview).toContainText(CANARY);
      await expect(preview).toContainText('Content warning: self-harm');
      await expect(preview).not.toContainText(UNSHARED_ACTIVITY);
      await share.getByRole('button', { name: 'Share', exact: true }).click();
      await expect(share).toBeHidden();
      await expect(card.getByRole('link', { name: `Shared to ${CIRCLE_NAME}` })).toBeVisible();
    });

    await test.step('Rowan sees it covered, opens it on purpose, replies and reacts', async () => {
      const post = rowan.getByRole('article', { name: `Shared by ${WILLOW}` });
      await expect(post).toBeVisible({ timeout: NETWORK_TIMEOUT_MS });
      await expect(post).not.toContainText(CANARY);
      await post.getByRole('button', { name: /^Show post \(content warning: self-harm/ }).click();
      await expect(post).toContainText(CANARY);
      await expect(post).not.toContainText(UNSHARED_ACTIVITY);
      await post.getByLabel('Reply').fill(REPLY);
      await post.getByRole('button', { name: 'Reply' }).click();
      await post.getByRole('group', { name: 'Reactions' }).first().getByRole('button', { name: 'Sending support' }).click();
      await expect(post.getByRole('list', { name: 'Replies' })).toContainText(REPLY);
    });

    await test.step('Willow sees the reply and the reaction', async () => {
      await willow.goto(new URL(`#/circles?circle=${encodeURIComponent(circleId)}`, willow.url()).href);
      const post = willow.getByRole('article', { name: `Shared by ${WILLOW}` });
      await post.getByRole('button', { name: /^Show post/ }).click();
      await expect(post.getByRole('list', { name: 'Replies' })).toContainText(REPLY, { timeout: NETWORK_TIMEOUT_MS });
      await expect(post.getByRole('group', { name: 'Reactions' }).first().getByRole('button', { name: /Sending support/ })).toContainText('1', { timeout: NETWORK_TIMEOUT_MS });
    });
  } finally {
    await Promise.allSettled(devices.map((device) => device.close()));
    await relay.close();
  }

  const code = inviteLink.slice('hearth://join#'.length, 'hearth://join#'.length + 28);
  const report = scanFrames(frames, [
    textSecret('entry text', CANARY),
    textSecret('reply text', REPLY),
    textSecret('circle name', CIRCLE_NAME),
    textSecret('Rowan’s name', ROWAN),
    textSecret('Willow’s name', WILLOW),
    textSecret('invite code', code, { anyCase: true }),
    base64UrlSecret('circle id', circleId),
  ]);
  process.stdout.write(`[circles app] relay frames ${String(report.frames)}, characters ${String(report.characters)}, decoded strings ${String(report.decodedStrings)}, leaks ${String(report.leaks.length)}\n`);
  expect(report.frames).toBeGreaterThan(10);
  expect(report.leaks).toEqual([]);
});
