// The Platform backed by Electron: every call goes through `window.hearth`, the preload's typed API.
import { API_GLOBAL, type HearthApi } from '@shared/ipc/contract';
import { fromBase64Url } from '@shared/circles/bytes';
import type { KeychainControl, Platform } from './platform';

declare global {
  interface Window {
    /** Present only inside the Electron app (set by electron/preload). */
    readonly hearth?: HearthApi;
  }
}

/** Whether the page runs inside the Electron app, with the preload's API available. */
export function hasElectronBridge(scope: object = globalThis): boolean {
  const candidate: unknown = Reflect.get(scope, API_GLOBAL);
  return typeof candidate === 'object' && candidate !== null && typeof Reflect.get(candidate, 'saveFile') === 'function';
}

/** The preload's API, or null outside Electron. */
export function electronBridge(): HearthApi | null {
  return hasElectronBridge() ? (window.hearth ?? null) : null;
}

export function createElectronPlatform(api: HearthApi): Platform {
  return {
    kind: 'electron',
    saveFile: (request) => api.saveFile({ suggestedName: request.suggestedName, content: request.content, mimeType: request.mimeType }),
    openFile: (request) => api.openFile({ extensions: [...request.extensions], maxBytes: request.maxBytes }),
    configureReminder: async (plan) => {
      await api.configureReminder({ settings: plan.settings, checkedInDay: plan.checkedInDay });
    },
    notificationPermission: () => api.notificationPermission(),
    // Desktop notifications need no permission in Electron; asking again only reports what the system allows.
    requestNotificationPermission: () => api.notificationPermission(),
    showCircleNotice: (kind, tag) => api.showCircleNotice({ kind, tag }),
    openExternal: async (url) => {
      await api.openExternal({ url });
    },
    onMenuCommand: (listener) => api.onMenuCommand(listener),
    onInviteLink: (listener) => api.onInviteLink(listener),
    relayHost: {
      status: () => api.relayHostStatus(),
      configure: (choice) => api.configureRelayHost({ enabled: choice.enabled, shareOnNetwork: choice.shareOnNetwork }),
    },
    keychain: electronKeychain(api),
    earlierJournal: {
      plan: () => api.earlierJournalPlan(),
      chunk: (index) => api.earlierJournalChunk({ index }),
      finish: async (outcome) => {
        await api.finishEarlierJournal({ outcome });
      },
    },
  };
}

function electronKeychain(api: HearthApi): KeychainControl {
  // The preload already checked each response against the contract (43 base64url characters), so decoding
  // cannot fail; a null here would mean the contract changed under us.
  const secretBytes = (text: string): Uint8Array => {
    const bytes = fromBase64Url(text);
    if (bytes === null) throw new Error('The keychain answered with a secret Hearth cannot read.');
    return bytes;
  };
  return {
    status: () => api.keychainStatus(),
    create: async () => {
      const result = await api.createKeychainSecret();
      return result.ok ? { ok: true, secret: secretBytes(result.secret), sealed: result.sealed } : result;
    },
    open: async (sealed) => {
      const result = await api.openKeychainSecret({ sealed });
      return result.ok ? { ok: true, secret: secretBytes(result.secret) } : result;
    },
  };
}
