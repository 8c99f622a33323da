// Commands the app menu (and a clicked reminder) send to the renderer.
export const MENU_COMMANDS = [
  'new-check-in',
  'go-today',
  'go-timeline',
  'go-calendar',
  'go-search',
  'go-insights',
  'go-settings',
  'export-json',
  'import-json',
  'open-support',
  'lock',
] as const;

export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}
