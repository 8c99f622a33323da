// Where the circles multi-peer suite finds the repository, Chromium and its launch flags.
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** Debian's Chromium unless HEARTH_CHROMIUM names another. */
export const CHROMIUM_PATH = process.env.HEARTH_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Flags that let headless Chromium (as root) gather loopback ICE candidates (TESTING.md): without both
 * --allow-loopback-in-peer-connection and a media permission, peers never connect.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--allow-loopback-in-peer-connection',
  '--use-fake-ui-for-media-stream',
];
