// The main process's wiring, run against a fake electron module (the real one is never loaded): one
// hardened window, every IPC channel registered, the menu set, and quitting when the window closes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS } from '@shared/ipc/contract';
import { MIGRATION_PAGE_CHANNELS } from '@shared/ipc/storageMigration';
import { setLogSink, type LogSink } from '../../../electron/main/log';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const appListeners = new Map<string, Listener[]>();
  const ipcHandlers = new Map<string, Listener>();
  const windows: {
    options: Record<string, unknown>;
    loadFile: ReturnType<typeof vi.fn>;
    loadURL: ReturnType<typeof vi.fn>;
    listeners: Map<string, Listener>;
    webContents: { send: ReturnType<typeof vi.fn> };
    show: ReturnType<typeof vi.fn>;
    destroy: ReturnType<typeof vi.fn>;
  }[] = [];
  const state = { userData: '' };
  const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() };
  const menu = { buildFromTemplate: vi.fn((template: unknown) => ({ template })), setApplicationMenu: vi.fn() };
  const app = {
    isPackaged: true,
    setName: vi.fn(),
    enableSandbox: vi.fn(),
    setAppUserModelId: vi.fn(),
    on: (event: string, listener: Listener) => {
      appListeners.set(event, [...(appListeners.get(event) ?? []), listener]);
    },
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    isReady: () => true,
    quit: vi.fn(),
    exit: vi.fn(),
    getPath: () => state.userData,
    getVersion: () => '0.1.0',
    setAboutPanelOptions: vi.fn(),
    setAsDefaultProtocolClient: vi.fn(() => true),
    showAboutPanel: vi.fn(),
  };
  const contents = () => ({ on: vi.fn(), once: vi.fn(), isLoading: () => false, isDestroyed: () => false, send: vi.fn() });
  class BrowserWindow {
    static getAllWindows = () => windows;
    readonly webContents = contents();
    readonly loadFile = vi.fn(() => Promise.resolve());
    readonly loadURL = vi.fn(() => Promise.resolve());
    readonly listeners = new Map<string, Listener>();
    constructor(readonly options: Record<string, unknown>) {
      windows.push(this);
    }
    on(event: string, listener: Listener) {
      this.listeners.set(event, listener);
      return this;
    }
    once(event: string, listener: Listener) {
      return this.on(event, listener);
    }
    getNormalBounds = () => ({ x: 0, y: 0, width: 1200, height: 800 });
    isMaximized = () => false;
    isMinimized = () => false;
    isFullScreen = () => false;
    maximize = vi.fn();
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    isDestroyed = () => false;
    destroy = vi.fn();
  }
  class Notification {
    static isSupported = () => true;
  }
  const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() };
  return { app, appListeners, ipcHandlers, windows, state, session, menu, protocol, BrowserWindow, Notification, contents };
});

vi.mock('electron', () => ({
  app: fake.app,
  BrowserWindow: fake.BrowserWindow,
  Notification: fake.Notification,
  Menu: fake.menu,
  session: { defaultSession: fake.session },
  protocol: fake.protocol,
  ipcMain: {
    handle: (channel: string, listener: Listener) => fake.ipcHandlers.set(channel, listener),
    removeHandler: (channel: string) => fake.ipcHandlers.delete(channel),
  },
  screen: {
    getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }),
    getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
  },
  nativeTheme: { shouldUseDarkColors: false },
  powerMonitor: { on: vi.fn() },
  dialog: {},
  shell: {},
  safeStorage: {
    isAsyncEncryptionAvailable: () => Promise.resolve(true),
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptStringAsync: (text: string) => Promise.resolve(Buffer.from(`sealed:${text}`)),
    decryptStringAsync: (sealed: Buffer) => Promise.resolve({ result: sealed.toString().replace(/^sealed:/, ''), shouldReEncrypt: false }),
  },
}));

let previousSink: LogSink;
beforeAll(async () => {
  previousSink = setLogSink(null);
  fake.state.userData = mkdtempSync(join(tmpdir(), 'hearth-main-'));
  await import('../../../electron/main/index');
  // The main window opens at once; the hidden journal-move page once the (absent) marker has been looked for.
  await vi.waitFor(() => expect(fake.windows).toHaveLength(2));
});
afterAll(() => {
  setLogSink(previousSink);
  rmSync(fake.state.userData, { recursive: true, force: true });
});

const emitApp = (event: string, ...args: unknown[]): void => {
  for (const listener of fake.appListeners.get(event) ?? []) listener(...args);
};

