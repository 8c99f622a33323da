// A small logger for the renderer; silent in production builds unless HEARTH_DEBUG is set in storage.
/* eslint-disable no-console -- this module is the one place allowed to write to the console */
const enabled = import.meta.env.DEV || globalThis.localStorage?.getItem('HEARTH_DEBUG') === '1';

export const logger = {
  warn(...args: unknown[]): void {
    if (enabled) console.warn('[hearth]', ...args);
  },
  error(...args: unknown[]): void {
    console.error('[hearth]', ...args);
  },
};
