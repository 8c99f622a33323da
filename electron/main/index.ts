// The Electron main process: the only module that imports electron. It wires the pieces in this folder
// together — one hardened window, the app menu, validated IPC, the daily reminder, window state and the
// relay the app can host.
import { promises as fsPromises } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, Notification, powerMonitor, protocol, safeStorage, screen, session, shell } from 'electron';
import type { EventChannel, EventPayload } from '@shared/ipc/contract';
import { MIGRATION_PAGE_CHANNELS } from '@shared/ipc/storageMigration';
import type { MenuCommand } from '@shared/ipc/menu';
import { createRelay } from '../../signaling/relay';
import { APP_INDEX_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './appProtocol';
import { openExternalLink } from './externalLinks';
import { createInviteInbox, HEARTH_SCHEME, inviteLinkFromArgs, inviteLinkFromUrl } from './deepLinks';
import { createFileService } from './files';
import { createAppUrlCheck, createFilePageCheck, registerContract, registerIpcHandlers, sendEvent } from './ipc';
import { createKeychain } from './keychain';
import { createLogger } from './log';
import { buildMenuTemplate } from './menu';
import { createRelayHost, RELAY_HOST_FILE } from './relayHost';
import { createReminderScheduler } from './reminder';
import { NOTICE_TEXT } from '@shared/wellbeing/circleNotices';
import { hardenSession, hardenWebContents } from './security';
import { createStorageMigration, MIGRATION_MARKER_FILE, type OldOriginPage } from './storageMigration';
import { fitToDisplays, MIN_WINDOW_SIZE, readWindowState, trackWindowState, WINDOW_STATE_FILE } from './windowState';

const log = createLogger('main');

const APP_ID = 'org.hearth.app';
const APP_NAME = 'Hearth';
/** The window's colour before the page paints, matching the renderer's light and dark backgrounds. */
const BACKGROUND = { light: '#f7f4ef', dark: '#1b1917' } as const;

const preloadPath = join(import.meta.dirname, '../preload/index.cjs');
const rendererFolder = join(import.meta.dirname, '../renderer');
// Only a development build may load its page from a URL given in the environment.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const isAppUrl = createAppUrlCheck({ devServerUrl });
// The hidden page that carries the journal over from the file:// origin of earlier versions (storageMigration.ts).
const migrationPreloadPath = join(import.meta.dirname, '../preload/migration.cjs');
const migrationPagePath = join(rendererFolder, 'migrate.html');
const isMigrationPage = createFilePageCheck({ htmlPath: migrationPagePath, caseInsensitivePaths: process.platform === 'win32' });

let mainWindow: BrowserWindow | null = null;
// Shown notifications stay referenced so they are not garbage-collected before someone clicks them.
const shownNotifications = new Set<Notification>();
const circleNotifications = new Set<Notification>();

app.setName(APP_NAME);
app.enableSandbox();
// The page is served from app://hearth (see appProtocol.ts); the scheme's privileges must be set before ready.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

// hearth://join links: from the command line (Windows, Linux; also a second launch) or 'open-url' (macOS,
// which can arrive before the app is ready). Each one opens the Join dialog, filled in; nothing is sent yet.
const invites = createInviteInbox((link) => {
  revealWindow();
  if (mainWindow) deliverWhenLoaded(mainWindow, 'invite:open', link);
});
app.on('open-url', (event, url) => {
  event.preventDefault();
  const link = inviteLinkFromUrl(url);
  if (link !== undefined) invites.receive(link);
});
const launchInvite = inviteLinkFromArgs(process.argv);
if (launchInvite !== undefined) invites.receive(launchInvite);

app.on('web-contents-created', (_event, contents) => {
  hardenWebContents(contents, { isAppUrl });
});

if (app.requestSingleInstanceLock()) {
  app.on('second-instance', (_event, argv) => {
    const link = inviteLinkFromArgs(argv);
    if (link !== undefined) invites.receive(link);
    // A second launch before this one is ready is answered by the window start() is about to open.
    else if (app.isReady()) revealWindow();
  });
  app.whenReady().then(start).catch((error: unknown) => {
    log.error('could not start', error);
    app.exit(1);
  });
} else {
  // Another Hearth is already running; it has been told to come to the front.
  app.quit();
}

function start(): void {
  hardenSession(session.defaultSession);
  // Electron's fs.promises reads inside the app's asar archive; looked up per call, after Electron patched it.
  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler({
      rendererFolder,
      fs: { realpath: (path) => fsPromises.realpath(path), stat: (path) => fsPromises.stat(path), readFile: (path) => fsPromises.readFile(path) },
    }),
  );
  app.setAboutPanelOptions({ applicationName: APP_NAME, applicationVersion: app.getVersion() });

  const send = (command: MenuCommand): void => {
    const window = mainWindow ?? createWindow();
    deliverWhenLoaded(window, 'menu:command', command);
  };
  // Only an installed Hearth claims hearth:// links; a development run leaves the system's choice alone.
  if (app.isPackaged && !app.setAsDefaultProtocolClient(HEARTH_SCHEME)) log.warn('could not register as the handler for hearth:// links');
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({ platform: process.platform, appName: APP_NAME, isPackaged: app.isPackaged, send, showAbout: () => app.showAboutPanel() }),
    ),
  );

  const reminders = createReminderScheduler({
    now: () => Date.now(),
    timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    setTimer: (callback, delayMs) => setTimeout(callback, delayMs),
    clearTimer: (handle) => clearTimeout(handle),
    showNotification: ({ title, body, onClick }) => {
      if (!Notification.isSupported()) {
        log.warn('this system cannot show notifications; the reminder was not shown');
        return;
      }
      const notification = new Notification({ title, body });
      notification.on('click', onClick);
      notification.on('close', () => shownNotifications.delete(notification));
      shownNotifications.clear();
      shownNotifications.add(notification);
      notification.show();
    },
    openCheckIn: () => {
      revealWindow();
      send('new-check-in');
    },
  });
  powerMonitor.on('resume', () => reminders.recheck());

  const files = createFileService({
    dialogs: {
      showSaveDialog: (options) => (mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options)),
      showOpenDialog: (options) => (mainWindow ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options)),
    },
    defaultDirectory: () => app.getPath('documents'),
    joinPath: join,
  });

  const relayHost = createRelayHost({ createRelay, networkInterfaces, stateFile: join(app.getPath('userData'), RELAY_HOST_FILE) });
  // A failure to start is kept in the relay's status for Settings to show; the app runs on either way.
  relayHost.start().catch((error: unknown) => log.error('the hosted relay could not start', error));
  let relayStopped = false;
  app.on('will-quit', (event) => {
    if (relayStopped || !relayHost.isRunning()) return;
    // Let connected members hear "going away" before the process ends, then quit for real.
    event.preventDefault();
    relayStopped = true;
    relayHost
      .stop()
      .catch((error: unknown) => log.error('the hosted relay did not stop cleanly', error))
      .finally(() => app.quit());
  });

  const storageMigration = createStorageMigration({
    markerPath: join(app.getPath('userData'), MIGRATION_MARKER_FILE),
    openOldOriginPage,
    setTimer: (callback, delayMs) => setTimeout(callback, delayMs),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    now: () => new Date(),
  });
  registerContract(ipcMain, MIGRATION_PAGE_CHANNELS, storageMigration.pageHandlers, isMigrationPage);
  // A development run keeps its journal on the dev server's origin; only installed versions ever used file://.
  if (devServerUrl === undefined) storageMigration.start().catch((error: unknown) => log.error('could not start moving the journal', error));
  const keychain = createKeychain({ safeStorage, platform: process.platform });

  registerIpcHandlers(
    ipcMain,
    {
      'file:save': (request) => files.save(request),
      'file:open': (request) => files.open(request),
      'reminder:configure': (plan) => {
        reminders.configure(plan);
        return null;
      },
      'notification:permission': () => (Notification.isSupported() ? 'granted' : 'denied'),
      'notification:circle': ({ kind }) => showCircleNotice(kind),
      'shell:open-external': async ({ url }) => {
        await openExternalLink(url, {
          confirm: (options) => (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options)),
          openExternal: (link) => shell.openExternal(link),
        });
        return null;
      },
      'relay:status': () => relayHost.status(),
      'relay:configure': (choice) => relayHost.configure(choice),
      'keychain:status': () => keychain.status(),
      'keychain:create': () => keychain.createSecret(),
      'keychain:open': ({ sealed }) => keychain.openSecret(sealed),
      'storage:migration-plan': () => storageMigration.plan(),
      'storage:migration-chunk': ({ index }) => storageMigration.chunk(index),
      'storage:migration-finish': async (report) => {
        await storageMigration.finish(report);
        return null;
      },
    },
    isAppUrl,
  );

  createWindow();
  invites.ready();

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('before-quit', () => reminders.stop());
}

