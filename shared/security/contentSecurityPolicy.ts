// The page's Content Security Policy, in one place: the production build writes it into index.html as a
// <meta> tag (renderer/cspPlugin.ts) and the desktop app's app:// protocol sends it as a header too
// (electron/main/appProtocol.ts). The Vite dev server gets a looser policy, only while developing.

/** One directive's sources, in the order they are written out. */
export type CspDirectives = Readonly<Record<string, readonly string[]>>;

/**
 * The strict policy for every build that people run.
 *
 * - No inline script or style anywhere: React sets style props through the CSSOM, which CSP allows; the
 *   end-to-end suite fails on any violation, so a library that starts injecting <style> is caught.
 * - 'wasm-unsafe-eval' lets the vault compile its Argon2 WebAssembly; it does not allow eval() of strings.
 * - No remote images: an image URL in a note or a circle post cannot tell anyone that it was seen.
 * - connect-src allows ws: and wss: to any host. Circles meet through a signaling relay that people choose
 *   at run time (this computer, one on their home network, or a community's wss:// relay), and a policy
 *   fixed at build time cannot name it. What crosses a relay is opaque room names and encrypted
 *   handshakes; the guard against a script sending data anywhere is script-src (only the app's own code
 *   runs), and http(s) requests stay limited to the app itself. WebRTC, which carries circle data between
 *   peers, is not governed by CSP at all; the main process limits which addresses it may reveal.
 */
export const STRICT_DIRECTIVES: CspDirectives = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'", 'ws:', 'wss:'],
  'worker-src': ["'self'"],
  'frame-src': ["'none'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

/**
 * Only honoured in a header (a <meta> policy ignores it, with a console warning), so only the app://
 * protocol adds it: no other page may show Hearth in a frame.
 */
const HEADER_ONLY_DIRECTIVES: CspDirectives = {
  'frame-ancestors': ["'none'"],
};

/**
 * The Vite dev server injects <style> elements for hot reloading and an inline module script for React
 * Fast Refresh, so while developing (and only then) inline styles and scripts are allowed.
 */
const DEV_RELAXATIONS: CspDirectives = {
  'script-src': ["'unsafe-inline'"],
  'style-src': ["'unsafe-inline'"],
};

export function serializePolicy(directives: CspDirectives): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

/** The policy a production page declares in its <meta> tag. */
export const PAGE_POLICY = serializePolicy(STRICT_DIRECTIVES);

/** The policy the app:// protocol sends with every response. */
export const HEADER_POLICY = serializePolicy({ ...STRICT_DIRECTIVES, ...HEADER_ONLY_DIRECTIVES });

/** The policy the Vite dev server's page declares. */
export const DEV_PAGE_POLICY = serializePolicy(
  Object.fromEntries(Object.entries(STRICT_DIRECTIVES).map(([name, sources]) => [name, [...sources, ...(DEV_RELAXATIONS[name] ?? [])]])),
);
