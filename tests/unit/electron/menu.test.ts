// The app menu template: standard roles, the app's commands with their shortcuts, and the macOS variant.
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, flattenMenu, type MenuItemTemplate, type MenuOptions } from '../../../electron/main/menu';
import { MENU_COMMANDS, type MenuCommand } from '@shared/ipc/menu';

function build(overrides: Partial<MenuOptions> = {}) {
  const send = vi.fn<(command: MenuCommand) => void>();
  const showAbout = vi.fn();
  const template = buildMenuTemplate({ platform: 'linux', appName: 'Hearth', isPackaged: true, send, showAbout, ...overrides });
  return { template, items: flattenMenu(template), send, showAbout };
}

const byLabel = (items: readonly MenuItemTemplate[], label: string): MenuItemTemplate => {
  const found = items.filter((item) => item.label === label);
  expect(found, `one item labelled ${label}`).toHaveLength(1);
  const [item] = found;
  if (!item) throw new Error(`no ${label}`);
  return item;
};

const roles = (items: readonly MenuItemTemplate[]): string[] => items.flatMap((item) => (item.role ? [item.role] : []));

describe('buildMenuTemplate on Windows and Linux', () => {
  it('has File, Edit, View, Window and Help', () => {
    const { template } = build();
    expect(template.map((menu) => menu.label ?? menu.role)).toEqual(['File', 'Edit', 'View', 'windowMenu', 'help']);
  });

  it('gives every command its shortcut and sends it when clicked', () => {
    const { items, send } = build();
    const expected: [string, MenuCommand, string | undefined][] = [
      ['New Check-in', 'new-check-in', 'CmdOrCtrl+N'],
      ['Export…', 'export-json', undefined],
      ['Import…', 'import-json', undefined],
      ['Today', 'go-today', 'CmdOrCtrl+1'],
      ['Timeline', 'go-timeline', 'CmdOrCtrl+2'],
      ['Calendar', 'go-calendar', 'CmdOrCtrl+3'],
      ['Insights', 'go-insights', 'CmdOrCtrl+4'],
      ['Search', 'go-search', 'CmdOrCtrl+F'],
      ['Lock Hearth', 'lock', 'CmdOrCtrl+Shift+L'],
      ['Settings', 'go-settings', 'CmdOrCtrl+,'],
    ];
    for (const [label, command, accelerator] of expected) {
      const item = byLabel(items, label);
      expect(item.accelerator).toBe(accelerator);
      send.mockClear();
      item.click?.();
      expect(send).toHaveBeenCalledExactlyOnceWith(command);
    }
  });

  it('reaches every menu command', () => {
    const { items, send } = build();
    items.forEach((item) => item.click?.());
    const sent = new Set(send.mock.calls.map(([command]) => command));
    expect([...sent].sort()).toEqual([...MENU_COMMANDS].sort());
  });

  it('uses each shortcut once', () => {
    for (const platform of ['linux', 'darwin', 'win32']) {
      const accelerators = build({ platform }).items.flatMap((item) => (item.accelerator ? [item.accelerator] : []));
      expect(new Set(accelerators).size).toBe(accelerators.length);
    }
  });

  it('has the standard edit roles and Quit in File', () => {
    const { template } = build();
    const [file, edit] = template;
    expect(roles(edit?.submenu ?? [])).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
    expect(roles(file?.submenu ?? [])).toContain('quit');
  });

  it('shows reload and developer tools only in development', () => {
    expect(roles(build({ isPackaged: true }).items)).not.toContain('toggleDevTools');
    expect(roles(build({ isPackaged: true }).items)).not.toContain('reload');
    expect(roles(build({ isPackaged: false }).items)).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
  });

  it('has zoom roles', () => {
    expect(roles(build().items)).toEqual(expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']));
  });

  it('opens Support from Help with F1, on every platform', () => {
    for (const platform of ['linux', 'darwin', 'win32']) {
      const { template, send } = build({ platform });
      const help = template.find((menu) => menu.role === 'help');
      const item = help?.submenu?.find((entry) => entry.label === 'Get Support Now');
      expect(item?.accelerator).toBe('F1');
      item?.click?.();
      expect(send).toHaveBeenCalledExactlyOnceWith('open-support');
    }
  });

  it('opens About from Help', () => {
    const { items, showAbout } = build();
    byLabel(items, 'About Hearth').click?.();
    expect(showAbout).toHaveBeenCalledOnce();
  });
});

describe('buildMenuTemplate on macOS', () => {
  it('starts with the app menu holding About, Settings, Hide and Quit', () => {
    const { template } = build({ platform: 'darwin' });
    const [appMenu] = template;
    expect(appMenu?.label).toBe('Hearth');
    expect(roles(appMenu?.submenu ?? [])).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(appMenu?.submenu?.some((item) => item.label === 'Settings…' && item.accelerator === 'CmdOrCtrl+,')).toBe(true);
  });

  it('keeps Quit out of File and Settings out of View', () => {
    const { template, items } = build({ platform: 'darwin' });
    const file = template.find((menu) => menu.label === 'File');
    expect(roles(file?.submenu ?? [])).not.toContain('quit');
    expect(items.filter((item) => item.accelerator === 'CmdOrCtrl+,')).toHaveLength(1);
    expect(roles(items).filter((role) => role === 'quit')).toHaveLength(1);
  });

  it('has the macOS edit extras', () => {
    const { template } = build({ platform: 'darwin' });
    const edit = template.find((menu) => menu.label === 'Edit');
    expect(roles(edit?.submenu ?? [])).toEqual(expect.arrayContaining(['pasteAndMatchStyle', 'delete']));
  });
});
