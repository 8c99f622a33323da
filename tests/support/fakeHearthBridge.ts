// A stand-in for the desktop app's preload API (window.hearth) in the browser preview, so e2e tests and
// screenshots can show the Electron-only parts of the UI without the Electron binary. The relay host in it
// answers like electron/main/relayHost: off until turned on, loopback or the network, a busy port explained.
import type { Page } from 'playwright-core';
import { KEYCHAIN_MESSAGES } from '../../electron/main/keychain';

/** What main says when port 4444 is taken (electron/main/relayHost). */
export const PORT_IN_USE =
  'Port 4444 on this computer is already in use, perhaps by another relay, so Hearth couldn’t start its own. If another relay is running there, circles can use it as it is.';

export interface FakeBridgeOptions {
  /** The port is taken: turning the relay on fails with main's message. */
  readonly portInUse?: boolean;
  /** 'basic-text': Linux's plain-text backend, refused as electron/main/keychain refuses it. Default available. */
  readonly keychain?: 'available' | 'basic-text';
}

export const KEYCHAIN_CHANGED = KEYCHAIN_MESSAGES.changed;
export const KEYCHAIN_BASIC_TEXT = KEYCHAIN_MESSAGES['basic-text'];

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
  const machine = () => Number(localStorage.getItem('fake-keychain-machine') ?? '1');
  window.__hearthResetKeychain = () => localStorage.setItem('fake-keychain-machine', String(machine() + 1));
  const keychainStatus = () =>
    fake.keychain === 'basic-text'
      ? { state: 'basic-text', message: ${JSON.stringify(KEYCHAIN_BASIC_TEXT)} }
      : { state: 'available', message: null };
  const toBase64Url = (bytes) => btoa(String.fromCharCode(...bytes)).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
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
      // A keychain on an imaginary machine: sealing prefixes the machine's byte; another machine can't open it.
      // The machine lives in localStorage so a test can "reset" the keychain between reloads.
      keychainStatus: () => Promise.resolve(keychainStatus()),
      createKeychainSecret: () => {
        const current = keychainStatus();
        if (current.state !== 'available') return Promise.resolve({ ok: false, message: current.message });
        const bytes = crypto.getRandomValues(new Uint8Array(32));
        const secret = toBase64Url(bytes);
        return Promise.resolve({ ok: true, secret, sealed: toBase64Url(new Uint8Array([machine(), ...bytes])) });
      },
      openKeychainSecret: ({ sealed }) => {
        const current = keychainStatus();
        if (current.state !== 'available') return Promise.resolve({ ok: false, message: current.message });
        const bytes = Uint8Array.from(atob(sealed.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
        if (bytes[0] !== machine()) return Promise.resolve({ ok: false, message: ${JSON.stringify(KEYCHAIN_CHANGED)} });
        return Promise.resolve({ ok: true, secret: toBase64Url(bytes.subarray(1)) });
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
