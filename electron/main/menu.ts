// The application menu as a plain template (Electron's Menu.buildFromTemplate turns it into a menu):
// standard edit and window roles, the app's own commands with their shortcuts, and a macOS app menu.
import type { MenuCommand } from '@shared/ipc/menu';

/** The Electron menu roles this menu uses. */
export type MenuRole =
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'delete'
  | 'selectAll'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'windowMenu'
  | 'help'
  | 'appMenu';

/** A subset of Electron's MenuItemConstructorOptions. */
export interface MenuItemTemplate {
  readonly label?: string;
  readonly role?: MenuRole;
  readonly accelerator?: string;
  readonly type?: 'separator';
  readonly click?: () => void;
  readonly submenu?: MenuItemTemplate[];
}

export interface MenuOptions {
  readonly platform: string;
  readonly appName: string;
  /** Reload and developer tools appear only in development builds. */
  readonly isPackaged: boolean;
  /** Delivers a command to the renderer. */
  readonly send: (command: MenuCommand) => void;
  /** Shows the About panel (macOS uses the native role instead). */
  readonly showAbout: () => void;
}

const separator: MenuItemTemplate = { type: 'separator' };

export function buildMenuTemplate(options: MenuOptions): MenuItemTemplate[] {
  const mac = options.platform === 'darwin';
  const command = (label: string, name: MenuCommand, accelerator?: string): MenuItemTemplate =>
    accelerator === undefined ? { label, click: () => options.send(name) } : { label, accelerator, click: () => options.send(name) };
  const settings = command(mac ? 'Settings…' : 'Settings', 'go-settings', 'CmdOrCtrl+,');

  const appMenu: MenuItemTemplate = {
    label: options.appName,
    submenu: [
      { role: 'about', label: `About ${options.appName}` },
      separator,
      settings,
      separator,
      { role: 'services' },
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit' },
    ],
  };

  const fileMenu: MenuItemTemplate = {
    label: 'File',
    submenu: [
      command('New Check-in', 'new-check-in', 'CmdOrCtrl+N'),
      separator,
      command('Export…', 'export-json'),
      command('Import…', 'import-json'),
      ...(mac ? [] : [separator, { role: 'quit' } satisfies MenuItemTemplate]),
    ],
  };

  const editMenu: MenuItemTemplate = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } satisfies MenuItemTemplate, { role: 'delete' } satisfies MenuItemTemplate] : []),
      { role: 'selectAll' },
    ],
  };

  const development: MenuItemTemplate[] = options.isPackaged ? [] : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, separator];
  const viewMenu: MenuItemTemplate = {
    label: 'View',
    submenu: [
      command('Today', 'go-today', 'CmdOrCtrl+1'),
      command('Timeline', 'go-timeline', 'CmdOrCtrl+2'),
      command('Calendar', 'go-calendar', 'CmdOrCtrl+3'),
      command('Insights', 'go-insights', 'CmdOrCtrl+4'),
      command('Search', 'go-search', 'CmdOrCtrl+F'),
      separator,
      // Covers the window at once and drops the journal's key; the passcode opens it again.
      command('Lock Hearth', 'lock', 'CmdOrCtrl+Shift+L'),
      // On macOS, Settings lives in the app menu, where people look for it.
      ...(mac ? [] : [settings]),
      separator,
      ...development,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  };

  const windowMenu: MenuItemTemplate = { role: 'windowMenu' };
  const helpMenu: MenuItemTemplate = {
    role: 'help',
    submenu: [command('Get Support Now', 'open-support', 'F1'), ...(mac ? [] : [separator, { label: `About ${options.appName}`, click: options.showAbout } satisfies MenuItemTemplate])],
  };

  return mac ? [appMenu, fileMenu, editMenu, viewMenu, windowMenu, helpMenu] : [fileMenu, editMenu, viewMenu, windowMenu, helpMenu];
}

/** Every item of a template, depth first (tests and accelerator checks read it flat). */
export function flattenMenu(template: readonly MenuItemTemplate[]): MenuItemTemplate[] {
  return template.flatMap((item) => [item, ...flattenMenu(item.submenu ?? [])]);
}