describe('main process wiring', () => {
  it('turns the sandbox on for every renderer before anything opens', () => {
    expect(fake.app.enableSandbox).toHaveBeenCalled();
  });

  it('opens one hardened window that shows when ready', () => {
    // The second, hidden one carries over a journal from the file:// origin (see the test below).
    expect(fake.windows).toHaveLength(2);
    const [window] = fake.windows;
    expect(window?.options).toMatchObject({
      title: 'Hearth',
      show: false,
      minWidth: 900,
      minHeight: 600,
      webPreferences: {
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        disableBlinkFeatures: 'Auxclick',
      },
    });
    const preload = (window?.options.webPreferences as { preload?: string } | undefined)?.preload;
    expect(preload?.endsWith(join('preload', 'index.cjs'))).toBe(true);
    expect(window?.listeners.has('ready-to-show')).toBe(true);
  });

  it('serves the built page from app://hearth and loads it from there, never a URL from the environment', async () => {
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
    const [scheme, handler] = (fake.protocol.handle.mock.calls[0] ?? []) as unknown[];
    expect(scheme).toBe('app');
    // The real handler, reading out/renderer: a traversal is refused before any file is touched.
    const refused = await (handler as (request: Request) => Promise<Response>)(new Request('app://hearth/..%2f..%2fpackage.json'));
    expect(refused.status).toBe(400);
    const [window] = fake.windows;
    expect(window?.loadFile).not.toHaveBeenCalled();
    expect(window?.loadURL).toHaveBeenCalledWith('app://hearth/index.html');
  });

  it('denies every permission and sets the app menu', () => {
    expect(fake.session.setPermissionRequestHandler).toHaveBeenCalledOnce();
    expect(fake.session.setPermissionCheckHandler).toHaveBeenCalledOnce();
    expect(fake.menu.setApplicationMenu).toHaveBeenCalledOnce();
  });

  it('registers every contract channel, answering only the app’s own page', async () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual([...Object.keys(INVOKE_CHANNELS), ...Object.keys(MIGRATION_PAGE_CHANNELS)].sort());
    const handler = fake.ipcHandlers.get('notification:permission');
    await expect(handler?.({ senderFrame: { url: 'app://hearth/index.html#/settings', parent: null } })).resolves.toBe('granted');
    await expect(handler?.({ senderFrame: { url: 'https://evil.example/', parent: null } })).rejects.toThrow(/refused/);
    const fileUrl = pathToFileURL(join(import.meta.dirname, '../../../out/renderer/index.html')).href;
    await expect(handler?.({ senderFrame: { url: fileUrl, parent: null } })).rejects.toThrow(/refused/);
  });

  it('on a first start, reads the file:// origin in a hidden, locked-down page, and remembers when there was nothing', async () => {
    const page = fake.windows[1];
    expect(page?.options).toMatchObject({
      show: false,
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false },
    });
    const preload = (page?.options.webPreferences as { preload?: string } | undefined)?.preload;
    expect(preload?.endsWith(join('preload', 'migration.cjs'))).toBe(true);
    const pagePath = String(page?.loadFile.mock.calls[0]?.[0]);
    expect(pagePath).toMatch(/renderer[\\/]migrate\.html$/);
    const found = fake.ipcHandlers.get('migration:found');
    // Only that page may report; the app's own page may not.
    await expect(found?.({ senderFrame: { url: 'app://hearth/index.html', parent: null } }, null)).rejects.toThrow(/refused/);
    await expect(found?.({ senderFrame: { url: pathToFileURL(pagePath).href, parent: null } }, null)).resolves.toBeNull();
    expect(page?.destroy).toHaveBeenCalled();
    const marker = JSON.parse(readFileSync(join(fake.state.userData, 'storage-origin-migration.json'), 'utf8')) as unknown;
    expect(marker).toMatchObject({ version: 1, outcome: 'nothing-to-copy' });
    const plan = fake.ipcHandlers.get('storage:migration-plan');
    await expect(plan?.({ senderFrame: { url: 'app://hearth/index.html', parent: null } })).resolves.toEqual({ kind: 'none' });
  });

  it('keeps the hosted relay off until the person turns it on, and stops it before quitting', async () => {
    const handler = fake.ipcHandlers.get('relay:status');
    await expect(handler?.({ senderFrame: { url: 'app://hearth/index.html', parent: null } })).resolves.toEqual({
      enabled: false,
      shareOnNetwork: false,
      state: 'off',
      localUrl: null,
      networkUrls: [],
      problem: null,
    });
    // Nothing runs, so quitting goes ahead at once.
    const event = { preventDefault: vi.fn() };
    emitApp('will-quit', event);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('seals and opens the keychain secret through safeStorage, validating the payload', async () => {
    const event = { senderFrame: { url: 'app://hearth/index.html', parent: null } };
    const created = (await fake.ipcHandlers.get('keychain:create')?.(event)) as { ok: true; secret: string; sealed: string };
    expect(created.ok).toBe(true);
    await expect(fake.ipcHandlers.get('keychain:open')?.(event, { sealed: created.sealed })).resolves.toEqual({ ok: true, secret: created.secret });
    await expect(fake.ipcHandlers.get('keychain:open')?.(event, { sealed: 'not base64url!' })).rejects.toThrow(/invalid payload/);
  });

  it('hardens every webContents that is created', () => {
    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn(), setWebRTCIPHandlingPolicy: vi.fn() };
    emitApp('web-contents-created', {}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledOnce();
    expect(contents.setWebRTCIPHandlingPolicy).toHaveBeenCalledWith('default_public_interface_only');
    expect(contents.on).toHaveBeenCalledWith('will-navigate', expect.any(Function));
  });

  it('claims hearth:// links when installed and opens the Join dialog for one passed to a second launch', () => {
    expect(fake.app.setAsDefaultProtocolClient).toHaveBeenCalledWith('hearth');
    const [window] = fake.windows;
    const send = window?.webContents.send;
    emitApp('second-instance', {}, ['/opt/Hearth/hearth', '--flag', 'hearth://join#HR7K2M9Q']);
    expect(send).toHaveBeenCalledWith('invite:open', 'hearth://join#HR7K2M9Q');
    expect(window?.show).toHaveBeenCalled();
    // macOS hands links over as 'open-url'; anything but an invite link is ignored.
    const event = { preventDefault: vi.fn() };
    emitApp('open-url', event, 'hearth://settings');
    expect(event.preventDefault).toHaveBeenCalled();
    expect(send).toHaveBeenCalledTimes(1);
    emitApp('open-url', event, 'hearth://join#ABCD');
    expect(send).toHaveBeenLastCalledWith('invite:open', 'hearth://join#ABCD');
  });

  it('quits when the last window closes (except on macOS)', () => {
    emitApp('window-all-closed');
    if (process.platform === 'darwin') expect(fake.app.quit).not.toHaveBeenCalled();
    else expect(fake.app.quit).toHaveBeenCalled();
  });
});
