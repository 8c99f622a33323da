// Settings → Circles connection: relays and STUN/TURN servers are added (checked, with plain errors), removed
// and kept across a reload; the preview says its start script runs a relay; and, with a stand-in for the
// desktop app's preload, hosting a relay shows its addresses and offers the network one for new circles.
import { expect, test, type Page, openApp, reloadAndUnlock } from './test';
import { installFakeHearthBridge } from '../support/fakeHearthBridge';

async function openSection(page: Page) {
  await openApp(page, '/#/settings');
  const section = page.getByRole('region', { name: 'Circles connection' });
  await expect(section).toBeVisible();
  return section;
}

test('relays and STUN/TURN servers: add with checks, remove, and keep after a reload', async ({ page }) => {
  const section = await openSection(page);
  const relays = section.getByRole('list', { name: 'Relay addresses' });
  await expect(relays.getByRole('listitem')).toHaveText([/^ws:\/\/127\.0\.0\.1:4444\s*this computer only$/]);
  await expect(section).toContainText('Changes apply to circles you create and to joins you start from now on; circles you’re already in keep the addresses they started with.');

  const addRelay = section.getByLabel('Add relay address');
  await addRelay.fill('https://relay.example.org');
  await addRelay.press('Enter');
  await expect(section.getByRole('status').filter({ hasText: 'web page address' })).toHaveText(
    'That’s a web page address. A relay address starts with wss:// (or ws:// on your own network) — ask whoever runs the relay for it.',
  );
  await expect(addRelay).toHaveAttribute('aria-invalid', 'true');
  await addRelay.fill('wss://relay.example.org');
  await section.getByRole('button', { name: 'Add relay' }).click();
  await expect(relays.getByRole('listitem')).toHaveCount(2);
  await expect(addRelay).toHaveValue('');
  await addRelay.fill('WSS://Relay.example.org/');
  await addRelay.press('Enter');
  await expect(section.getByText('That relay is already in the list.')).toBeVisible();

  await section.getByRole('button', { name: 'Remove relay ws://127.0.0.1:4444' }).click();
  await expect(relays.getByRole('listitem')).toHaveText(['wss://relay.example.org']);
  await expect(page.getByRole('status').filter({ hasText: 'Removed the relay ws://127.0.0.1:4444.' })).toBeVisible();

  const address = section.getByLabel('Server address');
  await address.fill('turn:turn.example.org:3478');
  await section.getByRole('button', { name: 'Add server' }).click();
  await expect(section.getByText('A TURN server needs the user name and password its provider gave you.')).toBeVisible();
  await section.getByLabel('User name').fill('robin');
  await section.getByLabel('Password').fill('correct horse');
  await address.press('Enter');
  const servers = section.getByRole('list', { name: 'STUN and TURN servers' });
  await expect(servers.getByRole('listitem')).toHaveText([/^turn:turn\.example\.org:3478\s*with a login$/]);
  await expect(section.getByLabel('Password')).toHaveValue('');
  await address.fill('stun://stun.example.org');
  await address.press('Enter');
  await expect(section.getByText('STUN and TURN addresses have no “//” after the colon: write turn:turn.example.org:3478.')).toBeVisible();
  await address.fill('stun:stun.example.org');
  await address.press('Enter');
  await expect(servers.getByRole('listitem')).toHaveCount(2);
  await section.getByRole('button', { name: 'Remove server stun:stun.example.org' }).click();
  await expect(servers.getByRole('listitem')).toHaveCount(1);

  await reloadAndUnlock(page);
  const reloaded = page.getByRole('region', { name: 'Circles connection' });
  await expect(reloaded.getByRole('list', { name: 'Relay addresses' }).getByRole('listitem')).toHaveText(['wss://relay.example.org']);
  await expect(reloaded.getByRole('list', { name: 'STUN and TURN servers' }).getByRole('listitem')).toHaveText([/^turn:turn\.example\.org:3478\s*with a login$/]);

  // The last relay can go too; the section then says what that means.
  await reloaded.getByRole('button', { name: 'Remove relay wss://relay.example.org' }).click();
  await expect(reloaded.getByText('No relay. Until you add one, new circles and joins can’t reach anyone.')).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(reloaded.getByRole('list', { name: 'Relay addresses' }).getByRole('listitem')).toHaveText(['wss://relay.example.org']);
});

test('the browser preview says its start script runs a relay, and offers no hosting switch', async ({ page }) => {
  const section = await openSection(page);
  await expect(section).toContainText('In this browser preview, npm run start:web already runs a relay at ws://127.0.0.1:4444, the address Hearth uses by default.');
  await expect(section.getByRole('switch')).toHaveCount(0);
});

test('in the desktop app, hosting a relay shows its addresses and offers the network one for new circles', async ({ page }) => {
  await installFakeHearthBridge(page);
  const section = await openSection(page);
  await expect(section).not.toContainText('npm run start:web');
  const host = section.getByRole('switch', { name: 'Host a relay on this computer' });
  await expect(host).not.toBeChecked();
  await expect(section).toContainText('Off. When on, Hearth runs a relay while it’s open, so a circle on one network needs no server at all.');
  await expect(section.getByRole('switch', { name: 'Let others on my network connect' })).toHaveCount(0);

  await host.check();
  const status = section.getByRole('status').filter({ hasText: 'Running' });
  await expect(status).toContainText('Running. On this computer: ws://127.0.0.1:4444');
  const network = section.getByRole('switch', { name: 'Let others on my network connect' });
  await expect(network).not.toBeChecked();
  await network.check();
  const forNetwork = status.getByRole('list', { name: 'Addresses for your network' });
  await expect(forNetwork).toContainText('ws://192.168.1.20:4444');
  await forNetwork.getByRole('button', { name: 'Use for new circles' }).click();
  await expect(forNetwork).toContainText('in your relays');
  await expect(section.getByRole('list', { name: 'Relay addresses' }).getByRole('listitem')).toHaveText([/^ws:\/\/127\.0\.0\.1:4444/, 'ws://192.168.1.20:4444']);

  await host.uncheck();
  await expect(status).toHaveCount(0);
  await expect(section.getByRole('switch', { name: 'Let others on my network connect' })).toHaveCount(0);
});

test('in the desktop app, a busy port is explained', async ({ page }) => {
  await installFakeHearthBridge(page, { portInUse: true });
  const section = await openSection(page);
  await section.getByRole('switch', { name: 'Host a relay on this computer' }).check();
  await expect(section.getByRole('status').filter({ hasText: 'Port 4444' })).toHaveText(
    'Port 4444 on this computer is already in use, perhaps by another relay, so Hearth couldn’t start its own. If another relay is running there, circles can use it as it is.',
  );
});
