// How every test, bench and screenshot run starts Chromium on this kind of machine (TESTING.md).

/** Debian's Chromium unless HEARTH_CHROMIUM names another. */
export const CHROMIUM_PATH = process.env.HEARTH_CHROMIUM ?? '/usr/bin/chromium';

/** Headless flags that work as root here: no sandbox, no GPU, and no background calls to the internet. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Extra flags for WebRTC between browsers on loopback: without both the loopback flag and a media
 * permission (the fake UI grants it), Chromium gathers no ICE candidates and peers never connect.
 */
export const WEBRTC_LOOPBACK_ARGS: readonly string[] = ['--allow-loopback-in-peer-connection', '--use-fake-ui-for-media-stream'];
