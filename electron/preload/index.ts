// The preload: exposes `window.hearth`, one object of named, typed functions built from the IPC contract.
// The page never gets ipcRenderer itself. Bundled as CommonJS, as sandboxed preloads require.
import { contextBridge, ipcRenderer } from 'electron';
import {
  API_GLOBAL,
  API_METHODS,
  EVENT_CHANNELS,
  INVOKE_CHANNELS,
  type HearthApi,
  type InvokeChannel,
  type InvokeResponse,
} from '@shared/ipc/contract';
import type { MenuCommand } from '@shared/ipc/menu';

async function invoke<C extends InvokeChannel>(channel: C, request?: unknown): Promise<InvokeResponse<C>> {
  const response: unknown = await ipcRenderer.invoke(channel, request);
  // Main already checked it; checking again keeps the page's view of the contract honest.
  return INVOKE_CHANNELS[channel].response.parse(response) as InvokeResponse<C>;
}

// Commands that arrive before the page subscribes (a reminder clicked while the window was opening) wait here.
const MAX_WAITING_COMMANDS = 8;
const waitingCommands: MenuCommand[] = [];
const menuListeners = new Set<(command: MenuCommand) => void>();

ipcRenderer.on('menu:command', (_event, payload: unknown) => {
  const parsed = EVENT_CHANNELS['menu:command'].safeParse(payload);
  if (!parsed.success) return;
  if (menuListeners.size === 0) {
    if (waitingCommands.length < MAX_WAITING_COMMANDS) waitingCommands.push(parsed.data);
    return;
  }
  for (const listener of menuListeners) listener(parsed.data);
});

// A link that starts the app arrives before the page subscribes: the newest one waits here.
let waitingInvite: string | undefined;
const inviteListeners = new Set<(link: string) => void>();

ipcRenderer.on('invite:open', (_event, payload: unknown) => {
  const parsed = EVENT_CHANNELS['invite:open'].safeParse(payload);
  if (!parsed.success) return;
  if (inviteListeners.size === 0) waitingInvite = parsed.data;
  else for (const listener of inviteListeners) listener(parsed.data);
});

const api: HearthApi = {
  saveFile: (request) => invoke(API_METHODS.saveFile, request),
  openFile: (request) => invoke(API_METHODS.openFile, request),
  configureReminder: (plan) => invoke(API_METHODS.configureReminder, plan),
  notificationPermission: () => invoke(API_METHODS.notificationPermission),
  showCircleNotice: (request) => invoke(API_METHODS.showCircleNotice, request),
  openExternal: (request) => invoke(API_METHODS.openExternal, request),
  relayHostStatus: () => invoke(API_METHODS.relayHostStatus),
  configureRelayHost: (choice) => invoke(API_METHODS.configureRelayHost, choice),
  keychainStatus: () => invoke(API_METHODS.keychainStatus),
  createKeychainSecret: () => invoke(API_METHODS.createKeychainSecret),
  openKeychainSecret: (request) => invoke(API_METHODS.openKeychainSecret, request),
  earlierJournalPlan: () => invoke(API_METHODS.earlierJournalPlan),
  earlierJournalChunk: (request) => invoke(API_METHODS.earlierJournalChunk, request),
  finishEarlierJournal: (request) => invoke(API_METHODS.finishEarlierJournal, request),
  onMenuCommand: (listener) => {
    // The page may pass anything; only functions are accepted.
    if (typeof listener !== 'function') throw new TypeError('onMenuCommand needs a function');
    menuListeners.add(listener);
    const waiting = waitingCommands.splice(0);
    if (waiting.length > 0) queueMicrotask(() => waiting.forEach((command) => listener(command)));
    return () => {
      menuListeners.delete(listener);
    };
  },
  onInviteLink: (listener) => {
    if (typeof listener !== 'function') throw new TypeError('onInviteLink needs a function');
    inviteListeners.add(listener);
    const waiting = waitingInvite;
    waitingInvite = undefined;
    if (waiting !== undefined) queueMicrotask(() => listener(waiting));
    return () => {
      inviteListeners.delete(listener);
    };
  },
};

contextBridge.exposeInMainWorld(API_GLOBAL, api);
