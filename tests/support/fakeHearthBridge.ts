// A stand-in for the desktop app's preload API (window.hearth) in the browser preview, so e2e tests and
// screenshots can show the Electron-only parts of the UI without the Electron binary. The relay host in it
// answers like electron/main/relayHost: off until turned on, loopback or the network, a busy port explained.
import type { Page } from 'playwright-core';

/** What main says when port 4444 is taken (electron/main/relayHost). */
export const PORT_IN_USE =
  'Port 4444 on this computer is already in use, perhaps by another relay, so Hearth couldn’t start its own. If another relay is running there, circles can use it as it is.';

export interface FakeBridgeOptions {
  /** The port is taken: turning the relay on fails with main's message. */
  readonly portInUse?: boolean;
}

export async function installFakeHearthBridge(page: Pick<Page, 'addInitScript'>, options: FakeBridgeOptions = {}): Promise<void> {
  // Passed as text, not a function: a transpiler (tsx) may add helpers to a function's source that the page lacks.
  await page.addInitScript(`(${BRIDGE_SCRIPT})(${JSON.stringify(options)});`);
}

const BRIDGE_SCRIPT = `function installBridge(fake) {
  const choice = { enabled: false, shareOnNetwork: false };
  const status = () => {
    const running = choice.enabled && fake.portInUse !== true;
    return {
      enabled: choice.enabled,
      shareOnNetwork: choice.shareOnNetwork,
      state: running ? 'running' : choice.enabled ? 'failed' : 'off',
      localUrl: running ? 'ws://127.0.0.1:4444' : null,
      networkUrls: running && choice.shareOnNetwork ? ['ws://192.168.1.20:4444'] : [],
      problem: choice.enabled && !running ? ${JSON.stringify(PORT_IN_USE)} : null,
    };
  };
  Object.defineProperty(window, 'hearth', {
    value: Object.freeze({
      saveFile: () => Promise.resolve('cancelled'),
      openFile: () => Promise.resolve({ kind: 'cancelled' }),
      configureReminder: () => Promise.resolve(null),
      notificationPermission: () => Promise.resolve('granted'),
      showCircleNotice: () => Promise.resolve('closed'),
      openExternal: () => Promise.resolve(null),
      onMenuCommand: () => () => undefined,
      // Tests open a link as main would: window.__hearthOpenInvite(link).
      onInviteLink: (listener) => {
        window.__hearthOpenInvite = listener;
        return () => undefined;
      },
      relayHostStatus: () => Promise.resolve(status()),
      configureRelayHost: (next) => {
        choice.enabled = next.enabled;
        choice.shareOnNetwork = next.shareOnNetwork;
        return Promise.resolve(status());
      },
      // Like main after the journal has moved to app://hearth (or there never was one on file://).
      earlierJournalPlan: () => Promise.resolve({ kind: 'none' }),
      earlierJournalChunk: () => Promise.reject(new Error('There is no journal waiting to be carried over.')),
      finishEarlierJournal: () => Promise.reject(new Error('There is no journal waiting to be carried over.')),
    }),
  });
}`;