function createWindow(): BrowserWindow {
  const stateFile = join(app.getPath('userData'), WINDOW_STATE_FILE);
  const workAreas = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((display) => display.workArea);
  const state = fitToDisplays(readWindowState(stateFile), workAreas);

  const window = new BrowserWindow({
    title: APP_NAME,
    width: state.width,
    height: state.height,
    ...(state.position ?? {}),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? BACKGROUND.dark : BACKGROUND.light,
    autoHideMenuBar: false,
    // Written out here, in the one place a window is made, so the static check (npm run check:electron) sees them.
    // The preload is the page's only bridge to this process.
    webPreferences: {
      preload: preloadPath,
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
      safeDialogs: true,
      spellcheck: true,
      // Middle-click must not try to open links in new windows (they are denied anyway).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  mainWindow = window;
  trackWindowState(window, stateFile, { setTimer: (callback, delayMs) => setTimeout(callback, delayMs), clearTimer: (handle) => clearTimeout(handle) });

  window.once('ready-to-show', () => {
    if (state.maximized) window.maximize();
    window.show();
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    log.error('the window’s page stopped', details.reason);
  });

  const loading = window.loadURL(devServerUrl ?? APP_INDEX_URL);
  loading.catch((error: unknown) => log.error('could not load the app page', error));
  return window;
}

/**
 * The hidden page on the file:// origin whose preload reads the journal earlier versions kept there. Its web
 * preferences are the main window's, written out again for the static check; it has no script of its own.
 */
function openOldOriginPage(gone: (reason: string) => void): OldOriginPage {
  const page = new BrowserWindow({
    show: false,
    webPreferences: {
      preload: migrationPreloadPath,
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
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  page.webContents.on('did-fail-load', (_event, _code, description) => gone(description));
  page.webContents.on('render-process-gone', (_event, details) => gone(details.reason));
  page.loadFile(migrationPagePath).catch((error: unknown) => gone(error instanceof Error ? error.message : 'it did not load'));
  return {
    close: () => {
      if (!page.isDestroyed()) page.destroy();
    },
  };
}

/** One circle notification with fixed words (never content or a circle's name); resolves when clicked or gone. */
function showCircleNotice(kind: 'post' | 'reply'): Promise<'clicked' | 'closed' | 'not-shown'> {
  if (!Notification.isSupported()) return Promise.resolve('not-shown');
  const notification = new Notification(NOTICE_TEXT[kind]);
  // Some systems never report a notification's close; the oldest references are let go after a few.
  const oldest = circleNotifications.values().next();
  if (circleNotifications.size >= 8 && !oldest.done) circleNotifications.delete(oldest.value);
  circleNotifications.add(notification);
  return new Promise((resolve) => {
    notification.on('click', () => {
      revealWindow();
      resolve('clicked');
    });
    notification.on('close', () => {
      circleNotifications.delete(notification);
      resolve('closed');
    });
    notification.show();
  });
}

function revealWindow(): void {
  const window = mainWindow ?? createWindow();
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/** Sends an event to the page, waiting for it to finish loading if the window is new. */
function deliverWhenLoaded<E extends EventChannel>(window: BrowserWindow, channel: E, payload: EventPayload<E>): void {
  const contents = window.webContents;
  if (contents.isLoading()) contents.once('did-finish-load', () => sendEvent(contents, channel, payload));
  else sendEvent(contents, channel, payload);
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
